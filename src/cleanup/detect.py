"""DETECT: run every selected rule's detector over the document.

Detectors only propose; nothing is applied or dropped here except an edit whose
span does not describe the text it claims to (a bug in a kind, caught early
with the rule's name rather than later as a garbled output).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Document, Edit, Rule


def detect(rules: Iterable[Rule], doc: Document) -> list[Edit]:
    """All candidate edits of ``rules`` on ``doc``, in rule order."""
    edits: list[Edit] = []
    for rule in rules:
        for edit in rule.detector(doc):
            if not 0 <= edit.start <= edit.end <= len(doc.text) or doc.text[edit.start : edit.end] != edit.original:
                raise AssertionError(f"rule {rule.id} proposed an edit whose span does not match the text: {edit}")
            edits.append(edit)
    return edits
