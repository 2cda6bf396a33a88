"""DETECT: run every selected rule's detector over the document.

Detectors only propose; nothing is applied or dropped here except an edit whose
span does not describe the text it claims to (a bug in a kind, caught early
with the rule's name rather than later as a garbled output).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Document, Edit, Rule


def detect(rules: Iterable[Rule], doc: Document) -> list[Edit]:
    """All candidate edits of ``rules`` on ``doc``, in rule order.

    While the whole document's evidence log is open (``logs`` of
    :attr:`~cleanup.model.Document.evidence_log`: the pipeline opens it with
    an entry for each evidence rule), the facts a rule with an entry reads
    about the whole document are noted there (see :mod:`cleanup.evidence`).
    """
    edits: list[Edit] = []
    log = doc.root.evidence_log
    logs = log.logs
    try:
        for rule in rules:
            if logs is not None:
                log.reads = logs.get(rule.id)
            for edit in rule.detector(doc):
                if not 0 <= edit.start <= edit.end <= len(doc.text) or doc.text[edit.start : edit.end] != edit.original:
                    raise AssertionError(f"rule {rule.id} proposed an edit whose span does not match the text: {edit}")
                edits.append(edit)
    finally:
        log.reads = None
    return edits
