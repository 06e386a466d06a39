"""audit(): the one place that knows the order of the stages."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from auditor.align import align_documents
from auditor.backtranslate import Engine
from auditor.config import AuditConfig, signature
from auditor.detect import checks_not_run, detect_findings
from auditor.detect.backtranslated import backtranslation_findings, backtranslation_units, merge_channels
from auditor.embed import Embed, load_encoder
from auditor.errors import AuditError
from auditor.fidelity import backtranslate_beads, score_beads, sentence_chrf
from auditor.load import parse_document, read_text, same_file
from auditor.records import SEVERITY_RANK, AuditReport, Finding, Summary
from auditor.score import metric_signatures
from auditor.segment import segment_document

# Article chrF of a working OPUS-MT back-translation of a faithful news translation is typically 50-65; below
# this the model is broken or the wrong one, and its own flags would be noise.
RELIABLE_CHRF = 25.0


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
    same_language = source.language == target.language
    # The back-translation model is found (or refused, with the fix) before any heavy work.
    engine = _load_engine(source.language, target.language, config) if config.backtranslation and not same_language \
        else None
    # Segment and align paragraphs, then sentences inside each bead.
    source, target = segment_document(source), segment_document(target)
    embed = embed or load_encoder()
    beads = align_documents(source, target, embed, config)
    # Detect: structure, coverage, then the distortion families on each sentence link.
    findings = detect_findings(source, target, beads, embed)
    mt, status, spans, split = "mt:none", "skipped", {}, 0
    if engine is not None:
        # Back-translate into the original's language.
        beads, spans, split = backtranslate_beads(target, beads, engine)
        mt, status = engine.signature, "done" + _split_note(split)
    elif same_language:
        status = "not needed (same language)"
    # Score: sacrebleu against the back-translation (or the translation itself for same-language pairs).
    beads, scores = score_beads(source, target, beads, same_language)
    if engine is not None and scores.chrf is not None and scores.chrf >= RELIABLE_CHRF:
        # The back-translation channel confirms findings and raises its own, when the MT is usable at all.
        units = backtranslation_units(source, target, beads, spans)
        back = backtranslation_findings(units, target, sentence_chrf(source, beads, spans))
        findings = merge_channels(findings, back)
    elif engine is not None:
        status = (f"done, unreliable (article chrF {scores.chrf} < {RELIABLE_CHRF}): "
                  "the back-translation neither confirms nor adds findings" + _split_note(split))
    metrics = metric_signatures() if (same_language or engine is not None) else ""
    ordered = _ordered(findings)
    return AuditReport(signature(config, mt, metrics), source, target, beads, ordered,
                       Summary.of(ordered, scores, status, checks_not_run(source.language, target.language)))


def _split_note(split: int) -> str:
    """Sentences longer than the model's input limit are translated in pieces, never cut: the report says so."""
    return f"; {split} sentence(s) longer than the model's input limit translated in pieces" if split else ""


def _load_engine(original_lang: str, translation_lang: str, config: AuditConfig) -> Engine:
    """Resolve the back-translation model from the cache or --model (never the network) and load it."""
    from auditor.models import cache_dir

    return _engine(translation_lang, original_lang, config.model, config.engine, config.beam, str(cache_dir()))


@cache
def _engine(translation_lang: str, original_lang: str, model: str | None, engine: str, beam: int,
            _home: str) -> Engine:
    # Once per process, model cache and setting: a batch worker loads each model once, however many pairs it audits.
    from auditor.backtranslate import load_engine
    from auditor.engines import Decoding
    from auditor.models import resolve_model

    resolved = resolve_model(translation_lang, original_lang, model, engine)
    return load_engine(resolved, Decoding(beam=beam))


def audit_files(original_path: str | Path, translation_path: str | Path,
                config: AuditConfig | None = None, embed: Embed | None = None) -> AuditReport:
    """Audit two files; paths are kept in the report as given."""
    if same_file(original_path, translation_path):
        raise AuditError("the same file was given as original and translation", str(translation_path))
    return audit(read_text(original_path), read_text(translation_path), config,
                 original_path=str(original_path), translation_path=str(translation_path), embed=embed)


def _ordered(findings: list[Finding]) -> tuple[Finding, ...]:
    """Findings in reading order of the original, worst first within a paragraph."""
    def key(f: Finding) -> tuple[int, int, int]:
        anchor = f.original_span or f.translation_span
        return (f.bead if f.bead is not None else 1 << 30, anchor.start if anchor else 0,
                SEVERITY_RANK[f.severity])
    return tuple(sorted(findings, key=key))
