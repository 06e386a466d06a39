"""Where an article's text comes from: a text or Markdown file, a saved web page, or standard input."""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from auditor.config import AuditConfig
from auditor.documents import PageMeta
from auditor.errors import AuditError
from auditor.load import MAX_INPUT_BYTES, read_text, same_file

if TYPE_CHECKING:
    from auditor.embed import Embed
    from auditor.records import AuditReport

INPUT_FORMATS = ("auto", "text", "html")
HTML_SUFFIXES = (".html", ".htm")
STDIN, STDIN_NAME = "-", "<stdin>"
_LOOKS_LIKE_HTML = re.compile(r"\s*(<!doctype html|<html[\s>])", re.IGNORECASE)  # stdin has no file suffix
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Source:
    """One side of an audit: its name as given, the text audited, and a web page's metadata."""

    path: str
    text: str
    meta: PageMeta | None = None


def read_source(path: str | Path, fmt: str = "auto", stdin: BinaryIO | None = None,
                data: bytes | None = None) -> Source:
    """Read a file (or '-' for stdin) as text, or as a saved web page's main text when it is HTML; `data` is the
    file's bytes when they were read already (a batch reads them once, for its cache key and the audit)."""
    if fmt not in INPUT_FORMATS:
        raise AuditError(f"unknown input format {fmt!r}; expected one of {', '.join(INPUT_FORMATS)}")
    name = str(path)
    if name == STDIN:
        # One byte over the limit is enough to refuse it, without reading an endless pipe to its end.
        name, text = STDIN_NAME, read_text(STDIN_NAME, (stdin or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1))
    else:
        text = read_text(path, data)
    auto_html = Path(name).suffix.lower() in HTML_SUFFIXES or (name == STDIN_NAME and _LOOKS_LIKE_HTML.match(text))
    if fmt == "html" or (fmt == "auto" and auto_html):
        from auditor.webpage import extract_page  # trafilatura loads only for web pages

        text, meta = extract_page(text, name)
        log.info("%s: web page, %d characters of main text extracted", name, len(text))
        return Source(name, text, meta)
    return Source(name, text)


def read_sources(original: str | Path, translation: str | Path, fmt: str = "auto",
                 stdin: BinaryIO | None = None) -> tuple[Source, Source]:
    """Both sides; at most one may be '-', and they may not be the same file."""
    if str(original) == str(translation) == STDIN:
        raise AuditError("only one side can be read from standard input (-)")
    if STDIN not in (str(original), str(translation)) and same_file(original, translation):
        raise AuditError("the same file was given as original and translation", str(translation))
    return read_source(original, fmt, stdin), read_source(translation, fmt, stdin)


def audit_sources(original: Source, translation: Source, config: AuditConfig | None = None,
                  embed: Embed | None = None) -> AuditReport:
    """Audit two sources; a web page's metadata is attached to its document in the report."""
    from auditor.pipeline import audit

    report = audit(original.text, translation.text, config, original_path=original.path,
                   translation_path=translation.path, embed=embed)
    return replace(report, original=replace(report.original, meta=original.meta),
                   translation=replace(report.translation, meta=translation.meta))
