"""The versioned JSON document of ``cleanup check --format json`` (see docs/json-format.md).

Offsets index the file's own text (its line endings as stored), so a program
can slice the file it read with them; ``original`` and ``replacement`` are
written with the file's line endings too.
"""

from __future__ import annotations

import json
from typing import Any

from .base import OFFSETS_NOTE, FileReport, Report

#: bump when the JSON layout changes incompatibly
JSON_SCHEMA_VERSION = 2


def _file(f: FileReport) -> dict[str, Any]:
    applied = f.applied()
    edits = []
    for edit in f.result.all_edits:
        line, col = f.position(edit.start)
        end_line, end_col = f.position(edit.end)
        edits.append({
            "start": f.file_offset(edit.start),
            "end": f.file_offset(edit.end),
            "original": f.file_text(edit.original),
            "replacement": None if edit.replacement is None else f.file_text(edit.replacement),
            "rule": edit.rule_id,
            "category": edit.category,
            "tier": edit.tier.value,
            "message": edit.message,
            "line": line,
            "column": col,
            "end_line": end_line,
            "end_column": end_col,
            "applied": edit in applied,
            "fingerprint": f.fingerprint(edit),
        })
    return {"path": f.path, "newline": f.newline, "changed": f.result.changed, "edits": edits}


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON document as Python values."""
    across = []
    for finding in report.across:
        locations = []
        for loc in finding.locations:
            line, col, start, end = report.location_position(loc)
            locations.append({"path": loc.path, "start": start, "end": end, "line": line, "column": col,
                              "original": loc.original})
        across.append({"rule": finding.rule_id, "category": finding.category, "tier": finding.tier.value,
                       "message": finding.message, "locations": locations})
    return {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "cleanup", "version": report.tool_version},
        "offsets": OFFSETS_NOTE,
        "files": [_file(f) for f in report.files],
        "across_files": across,
    }


def render(report: Report, *, color: bool = False) -> str:
    """The JSON document, indented, with a final newline."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
