"""Is a text technical writing: documentation with code, commands and identifiers in it?

Technical writing joins words that prose keeps apart (``docstring``,
``bytearray``, ``isinstance``), glues digits to names (``python3``,
``flake8``, ``pybind11``) and writes ``module.Class`` without a space. In
machine-translated prose the same shapes are artifacts; in documentation they
are vocabulary. The kinds whose evidence is a token's shape alone ask
:func:`is_technical` and stand down in such a text.

The signals are ones prose does not produce: code spans in backticks, a
doctest prompt, a call with empty brackets (``get()``), a ``snake_case``
identifier, a dotted call (``regex.search(``), a shell or import line.
"""

from __future__ import annotations

from functools import lru_cache

import regex

#: each signal's pattern starts with a literal character, so a scan skips to it at C speed
_SIGNALS = (
    regex.compile(r"`[^`\n]{1,200}`"),
    regex.compile(r"(?<=^|\n)[ \t]*>>>[ \t]"),
    regex.compile(r"(?<=\b[a-z][\w.]{0,60})\(\)"),
    regex.compile(r"(?<=\b[a-z][a-z0-9]{0,30})_[a-z0-9]{1,30}\b"),
    regex.compile(r"(?<=\b[a-z]\w{0,30})\.[a-z]\w{0,30}\("),
    regex.compile(r"\n[ \t]*(?:\$[ \t]|pip[ \t]+install[ \t]|import[ \t]+\w|from[ \t]+[\w.]+[ \t]+import[ \t]|def[ \t]+\w+\()"),
)

#: this many signals make a text technical (prose has none; a README has dozens)
MIN_SIGNALS = 3


@lru_cache(maxsize=4)
def is_technical(text: str) -> bool:
    """True when ``text`` carries code signals: documentation, not prose.

    >>> is_technical("Call `load()` first, then `parse_args()`; see `run`.")
    True
    >>> is_technical("The plant.The workers agreed; the docstring of history is long.")
    False
    """
    count = 0
    for signal in _SIGNALS:
        for _ in signal.finditer(text):
            count += 1
            if count >= MIN_SIGNALS:
                return True
    return False
