"""The JSON Schema of claims files, generated from the types that define them.

``claims.schema.json`` ships in the package for editors and other
validators; a test checks that it is exactly what ``generate`` makes, so the
schema and the code that reads files can never disagree.  Run
``python -m factcheck.store.schema`` to write it again after changing the types.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from factcheck.model.claims import ClaimsFile

SCHEMA_FILE = Path(__file__).with_name("claims.schema.json")


def generate() -> dict[str, Any]:
    """The schema of ``model.claims.ClaimsFile``, with its header."""
    body = msgspec.json.schema(ClaimsFile)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://factcheck-claims.invalid/claims.schema.json",
        "title": "factcheck claims file",
        **body,
    }


def text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(text(), encoding="utf-8")
