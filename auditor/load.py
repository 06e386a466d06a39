"""Load stage: a UTF-8 text or Markdown file -> Document (paragraphs with file offsets, language, boilerplate)."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from pathlib import Path

from auditor.boilerplate import is_boilerplate
from auditor.documents import Document, Paragraph
from auditor.errors import AuditError
from auditor.language import check_language, detect_language

BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n(?:[ \t]*\r?\n)*")
MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+")
HEADLINE_MAX_WORDS = 25  # a first line this short, without a full stop, reads as a headline
# UTF-32 first: its little-endian BOM begins with UTF-16's. Without a BOM, text is UTF-8 (a UTF-8 BOM is fine).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LONE_CR = re.compile(r"\r(?!\n)")
SURROGATE = re.compile("[\ud800-\udfff]")
BINARY = "looks like a binary file, expected UTF-8 text or Markdown"
# Refused up front above this, rather than audited for many minutes: ~1 MB a side takes under a minute on 2 cores,
# and cost is linear in the input (bench/bench_large.py); the longest news features are well under 200 KB.
MAX_INPUT_BYTES = 5_000_000


def read_bytes(path: str | Path, expected: str) -> bytes:
    """A file's bytes, or an AuditError naming the file when it is missing, a directory or unreadable."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise AuditError("file not found", str(path)) from None
    except IsADirectoryError:
        raise AuditError(f"is a directory, expected {expected}", str(path)) from None
    except OSError as exc:
        raise AuditError(f"cannot read the file ({exc.strerror})", str(path)) from None


def read_text(path: str | Path, data: bytes | None = None) -> str:
    """Decode a file (or `data` already read for it, e.g. stdin) as UTF-8 (a BOM is fine), refusing missing,
    empty, binary or undecodable input."""
    path = Path(path)
    if data is None:
        check_size(_size(path), str(path))
        data = read_bytes(path, "a text file")
    check_size(len(data), str(path))
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if b"\x00" in data and encoding == "utf-8-sig":  # UTF-16 and UTF-32 are full of NUL bytes
            raise AuditError(BINARY, str(path)) from None
        raise AuditError(f"is not {encoding.removesuffix('-sig').upper()} text (undecodable byte at offset "
                         f"{exc.start})", str(path)) from None
    check_characters(text, str(path))
    if not text.strip():
        raise AuditError("is empty, expected an article", str(path))
    return text


def check_characters(text: str, path: str) -> None:
    """Refuse text with a NUL (a binary file) or a lone surrogate (not Unicode text; it cannot even be hashed)."""
    if "\x00" in text:
        raise AuditError(BINARY, path)
    bad = SURROGATE.search(text)
    if bad:
        raise AuditError(f"is not Unicode text (lone surrogate U+{ord(bad.group()):04X} at offset {bad.start()})",
                         path)


def check_size(size: int, path: str) -> None:
    """Refuse an input over MAX_INPUT_BYTES, before any work is done on it."""
    if size > MAX_INPUT_BYTES:
        raise AuditError(f"is {size / 1e6:.1f} MB, over the {MAX_INPUT_BYTES / 1e6:.0f} MB a side that an audit "
                         "accepts; split the article or audit its sections separately", path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the read says why (missing, unreadable, a loop)


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file; False when either cannot be looked up (the read then says why)."""
    try:
        return os.path.samefile(a, b)  # Path.resolve() raises RuntimeError on a symlink loop (Python < 3.13)
    except OSError:
        return False


def text_sha256(text: str) -> str:
    """The input hash a report records: of the decoded text, so a BOM or none gives the same audit."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_document(text: str, path: str = "<text>", language: str | None = None) -> Document:
    """Split text into paragraphs, mark the headline and boilerplate, and settle the language."""
    check_characters(text, path)
    check_size(len(text.encode("utf-8")), path)
    sha256 = text_sha256(text)
    text = LONE_CR.sub("\n", text)  # old-Mac line endings; one for one, so offsets still point into the given text
    blocks = list(_blocks(text))
    if not blocks:
        raise AuditError("has no paragraphs", path)
    sample = "\n\n".join(text[start:end] for start, end, _ in blocks)
    language = check_language(language, path) if language else detect_language(sample, path)
    paragraphs = tuple(
        Paragraph(index, start, end, text[start:end], is_boilerplate(text[start:end], language), headline)
        for index, (start, end, headline) in enumerate(blocks))
    if all(p.boilerplate for p in paragraphs):
        raise AuditError("has only site boilerplate, no article paragraphs", path)
    return Document(path, sha256, language, paragraphs)


def load_document(path: str | Path, language: str | None = None) -> Document:
    """Read and parse one article file."""
    return parse_document(read_text(path), str(path), language)


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_headline) of each non-empty paragraph, offsets into text."""
    blocks: list[tuple[int, int, bool]] = []
    position = 0
    for separator in [*BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        blocks.extend(_split_headline(text, position, end, first=not blocks))
        position = separator.end() if separator else end
    return blocks


def _split_headline(text: str, start: int, end: int, first: bool) -> list[tuple[int, int, bool]]:
    """A block trimmed of whitespace; a Markdown heading or a short first line becomes its own paragraph."""
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    heading = MARKDOWN_HEADING.match(text, start)
    line_end = text.find("\n", start, end)
    first_line = text[start:line_end if line_end >= 0 else end]
    next_char = text[line_end + 1:end].lstrip()[:1] if line_end >= 0 else ""
    # A hard-wrapped sentence goes on in lower case or after a comma; a headline's next line starts afresh.
    continues = next_char.islower() or first_line.rstrip().endswith((",", ";", ":"))
    short_title = (first and len(first_line.split()) <= HEADLINE_MAX_WORDS
                   and not first_line.rstrip().endswith(".") and not continues)
    if not heading and not short_title:
        return [(start, end, False)]
    head_start = heading.end() if heading else start
    if line_end < 0:
        return [(*_trim(text, head_start, end), first)]
    return [(*_trim(text, head_start, line_end), first), *_split_headline(text, line_end + 1, end, first=False)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
