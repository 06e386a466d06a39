"""The report's JSON Schema: in step with the records, shipped and printed, and checked on every load."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_samples import faithful_report, sample_report
from typer.testing import CliRunner

from auditor.cli import app
from auditor.documents import PageMeta
from auditor.errors import AuditError
from auditor.gate import gated
from auditor.gate.policy import Policy
from auditor.report import record
from auditor.schema import dumps_schema, report_schema, schema_problem, shipped_schema


def _full() -> dict[str, Any]:
    """A report with every optional part: back-translation and scores, a web page's metadata, a gate result."""
    report, _ = gated(sample_report(), Policy(ignore=("number",)))
    meta = PageMeta("Title", "2024-05-03", "Jane Doe", "Site", "https://example.org/a")
    return replace(report, translation=replace(report.translation, meta=meta)).to_dict()


def test_the_shipped_schema_is_the_one_the_records_give() -> None:
    # On failure: python -m auditor.schema > auditor/data/report.schema.json
    assert shipped_schema() == dumps_schema()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(report_schema())


@pytest.mark.parametrize("data", [_full(), faithful_report().to_dict(), sample_report().to_dict()])
def test_every_part_of_a_report_is_in_the_schema(data: dict[str, Any]) -> None:
    # additionalProperties is false throughout: a key the records write and the schema lacks fails here.
    assert schema_problem(data) is None


def test_the_full_sample_has_every_optional_part() -> None:
    data = _full()
    assert "gate" in data and "meta" in data["translation"] and "scores" in data["summary"]
    assert any("backtranslation" in bead and "scores" in bead for bead in data["alignment"])


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = data
        for part in parents:
            target = target[int(part) if part.isdigit() else part]
        target[int(last) if last.isdigit() else last] = value
    return edit


@pytest.mark.parametrize(("edit", "message"), [
    (_set("findings/0/original_span/start", -5), "findings/0/original_span/start: -5 is less than the minimum of 0"),
    (_set("findings/0/category", "typo"), "findings/0/category: 'typo' is not one of"),
    (_set("findings/0/evidence/0", "hunch"), "findings/0/evidence/0: 'hunch' is not one of"),
    (_set("findings/0/comment", "x"), "findings/0: Additional properties are not allowed ('comment' was unexpected)"),
    (_set("alignment/0/similarity", "high"), "alignment/0/similarity: 'high' is not valid under any of"),
    (_set("summary/counts/major", 1.5), "summary/counts/major: 1.5 is not of type 'integer'"),
    (_set("original/paragraphs", {}), "original/paragraphs: {} is not of type 'array'"),
    (_set("gate/suppressed/0/finding", -1), "gate/suppressed/0/finding: -1 is less than the minimum of 0"),
    (lambda data: data.pop("summary"), "(top level): 'summary' is a required property"),
])
def test_a_report_off_the_schema_is_refused_in_one_line(tmp_path: Path, edit: Callable[[dict[str, Any]], None],
                                                        message: str) -> None:
    data = _full()
    edit(data)
    (tmp_path / "report.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AuditError) as error:
        record.load(tmp_path / "report.json")
    assert str(error.value).startswith(f"{tmp_path / 'report.json'}: not a valid audit report ({message}")
    assert "\n" not in str(error.value)


def test_auditor_schema_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0 and result.output == shipped_schema()
    assert json.loads(result.output)["properties"]["schema_version"] == {"type": "integer", "minimum": 1,
                                                                         "maximum": 1}
