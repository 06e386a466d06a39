"""Cold start: median wall time and peak RSS of fresh processes, each starting from nothing but the cache.

Cases (each run --runs times in a new process; the first run of the session also fills the encoder store, so
one untimed warm-up run goes first):
  help        `auditor --help`
  audit       `auditor audit` of the bundled example, --no-backtranslation, languages identified
  audit-lang  the same with --source-lang en --target-lang it (no language identification)

Usage: python bench/bench_coldstart.py [--runs 10] [--cases help,audit,audit-lang] [--tree PATH]
--tree times the auditor of another checkout (e.g. a `git worktree` of an older commit) for before/after figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ("examples/article.en.md", "examples/article.it.md")
AUDIT = ["audit", *EXAMPLE, "--no-backtranslation", "--no-write", "-q", "--fail-on", "never"]
CASES = {"help": ["--help"], "audit": AUDIT, "audit-lang": [*AUDIT, "--source-lang", "en", "--target-lang", "it"]}


def run_once(arguments: list[str], tree: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one fresh `python -m auditor ...` in the given checkout."""
    # Bytecode is written and reused, as an installed package's is (pip compiles it at install); this sandbox sets
    # PYTHONDONTWRITEBYTECODE, which would recompile the auditor's sources (~0.1 s) in every run.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    command = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "auditor", *arguments]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(arguments)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--tree", type=Path, default=ROOT)
    args = parser.parse_args()
    run_once(AUDIT, args.tree)  # fills the encoder store if this cache has none yet
    print("| case | median s | min s | max s | peak RSS MB |\n|---|---|---|---|---|")
    for case in args.cases.split(","):
        results = [run_once(CASES[case], args.tree) for _ in range(args.runs)]
        walls = [wall for wall, _ in results]
        print(f"| {case} | {statistics.median(walls):.2f} | {min(walls):.2f} | {max(walls):.2f} | "
              f"{max(rss for _, rss in results):.0f} |", flush=True)


if __name__ == "__main__":
    main()
