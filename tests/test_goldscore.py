"""``cleanup eval DIR``: the corpus scorer, and its agreement with the corpus's own ``score.py``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cleanup import Config
from cleanup.goldscore import GoldSpan, corpus_files, evaluate_corpus, read_text, score
from cleanup.pipeline import clean_text

from .conftest import SHARED_CORPUS, need_shared


def gold(*spans: tuple[int, int, str, list[str], str]) -> list[GoldSpan]:
    return [GoldSpan(f"g{i}", s, e, b, tuple(a), "spacing", sev) for i, (s, e, b, a, sev) in enumerate(spans)]


TEXT = "The plant .It was built in 1950 , and the the workers came."


def test_a_fix_the_gold_accepts_is_correct() -> None:
    g = gold((9, 12, " .I", [". I"], "must"))
    out = "The plant. It was built in 1950 , and the the workers came."
    sc = score(TEXT, out, g)
    assert [c.outcome for c in sc.components] == ["correct"]
    assert sc.precision == 1.0 and sc.recall_must == 1.0


def test_a_partial_fix_of_a_component_is_wrong() -> None:
    g = gold((9, 12, " .I", [". I"], "must"))
    out = "The plant.It was built in 1950 , and the the workers came."
    sc = score(TEXT, out, g)
    assert [c.outcome for c in sc.components] == ["wrong"]
    assert sc.precision == 0.0 and sc.recall_all == 0.0


def test_a_change_the_gold_does_not_have_is_spurious_and_misses_are_counted() -> None:
    g = gold((38, 45, "the the", ["the"], "must"), (31, 33, " ,", [","], "should"))
    out = "The plant .It was built in 1950 , and the workers came!"
    sc = score(TEXT, out, g)
    outcomes = sorted(c.outcome for c in sc.components)
    assert outcomes == ["correct", "missed", "spurious"]
    assert sc.recall_must == 1.0 and sc.recall_all == 0.5 and sc.precision == 0.5


def test_doing_nothing_proposes_nothing() -> None:
    g = gold((9, 11, " .", ["."], "must"))
    sc = score(TEXT, TEXT, g)
    assert sc.proposed == 0 and sc.precision == 0.0 and sc.recall_must == 0.0


def _score_py() -> ModuleType:
    path = need_shared(SHARED_CORPUS / "score.py")
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_figures_agree_with_the_corpus_scorer_on_the_dev_split(unsafe: bool) -> None:
    reference = _score_py()
    pairs = corpus_files(need_shared(SHARED_CORPUS / "dev"))
    assert len(pairs) >= 20
    for text_path, gold_path in pairs:
        text = read_text(text_path)
        output = clean_text(text, Config(unsafe_fixes=unsafe), path=text_path.name).text
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        theirs = reference.summarize(reference.score(text, output, data), data["edits"])
        from cleanup.goldscore import read_gold

        ours = score(text, output, read_gold(gold_path, text))
        mine = {
            "precision": round(ours.precision, 4), "recall_all": round(ours.recall_all, 4),
            "recall_must": round(ours.recall_must, 4), "proposed": ours.proposed,
            "correct": ours.count("correct"), "wrong": ours.count("wrong"), "spurious": ours.count("spurious"),
        }
        assert mine == {k: theirs[k] for k in mine}, text_path.name


def test_figures_agree_on_outputs_that_change_a_lot() -> None:
    """Outputs far from cleanup's own (the gold edition, and a mangled text) score the same in both."""
    reference = _score_py()
    for text_path, gold_path in corpus_files(need_shared(SHARED_CORPUS / "dev"))[:8]:
        text = read_text(text_path)
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        edition = reference.apply_gold(text, data)
        mangled = text.replace(" the ", " teh ").replace(".\n", "\n\n")
        from cleanup.goldscore import read_gold

        for output in (edition, mangled):
            theirs = reference.summarize(reference.score(text, output, data), data["edits"])
            ours = score(text, output, read_gold(gold_path, text))
            assert (round(ours.precision, 4), round(ours.recall_must, 4), ours.proposed) == (
                theirs["precision"], theirs["recall_must"], theirs["proposed"]), text_path.name
        # the gold edition is perfect by construction
        assert score(text, edition, read_gold(gold_path, text)).recall_all == 1.0


def test_eval_dir_on_the_command_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t1.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "t1.gold.json").write_text(json.dumps({"source": "t1.txt", "edits": [
        {"id": "a", "start": 9, "end": 12, "before": " .I", "accept": [". I"], "category": "spacing", "severity": "must"},
        {"id": "b", "start": 31, "end": 33, "before": " ,", "accept": [","], "category": "spacing", "severity": "must"},
        {"id": "c", "start": 38, "end": 42, "before": "the ", "accept": [""], "category": "repeat", "severity": "must"},
    ]}), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cleanup", "eval", str(corpus), "--format", "json", "--isolated"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["summary"]["texts"] == 1 and data["summary"]["gold_must"] == 3
    row = data["texts"][0]
    expected = evaluate_corpus(corpus, Config()).texts[0]
    assert row["safe"]["recall_must"] == round(expected.safe.recall_must, 4)
    assert set(data["categories"]) == {"spacing", "repeat"}
    text_run = subprocess.run([sys.executable, "-m", "cleanup", "eval", str(corpus), "--isolated"],
                              capture_output=True, text=True, check=False)
    assert "must-recall macro" in text_run.stdout and "by rule" in text_run.stdout


def test_eval_dir_refuses_a_folder_without_gold(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("text", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cleanup", "eval", str(tmp_path)], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 2
    assert "no X.txt with an X.gold.json" in run.stderr and "Traceback" not in run.stderr
