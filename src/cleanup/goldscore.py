"""Score cleanup on a corpus of MT texts with gold edits: ``cleanup eval DIR``.

A corpus folder holds ``X.txt`` (a machine-translated text) beside
``X.gold.json`` (what an editor would change in it)::

    {"source": "X.txt",
     "edits": [{"id": "x-01", "start": 1216, "end": 1229, "before": "-Organization",
                "accept": ["- “Organization"], "category": "quotes", "severity": "must"}]}

``start``/``end`` are offsets into the text read as UTF-8 with ``newline=''``;
``accept`` lists the replacements an editor accepts (``""`` deletes);
``severity`` is ``must`` (an evident artifact) or ``should`` (wording).

How an output is scored (the corpus's own ``score.py`` scores the same way, and
a test holds the two together on the development split):

1. The original and the output are aligned *paragraph first*: each is cut
   into chunks of one line plus the blank lines after it, the chunks are
   matched with :class:`difflib.SequenceMatcher`, and inside each block of
   chunks that differ the *tokens* (letter runs, digit runs, single white-space
   characters, single punctuation marks) are matched again. Every token run
   that differs is a *change*: a span of the original and a span of the output.
2. Changes and gold edits that overlap or touch (an empty span touches what it
   sits on or against) are joined into *components*.
3. A component with changes is **correct** when its output text equals the
   original with every gold edit inside it replaced by one of its accepted
   forms; **wrong** when it holds gold edits but no such combination matches;
   **spurious** when it holds no gold edit (text the editor left alone).
4. Precision is correct components over all components with changes; recall is
   per gold edit (``recall_must`` over the ``must`` ones).

Scoring the output, not the edit list, is what makes the figure honest for
``fix``: what counts is the text the editor receives, including fixes that a
later pass composed onto earlier ones.

Beyond the score, :func:`evaluate_corpus` runs cleanup twice on every text
(``fix`` and ``fix --unsafe-fixes``), attributes components to the rules whose
edits lie in them, and measures what ``check`` points at: the share of ``must``
edits that any edit or finding of any tier touches.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .model import CleanupError, Edit, Result
from .pipeline import clean_text

# The units of alignment. Python's ``re`` on purpose: ``\w`` and ``\s`` must mean
# exactly what they mean to the corpus scorer.
_TOKEN = re.compile(r"[^\W\d_]+|\d+|\s|[^\w\s]|_")
_CHUNK = re.compile(r"[^\n]*\n(?:[ \t]*\n)*|[^\n]+$")
#: at most this many combinations of accepted forms are tried in one component
_MAX_COMBINATIONS = 256


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One edit an editor would make: a span of the original and its accepted forms."""

    id: str
    start: int
    end: int
    before: str
    accept: tuple[str, ...]
    category: str
    severity: str

    @property
    def must(self) -> bool:
        """An evident artifact (as opposed to wording an editor would improve)."""
        return self.severity == "must"


@dataclass(frozen=True, slots=True)
class Change:
    """A run of tokens that differs: ``[start, end)`` of the original, ``[out_start, out_end)`` of the output."""

    start: int
    end: int
    out_start: int
    out_end: int


@dataclass(frozen=True, slots=True)
class Component:
    """Changes and gold edits that touch, judged together."""

    start: int
    end: int
    outcome: str  # "correct" | "wrong" | "spurious" | "missed"
    gold: tuple[GoldSpan, ...]
    before: str
    after: str


@dataclass(frozen=True)
class Score:
    """How one output scores against one gold."""

    components: tuple[Component, ...]
    gold: tuple[GoldSpan, ...]

    def count(self, outcome: str) -> int:
        return sum(c.outcome == outcome for c in self.components)

    @property
    def proposed(self) -> int:
        return sum(c.outcome != "missed" for c in self.components)

    @property
    def fixed(self) -> frozenset[str]:
        """Ids of the gold edits the output makes correctly."""
        return frozenset(g.id for c in self.components if c.outcome == "correct" for g in c.gold)

    @property
    def precision(self) -> float:
        """Correct over proposed; 0.0 when nothing was proposed (as the corpus scorer reports it)."""
        return self.count("correct") / self.proposed if self.proposed else 0.0

    @property
    def recall_all(self) -> float:
        return len(self.fixed) / len(self.gold) if self.gold else 0.0

    @property
    def recall_must(self) -> float:
        must = [g for g in self.gold if g.must]
        return sum(g.id in self.fixed for g in must) / len(must) if must else 0.0


def read_gold(path: str | Path, original: str | None = None) -> tuple[GoldSpan, ...]:
    """The gold edits of ``path``, checked against ``original`` when given."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        spans = tuple(
            GoldSpan(
                id=str(e["id"]),
                start=int(e["start"]),
                end=int(e["end"]),
                before=str(e["before"]),
                accept=tuple(str(a) for a in e["accept"]),
                category=str(e.get("category", "other")),
                severity=str(e.get("severity", "should")),
            )
            for e in data["edits"]
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise CleanupError(str(path), f"not a gold file: {exc}") from None
    if original is not None:
        for g in spans:
            if original[g.start : g.end] != g.before:
                raise CleanupError(str(path), f"gold edit {g.id} does not match the text at {g.start}-{g.end}")
    return spans


def _tokens(text: str, base: int) -> list[tuple[str, int, int]]:
    return [(m.group(), base + m.start(), base + m.end()) for m in _TOKEN.finditer(text)]


def _offsets(chunks: Sequence[str]) -> list[int]:
    out = [0]
    for chunk in chunks:
        out.append(out[-1] + len(chunk))
    return out


def changes(original: str, output: str) -> Iterator[Change]:
    """The token runs in which ``output`` differs from ``original``, paragraph first.

    >>> [(c.start, c.end, c.out_start, c.out_end) for c in changes("a  b.\\n", "a b.\\n")]
    [(1, 2, 1, 1)]
    """
    ours, theirs = _CHUNK.findall(original), _CHUNK.findall(output)
    at_o, at_p = _offsets(ours), _offsets(theirs)
    blocks = difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in blocks:
        if tag == "equal":
            continue
        o_lo, o_hi, p_lo, p_hi = at_o[i1], at_o[i2], at_p[j1], at_p[j2]
        a = _tokens(original[o_lo:o_hi], o_lo)
        b = _tokens(output[p_lo:p_hi], p_lo)
        matcher = difflib.SequenceMatcher(None, [t[0] for t in a], [t[0] for t in b], autojunk=False)
        for tag2, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag2 == "equal":
                continue
            start = a[a1][1] if a1 < len(a) else o_hi
            end = a[a2 - 1][2] if a2 > a1 else start
            out_start = b[b1][1] if b1 < len(b) else p_hi
            out_end = b[b2 - 1][2] if b2 > b1 else out_start
            yield Change(start, end, out_start, out_end)


def touches(a: int, b: int, c: int, d: int) -> bool:
    """Do ``[a, b)`` and ``[c, d)`` overlap, or does an empty one sit on or against the other?

    >>> touches(0, 2, 1, 3), touches(0, 2, 2, 2), touches(0, 2, 2, 4), touches(3, 3, 0, 5)
    (True, True, False, True)
    """
    if a < d and c < b:
        return True
    if a == b and c <= a <= d:
        return True
    return c == d and a <= c <= b


def score(original: str, output: str, gold: Sequence[GoldSpan]) -> Score:
    """Score ``output`` (cleanup's text) against ``gold`` on ``original``."""
    found = list(changes(original, output))
    # items: (start, end, is_gold, index); a sweep joins the ones that touch
    items = [(g.start, g.end, True, i) for i, g in enumerate(gold)]
    items += [(c.start, c.end, False, i) for i, c in enumerate(found)]
    parent = list(range(len(items)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    order = sorted(range(len(items)), key=lambda k: (items[k][0], items[k][1]))
    for pos, k in enumerate(order):
        for m in order[pos + 1 :]:
            if items[m][0] > items[k][1]:
                break
            if touches(items[k][0], items[k][1], items[m][0], items[m][1]):
                parent[root(k)] = root(m)
    groups: dict[int, list[tuple[int, int, bool, int]]] = defaultdict(list)
    for k, item in enumerate(items):
        groups[root(k)].append(item)

    components = []
    for members in groups.values():
        golds = sorted((gold[m[3]] for m in members if m[2]), key=lambda g: g.start)
        ours = [found[m[3]] for m in members if not m[2]]
        lo, hi = min(m[0] for m in members), max(m[1] for m in members)
        if not ours:
            components.append(Component(lo, hi, "missed", tuple(golds), original[lo:hi], original[lo:hi]))
            continue
        t_lo, t_hi = min(c.start for c in ours), max(c.end for c in ours)
        # the output side: the changes give exact ends; gold-only margins map through equal text
        out_lo = min(c.out_start for c in ours) - (t_lo - lo)
        out_hi = max(c.out_end for c in ours) + (hi - t_hi)
        got = output[out_lo:out_hi]
        if not golds:
            outcome = "spurious"
        else:
            outcome = "correct" if _accepted(original, lo, hi, golds, got) else "wrong"
        components.append(Component(lo, hi, outcome, tuple(golds), original[lo:hi], got))
    components.sort(key=lambda c: (c.start, c.end))
    return Score(tuple(components), tuple(gold))


def _accepted(original: str, lo: int, hi: int, golds: Sequence[GoldSpan], got: str) -> bool:
    """Does ``got`` equal ``original[lo:hi]`` with every gold edit replaced by one of its accepted forms?"""
    for combination in itertools.islice(itertools.product(*(g.accept for g in golds)), _MAX_COMBINATIONS):
        pieces, pos = [], lo
        for g, form in zip(golds, combination):
            pieces += [original[pos : g.start], form]
            pos = g.end
        pieces.append(original[pos:hi])
        if "".join(pieces) == got:
            return True
    return False


# --------------------------------------------------------------------------- the corpus


@dataclass
class TextReport:
    """One corpus text: its gold, the two outputs' scores, and what ``check`` points at."""

    name: str
    size: int
    gold: tuple[GoldSpan, ...]
    safe: Score
    unsafe: Score
    #: ids of must edits that some edit or finding (any tier) touches
    pointed: frozenset[str]
    #: (rule id, outcome) per component, for the selected tier
    rule_outcomes: list[tuple[str, str]] = field(default_factory=list)
    #: review findings: (rule id, hit?)
    finding_outcomes: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def must(self) -> int:
        return sum(g.must for g in self.gold)

    @property
    def check_coverage(self) -> float | None:
        return len(self.pointed) / self.must if self.must else None


@dataclass
class CorpusReport:
    """What ``cleanup eval DIR`` reports."""

    folder: str
    unsafe_fixes: bool
    texts: list[TextReport]

    def tier_score(self, text: TextReport) -> Score:
        return text.unsafe if self.unsafe_fixes else text.safe

    def summary(self) -> dict[str, Any]:
        """Pooled and macro figures for both tiers, check coverage and the do-nothing baseline."""
        out: dict[str, Any] = {"texts": len(self.texts), "gold": sum(len(t.gold) for t in self.texts),
                               "gold_must": sum(t.must for t in self.texts)}
        for label, unsafe in (("safe", False), ("safe+suggest", True)):
            scores = [t.unsafe if unsafe else t.safe for t in self.texts]
            proposed = sum(s.proposed for s in scores)
            correct = sum(s.count("correct") for s in scores)
            with_must = [s for s, t in zip(scores, self.texts) if t.must]
            out[label] = {
                "proposed": proposed,
                "correct": correct,
                "wrong": sum(s.count("wrong") for s in scores),
                "spurious": sum(s.count("spurious") for s in scores),
                "precision": round(correct / proposed, 4) if proposed else None,
                "recall_must_macro": _mean([s.recall_must for s in with_must]),
                "recall_all_macro": _mean([s.recall_all for s in scores if s.gold]),
                "recall_must_pooled": _ratio(
                    sum(sum(g.id in s.fixed for g in s.gold if g.must) for s in scores), out["gold_must"]),
                "recall_all_pooled": _ratio(sum(len(s.fixed) for s in scores), out["gold"]),
            }
        pointed = sum(len(t.pointed) for t in self.texts)
        out["check"] = {
            "must_pointed_at": pointed,
            "coverage_pooled": _ratio(pointed, out["gold_must"]),
            "coverage_macro": _mean([c for t in self.texts if (c := t.check_coverage) is not None]),
            "review_findings": sum(len(t.finding_outcomes) for t in self.texts),
            "review_false_alarms": sum(not hit for t in self.texts for _, hit in t.finding_outcomes),
        }
        out["baseline"] = {"precision": None, "recall_must_macro": 0.0, "recall_all_macro": 0.0}
        return out

    def by_category(self) -> dict[str, dict[str, int]]:
        """Per gold category: edits, must edits, fixed (selected tier), must pointed at by check."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for t in self.texts:
            fixed = self.tier_score(t).fixed
            for g in t.gold:
                row = table[g.category]
                row["gold"] += 1
                row["fixed"] += g.id in fixed
                if g.must:
                    row["must"] += 1
                    row["must_fixed"] += g.id in fixed
                    row["must_pointed"] += g.id in t.pointed
        return {k: dict(v) for k, v in sorted(table.items())}

    def by_rule(self) -> dict[str, dict[str, int]]:
        """Per rule: components it took part in by outcome (selected tier), and its review findings."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for t in self.texts:
            for rule, outcome in t.rule_outcomes:
                table[rule][outcome] += 1
            for rule, hit in t.finding_outcomes:
                table[rule]["hit" if hit else "false_alarm"] += 1
        return {k: dict(v) for k, v in sorted(table.items())}

    def to_json(self) -> str:
        return json.dumps(
            {
                "folder": self.folder,
                "tier": "safe+suggest" if self.unsafe_fixes else "safe",
                "summary": self.summary(),
                "texts": [
                    {
                        "name": t.name,
                        "gold": len(t.gold),
                        "gold_must": t.must,
                        **{label: {"precision": round(s.precision, 4), "recall_all": round(s.recall_all, 4),
                                   "recall_must": round(s.recall_must, 4), "proposed": s.proposed,
                                   "correct": s.count("correct"), "wrong": s.count("wrong"),
                                   "spurious": s.count("spurious")}
                           for label, s in (("safe", t.safe), ("safe+suggest", t.unsafe))},
                        "check_coverage": None if t.check_coverage is None else round(t.check_coverage, 4),
                    }
                    for t in self.texts
                ],
                "categories": self.by_category(),
                "rules": self.by_rule(),
            },
            indent=2,
            ensure_ascii=False,
        )


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def corpus_files(folder: str | Path) -> list[tuple[Path, Path]]:
    """``(text, gold)`` pairs of a corpus folder, in name order; an error when there are none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CleanupError(str(folder), "not a folder")
    pairs = [(p, p.with_name(p.name[: -len(".txt")] + ".gold.json")) for p in sorted(folder.glob("*.txt"))]
    pairs = [(t, g) for t, g in pairs if g.is_file()]
    if not pairs:
        raise CleanupError(str(folder), "no X.txt with an X.gold.json beside it")
    return pairs


def read_text(path: Path) -> str:
    """A corpus text as the gold offsets index it: UTF-8, newlines untranslated."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CleanupError(str(path), f"cannot read: {exc}") from None


def evaluate_text(name: str, text: str, gold: Sequence[GoldSpan], config: Config, *,
                  unsafe_fixes: bool) -> TextReport:
    """Run cleanup on one text in both tiers and score it."""
    safe = clean_text(text, config.merged(unsafe_fixes=False), path=name)
    unsafe = clean_text(text, config.merged(unsafe_fixes=True), path=name)
    chosen = unsafe if unsafe_fixes else safe
    safe_score, unsafe_score = score(text, safe.text, gold), score(text, unsafe.text, gold)
    report = TextReport(name, len(text), tuple(gold), safe_score, unsafe_score,
                        _pointed(unsafe, gold))
    report.rule_outcomes = _attribute(unsafe_score if unsafe_fixes else safe_score, chosen.edits)
    report.finding_outcomes = [
        (e.rule_id, any(_near(e, g) for g in gold)) for e in unsafe.findings if e.tier.value == "review"
    ]
    return report


def _near(edit: Edit, gold: GoldSpan) -> bool:
    return touches(edit.start, edit.end, gold.start, gold.end)


def _pointed(result: Result, gold: Sequence[GoldSpan]) -> frozenset[str]:
    """Must edits that some edit or finding of ``result`` touches: what ``check`` points an editor at."""
    everything = list(result.edits) + list(result.findings)
    return frozenset(g.id for g in gold if g.must and any(_near(e, g) for e in everything))


def _attribute(sc: Score, edits: Iterable[Edit]) -> list[tuple[str, str]]:
    """``(rule id, outcome)`` for each component an applied edit of the rule lies in."""
    out = []
    edits = list(edits)
    for c in sc.components:
        if c.outcome == "missed":
            continue
        rules = {e.rule_id for e in edits if touches(e.start, e.end, c.start, c.end)}
        out += [(rule, c.outcome) for rule in sorted(rules or {"(composed)"})]
    return out


def evaluate_corpus(folder: str | Path, config: Config | None = None, *, unsafe_fixes: bool = False) -> CorpusReport:
    """Score cleanup on every text of a corpus folder."""
    config = config or Config()
    texts = []
    for text_path, gold_path in corpus_files(folder):
        text = read_text(text_path)
        gold = read_gold(gold_path, text)
        texts.append(evaluate_text(text_path.name, text, gold, config, unsafe_fixes=unsafe_fixes))
    return CorpusReport(str(folder), unsafe_fixes, texts)


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def format_corpus(report: CorpusReport, *, details: bool = False) -> str:
    """The text report of ``cleanup eval DIR``."""
    lines = [f"cleanup eval {report.folder}: {len(report.texts)} text(s)", ""]
    lines.append(f"{'text':<40} {'must':>4}  {'safe P':>6} {'R.must':>6}  {'+sugg P':>7} {'R.must':>6} {'R.all':>5}  {'check':>5}")
    for t in report.texts:
        lines.append(
            f"{t.name[:40]:<40} {t.must:>4}  {_pct(t.safe.precision if t.safe.proposed else None):>6} "
            f"{_pct(t.safe.recall_must if t.must else None):>6}  "
            f"{_pct(t.unsafe.precision if t.unsafe.proposed else None):>7} "
            f"{_pct(t.unsafe.recall_must if t.must else None):>6} {_pct(t.unsafe.recall_all if t.gold else None):>5}  "
            f"{_pct(t.check_coverage):>5}"
        )
    s = report.summary()
    lines += ["", f"gold edits: {s['gold']} ({s['gold_must']} must)"]
    for label in ("safe", "safe+suggest"):
        row = s[label]
        lines.append(
            f"{label:<13} precision {_pct(row['precision'])} ({row['correct']}/{row['proposed']}; "
            f"{row['wrong']} wrong, {row['spurious']} on text the gold leaves alone)  "
            f"must-recall macro {_pct(row['recall_must_macro'])} pooled {_pct(row['recall_must_pooled'])}  "
            f"all-recall macro {_pct(row['recall_all_macro'])}"
        )
    c = s["check"]
    lines.append(
        f"check         points at {c['must_pointed_at']}/{s['gold_must']} must edits "
        f"(pooled {_pct(c['coverage_pooled'])}, macro {_pct(c['coverage_macro'])}); "
        f"{c['review_findings']} review finding(s), {c['review_false_alarms']} on text the gold leaves alone"
    )
    lines.append("do nothing    precision    -  must-recall 0.00  all-recall 0.00")
    tier = "safe+suggest" if report.unsafe_fixes else "safe"
    lines += ["", f"by category ({tier}): fixed/gold, must fixed/must, must pointed at by check"]
    for cat, row in report.by_category().items():
        lines.append(f"  {cat:<16} {row.get('fixed', 0):>3}/{row['gold']:<4} "
                     f"{row.get('must_fixed', 0):>3}/{row.get('must', 0):<4} {row.get('must_pointed', 0):>3}")
    lines += ["", f"by rule ({tier}): correct, wrong, spurious components; review hits, false alarms"]
    for rule, row in report.by_rule().items():
        lines.append(f"  {rule:<40} {row.get('correct', 0):>3} {row.get('wrong', 0):>3} {row.get('spurious', 0):>3}"
                     f"   {row.get('hit', 0):>3} {row.get('false_alarm', 0):>3}")
    if details:
        lines += ["", "components (selected tier) that are wrong or on text the gold leaves alone, and misses:"]
        for t in report.texts:
            for comp in report.tier_score(t).components:
                if comp.outcome != "correct":
                    lines.append(f"  {t.name}:{comp.start} {_component_line(comp)}"
                                 + (f"  [{', '.join(g.id + ' ' + g.severity for g in comp.gold)}]" if comp.gold else ""))
    return "\n".join(lines)


def _component_line(comp: Component) -> str:
    """What a component was, what the tool made of it and, where the gold has edits in it, what an editor made.

    A miss shows the editor's forms (the tool's output is the original there).
    """
    expected = " | ".join(f"{g.before[:40]!r} -> {g.accept[0][:40]!r}" for g in comp.gold if g.accept)
    if comp.outcome == "missed":
        return f"{comp.outcome:<8} {comp.before[:60]!r}; gold {expected}"
    shown = f"{comp.outcome:<8} {comp.before[:60]!r} -> {comp.after[:60]!r}"
    return f"{shown}; gold {expected}" if expected and comp.outcome == "wrong" else shown
