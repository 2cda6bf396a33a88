"""Build src/cleanup/data/en-words.tsv.gz: English words with their Zipf frequency.

cleanup asks "is this an English word, and how common?" of every unfamiliar
word. wordfreq answers, but importing it and loading its English table takes
about 0.4 s, too long for a pre-commit hook. This script writes the part of
that table the rules need by default (Zipf >= 2.0, about 96,000 words) as a
small gzipped TSV that loads in a fraction of the time. Rarer words fall back
to wordfreq itself (see cleanup/english.py). Deterministic: sorted rows, Zipf
rounded to two decimals, gzip with a fixed timestamp.

Run: python3 tools/build_english_words.py
"""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import wordfreq

FLOOR = 2.0
OUT = Path(__file__).resolve().parent.parent / "src" / "cleanup" / "data" / "en-words.tsv.gz"


def build(floor: float = FLOOR) -> bytes:
    """The gzipped table of English words at or above ``floor`` on the Zipf scale."""
    rows = []
    for word, frequency in wordfreq.get_frequency_dict("en").items():
        zipf = round(math.log10(frequency) + 9, 2)
        if zipf >= floor and "\t" not in word and "\n" not in word:
            rows.append(f"{word}\t{zipf:.2f}")
    return gzip.compress("\n".join(sorted(rows)).encode("utf-8"), compresslevel=9, mtime=0)


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
