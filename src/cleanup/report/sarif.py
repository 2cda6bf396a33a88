"""SARIF 2.1.0 for code-scanning tools (``cleanup check --format sarif``).

One rule descriptor per rule that ran (and one for each cross-file rule that
reported), one result per finding with its physical location (line, column and
character offsets into the file's own text, columns in Unicode code points, as
the run's ``columnKind`` and properties say), the level from the tier, and a
``fix`` for every change that carries a replacement. Partial fingerprints carry
the context fingerprint the decisions ledger and the baseline use.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ..model import Edit, Tier
from .base import OFFSETS_NOTE, FileReport, Report

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

#: safe fixes are certain artifacts; suggestions usually are; review findings need a human
LEVELS = {Tier.SAFE: "error", Tier.SUGGEST: "warning", Tier.REVIEW: "note"}

_ACROSS_DESCRIPTIONS = {
    "names.across-files": "A name spelled more than one way across the files checked together (a book in chapters).",
}


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative, with ``/`` and escapes.

    >>> artifact_uri("book/chapter 1.txt"), artifact_uri("-")
    ('book/chapter%201.txt', 'stdin')
    """
    if path == "-":
        return "stdin"
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def _region(f: FileReport, start: int, end: int, snippet: str) -> dict[str, Any]:
    line, col = f.position(start)
    end_line, end_col = f.position(end)
    offset = f.file_offset(start)
    return {
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": offset,
        "charLength": f.file_offset(end) - offset,
        "snippet": {"text": f.file_text(snippet)},
    }


def _result(f: FileReport, edit: Edit, index: dict[str, int]) -> dict[str, Any]:
    region = _region(f, edit.start, edit.end, edit.original)
    out: dict[str, Any] = {
        "ruleId": edit.rule_id,
        "level": LEVELS[edit.tier],
        "message": {"text": edit.message or edit.rule_id},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region}}],
        "partialFingerprints": {"cleanupContext/v1": f.fingerprint(edit)},
        "properties": {"tier": edit.tier.value, "category": edit.category, "applied": edit in f.applied()},
    }
    if edit.rule_id in index:
        out["ruleIndex"] = index[edit.rule_id]
    if edit.replacement is not None and edit.replacement != edit.original:
        deleted = {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength")}
        out["fixes"] = [{
            "description": {"text": f"{edit.original!r} -> {edit.replacement!r}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": artifact_uri(f.path)},
                "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": f.file_text(edit.replacement)}}],
            }],
        }]
    return out


def to_dict(report: Report) -> dict[str, Any]:
    """The SARIF log as Python values."""
    descriptors: list[dict[str, Any]] = []
    for rule in report.rules:
        descriptors.append({
            "id": rule.id,
            "shortDescription": {"text": rule.message or rule.id},
            "fullDescription": {"text": rule.description or rule.message or rule.id},
            "help": {"text": f"{rule.description} See: cleanup explain {rule.id}".strip()},
            "defaultConfiguration": {"level": LEVELS[rule.tier]},
            "properties": {"tier": rule.tier.value, "category": rule.category, "pack": rule.pack, "kind": rule.kind},
        })
    for finding in report.across:
        if finding.rule_id not in {d["id"] for d in descriptors}:
            text = _ACROSS_DESCRIPTIONS.get(finding.rule_id, finding.rule_id)
            descriptors.append({
                "id": finding.rule_id,
                "shortDescription": {"text": text},
                "fullDescription": {"text": text},
                "help": {"text": text},
                "defaultConfiguration": {"level": LEVELS[finding.tier]},
                "properties": {"tier": finding.tier.value, "category": finding.category},
            })
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = [_result(f, edit, index) for f in report.files for edit in f.result.all_edits]
    for finding in report.across:
        locations = []
        for loc in finding.locations:
            f = report.file(loc.path)
            region = _region(f, loc.start, loc.end, loc.original) if f else {"charOffset": loc.start,
                                                                              "charLength": loc.end - loc.start}
            locations.append({"physicalLocation": {"artifactLocation": {"uri": artifact_uri(loc.path)}, "region": region}})
        results.append({
            "ruleId": finding.rule_id,
            "ruleIndex": index[finding.rule_id],
            "level": LEVELS[finding.tier],
            "message": {"text": finding.message},
            "locations": locations,
            "properties": {"tier": finding.tier.value, "category": finding.category},
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cleanup", "version": report.tool_version or "0", "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": artifact_uri(f.path)}} for f in report.files],
            "results": results,
            "properties": {"columns": "unicode code points, 1-based", "offsets": OFFSETS_NOTE},
        }],
    }


def render(report: Report, *, color: bool = False) -> str:
    """The SARIF log as indented JSON."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
