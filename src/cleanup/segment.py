"""SEGMENT: find the parts of a text no rule may touch.

The text itself is never altered here (padding or normalising it would shift
every offset). What comes out is a :class:`~cleanup.model.Document` with the
*protected* spans:

* URLs with a scheme or ``www.``, and e-mail addresses;
* in Markdown, code spans (```` `like this` ````), fenced code blocks and
  indented code blocks;
* in reStructuredText (a path ending in ``.rst``), inline literals
  (````like this````) and literal blocks: the indented block after a line
  ending in ``::``, and the body of code directives (``.. code-block::``);
* everything between a ``cleanup: off`` and a ``cleanup: on`` marker, whole
  lines (the two may share a line), or to the end of the text;
* every ``cleanup:`` marker comment itself;
* a word followed by ``[sic]``, with the marker itself;
* in any format, a doctest block: a line starting with the ``>>>`` prompt and
  the lines after it up to a blank line (session output is not prose).

A marker counts only inside a comment: ``<!-- cleanup: off -->``,
``/* cleanup: off */``, a line comment at the end of a line (``# cleanup: off``,
``// cleanup: off``, ``% cleanup: off``) or a reST comment line
(``.. cleanup: off``); the same words in prose are prose.

``cleanup: ignore`` suppresses every finding on its line, and
``cleanup: ignore[rule.id, other.prefix]`` those of the rules named (by id or
dotted prefix); a marker alone on its line covers the next line instead. The
suppressions go on the document (:attr:`~cleanup.model.Document.suppressions`)
and the pipeline drops what they cover before resolving.

A bare domain such as ``yandex.ru`` is *not* protected: on a line of its own it
is scraping debris, and inside prose no rule has reason to touch it.
"""

from __future__ import annotations

import regex

from .model import Document, Span, Suppression

# the bounded scheme and local-part lengths keep the scans linear: an unbounded
# ``[a-z0-9.-]*://`` tries the whole of a long ``a.a.a…`` run at every position
_URL = regex.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://|\bwww\.)[^\s<>\"'`]+")
_URL_TRAIL = ".,;:!?)]}’”'\""
_EMAIL = regex.compile(r"\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b")
_DIRECTIVE = r"cleanup:[ \t]*(?P<what>off|on|ignore)(?:\[(?P<rules>[^\]\n]*)\])?"
_MARKER = regex.compile(
    rf"<!--[ \t]*{_DIRECTIVE}[ \t]*-->"
    rf"|/\*[ \t]*{_DIRECTIVE}[ \t]*\*/"
    rf"|(?:^|(?<=[ \t]))(?:\#+|//|%+|;+)[ \t]*{_DIRECTIVE}[ \t]*$"
    rf"|^[ \t]*\.\.[ \t]+{_DIRECTIVE}[ \t]*$",
    regex.MULTILINE | regex.IGNORECASE,
)
_SIC = regex.compile(r"\S{1,100}\s{0,10}\[sic\]", regex.IGNORECASE)
_FENCE = regex.compile(r"(?m)^( {0,3})(`{3,}|~{3,})[^\n]*\n(?:.*\n)*?(?:\1\2[`~]*[ \t]*$|\Z)")
_INDENTED = regex.compile(r"(?m)(?:^[ \t]*\n)((?:(?: {4}|\t)[^\n]*\n?)+)")
_CODE_SPAN = regex.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", regex.DOTALL)
#: reST: a line ending in '::' (a paragraph's, or a directive's such as
#: '.. code-block:: python' followed by nothing), blank lines, then an indented block
_RST_LITERAL = regex.compile(
    r"(?m)(?:::|^[ \t]*\.\.[ \t]+(?:code|code-block|sourcecode|literalinclude|math|raw|highlight|parsed-literal)::[^\n]*)"
    r"[ \t]*\n(?:[ \t]*\n)+((?:[ \t]+\S[^\n]*(?:\n|\Z))(?:[ \t]+\S[^\n]*(?:\n|\Z)|[ \t]*\n(?=[ \t]*\n|[ \t]+\S))*)"
)
#: reST inline literal: ``text``, not across a blank line
_RST_INLINE = regex.compile(r"(?<![`\w])``(?![\s`])(?:[^`\n]|`(?!`)|\n(?![ \t]*\n))+?``(?![`\w])")
RST_SUFFIXES = (".rst", ".rest")
#: a doctest block: a '>>> ' line and every line after it up to a blank one
_DOCTEST = regex.compile(r"(?m)^[ \t]*>>>(?:[ \t][^\n]*)?$(?:\n[ \t]*\S[^\n]*)*")


def segment(
    text: str,
    *,
    path: str | None = None,
    markdown: bool = False,
    known_terms: frozenset[str] = frozenset(),
) -> Document:
    """Build the :class:`Document` for ``text`` with its protected spans.

    >>> doc = segment("Go to https://example.org/a. Now [sic] here")
    >>> [doc.text[s.start:s.end] for s in doc.protected]
    ['https://example.org/a', 'Now [sic]']
    """
    return Document(
        text=text,
        path=path,
        protected=tuple(merge(protected_spans(text, markdown=markdown, rst=_is_rst(path)))),
        markdown=markdown,
        known_terms=known_terms,
        suppressions=suppressions(text) if "cleanup:" in text.lower() else (),
    )


def _is_rst(path: str | None) -> bool:
    return path is not None and path.lower().endswith(RST_SUFFIXES)


def protected_spans(text: str, *, markdown: bool, rst: bool = False) -> list[Span]:
    """Every protected span of ``text``, unsorted and possibly overlapping.

    >>> text = "Run this::\\n\\n    x = 1 ,2\\n\\nThen ``a ,b`` here ."
    >>> [text[s.start:s.end] for s in protected_spans(text, markdown=False, rst=True)]
    ['    x = 1 ,2\\n', '``a ,b``']
    """
    spans: list[Span] = []
    # each scan runs only when its telltale literal is in the text at all
    urls = _URL.finditer(text) if "://" in text or "www." in text else ()
    for m in urls:
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TRAIL:
            # a closing bracket belongs to the URL only if the URL opened one
            if text[end - 1] == ")" and text.count("(", m.start(), end) >= text.count(")", m.start(), end):
                break
            end -= 1
        spans.append(Span(m.start(), end))
    if "@" in text:
        spans.extend(Span(m.start(), m.end()) for m in _EMAIL.finditer(text))
    if "[sic]" in text.lower():
        spans.extend(Span(m.start(), m.end()) for m in _SIC.finditer(text))
    if "cleanup:" in text.lower():
        spans.extend(_off_regions(text))
    if ">>>" in text:
        spans.extend(Span(m.start(), m.end()) for m in _DOCTEST.finditer(text))
    if rst and "::" in text:
        spans.extend(Span(m.start(1), m.end(1)) for m in _RST_LITERAL.finditer(text))
    if rst and "``" in text:
        spans.extend(Span(m.start(), m.end()) for m in _RST_INLINE.finditer(text))
    if markdown:
        spans.extend(Span(m.start(), m.end()) for m in _FENCE.finditer(text))
        spans.extend(Span(m.start(1), m.end(1)) for m in _INDENTED.finditer(text))
        spans.extend(Span(m.start(), m.end()) for m in _CODE_SPAN.finditer(text))
    return spans


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _off_regions(text: str) -> list[Span]:
    r"""The ``off``…``on`` regions (whole lines) and every marker comment.

    >>> t = "a .\nb <!-- cleanup: off --> c . <!-- cleanup: on -->\nd ."
    >>> [t[s.start:s.end] for s in merge(_off_regions(t))]
    ['b <!-- cleanup: off --> c . <!-- cleanup: on -->']
    >>> _off_regions("Turn cleanup: off the season.")
    []
    """
    spans = []
    off_at: int | None = None
    for m in _MARKER.finditer(text):
        spans.append(Span(m.start(), m.end()))
        what = m.group("what").lower()
        if what == "off" and off_at is None:
            off_at = _line_start(text, m.start())
        elif what == "on" and off_at is not None:
            spans.append(Span(off_at, _line_end(text, m.end())))
            off_at = None
    if off_at is not None:
        spans.append(Span(off_at, len(text)))
    return spans


def suppressions(text: str) -> tuple[Suppression, ...]:
    r"""The lines ``cleanup: ignore`` markers cover, with the rules they name (none: all).

    >>> t = "one .  # cleanup: ignore[spacing]\n<!-- cleanup: ignore -->\nthree .\nfour ."
    >>> [(t[s.start:s.end], s.rules) for s in suppressions(t)]
    [('one .  # cleanup: ignore[spacing]', ('spacing',)), ('three .', ())]
    """
    out = []
    for m in _MARKER.finditer(text):
        if m.group("what").lower() != "ignore":
            continue
        rules = tuple(r.strip() for r in (m.group("rules") or "").split(",") if r.strip())
        start, end = _line_start(text, m.start()), _line_end(text, m.end())
        alone = not (text[start : m.start()].strip() or text[m.end() : end].strip())
        if alone:
            if end >= len(text):
                continue
            start, end = end + 1, _line_end(text, end + 1)
        out.append(Suppression(start, end, rules))
    return tuple(out)


def merge(spans: list[Span]) -> list[Span]:
    """Sort ``spans`` and merge the ones that overlap or touch.

    >>> merge([Span(5, 9), Span(0, 2), Span(8, 12), Span(12, 13)])
    [Span(start=0, end=2), Span(start=5, end=13)]
    """
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.end <= span.start:
            continue
        if out and span.start <= out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out
