"""The review session without a terminal: decisions, batches, undo, and the text they give."""

from __future__ import annotations

from cleanup import Config, clean_text
from cleanup.decisions import ACCEPTED, DISMISSED, REJECTED
from cleanup.review import Session, items_of, reviewed_result

from .conftest import SAMPLE_RULES

TEXT = ("From tov. Rakovsky and tov. Sosnovsky came letters .\n"
        "The door key was in the castle.\nAnd tov. Radek wrote.\n")


def _session() -> tuple[Session, object]:
    result = clean_text(TEXT, Config(rule_files=(SAMPLE_RULES,)))
    return Session(items_of([("a.txt", result)])), result


def test_a_accepts_the_rest_of_the_rule_and_u_undoes_the_whole_batch() -> None:
    session, result = _session()
    rules = [i.edit.rule_id for i in session.items]
    assert rules == ["ru-en.abbrev.comrade", "ru-en.abbrev.comrade", "trotsky-sample.calque.lock", "ru-en.abbrev.comrade"]
    assert "accepted 3" in session.decide("a")
    assert session.position == 2  # the next undecided item: the castle
    assert session.decide("y").startswith("nothing to apply")  # no replacement: 'e' or 'n'
    session.decide("n")
    assert session.done and session.choices[2].decision == DISMISSED
    session.decide("u")
    assert session.position == 2 and 2 not in session.choices
    session.decide("u")
    assert session.position == 0 and not session.choices


def test_the_reviewed_text_has_the_safe_fixes_and_only_the_accepted_changes() -> None:
    session, result = _session()
    session.decide("y")
    session.decide("n")
    session.decide("e", "lock")
    session.decide("s")
    assert [c.decision for _, c in session.for_file(0)] == [ACCEPTED, REJECTED, ACCEPTED]
    out = reviewed_result(result, session.for_file(0))  # type: ignore[arg-type]
    assert out.text == ("From comrade Rakovsky and tov. Sosnovsky came letters.\n"
                        "The door key was in the lock.\nAnd tov. Radek wrote.\n")
