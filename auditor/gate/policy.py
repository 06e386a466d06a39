"""Publication policy: what fails the gate and which known differences are accepted (TOML, or [tool.auditor])."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import AuditError
from auditor.records import CATEGORIES, SEVERITIES, Finding

LEVELS = (*SEVERITIES, "never")  # the severity at or above which a finding blocks; 'never' blocks nothing
DEFAULT_FAIL_ON = "critical"
PYPROJECT = "pyproject.toml"
KEYS = ("fail-on", "fail-on-category", "min-confidence", "ignore", "equivalences", "suppress", "baseline")
SUPPRESS_KEYS = ("fingerprint", "reason", "accepted-by")
# Punctuation and spacing, except a point or comma inside a number (1,250 and 1.250 are different numbers in English).
log = logging.getLogger(__name__)
_NOT_WORD = re.compile(r"[^\w.,]+|_|(?<!\d)[.,]|[.,](?!\d)")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One reviewed finding accepted by its fingerprint, with why and by whom."""

    fingerprint: str
    reason: str
    accepted_by: str

    def to_dict(self) -> dict[str, str]:
        return {"fingerprint": self.fingerprint, "reason": self.reason, "accepted-by": self.accepted_by}


@dataclass(frozen=True, slots=True)
class Policy:
    """Gate settings; `source` is the file they came from ('' for the defaults)."""

    fail_on: str = DEFAULT_FAIL_ON
    fail_on_category: dict[str, str] = field(default_factory=dict)
    min_confidence: float = 0.0
    ignore: tuple[str, ...] = ()
    equivalences: tuple[tuple[str, ...], ...] = ()
    suppress: tuple[Suppression, ...] = ()
    source: str = ""

    def level(self, category: str) -> str:
        """The fail-on level for one category (its own, or the policy's)."""
        return self.fail_on_category.get(category, self.fail_on)

    def to_dict(self) -> dict[str, Any]:
        return {"fail-on": self.fail_on, "fail-on-category": dict(sorted(self.fail_on_category.items())),
                "min-confidence": self.min_confidence, "ignore": list(self.ignore),
                "equivalences": [" = ".join(group) for group in self.equivalences],
                "suppress": [s.to_dict() for s in self.suppress]}

    def digest(self) -> str:
        """sha256 (12 hex digits) of the effective settings, whatever file layout they came from."""
        canonical = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    def tag(self) -> str:
        """The signature part: `policy:<file name>@<digest>` (the name only, so it is the same on every machine)."""
        return f"policy:{Path(self.source).name if self.source else 'default'}@{self.digest()}"


def normalise(text: str) -> str:
    """Case, accents' composition, punctuation and spacing folded away: what a reviewer would call the same."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


def fingerprint(finding: Finding) -> str:
    """`category:<16 hex>` of the category and both spans' normalised text: no offsets, so edits elsewhere keep it."""
    texts = [normalise(span.text) if span else "" for span in (finding.original_span, finding.translation_span)]
    digest = hashlib.sha256("\x1f".join([finding.category, *texts]).encode("utf-8")).hexdigest()[:16]
    return f"{finding.category}:{digest}"


def accepted_pair(finding: Finding, equivalences: tuple[tuple[str, ...], ...]) -> str | None:
    """The equivalence ('Kyiv = Kiev') that turns one span into the other, if any."""
    if finding.original_span is None or finding.translation_span is None:
        return None
    original, translation = normalise(finding.original_span.text), normalise(finding.translation_span.text)
    for group in equivalences:
        terms = [normalise(term) for term in group]
        for a, b in itertools.permutations(terms, 2):
            # At least one swap must happen: spans that are already alike are not this equivalence's doing.
            swapped, count = re.subn(rf"(?<!\w){re.escape(a)}(?!\w)", lambda _, b=b: b, original)
            if count and swapped == translation:
                return " = ".join(group)
    return None


def load_policy(path: str | Path, fail_on: str | None = None) -> Policy:
    """Read a policy TOML file (a pyproject.toml's [tool.auditor] table, or the whole file otherwise)."""
    path = Path(path)
    table = _read_toml(path)
    if path.name == PYPROJECT:
        table = table.get("tool", {}).get("auditor", {})
    return parse_policy(table, str(path), fail_on)


def find_policy(inputs: list[Path], fail_on: str | None = None) -> Policy:
    """The [tool.auditor] of the nearest pyproject.toml above the first input that has one; else the defaults."""
    start = next((p.resolve().parent for p in inputs if str(p) != "-"), Path.cwd())
    for folder in (start, *start.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file() and "auditor" in _read_toml(candidate).get("tool", {}):
            log.info("policy: [tool.auditor] of %s", candidate)
            return load_policy(candidate, fail_on)
    log.info("policy: none found above %s; the defaults apply", start)
    return parse_policy({}, "", fail_on)


def parse_policy(table: dict[str, Any], source: str, fail_on: str | None = None) -> Policy:
    """Check a policy table key by key; `fail_on` (the --fail-on option) overrides the file's."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise AuditError(f"unknown policy key {unknown[0]!r}; expected one of {', '.join(KEYS)}", source or None)
    per_category = _table(table.get("fail-on-category", {}), "fail-on-category", source)
    confidence = table.get("min-confidence", 0.0)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise AuditError(f"min-confidence must be a number from 0 to 1, not {confidence!r}", source or None)
    suppress = tuple(_suppression(item, source) for item in _list(table, "suppress", source))
    if "baseline" in table:  # a file of [[suppress]] entries written by `auditor baseline`, beside this one
        suppress += load_policy(Path(source).parent / str(table["baseline"])).suppress
    return Policy(
        fail_on=_level(fail_on or table.get("fail-on", DEFAULT_FAIL_ON), "fail-on", source),
        fail_on_category={_category(c, source): _level(v, f"fail-on-category.{c}", source)
                          for c, v in per_category.items()},
        min_confidence=float(confidence),
        ignore=tuple(_category(c, source) for c in _list(table, "ignore", source)),
        equivalences=tuple(_equivalence(e, source) for e in _list(table, "equivalences", source)),
        suppress=suppress, source=source)


def _read_toml(path: Path) -> dict[str, Any]:
    from auditor.load import read_bytes

    try:
        return tomllib.loads(read_bytes(path, "a TOML policy file").decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AuditError(f"not a readable TOML policy ({exc})", str(path)) from None


def _level(value: object, key: str, source: str) -> str:
    if value not in LEVELS:
        raise AuditError(f"{key} must be one of {', '.join(LEVELS)}, not {value!r}", source or None)
    return str(value)


def _category(value: object, source: str) -> str:
    if value not in CATEGORIES:
        raise AuditError(f"unknown category {value!r}; expected one of {', '.join(CATEGORIES)}", source or None)
    return str(value)


def _table(value: object, key: str, source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise AuditError(f"{key} must be a table", source or None)
    return value


def _list(table: dict[str, Any], key: str, source: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise AuditError(f"{key} must be a list", source or None)
    return value


def _equivalence(value: object, source: str) -> tuple[str, ...]:
    terms = tuple(t.strip() for t in value.split("=")) if isinstance(value, str) else ()
    if len(terms) < 2 or not all(terms):
        raise AuditError(f"an equivalence is written 'Kyiv = Kiev', not {value!r}", source or None)
    return terms


def _suppression(item: object, source: str) -> Suppression:
    entry = _table(item, "a [[suppress]] entry", source)
    unknown = sorted(set(entry) - set(SUPPRESS_KEYS))
    if unknown or not all(isinstance(entry.get(k), str) and entry[k].strip() for k in SUPPRESS_KEYS):
        raise AuditError("a [[suppress]] entry needs fingerprint, reason and accepted-by (strings), nothing else: "
                         f"{entry!r}", source or None)
    return Suppression(entry["fingerprint"], entry["reason"], entry["accepted-by"])
