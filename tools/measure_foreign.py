"""Measure how well the foreign-word score tells romanised Russian from English.

Run from the repository root, after ``tools/train_foreign.py``::

    python3 tools/measure_foreign.py            # print the figures
    python3 tools/measure_foreign.py --write    # and rewrite docs/foreign-detector.md

Every test word is one the models never saw in training:

* English, held out: the tenth of the training range (the most frequent
  English words) that ``train_foreign.held_out`` kept back;
* English, rare: words beyond the training range, down to the rarest wordfreq
  knows. These are what the detector actually scores, since it skips words
  English uses often; the list's tail also holds foreign words and names, so
  some of its "false positives" are not false;
* Russian, held out: the held-out tenth of the training range of Russian
  words, romanised in the loose scheme and in BGN/PCGN;
* Russian, rare: Russian words ranked just below the training range, which
  are in neither the models nor the lexicon;
* names and borrowings: Russian names and words English has adopted, which
  should look Russian (the detector leaves them to its name and known-word
  rules), and English names, which should not.

All words have at least four letters, like the words the detector scores, and
the Russian ones exclude spellings that are common English words (the
detector never scores those).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import train_foreign
import wordfreq

from cleanup.foreign import ENGLISH_ZIPF, default_scorer, is_english_word
from cleanup.kinds.foreign import DEFAULT_LEXICON_THRESHOLD, DEFAULT_THRESHOLD
from cleanup.translit import is_cyrillic_word, romanize

DOC = ROOT / "docs" / "foreign-detector.md"
MIN_LENGTH = 4
THRESHOLDS = (-0.5, 0.0, 0.25, 0.5, 0.6, 0.75, 1.0, 1.5, 2.0)

RUSSIAN_NAMES = [
    "zinoviev",
    "kamenev",
    "bukharin",
    "trotsky",
    "khrushchev",
    "dostoevsky",
    "tolstoy",
    "chekhov",
    "gorbachev",
    "yeltsin",
    "navalny",
    "medvedev",
    "sakharov",
    "solzhenitsyn",
    "pasternak",
    "akhmatova",
    "tsvetaeva",
    "mayakovsky",
    "rachmaninoff",
    "tchaikovsky",
    "stravinsky",
    "kalashnikov",
    "vyshinsky",
    "dzerzhinsky",
    "yezhov",
    "yagoda",
    "kirov",
    "rykov",
    "tomsky",
    "pyatakov",
    "radek",
    "rakovsky",
    "smirnov",
    "ivanov",
    "petrov",
    "sokolov",
    "kuznetsov",
    "popov",
    "vasiliev",
    "mikhailov",
    "novikov",
    "fyodorov",
    "morozov",
    "volkov",
    "alekseev",
    "lebedev",
    "semenov",
    "yegorov",
    "pavlov",
    "kozlov",
    "stepanov",
    "nikolaev",
    "orlov",
    "andreev",
    "makarov",
    "nikitin",
    "zakharov",
    "zaitsev",
    "solovyov",
    "borisov",
]
BORROWINGS = [
    "sputnik",
    "dacha",
    "borscht",
    "babushka",
    "glasnost",
    "perestroika",
    "gulag",
    "kulak",
    "pogrom",
    "samovar",
    "troika",
    "intelligentsia",
    "apparatchik",
    "nomenklatura",
    "politburo",
    "kolkhoz",
    "sovkhoz",
    "cheka",
    "chekist",
    "komsomol",
    "zemstvo",
    "duma",
    "tsar",
    "tsarina",
    "boyar",
    "verst",
    "kopek",
    "ruble",
    "kvass",
    "pelmeni",
    "blini",
    "shashlik",
    "balalaika",
    "matryoshka",
    "tokamak",
    "molotov",
]
ENGLISH_NAMES = [
    "washington",
    "jefferson",
    "hamilton",
    "churchill",
    "roosevelt",
    "eisenhower",
    "shakespeare",
    "dickens",
    "wellington",
    "birmingham",
    "manchester",
    "edinburgh",
    "nottingham",
    "thompson",
    "robinson",
    "harrison",
    "mitchell",
    "anderson",
    "henderson",
    "fitzgerald",
]


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """The probability that a random positive outscores a random negative (ties count half).

    >>> auc([2.0, 3.0], [1.0, 2.0])
    0.875
    """
    pooled = sorted([(v, 1) for v in positive] + [(v, 0) for v in negative])
    rank_sum = 0.0
    i = 0
    while i < len(pooled):
        j = i
        while j < len(pooled) and pooled[j][0] == pooled[i][0]:
            j += 1
        mid_rank = (i + j + 1) / 2
        rank_sum += mid_rank * sum(label for _, label in pooled[i:j])
        i = j
    p, n = len(positive), len(negative)
    return (rank_sum - p * (p + 1) / 2) / (p * n)


def _plain(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalpha())


def held_out_sets() -> dict[str, list[str]]:
    """The held-out word lists, by class."""
    en = [
        w
        for w in wordfreq.top_n_list("en", 400_000)
        if w.isascii() and w.isalpha() and len(w) >= MIN_LENGTH
    ]
    en_rank = {
        w: i for i, w in enumerate(wordfreq.top_n_list("en", train_foreign.EN_WORDS))
    }
    held = [w for w in en if w in en_rank and train_foreign.held_out(w)]
    rare = [w for w in en if w not in en_rank][::8]
    ru_top = wordfreq.top_n_list("ru", train_foreign.RU_WORDS + 20_000)
    ru_held = [
        w
        for w in ru_top[: train_foreign.RU_WORDS]
        if is_cyrillic_word(w) and train_foreign.held_out(w)
    ]
    ru_rare = [w for w in ru_top[train_foreign.RU_WORDS :] if is_cyrillic_word(w)][::3]

    def romanised(words: list[str], scheme: str) -> list[str]:
        out = (_plain(romanize(w, scheme)) for w in words)
        return [w for w in out if len(w) >= MIN_LENGTH and not is_english_word(w)]

    return {
        "English, held out": held,
        "English, rare": rare,
        "Russian, held out (loose)": romanised(ru_held, "loose"),
        "Russian, held out (BGN)": romanised(ru_held, "bgn"),
        "Russian, rare (loose)": romanised(ru_rare, "loose"),
        "Russian names": RUSSIAN_NAMES,
        "borrowings": BORROWINGS,
        "English names": ENGLISH_NAMES,
    }


def _rate(scores: Sequence[float], threshold: float) -> float:
    return sum(s > threshold for s in scores) / len(scores)


def measure() -> tuple[str, float]:
    """Compute the figures; returns the Markdown table text and the chosen threshold."""
    scorer = default_scorer()
    sets = held_out_sets()
    scores = {name: [scorer.score(w) for w in words] for name, words in sets.items()}
    lines: list[str] = []
    out = lines.append

    out(
        "| class | words | mean score | share above 0 | share above 0.5 | share above 1 |"
    )
    out("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, values in scores.items():
        mean = sum(values) / len(values)
        out(
            f"| {name} | {len(values)} | {mean:.2f} | {_rate(values, 0):.3f} | {_rate(values, 0.5):.3f} | {_rate(values, 1):.3f} |"
        )
    out("")

    ru, en_held, en_rare = (
        scores["Russian, held out (loose)"],
        scores["English, held out"],
        scores["English, rare"],
    )
    out("ROC AUC (Russian held out, loose spelling, against each English class):")
    out("")
    out(f"- against English held out: **{auc(ru, en_held):.3f}**")
    out(f"- against rare English: **{auc(ru, en_rare):.3f}**")
    out(
        f"- BGN spelling against rare English: {auc(scores['Russian, held out (BGN)'], en_rare):.3f}"
    )
    out(
        f"- rare Russian (loose) against rare English: {auc(scores['Russian, rare (loose)'], en_rare):.3f}"
    )
    out("")

    # precision and recall, Russian held out (loose) against rare English, as pooled
    out(
        f"Precision and recall of `score > t`, Russian held out ({len(ru)}) pooled with rare English ({len(en_rare)}):"
    )
    out("")
    out("| t | precision | recall | F1 | false-positive rate |")
    out("| ---: | ---: | ---: | ---: | ---: |")
    best_f1, chosen = -1.0, DEFAULT_THRESHOLD
    grid = sorted(set(THRESHOLDS) | {round(x * 0.05, 2) for x in range(-10, 41)})
    for t in grid:
        tp = sum(s > t for s in ru)
        fp = sum(s > t for s in en_rare)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / len(ru)
        f1 = (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0
        )
        if f1 > best_f1:
            best_f1, chosen = f1, t
        if t in THRESHOLDS:
            out(
                f"| {t:.2f} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {fp / len(en_rare):.3f} |"
            )
    out("")
    out(
        f"The threshold with the best F1 on this pool is **{chosen:.2f}** (F1 {best_f1:.3f})."
    )
    out("")

    # the detector's own decision: the score, or a lower score plus an exact lexicon match
    def flagged(words: list[str], values: list[float]) -> float:
        hits = 0
        for w, s in zip(words, values):
            if s > DEFAULT_THRESHOLD or (
                s > DEFAULT_LEXICON_THRESHOLD and scorer.exact_russian(w)
            ):
                hits += 1
        return hits / len(words)

    out(
        f"The detector's decision at its defaults (`threshold` {DEFAULT_THRESHOLD}, `lexicon_threshold`"
        f" {DEFAULT_LEXICON_THRESHOLD} for exact romanisations of frequent Russian words, words with"
        f" Zipf frequency >= {ENGLISH_ZIPF} skipped as English):"
    )
    out("")
    for name in (
        "English, rare",
        "Russian, held out (loose)",
        "Russian, rare (loose)",
        "Russian names",
        "borrowings",
        "English names",
    ):
        words = sets[name]
        scored = [(w, s) for w, s in zip(words, scores[name]) if not is_english_word(w)]
        if scored:
            share = flagged([w for w, _ in scored], [s for _, s in scored])
            out(
                f"- {name}: {share:.3f} of the {len(scored)} words the detector scores would be reported"
            )
    out("")
    out(
        "(Russian held-out words are in the lexicon, which lists the 50,000 most frequent Russian forms; the"
    )
    out(
        "rare Russian words are not, so their figure is the honest one for unseen words.)"
    )
    return "\n".join(lines), chosen


#: languages written in Latin letters whose words an English text may quote
OTHER_LANGUAGES = ("pl", "cs", "sk", "sl", "sh", "tr", "id", "ms", "fil", "hu", "lt", "it", "pt", "de")


def measure_endings() -> str:
    """How the Russian-ending route (:func:`cleanup.foreign.has_russian_ending`) separates the languages.

    Positives: Russian word forms ranked 50,000-120,000 (beyond the lexicon),
    romanised loose and BGN/PCGN. Negatives: English words below the detector's
    English floor, and the 30,000 most frequent words of each of
    :data:`OTHER_LANGUAGES` that spell no frequent Russian form. A word counts
    when it has the ending and scores above the route's floor, as in the detector.
    """
    import itertools

    from cleanup.foreign import has_russian_ending
    from cleanup.kinds.foreign import DEFAULT_ENDINGS_THRESHOLD

    scorer = default_scorer()

    def plain(w: str) -> bool:
        return w.isascii() and w.isalpha() and w.islower() and len(w) >= 6 and not is_english_word(w, ENGLISH_ZIPF)

    def hit(w: str) -> bool:
        return has_russian_ending(w) and scorer.score(w) > DEFAULT_ENDINGS_THRESHOLD

    russian = {
        romanize(w, scheme).replace("'", "").replace('"', "")
        for w in itertools.islice(wordfreq.iter_wordlist("ru", "large"), 50_000, 120_000)
        if is_cyrillic_word(w)
        for scheme in ("loose", "bgn")
    }
    rows = ["| words | flagged | share |", "| --- | ---: | ---: |"]
    sets = {"Russian, rare, romanised": sorted(w for w in russian if plain(w))}
    sets["English, rare"] = [w for w in itertools.islice(wordfreq.iter_wordlist("en", "large"), 30_000, 400_000) if plain(w)]
    for lang in OTHER_LANGUAGES:
        sets[f"{lang}, 30,000 most frequent"] = [
            w for w in itertools.islice(wordfreq.iter_wordlist(lang, "best"), 0, 30_000)
            if plain(w) and scorer.exact_russian(w) is None
        ]
    for name, words in sets.items():
        n = sum(hit(w) for w in words)
        rows.append(f"| {name} | {n} / {len(words)} | {n / max(1, len(words)):.4f} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures; with ``--write``, also put them into the doc between its markers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"rewrite the figures in {DOC.relative_to(ROOT)}",
    )
    parser.add_argument(
        "--endings",
        action="store_true",
        help="measure the Russian-ending route instead (rare Russian against rare English and 14 other languages)",
    )
    args = parser.parse_args(argv)
    if args.endings:
        print(measure_endings())
        return 0
    table, chosen = measure()
    print(table)
    print(f"\nchosen threshold: {chosen:.2f} (shipped default: {DEFAULT_THRESHOLD})")
    if args.write:
        start, end = "<!-- figures: start -->", "<!-- figures: end -->"
        doc = DOC.read_text(encoding="utf-8")
        head, _, rest = doc.partition(start)
        _, _, tail = rest.partition(end)
        DOC.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
