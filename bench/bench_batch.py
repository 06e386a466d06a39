"""Batch throughput: 100 separate `auditor audit` runs against one `auditor batch` (--jobs 1, --jobs 2, Ray).

Pairs: the bundled example, articles of 6-9 paragraphs built from this project's sentence pairs
(bench/data/pairs.tsv, en->it; every third with one number changed) and, when ../shared/devdata/wmt24_docs.jsonl
is present, the WMT24 news and social documents of 800-4000 characters (en->es/de/ru/ja/zh, read at run time,
never copied into the repository). Every run is --no-backtranslation, so the figures are the MT-free audit.
Peak RSS is the largest sum over the process tree (the batch and its workers), sampled every 0.1 s.

Usage: python bench/bench_batch.py [--pairs 100] [--modes separate,jobs1,jobs2,ray] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT.parent / "shared" / "devdata" / "wmt24_docs.jsonl"
MODES = {"separate": [], "jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "ray": ["--jobs", "2", "--ray", "local"]}


def own_articles(count: int) -> list[tuple[str, str, str, str]]:
    """(id, en, it, target language) articles from consecutive sentence pairs; every third has a changed number."""
    with open(ROOT / "bench/data/pairs.tsv", encoding="utf-8", newline="") as fh:
        pairs = [(row["en"], row["it"]) for row in csv.DictReader(fh, delimiter="\t")]
    rng, out, start = random.Random(7), [], 0
    for k in range(count):
        size = rng.randint(6, 9)
        chunk = [pairs[(start + j) % len(pairs)] for j in range(size)]
        start += size
        it = [i for _, i in chunk]
        if k % 3 == 2:
            it = [_change_a_number(p) for p in it]
        out.append((f"own-{k + 1:03d}", "\n\n".join(e for e, _ in chunk), "\n\n".join(it), "it"))
    return out


def _change_a_number(text: str) -> str:
    digits = [k for k, c in enumerate(text) if c.isdigit() and c != "9"]
    return text if not digits else text[:digits[0]] + str(int(text[digits[0]]) + 1) + text[digits[0] + 1:]


def wmt_documents(count: int) -> list[tuple[str, str, str, str]]:
    if not WMT.exists():
        return []
    docs = [json.loads(line) for line in WMT.read_text(encoding="utf-8").splitlines()]
    fit = sorted((d for d in docs if d["domain"] in ("news", "social")
                  and 800 <= sum(map(len, d["source_paragraphs"])) <= 4000), key=lambda d: d["id"])
    return [(d["id"], "\n\n".join(d["source_paragraphs"]), "\n\n".join(d["translation_paragraphs"]),
             d["target_lang"]) for d in fit[:count]]


def build(workdir: Path, total: int) -> Path:
    """The pair files and manifest.csv; about half WMT24 documents when they are present."""
    example = ("example", (ROOT / "examples/article.en.md").read_text(encoding="utf-8"),
               (ROOT / "examples/article.it.md").read_text(encoding="utf-8"), "it")
    wmt = wmt_documents((total - 1) // 2)
    articles = [example, *wmt, *own_articles(total - 1 - len(wmt))]
    (workdir / "pairs").mkdir(parents=True, exist_ok=True)
    rows = []
    for pair_id, original, translation, lang in articles:
        for name, text in ((f"{pair_id}.en.md", original), (f"{pair_id}.{lang}.md", translation)):
            (workdir / "pairs" / name).write_text(text + "\n", encoding="utf-8")
        rows.append((f"pairs/{pair_id}.en.md", f"pairs/{pair_id}.{lang}.md", pair_id))
    with open(workdir / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("original", "translation", "id"), *rows])
    return workdir / "manifest.csv"


def tree_rss(pid: int) -> int:
    """Resident bytes of pid and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            total += int(open(f"/proc/{current}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total


def timed(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """(wall seconds, peak tree RSS bytes, exit code) of one command."""
    peak, start = 0, time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's auditor, whichever the venv installed
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.1)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    sampler.join()
    if process.returncode not in (0, 1, 2) or b"Traceback" in err:
        sys.exit(f"{' '.join(command)} failed:\n{err.decode()[-2000:]}")
    return time.perf_counter() - start, peak, process.returncode


def run_mode(mode: str, manifest: Path, workdir: Path) -> tuple[float, int]:
    auditor = [sys.executable, "-m", "auditor"]
    if mode != "separate":
        out = workdir / f"out-{mode}"
        wall, peak, _ = timed([*auditor, "batch", manifest.name, "--out", str(out), "--no-backtranslation", "--force",
                               "-q", *MODES[mode]], workdir)
        return wall, peak
    with open(manifest, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    wall, peak = 0.0, 0
    for row in rows:
        seconds, rss, _ = timed([*auditor, "audit", row["original"], row["translation"], "--no-backtranslation", "-q",
                                 "--out", str(workdir / "out-separate" / row["id"]), "--force"], workdir)
        wall, peak = wall + seconds, max(peak, rss)
    return wall, peak


def same_reports(workdir: Path, modes: list[str]) -> bool:
    """Whether every mode wrote byte-identical report.json files (and batch modes identical indexes)."""
    def files(mode: str) -> dict[str, bytes]:
        root = workdir / f"out-{mode}"
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("report.json"))}
    first = files(modes[0])
    indexes = {(workdir / f"out-{m}" / "index.jsonl").read_bytes() for m in modes if m != "separate"}
    return all(files(m) == first for m in modes[1:]) and len(indexes) <= 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/auditor-bench-batch"))
    args = parser.parse_args()
    manifest = build(args.workdir, args.pairs)
    modes = [m for m in args.modes.split(",") if m]
    print(f"{args.pairs} pairs ({sum(1 for p in (args.workdir / 'pairs').glob('wmt24-*.en.md'))} WMT24)\n")
    print("| run | wall s | pairs/s | × separate | peak RSS MB |\n|---|---|---|---|---|")
    baseline = None
    for mode in modes:
        wall, peak = run_mode(mode, manifest, args.workdir)
        baseline = baseline or (wall if mode == "separate" else None)
        ratio = f"{wall / baseline:.3f}" if baseline else "—"
        print(f"| {mode} | {wall:.1f} | {args.pairs / wall:.2f} | {ratio} | {peak / 2**20:.0f} |", flush=True)
    print(f"\nsame report.json bytes in every run: {'yes' if same_reports(args.workdir, modes) else 'NO'}")


if __name__ == "__main__":
    main()
