"""Share of an audit's time spent in detection (no MT; model load excluded), on WMT24 news documents.

Usage: python bench/detect_share.py [--docs N]
Each document is audited twice in one process: the first run warms the encoder's cache for its sentences,
so the second is what a re-audit costs; both are reported. Detection is timed around detect_findings().
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVDATA = ROOT.parent / "shared" / "devdata"
sys.path.insert(0, str(ROOT))

import auditor.pipeline as pipeline  # noqa: E402
from auditor.config import AuditConfig  # noqa: E402
from auditor.embed import load_encoder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20)
    args = parser.parse_args()
    if not DEVDATA.is_dir():
        print(f"skipped: {DEVDATA} is absent")
        return
    docs = [json.loads(line) for line in open(DEVDATA / "wmt24_docs.jsonl", encoding="utf-8")]
    docs = [d for d in docs if d["domain"] == "news"][:args.docs]
    embed = load_encoder()
    embed(["warm up"])
    spent = {"detect": 0.0}
    detect = pipeline.detect_findings

    def timed(*a):
        started = time.perf_counter()
        try:
            return detect(*a)
        finally:
            spent["detect"] += time.perf_counter() - started

    pipeline.detect_findings = timed
    total = 0.0
    for doc in docs:
        config = AuditConfig(source_lang="en", target_lang=doc["target_lang"], backtranslation=False)
        started = time.perf_counter()
        pipeline.audit("\n\n".join(doc["source_paragraphs"]), "\n\n".join(doc["translation_paragraphs"]), config,
                       embed=embed)
        total += time.perf_counter() - started
    print(f"{len(docs)} WMT24 news documents, no MT: audit {total:.1f} s, detection {spent['detect']:.1f} s "
          f"({spent['detect'] / total:.0%} of the audit)")


if __name__ == "__main__":
    main()
