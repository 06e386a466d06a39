"""Large inputs: wall time and peak RSS of one fresh `auditor audit --no-backtranslation` per case.

Inputs are built from this project's own sentence pairs (bench/data/pairs.tsv), never third-party text:
  3000-paragraphs  3000 one-sentence paragraphs a side (each sentence tagged with its paragraph number, so no two
                   paragraphs are the same text)
  long-paragraph   one paragraph of ~200,000 characters a side
  long-word        the bundled example with a 100,000-character "word" (a pasted data blob) in one paragraph
  1mb              ~1 MB a side, paragraphs of four sentences
  1mb-short        ~1 MB a side, one sentence a paragraph (~8,600 paragraphs: the paragraph alignment's worst case)
  over-limit       ~6 MB a side: refused up front (exit 2)

Usage: python bench/bench_large.py [--cases 3000-paragraphs,1mb] [--tree PATH] [--timeout 900]
--tree runs the auditor of another checkout (e.g. a `git worktree` of an older commit) for before/after figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Sides = tuple[list[str], list[str]]


def sentence_pairs() -> list[tuple[str, str]]:
    with open(ROOT / "bench/data/pairs.tsv", encoding="utf-8", newline="") as fh:
        return [(row["en"], row["it"]) for row in csv.DictReader(fh, delimiter="\t")]


def numbered(count: int, per_paragraph: int, seed: int = 0) -> Sides:
    """count paragraphs of per_paragraph sentences, in a shuffled order, each opened by its own number."""
    pairs, rng = sentence_pairs(), random.Random(seed)
    en, it = [], []
    for k in range(count):
        chosen = [pairs[rng.randrange(len(pairs))] for _ in range(per_paragraph)]
        en.append(f"({k + 1}) " + " ".join(e for e, _ in chosen))
        it.append(f"({k + 1}) " + " ".join(i for _, i in chosen))
    return en, it


def to_size(target_bytes: int, per_paragraph: int) -> Sides:
    """Paragraphs of per_paragraph sentences, as many as bring the English side to about target_bytes."""
    sample, _ = numbered(200, per_paragraph, seed=1)
    mean = sum(len(p.encode()) + 2 for p in sample) / len(sample)
    return numbered(round(target_bytes / mean), per_paragraph)


def long_paragraph() -> Sides:
    en, it = to_size(200_000, 1)
    return [" ".join(en)], [" ".join(it)]


def long_word() -> Sides:
    en = (ROOT / "examples/article.en.md").read_text(encoding="utf-8").split("\n\n")
    it = (ROOT / "examples/article.it.md").read_text(encoding="utf-8").split("\n\n")
    blob = "".join(random.Random(1).choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                   for _ in range(100_000))
    return en[:3] + [f"Attachment: {blob}"] + en[3:], it[:3] + [f"Allegato: {blob}"] + it[3:]


CASES: dict[str, Callable[[], Sides]] = {
    "3000-paragraphs": lambda: numbered(3000, 1),
    "long-paragraph": long_paragraph,
    "long-word": long_word,
    "1mb": lambda: to_size(1_000_000, 4),
    "1mb-short": lambda: to_size(1_000_000, 1),
    "over-limit": lambda: to_size(6_000_000, 4),
}


def write_case(name: str, workdir: Path) -> tuple[Path, Path]:
    en, it = CASES[name]()
    paths = (workdir / f"{name}.en.md", workdir / f"{name}.it.md")
    for path, paragraphs in zip(paths, (en, it), strict=True):
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return paths


def run_case(paths: tuple[Path, Path], tree: Path, timeout: float) -> tuple[str, float, float]:
    """(exit status, wall seconds, peak RSS in MB) of one fresh audit."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "auditor", "audit", *map(str, paths),
               "--no-backtranslation", "--no-write", "-q", "--fail-on", "never"]
    start = time.perf_counter()
    # Its own session, so a timeout ends the audit and not only /usr/bin/time (an orphan would skew what follows).
    process = subprocess.Popen(command, env=env, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return f"timeout ({timeout:.0f} s)", time.perf_counter() - start, float("nan")
    wall = time.perf_counter() - start
    done = subprocess.CompletedProcess(command, process.returncode, "", stderr)
    lines = done.stderr.strip().splitlines()
    rss = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")
    status = f"exit {done.returncode}" + (f": {lines[0][:90]}" if done.returncode == 2 and lines else "")
    return status, wall, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose auditor runs (default: this one)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/auditor-bench-large"))
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print("| case | size a side | result | wall s | peak RSS MB |\n|---|---|---|---|---|")
    for name in args.cases.split(","):
        paths = write_case(name, args.workdir)
        status, wall, rss = run_case(paths, args.tree.resolve(), args.timeout)
        size = paths[0].stat().st_size
        print(f"| {name} | {size / 1e3:,.0f} KB | {status} | {wall:.1f} | {rss:.0f} |", flush=True)


if __name__ == "__main__":
    main()
