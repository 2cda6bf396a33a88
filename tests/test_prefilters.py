"""The kinds' shortcuts find exactly what the plain scans find.

Several kinds look only where a match can be (the lines holding a trigger,
the chunks where a lexicon phrase may start, the names as words) or share
one scan among rules (one walk of the whole lexicon per text). Each shortcut
is compared here with the plain scan it replaces, on every text the project
can read (the sample, the corpus's dev and clean texts, the negative corpus)
and on random texts made of the characters the shortcuts hinge on.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from cleanup import Config
from cleanup.kinds import hit_window, lexicon, trigger_windows
from cleanup.kinds.article import _DOUBLED, _doubled_matches
from cleanup.kinds.casing import _LOWER, _PARA_END, NATIONALITIES, name_matches, name_starts, paragraph_ends
from cleanup.kinds.foreign import _WORD as _FOREIGN_WORD
from cleanup.kinds.foreign import text_words
from cleanup.kinds.names import _LETTERS as _NAME_LETTERS
from cleanup.kinds.names import word_counts as names_word_counts
from cleanup.kinds.rugender import _RELATIVE, _relative_matches
from cleanup.model import Tier
from cleanup.pipeline import load_rules
from cleanup.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
TEXTS = [
    ROOT / "samples" / "trotsky-expulsion.ru-en.mt.txt",
    *sorted((SHARED / "dev").glob("*.txt")),
    *sorted(p for p in (SHARED / "clean").glob("*") if p.suffix in (".txt", ".md", ".rst")),
    *sorted(p for p in (ROOT / "tests" / "corpus" / "clean").iterdir() if p.suffix in (".txt", ".md")),
]


def _random_texts(alphabet: str, n: int = 3000, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80))) for _ in range(n)]


def _plain_trigger_windows(text: str, triggers: Sequence[str]) -> list[tuple[int, int]]:
    """The reference: every hit of every trigger, sorted, folded into windows one by one."""
    found = []
    for trigger in triggers:
        pos = text.find(trigger)
        while pos != -1:
            found.append((pos, pos + len(trigger)))
            pos = text.find(trigger, pos + 1)
    windows: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if windows and end <= windows[-1][1]:
            continue
        lo, hi = hit_window(text, start, end)  # the window's shape is shared; the fold is what is compared
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def test_trigger_windows_are_the_plain_fold_of_every_hit() -> None:
    rnd = random.Random(3)
    for text in _random_texts("ab .\n,x"):
        triggers = ["".join(rnd.choice("ab .\n,x") for _ in range(rnd.randint(1, 3))) for _ in range(rnd.randint(1, 4))]
        assert trigger_windows(text, triggers) == _plain_trigger_windows(text, triggers), (text, triggers)
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for triggers in ([" ."], [" ,", " .", " ;"], ["\n\n\n"], ["the", "he"], ["e", " "]):
            assert trigger_windows(text, triggers) == _plain_trigger_windows(text, triggers)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_line_prefilters_find_what_the_whole_text_scan_finds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # the texts hold few of these: add some, on lines of their own and inside lines
    text += "\nThe factory, who worked. The plant whom\nwhole and whole and whole, and very and very big and big"
    assert _spans(_relative_matches(text)) == _spans(_RELATIVE.finditer(text))
    assert _spans(_doubled_matches(text)) == _spans(_DOUBLED.finditer(text))
    names = NATIONALITIES | {"x-ray", "tatar"}
    plain = [m.span() for m in _LOWER.finditer(text) if m.group(1) in names]
    assert [m.span() for m in name_matches(text, name_starts(names)) if m.group(1) in names] == plain
    assert _spans(paragraph_ends(text)) == _spans(_PARA_END.finditer(text))


def test_line_prefilters_on_random_texts() -> None:
    rnd = random.Random(5)
    pieces = ["and", "who", "Whom", "whom", "the", "factory", "plant", "russian", "big", " ", " ", "\t", "\n", ",", ".", "-", "’"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40))) for _ in range(3000)]
    found = 0
    for text in texts:
        found += len(list(_DOUBLED.finditer(text))) + len(list(_RELATIVE.finditer(text)))
        assert _spans(_relative_matches(text)) == _spans(_RELATIVE.finditer(text))
        assert _spans(_doubled_matches(text)) == _spans(_DOUBLED.finditer(text))
        plain = [m.span() for m in _LOWER.finditer(text) if m.group(1) in NATIONALITIES]
        assert [m.span() for m in name_matches(text, name_starts(NATIONALITIES)) if m.group(1) in NATIONALITIES] == plain
    assert found > 20  # the random texts do hold matches


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_one_lexicon_walk_finds_what_each_rules_own_trie_finds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = segment(text)
    rules = [r for r in load_rules(Config()).rules if r.kind == "lexicon"]
    assert rules
    for rule in rules:
        name = rule.params["lexicon"]
        tier = Tier(rule.params.get("entries", rule.tier.value))
        entries = [e for e in lexicon.load_lexicon(name) if e.tier is tier and e.category == rule.category]
        own = lexicon._build_trie(entries)

        def accept(start: int, end: int, entry: lexicon.Entry, form: lexicon.Form) -> bool:
            return (
                lexicon._case_allows(form, text[start:end])
                and all(g.holds(text, start, end) for g in entry.guards)
                and not doc.is_protected(start, end)
            )

        def keep(entry: lexicon.Entry) -> bool:
            return entry.tier is tier and entry.category == rule.category  # noqa: B023

        plain = list(lexicon.find_phrases(own, text, accept))
        shared = list(lexicon._choose(lexicon._found_for(name, text, keep, lambda: own), lexicon._chunks(text), accept))  # noqa: B023
        assert shared == plain, rule.id
        everything = list(lexicon.find_phrases(own, text))
        assert list(lexicon._choose(lexicon._found_for(name, text, keep, lambda: own), lexicon._chunks(text), lambda *_: True)) == everything  # noqa: B023


def _plain_walk_starts(root: lexicon._Node, text: str) -> list[int]:
    """The reference: every chunk the index says a phrase may start at, walked, kept when the walk finds one."""
    spans, index, digits = lexicon._chunk_spans(text)
    return [i for i in lexicon._starts(root, index, digits)
            if lexicon._opens(root, spans[i][4]) and lexicon._walk(root, text, spans, i)]


def _check_chunks(text: str, roots: Sequence[lexicon._Node]) -> None:
    spans = lexicon._chunk_spans(text)[0]
    chunks = lexicon._Chunks(text)
    assert [chunks[j] for j in range(len(chunks))] == list(spans)
    for root in roots:
        starts = chunks.starts_of(root)
        assert starts == sorted(set(starts))
        walked = [i for i in starts if lexicon._walk(root, text, chunks, i)]
        assert walked == _plain_walk_starts(root, text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_lexicon_chunks_and_starts_are_the_plain_scans(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rules = [r for r in load_rules(Config()).rules if r.kind == "lexicon"]
    roots = [lexicon._build_trie(lexicon.load_lexicon(rules[0].params["lexicon"]))]
    for rule in rules:
        tier = Tier(rule.params.get("entries", rule.tier.value))
        roots.append(lexicon._build_trie([e for e in lexicon.load_lexicon(rule.params["lexicon"])
                                          if e.tier is tier and e.category == rule.category]))
    _check_chunks(text, roots)
    _check_chunks(" \n" + text[:5000] + " \t", roots[:1])


def test_lexicon_chunks_and_starts_on_random_texts() -> None:
    root = lexicon._Node()
    for phrase in ("in the framework of", "the", "of the", "<n> mln", "so-called", "e.g.", "«on» the"):
        node = root
        for word in phrase.split():
            node = node.child(word)
        node.hits.append((phrase, phrase))  # type: ignore[arg-type]
    rnd = random.Random(11)
    pieces = ["in", "the", "The", "framework", "of", "OF", "5", "mln", "so-called", "e.g.", "«on»", "«", "ß", "(",
              ")", ".", ",", "’s", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2009"]
    found = 0
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        _check_chunks(text, [root])
        found += len(_plain_walk_starts(root, text))
    assert found > 500  # the random texts do hold phrases


def test_paragraph_ends_and_names_on_random_texts() -> None:
    rnd = random.Random(13)
    pieces = ["ab", "c,", "Word", "word", "russian", "russians", "arab", "arable", "é", "\u0301", " ", "\t", "\n",
              "\n\n", "\n \n", "\r\n", ",", ".", "-", "’", "'", "@"]
    found = 0
    for _ in range(4000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        plain = _spans(_PARA_END.finditer(text))
        found += len(plain)
        assert _spans(paragraph_ends(text)) == plain, text
        names = frozenset({"russian", "russians", "arab", "word"})
        plain_names = [m.span() for m in _LOWER.finditer(text) if m.group(1) in names]
        assert [m.span() for m in name_matches(text, name_starts(names)) if m.group(1) in names] == plain_names, text
    assert found > 100  # the random texts do hold paragraph ends


def _same_branch(a: lexicon._Node, b: lexicon._Node) -> bool:
    """Two tries alike in every word, spelling and order (the walk's order follows the children's)."""
    return (
        list(a.exact) == list(b.exact)
        and a.hits == b.hits
        and [n[:2] for n in a.numbered] == [n[:2] for n in b.numbered]
        and all(_same_branch(a.exact[k], b.exact[k]) for k in a.exact)
        and all(_same_branch(x[3], y[3]) for x, y in zip(a.numbered, b.numbered))
    )


def test_the_lazy_lexicon_trie_grows_the_branches_the_whole_build_makes() -> None:
    name = next(r for r in load_rules(Config()).rules if r.kind == "lexicon").params["lexicon"]
    entries = lexicon.load_lexicon(name)
    full = lexicon._build_trie(entries)
    lazy = lexicon._LazyTrie(entries)
    assert not lazy.root.exact and full.exact  # no branch of a literal first word is built before a text asks
    assert [n[:2] for n in lazy.root.numbered] == [n[:2] for n in full.numbered]
    assert all(_same_branch(x[3], y[3]) for x, y in zip(lazy.root.numbered, full.numbered))
    # every text the project holds, then every first word: each branch as the whole build makes it
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        chunks = lexicon._Chunks(text)
        grown = [i for i in chunks.starts_of(lazy.root, lazy.grow) if lexicon._walk(lazy.root, text, chunks, i)]
        assert grown == _plain_walk_starts(full, text)
        assert all(_same_branch(lazy.root.exact[k], full.exact[k]) for k in lazy.root.exact)
    lazy.grow(list(full.exact))
    assert sorted(lazy.root.exact) == sorted(full.exact)
    assert all(_same_branch(lazy.root.exact[k], full.exact[k]) for k in full.exact)


def test_words_from_the_pieces_are_the_whole_text_scans() -> None:
    rnd = random.Random(17)
    pieces = ["Lenin", "tovarishch", "’s", "'", "2x", "_", "é", "\u0301", "\u200d", "-", " ", "\n", "\t", "\u00a0",
              "\u2009", "\x1c", "\u3000", "ГПУ", "x1", ".", "("]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    for text in texts + [p.read_text(encoding="utf-8") for p in TEXTS]:
        chunks = Counter(text.split())
        assert text_words(chunks) == set(_FOREIGN_WORD.findall(text)), text[:200]
        assert names_word_counts(text, chunks) == Counter(_NAME_LETTERS.findall(text)), text[:200]
