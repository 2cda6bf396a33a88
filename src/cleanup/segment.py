"""SEGMENT: find the parts of a text no rule may touch.

The text itself is never altered here (padding or normalising it would shift
every offset). What comes out is a :class:`~cleanup.model.Document` with the
*protected* spans:

* URLs with a scheme or ``www.``, and e-mail addresses;
* in Markdown, code spans (```` `like this` ````), fenced code blocks and
  indented code blocks;
* everything between a ``cleanup: off`` and a ``cleanup: on`` marker (in any
  comment syntax, e.g. ``<!-- cleanup: off -->``), or to the end of the text;
* a word followed by ``[sic]``, with the marker itself.

A bare domain such as ``yandex.ru`` is *not* protected: on a line of its own it
is scraping debris, and inside prose no rule has reason to touch it.
"""

from __future__ import annotations

import regex

from .model import Document, Span

# the bounded scheme and local-part lengths keep the scans linear: an unbounded
# ``[a-z0-9.-]*://`` tries the whole of a long ``a.a.a…`` run at every position
_URL = regex.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://|\bwww\.)[^\s<>\"'`]+")
_URL_TRAIL = ".,;:!?)]}’”'\""
_EMAIL = regex.compile(r"\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b")
_OFF = regex.compile(r"(?im)^.*\bcleanup:\s*off\b.*$")
_ON = regex.compile(r"(?im)^.*\bcleanup:\s*on\b.*$")
_SIC = regex.compile(r"\S{1,100}\s{0,10}\[sic\]", regex.IGNORECASE)
_FENCE = regex.compile(r"(?m)^( {0,3})(`{3,}|~{3,})[^\n]*\n(?:.*\n)*?(?:\1\2[`~]*[ \t]*$|\Z)")
_INDENTED = regex.compile(r"(?m)(?:^[ \t]*\n)((?:(?: {4}|\t)[^\n]*\n?)+)")
_CODE_SPAN = regex.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", regex.DOTALL)


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
        protected=tuple(merge(protected_spans(text, markdown=markdown))),
        markdown=markdown,
        known_terms=known_terms,
    )


def protected_spans(text: str, *, markdown: bool) -> list[Span]:
    """Every protected span of ``text``, unsorted and possibly overlapping."""
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
