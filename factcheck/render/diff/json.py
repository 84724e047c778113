"""``diff --format json``: everything, for programs."""

from __future__ import annotations

from typing import Any

from factcheck.history.changes import Diff


def render(d: Diff) -> dict[str, Any]:
    return {
        "old": d.old_label,
        "new": d.new_label,
        "added": [vars(r) for r in d.added],
        "removed": [vars(r) for r in d.removed],
        "changed": [
            {
                "id": ch.id,
                "old_id": ch.old_id,
                "file": ch.file,
                "old_file": ch.old_file,
                "from": ch.old_status,
                "to": ch.new_status,
                "why": ch.why,
                "text_changed": ch.text_changed,
                "old_text": ch.old_text,
                "new_text": ch.new_text,
                "note_changed": ch.note_changed,
                "events_deleted": ch.events_deleted,
                "verdict_by": ch.verdict_by,
                "sources_added": ch.sources_added,
                "sources_removed": ch.sources_removed,
                "checks": [vars(k) for k in ch.checks],
                "claimant_changed": ch.claimant_changed,
                "claimant": ch.new_claimant,
                "accepted": ch.accepted,
                "unaccepted": ch.unaccepted,
            }
            for ch in d.changed
        ],
        "renamed": [{"old": o, "new": n} for o, n in d.renamed],
        "article": [vars(a) for a in d.article],
        "other_edits": d.other_edits,
    }
