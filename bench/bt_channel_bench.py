"""The back-translation channel as far as it can be exercised here: with a tiny random MarianMT model.

No real OPUS-MT weights can be downloaded on this machine, so the channel's detection quality cannot be measured.
What can be measured on the detection set (bench/data/detect_set.jsonl):

1. the whole back-translation path (resolve --model PATH, translate every sentence, score, build the channel's
   units) runs on every case, and the audit recognises the model as unusable (article chrF below RELIABLE_CHRF)
   instead of trusting it;
2. with that guard, the channel changes nothing: recall and false alarms equal the cross-lingual run's;
3. without the guard (RELIABLE_CHRF forced to 0, an experiment only), the same broken model would raise its own
   flags on this many clean pairs -- the reason the guard exists.

The channel's checks with a *faithful* back-translation are the same negation/number/date/name detectors that the
same-language benchmark exercises (`detect_bench.py --set bench/data/detect_set_en.jsonl --lang en`).

Usage: python bench/bt_channel_bench.py [--every 4] [--workdir bench/out/bt-channel]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests"), str(HERE)]  # this checkout + the model builder

from detect_bench import EXPECTED  # noqa: E402

from auditor import pipeline  # noqa: E402
from auditor.config import AuditConfig  # noqa: E402
from auditor.embed import load_encoder  # noqa: E402


def tiny_model(workdir: Path) -> Path:
    """The tests' tiny random MarianMT (transformers form), built once under workdir."""
    import tiny_marian
    return tiny_marian.tiny_models(workdir).hf


def categories(case: dict, config: AuditConfig, embed) -> tuple[set[str], str, float | None]:
    report = pipeline.audit(case["en"], case["it"], config, embed=embed)
    return {f.category for f in report.findings}, report.summary.backtranslation, report.summary.scores.chrf \
        if report.summary.scores else None


def tally(results: list[tuple[dict, set[str]]]) -> tuple[float, float]:
    """Recall over perturbed cases (any expected category fired) and any-finding rate on clean cases."""
    perturbed = [(c, fired) for c, fired in results if c["label"] != "clean"]
    clean = [fired for c, fired in results if c["label"] == "clean"]
    found = sum(bool(fired & EXPECTED[c["label"]]) for c, fired in perturbed)
    return found / max(len(perturbed), 1), sum(bool(f) for f in clean) / max(len(clean), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default=str(HERE / "data/detect_set.jsonl"))
    parser.add_argument("--every", type=int, default=4, help="take every N-th case (all labels stay represented)")
    parser.add_argument("--workdir", default=str(HERE / "out/bt-channel"))
    args = parser.parse_args()
    os.environ["AUDITOR_HOME"] = str(Path(args.workdir) / "home")  # a fresh back-translation cache
    lines = Path(args.set).read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines if line.strip()][::args.every]
    model = tiny_model(Path(args.workdir))
    embed = load_encoder()
    plain = AuditConfig(source_lang="en", target_lang="it", backtranslation=False)
    with_mt = plain.with_(backtranslation=True, model=str(model), engine="transformers")
    start = time.perf_counter()
    runs: dict[str, list[tuple[dict, set[str]]]] = {"cross-lingual only": [], "with tiny MT": [],
                                                     "tiny MT, guard off": []}
    statuses: Counter = Counter()
    chrfs = []
    guard = pipeline.RELIABLE_CHRF
    for case in cases:
        runs["cross-lingual only"].append((case, categories(case, plain, embed)[0]))
        fired, status, chrf = categories(case, with_mt, embed)
        runs["with tiny MT"].append((case, fired))
        statuses[status.split(" (")[0]] += 1
        chrfs.append(chrf)
        pipeline.RELIABLE_CHRF = 0.0  # experiment: trust any back-translation
        try:
            runs["tiny MT, guard off"].append((case, categories(case, with_mt, embed)[0]))
        finally:
            pipeline.RELIABLE_CHRF = guard
    clean = sum(c["label"] == "clean" for c in cases)
    print(f"{len(cases)} cases ({clean} clean), every {args.every}th of {args.set}, "
          f"{time.perf_counter() - start:.0f} s; model {model}")
    scored = [c for c in chrfs if c is not None]
    print(f"channel status: {dict(statuses)}; article chrF of the tiny model: median "
          f"{statistics.median(scored):.1f}, max {max(scored):.1f}"
          f" (guard: < {guard} is unreliable)")
    same = sum(a[1] == b[1] for a, b in zip(runs["cross-lingual only"], runs["with tiny MT"], strict=True))
    print(f"cases whose finding categories are identical with and without the tiny MT: {same} / {len(cases)}")
    print(f"{'run':<20} {'recall':>7} {'clean pairs with any finding':>30}")
    for name, results in runs.items():
        recall, alarms = tally(results)
        print(f"{name:<20} {recall:>7.3f} {alarms:>30.3f}")


if __name__ == "__main__":
    main()
