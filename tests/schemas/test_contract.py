"""The committed JSON Schemas are exactly what the models generate, and they accept real outputs."""

from __future__ import annotations

import json

from schemas.contract import SCHEMA_DIR, json_schemas


def test_committed_json_schemas_match_the_models():
    for name, schema in json_schemas().items():
        committed = SCHEMA_DIR / name
        assert committed.exists(), f"{name} missing: run python -m schemas.contract"
        assert json.loads(committed.read_text(encoding="utf-8")) == json.loads(json.dumps(schema)), (
            f"{name} is stale: run python -m schemas.contract and commit the result"
        )


def test_no_stray_schema_files():
    expected = set(json_schemas())
    found = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    assert found == expected
