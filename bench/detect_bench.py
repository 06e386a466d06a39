"""Detection benchmark: recall per perturbation and false alarms on clean pairs, cross-lingual channel.

Usage: python bench/detect_bench.py [--set bench/data/detect_set.jsonl] [--lang it] [--misses N]
Each case is one sentence pair run through the full `audit()` (real encoder, no back-translation).
A case counts as detected when a finding of the expected category fires; a clean case is a false alarm for
a category when that category fires on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.config import AuditConfig  # noqa: E402
from auditor.embed import load_encoder  # noqa: E402
from auditor.pipeline import audit  # noqa: E402

# Which finding categories answer each perturbation label.
EXPECTED = {
    "negation": {"negation"}, "antonym": {"negation", "mistranslation"}, "number": {"number"},
    "date": {"date"}, "name": {"name"}, "name_dropped": {"name"}, "clause_dropped": {"omission"},
    "clause_added": {"addition"}, "untranslated": {"untranslated"}, "quote_moved": {"quote"},
}
TARGETS = {"negation": 0.95, "number": 0.97, "name": 0.95, "name_dropped": 0.95, "untranslated": 0.90,
           "clause_dropped": 0.85}
FALSE_ALARM_TARGETS = {"negation": 0.02, "number": 0.02, "name": 0.05}


def run(cases: list[dict], target_lang: str) -> tuple[dict[str, Counter], Counter, int, list]:
    embed = load_encoder()
    config = AuditConfig(source_lang="en", target_lang=target_lang, backtranslation=False)
    hits: dict[str, Counter] = defaultdict(Counter)
    alarms: Counter = Counter()
    clean = 0
    misses = []
    for case in cases:
        report = audit(case["en"], case["it"], config, embed=embed)
        fired = {f.category for f in report.findings}
        label = case["label"]
        if label == "clean":
            clean += 1
            alarms.update(fired)
            if fired:
                misses.append((case, sorted(fired)))
            continue
        found = bool(fired & EXPECTED[label])
        hits[label]["found" if found else "missed"] += 1
        if not found:
            misses.append((case, sorted(fired)))
    return hits, alarms, clean, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", default=str(ROOT / "bench/data/detect_set.jsonl"))
    parser.add_argument("--lang", default="it", help="language of the translation side")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses/false alarms per label")
    args = parser.parse_args()
    cases = [json.loads(line) for line in Path(args.set).read_text(encoding="utf-8").splitlines() if line.strip()]
    start = time.perf_counter()
    hits, alarms, clean, misses = run(cases, args.lang)
    print(f"{len(cases)} cases ({clean} clean) from {args.set} in {time.perf_counter() - start:.0f} s")
    print(f"{'label':<15} {'recall':>7} {'n':>5} {'target':>7}")
    for label in EXPECTED:
        n = sum(hits[label].values())
        if n:
            print(f"{label:<15} {hits[label]['found'] / n:>7.3f} {n:>5} {TARGETS.get(label, 0):>7.2f}")
    print(f"false alarms on {clean} clean pairs, by category fired:")
    for category, count in sorted(alarms.items()):
        print(f"  {category:<13} {count / clean:.3f} ({count}) target <= {FALSE_ALARM_TARGETS.get(category, '-')}")
    any_alarm = sum(1 for case, fired in misses if case["label"] == "clean")
    print(f"  any category  {any_alarm / max(clean, 1):.3f} ({any_alarm})")
    shown: Counter = Counter()
    for case, fired in misses:
        if shown[case["label"]] < args.misses:
            shown[case["label"]] += 1
            print(f"--- {case['label']} {case['id']} fired={fired} note={case.get('note', '')}\n  en: {case['en']}\n"
                  f"  {args.lang}: {case['it']}")


if __name__ == "__main__":
    main()
