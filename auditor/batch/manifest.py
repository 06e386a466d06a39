"""Which pairs a batch audits: a manifest (CSV, TSV or JSONL) or two folders paired by file name."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import AuditError
from auditor.load import read_text
from auditor.precommit import SUFFIXES, language_tag

COLUMNS = ("original", "translation", "id", "source_lang", "target_lang", "policy")
REQUIRED = ("original", "translation")
MANIFEST_SUFFIXES = (".csv", ".tsv", ".jsonl")
MAX_ID = 120
# An id names the pair's report folder: one path component, no hidden file, nothing a shell or a URL mangles.
_BAD_ID = re.compile(r"[/\\\x00-\x1f\x7f]|^\.|^$")


@dataclass(frozen=True, slots=True)
class Pair:
    """One pair to audit; `problem` says why its manifest row cannot be audited (reported, never raised)."""

    id: str
    original: str
    translation: str
    source_lang: str | None = None
    target_lang: str | None = None
    policy: str | None = None
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "original": self.original, "translation": self.translation,
                "source_lang": self.source_lang, "target_lang": self.target_lang, "policy": self.policy,
                "problem": self.problem}


def read_manifest(path: str | Path) -> list[Pair]:
    """The pairs of a manifest, in its order; paths in it are relative to the manifest's folder."""
    path = Path(path)
    if path.suffix.lower() not in MANIFEST_SUFFIXES:
        raise AuditError(f"unknown manifest type {path.suffix or '(none)'}; expected one of "
                         f"{', '.join(MANIFEST_SUFFIXES)}", str(path))
    text = read_text(path)
    rows = _jsonl_rows(text, str(path)) if path.suffix.lower() == ".jsonl" else _table_rows(text, path)
    return unique_ids([_pair(row, line, path.parent) for line, row in rows])


def _table_rows(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    header = [name.strip() for name in reader.fieldnames or ()]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise AuditError(f"the header has no {missing[0]!r} column (columns: {', '.join(COLUMNS)})", str(path))
    reader.fieldnames = header
    return [(reader.line_num, row) for row in reader if any((v or "").strip() for v in row.values())]


def _jsonl_rows(text: str, path: str) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise AuditError(f"line {line} is not JSON ({exc.msg})", path) from None
        if not isinstance(row, dict):
            raise AuditError(f"line {line} is not a JSON object", path)
        rows.append((line, row))
    return rows


def _pair(row: dict[str, Any], line: int, base: Path) -> Pair:
    """A manifest row as a Pair; a row it cannot use becomes a Pair with its problem."""
    values = {k: v.strip() if isinstance(v, str) else v for k, v in row.items() if k in COLUMNS}
    where = f"manifest line {line}"
    bad = next((k for k, v in values.items() if v is not None and not isinstance(v, str)), None)
    missing = next((k for k in REQUIRED if not values.get(k)), None)
    original, translation = (str(base / v) if v and isinstance(v, str) else "" for v in
                             (values.get("original"), values.get("translation")))
    policy = values.get("policy") or None
    pair = Pair(values.get("id") or _default_id(translation, line), original, translation,
                values.get("source_lang") or None, values.get("target_lang") or None,
                str(base / policy) if isinstance(policy, str) else None)
    if bad or missing:
        problem = f"{where}: {bad!r} is not a string" if bad else f"{where}: no {missing!r} given"
        return _with_problem(pair, problem)
    if _BAD_ID.search(pair.id) or len(pair.id) > MAX_ID or pair.id in ("..", "."):
        return _with_problem(pair, f"{where}: id {pair.id!r} cannot name a report folder (one name, no '/' or "
                                   f"leading '.', at most {MAX_ID} characters)")
    return pair


def _default_id(translation: str, line: int) -> str:
    return Path(translation).stem if translation else f"line-{line}"


def _with_problem(pair: Pair, problem: str) -> Pair:
    return Pair(pair.id, pair.original, pair.translation, pair.source_lang, pair.target_lang, pair.policy, problem)


def unique_ids(pairs: Iterable[Pair]) -> list[Pair]:
    """The pairs, with every id after the first use of it refused: two pairs cannot share a report folder."""
    seen: set[str] = set()
    out = []
    for pair in pairs:
        if pair.id in seen and pair.problem is None:
            pair = _with_problem(pair, f"id {pair.id!r} is used by an earlier pair; give each row its own id")
        seen.add(pair.id)
        out.append(pair)
    return out


def pairs_in_folders(originals: str | Path, translations: str | Path) -> list[Pair]:
    """NAME[.LANG].EXT in the originals folder with each NAME.LANG.EXT (or NAME.EXT) in the translations folder.

    LANG, when it is one of the encoder's languages, is that side's language; the pair's id is the translation's
    file name without its suffix (story.it), so several translations of one original each get their own."""
    originals, translations = Path(originals), Path(translations)
    for folder in (originals, translations):
        if not folder.is_dir():
            raise AuditError("is not a folder", str(folder))
    if originals.resolve() == translations.resolve():
        raise AuditError("is given as both the originals and the translations folder", str(originals))
    by_name: dict[str, list[Path]] = {}
    for path in _articles(originals):
        by_name.setdefault(_name_and_lang(path)[0], []).append(path)
    pairs = []
    for path in _articles(translations):
        name, lang = _name_and_lang(path)
        found = by_name.get(name, [])
        source_lang = _name_and_lang(found[0])[1] if len(found) == 1 else None
        problem = None if len(found) == 1 else (f"no original named {name}.EXT in {originals}" if not found else
                                                f"{len(found)} originals named {name}: "
                                                f"{', '.join(p.name for p in found)}")
        pairs.append(Pair(path.stem, str(found[0]) if found else "", str(path),
                          source_lang, lang, problem=problem))
    return unique_ids(pairs)


def _articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith("."))


def _name_and_lang(path: Path) -> tuple[str, str | None]:
    tag = language_tag(path)
    return tag if tag else (path.stem, None)
