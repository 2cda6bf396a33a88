"""The review page: one self-contained HTML file to accept or reject each change in a browser.

Everything is inline (CSS, JavaScript, the data); nothing is fetched. Each item
is an element with ``data-rule``, ``data-start`` and ``data-end`` (offsets into
the file's own text, as in the JSON report), ``data-tier`` and
``data-category``, showing the change highlighted in its paragraph; its
controls carry ``data-action="accept"`` / ``data-action="reject"``. Filters by
tier, category and rule, per-rule accept/reject, keys ``j``/``k`` (move) and
``y``/``n`` (decide), counts of what is left, and an *Export decisions* button
that downloads the decisions as ledger lines for ``cleanup decisions import``
(``window.cleanupExport()`` returns the same text).
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from ..model import Edit, Result, context_of, edit_order, fingerprint
from .base import FileReport, Report

#: characters of the paragraph shown on each side of a change, at most
PARAGRAPH_CONTEXT = 240

_CSS = """
:root { --ins: #d7f5dd; --del: #fbd9d9; --focus: #2563eb; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; margin: 0; color: #1f2328; background: #f6f7f9; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d0d7de; padding: .6em 1.2em; z-index: 2;
         font-family: system-ui, sans-serif; font-size: 14px; display: flex; flex-wrap: wrap; gap: .8em; align-items: center; }
header h1 { font-size: 16px; margin: 0 1em 0 0; }
main { max-width: 60em; margin: 0 auto; padding: 1em; }
section.file h2 { font: 600 15px system-ui, sans-serif; margin: 1.5em 0 .5em; }
.item { background: #fff; border: 1px solid #d0d7de; border-left: 5px solid #8c959f; border-radius: 6px;
        padding: .7em 1em; margin: .6em 0; }
.item[data-tier=safe] { border-left-color: #1a7f37; } .item[data-tier=suggest] { border-left-color: #9a6700; }
.item[data-tier=review] { border-left-color: #8250df; }
.item:focus, .item.current { outline: 3px solid var(--focus); outline-offset: 1px; }
.item[data-decision=accepted] { background: #f0fbf2; } .item[data-decision=rejected] { background: #fdf2f2; opacity: .8; }
.meta { font: 13px system-ui, sans-serif; color: #57606a; margin-bottom: .3em; }
.meta code { background: #eef1f4; padding: 0 .3em; border-radius: 3px; }
.para { white-space: pre-wrap; }
del { background: var(--del); text-decoration: line-through; } ins { background: var(--ins); text-decoration: none; }
.controls { margin-top: .5em; font: 13px system-ui, sans-serif; display: flex; gap: .4em; flex-wrap: wrap; align-items: center; }
button { font: inherit; padding: .2em .7em; border-radius: 4px; border: 1px solid #8c959f; background: #f6f8fa; cursor: pointer; }
button[data-action=accept] { border-color: #1a7f37; } button[data-action=reject] { border-color: #cf222e; }
input.replacement { font: 14px Georgia, serif; padding: .1em .3em; min-width: 12em; }
.status { font-weight: 600; }
.hidden { display: none; }
"""

_JS = r"""
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var data = JSON.parse(document.getElementById("cleanup-data").textContent);
  var byId = {};
  data.items.forEach(function (d) { byId[d.id] = d; });
  var current = 0;

  function visible() { return items.filter(function (el) { return !el.classList.contains("hidden"); }); }
  function decide(el, decision) {
    var d = byId[el.dataset.id];
    if (decision === "accept" && d.replacement === null && !el.querySelector("input.replacement").value) {
      el.querySelector(".status").textContent = "type a replacement to accept, or reject to dismiss";
      return;
    }
    var value = decision === "accept" ? "accepted" : (d.replacement === null ? "dismissed" : "rejected");
    el.dataset.decision = value;
    el.querySelector(".status").textContent = value;
    counts();
  }
  function focusItem(i) {
    var list = visible();
    if (!list.length) { return; }
    current = Math.max(0, Math.min(i, list.length - 1));
    items.forEach(function (el) { el.classList.remove("current"); });
    list[current].classList.add("current");
    list[current].focus({preventScroll: true});
    list[current].scrollIntoView({block: "nearest"});
  }
  function counts() {
    var left = items.filter(function (el) { return !el.dataset.decision; }).length;
    var acc = items.filter(function (el) { return el.dataset.decision === "accepted"; }).length;
    document.getElementById("counts").textContent =
      left + " left of " + items.length + " · " + acc + " accepted · " + (items.length - left - acc) + " rejected";
  }
  function applyFilters() {
    var f = {};
    ["tier", "category", "rule"].forEach(function (k) { f[k] = document.getElementById("filter-" + k).value; });
    items.forEach(function (el) {
      var show = (!f.tier || el.dataset.tier === f.tier) && (!f.category || el.dataset.category === f.category) &&
                 (!f.rule || el.dataset.rule === f.rule);
      el.classList.toggle("hidden", !show);
    });
    document.querySelectorAll("section.file").forEach(function (s) {
      s.classList.toggle("hidden", !s.querySelector(".item:not(.hidden)"));
    });
  }
  function exportText() {
    return items.filter(function (el) { return el.dataset.decision; }).map(function (el) {
      var d = byId[el.dataset.id];
      var typed = el.querySelector("input.replacement").value;
      var accepted = el.dataset.decision === "accepted";
      return JSON.stringify({file: d.file, rule: d.rule, original: d.original,
        replacement: accepted ? typed : d.replacement, decision: el.dataset.decision,
        fingerprint: d.fingerprint, before: d.before, after: d.after});
    }).join("\n") + (items.some(function (el) { return el.dataset.decision; }) ? "\n" : "");
  }
  window.cleanupExport = exportText;
  document.getElementById("export").addEventListener("click", function () {
    var blob = new Blob([exportText()], {type: "application/x-ndjson"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "cleanup-decisions.jsonl";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest("button[data-action]");
    if (!button) { return; }
    var el = button.closest(".item");
    var action = button.dataset.action;
    if (action === "accept" || action === "reject") { decide(el, action); return; }
    var rule = el.dataset.rule;
    items.forEach(function (other) {
      if (other.dataset.rule === rule && (action !== "accept-rule" || byId[other.dataset.id].replacement !== null)) {
        decide(other, action === "accept-rule" ? "accept" : "reject");
      }
    });
  });
  ["tier", "category", "rule"].forEach(function (k) {
    document.getElementById("filter-" + k).addEventListener("change", function () { applyFilters(); focusItem(0); });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.target.tagName === "INPUT" || ev.target.tagName === "SELECT" || ev.ctrlKey || ev.metaKey || ev.altKey) {
      return;
    }
    var list = visible();
    if (ev.key === "j") { focusItem(current + 1); }
    else if (ev.key === "k") { focusItem(current - 1); }
    else if ((ev.key === "y" || ev.key === "n") && list[current]) {
      decide(list[current], ev.key === "y" ? "accept" : "reject");
      focusItem(current + 1);
    } else { return; }
    ev.preventDefault();
  });
  items.forEach(function (el) {
    el.addEventListener("focus", function () { var i = visible().indexOf(el); if (i >= 0) { current = i; } });
  });
  counts();
  focusItem(0);
})();
"""


def _paragraph(text: str, edit: Edit) -> tuple[str, str]:
    """The text of the paragraph before and after ``edit`` (at most :data:`PARAGRAPH_CONTEXT` each side)."""
    start = text.rfind("\n\n", 0, edit.start)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", edit.end)
    end = len(text) if end < 0 else end
    before, after = text[start : edit.start], text[edit.end : end]
    if len(before) > PARAGRAPH_CONTEXT:
        before = "…" + before[-PARAGRAPH_CONTEXT:]
    if len(after) > PARAGRAPH_CONTEXT:
        after = after[:PARAGRAPH_CONTEXT] + "…"
    return before, after


def _item(number: int, f: FileReport, key: str | None, edit: Edit) -> tuple[str, dict[str, Any]]:
    text = f.result.original
    before_words, after_words = context_of(text, edit.start, edit.end)
    data = {
        "id": str(number), "file": key, "path": f.path, "rule": edit.rule_id, "category": edit.category,
        "tier": edit.tier.value, "message": edit.message, "original": edit.original, "replacement": edit.replacement,
        "start": f.file_offset(edit.start), "end": f.file_offset(edit.end),
        "fingerprint": fingerprint(edit.rule_id, edit.original, before_words, after_words),
        "before": before_words, "after": after_words,
    }
    line, col = f.position(edit.start)
    before, after = _paragraph(text, edit)
    e = html.escape
    change = (f"<del>{e(edit.original)}</del>" if edit.original else "") + (
        f"<ins>{e(edit.replacement)}</ins>" if edit.replacement else "")
    value = e(edit.replacement or "", quote=True)
    out = (
        f'<article class="item" tabindex="0" data-id="{number}" data-rule="{e(edit.rule_id)}" '
        f'data-start="{data["start"]}" data-end="{data["end"]}" data-tier="{edit.tier.value}" '
        f'data-category="{e(edit.category)}">\n'
        f'<div class="meta">{line}:{col} · <code>{e(edit.rule_id)}</code> [{edit.tier.value}] {e(edit.message)}</div>\n'
        f'<div class="para">{e(before)}{change}{e(after)}</div>\n'
        f'<div class="controls"><button type="button" data-action="accept">Accept (y)</button>'
        f'<button type="button" data-action="reject">Reject (n)</button>'
        f'<label>replacement <input class="replacement" value="{value}" aria-label="replacement"></label>'
        f'<button type="button" data-action="accept-rule">Accept all {e(edit.rule_id)}</button>'
        f'<button type="button" data-action="reject-rule">Reject all {e(edit.rule_id)}</button>'
        f'<span class="status" aria-live="polite"></span></div>\n</article>\n'
    )
    return out, data


def _select(name: str, values: Sequence[str]) -> str:
    options = "".join(f'<option value="{html.escape(v, quote=True)}">{html.escape(v)}</option>' for v in values)
    return f'<label>{name} <select id="filter-{name}"><option value="">all</option>{options}</select></label>'


def review_page(files: Sequence[tuple[str, str, Result, str | None]], *, include_safe: bool = False,
                title: str = "cleanup review") -> str:
    """The page for ``files``: ``(path, newline, result, ledger file name)`` each.

    Items are the findings (suggestions and review findings) of each file, in
    document order; with ``include_safe`` the applied safe fixes too.
    """
    sections, items = [], []
    number = 0
    for path, newline, result, key in files:
        f = FileReport(path, result, newline)
        edits = result.all_edits if include_safe else tuple(sorted(result.findings, key=edit_order))
        if not edits:
            continue
        parts = []
        for edit in edits:
            number += 1
            markup, data = _item(number, f, key, edit)
            parts.append(markup)
            items.append(data)
        sections.append(f'<section class="file" data-path="{html.escape(path, quote=True)}">'
                        f"<h2>{html.escape(path)} ({len(edits)})</h2>\n{''.join(parts)}</section>\n")
    payload = json.dumps({"version": 1, "items": items}, ensure_ascii=False).replace("</", "<\\/")
    tiers = sorted({i["tier"] for i in items}, key=["safe", "suggest", "review"].index)
    header = (
        f"<header><h1>{html.escape(title)}</h1>"
        f"{_select('tier', tiers)}{_select('category', sorted({i['category'] for i in items}))}"
        f"{_select('rule', sorted({i['rule'] for i in items}))}"
        '<span id="counts"></span><button type="button" id="export">Export decisions</button>'
        "<span>keys: j/k move · y accept · n reject</span></header>"
    )
    body = "".join(sections) or "<p>Nothing to review.</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>{header}\n<main>\n{body}</main>\n"
        f'<script type="application/json" id="cleanup-data">{payload}</script>\n<script>{_JS}</script>\n'
        "</body></html>\n"
    )


def render(report: Report, *, color: bool = False) -> str:
    """The review page of a report (file names in the decisions as the report names them)."""
    return review_page([(f.path, f.newline, f.result, f.path) for f in report.files])
