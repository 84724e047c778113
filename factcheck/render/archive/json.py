"""``archive --format json``: one document with every URL's outcome and a summary."""

from __future__ import annotations

from typing import Any

from factcheck.publish.archived import CAPTURED, FAILED, FOUND, OLDER, Run


def render(run: Run) -> dict[str, Any]:
    return {
        "ok": run.ok,
        "summary": {
            "urls": len(run.results),
            "found": run.count(FOUND),
            "captured": run.count(CAPTURED),
            "older": run.count(OLDER),
            "failed": run.count(FAILED),
            "already_archived": run.already,
            "seconds": round(run.seconds, 3),
        },
        "results": [
            {
                "url": r.url,
                "how": r.how,
                "archive_url": r.snapshot.url if r.snapshot else None,
                "archived_at": r.snapshot.archived_at if r.snapshot else None,
                "error": r.error,
                "kind": r.kind,
                "sources_recorded": r.recorded,
                "seconds": round(r.seconds, 3),
            }
            for r in run.results
        ],
    }
