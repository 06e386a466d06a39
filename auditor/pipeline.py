"""audit(): the one place that knows the order of the stages."""

from __future__ import annotations

from pathlib import Path

from auditor.align import align_documents
from auditor.config import AuditConfig, signature
from auditor.detect import detect_findings
from auditor.embed import Embed, load_encoder
from auditor.errors import AuditError
from auditor.load import parse_document, read_text
from auditor.records import AuditReport, Finding, Summary
from auditor.segment import segment_document

SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}


def audit(original: str, translation: str, config: AuditConfig | None = None, *,
          original_path: str = "<original>", translation_path: str = "<translation>",
          embed: Embed | None = None) -> AuditReport:
    """Audit a translation against its original (both given as text) and return the report."""
    config = config or AuditConfig()
    # Load: paragraphs, boilerplate, languages (flags override detection).
    source = parse_document(original, original_path, config.source_lang)
    target = parse_document(translation, translation_path, config.target_lang)
    if source.sha256 == target.sha256:
        raise AuditError("the original and the translation are the same text", translation_path)
    # Segment and align paragraphs, then sentences inside each bead.
    source, target = segment_document(source), segment_document(target)
    embed = embed or load_encoder()
    beads = align_documents(source, target, embed, config)
    # Detect: structure, coverage, then the distortion families on each sentence link.
    findings = _ordered(detect_findings(source, target, beads, embed))
    summary = Summary.of(findings, backtranslation="skipped" if not config.backtranslation else "unavailable")
    return AuditReport(signature(config), source, target, beads, findings, summary)


def audit_files(original_path: str | Path, translation_path: str | Path,
                config: AuditConfig | None = None, embed: Embed | None = None) -> AuditReport:
    """Audit two files; paths are kept in the report as given."""
    if Path(original_path).resolve() == Path(translation_path).resolve():
        raise AuditError("the same file was given as original and translation", str(translation_path))
    return audit(read_text(original_path), read_text(translation_path), config,
                 original_path=str(original_path), translation_path=str(translation_path), embed=embed)


def _ordered(findings: list[Finding]) -> tuple[Finding, ...]:
    """Findings in reading order of the original, worst first within a paragraph."""
    def key(f: Finding) -> tuple[int, int, int]:
        anchor = f.original_span or f.translation_span
        return (f.bead if f.bead is not None else 1 << 30, anchor.start if anchor else 0,
                SEVERITY_ORDER[f.severity])
    return tuple(sorted(findings, key=key))
