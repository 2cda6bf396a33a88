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
* everything between a ``cleanup: off`` and a ``cleanup: on`` marker (in any
  comment syntax, e.g. ``<!-- cleanup: off -->``), or to the end of the text;
* a word followed by ``[sic]``, with the marker itself.

A bare domain such as ``yandex.ru`` is *not* protected: on a line of its own it
is scraping debris, and inside prose no rule has reason to touch it.
"""

from __future__ import annotations

import regex

from .model import Document, Span

_URL = regex.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)[^\s<>\"'`]+")
_URL_TRAIL = ".,;:!?)]}’”'\""
_EMAIL = regex.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_OFF = regex.compile(r"(?im)^.*\bcleanup:\s*off\b.*$")
_ON = regex.compile(r"(?im)^.*\bcleanup:\s*on\b.*$")
_SIC = regex.compile(r"\S+\s*\[sic\]", regex.IGNORECASE)
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
    if rst and "::" in text:
        spans.extend(Span(m.start(1), m.end(1)) for m in _RST_LITERAL.finditer(text))
    if rst and "``" in text:
        spans.extend(Span(m.start(), m.end()) for m in _RST_INLINE.finditer(text))
    if markdown:
        spans.extend(Span(m.start(), m.end()) for m in _FENCE.finditer(text))
        spans.extend(Span(m.start(1), m.end(1)) for m in _INDENTED.finditer(text))
        spans.extend(Span(m.start(), m.end()) for m in _CODE_SPAN.finditer(text))
    return spans


def _off_regions(text: str) -> list[Span]:
    spans = []
    pos = 0
    while (off := _OFF.search(text, pos)) is not None:
        on = _ON.search(text, off.end())
        end = on.end() if on else len(text)
        spans.append(Span(off.start(), end))
        pos = end
    return spans


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
