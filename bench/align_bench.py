"""Alignment benchmark: bead precision/recall on structural variants of own bilingual text, and DP speed.

Usage: python bench/align_bench.py [--skip-cost X] [--quick]
Sources: examples/article.{en,it}.md (gold from examples/expected.json) and synthetic articles built from
bench/data/pairs.tsv (consecutive sentence pairs grouped into paragraphs). Each source gets every variant:
dropped, inserted, merged, split, shuffled neighbours, truncated, boilerplate added.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.align import align_documents  # noqa: E402
from auditor.config import AuditConfig  # noqa: E402
from auditor.dp import align_vectors  # noqa: E402
from auditor.embed import load_encoder  # noqa: E402
from auditor.load import parse_document  # noqa: E402
from auditor.segment import segment_document  # noqa: E402

Gold = set[tuple[tuple[int, ...], tuple[int, ...]]]
BOILERPLATE_IT = ["Condividi questo articolo", "Lascia un commento", "Iscriviti alla nostra newsletter"]


def example_source() -> tuple[list[str], list[str]]:
    """Content paragraphs of the bundled example with the translation restored to 1-1 where we know it."""
    expected = json.loads((ROOT / "examples/expected.json").read_text())
    en = _paragraphs(ROOT / "examples/article.en.md")
    it = _paragraphs(ROOT / "examples/article.it.md")
    pairs = [(b["en"], b["it"]) for b in expected["alignment"]
             if len(b["en"]) == 1 and len(b["it"]) == 1 and b["en"][0] not in expected["boilerplate"]["en"]]
    return [en[a[0]] for a, _ in pairs], [it[b[0]] for _, b in pairs]


def pair_sources(per_paragraph: int = 3, per_article: int = 12) -> list[tuple[list[str], list[str]]]:
    """Synthetic bilingual articles from bench/data/pairs.tsv: sentence pairs grouped into paragraphs."""
    path = ROOT / "bench/data/pairs.tsv"
    if not path.exists():
        return []
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t") if r.get("en") and r.get("it")]
    paragraphs = [(" ".join(r["en"] for r in rows[k:k + per_paragraph]),
                   " ".join(r["it"] for r in rows[k:k + per_paragraph]))
                  for k in range(0, len(rows) - per_paragraph + 1, per_paragraph)]
    return [([p[0] for p in paragraphs[k:k + per_article]], [p[1] for p in paragraphs[k:k + per_article]])
            for k in range(0, len(paragraphs) - per_article + 1, per_article)]


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [p.text for p in parse_document(text, str(path), "en" if ".en." in path.name else "it").paragraphs]


def variants(en: list[str], it: list[str], rng: random.Random, filler: list[str]) -> dict[str, tuple[list[str], Gold]]:
    """Each structural variant of the translation with its gold beads (content only)."""
    n = len(en)
    k = rng.randrange(1, n - 2)
    one = {((i,), (i,)) for i in range(n)}
    shift = lambda gold, at, by: {(a, tuple(j + by if j >= at else j for j in b)) for a, b in gold}  # noqa: E731
    out: dict[str, tuple[list[str], Gold]] = {"clean": (list(it), one)}
    out["dropped"] = (it[:k] + it[k + 1:], shift({g for g in one if g[0] != (k,)}, k + 1, -1) | {((k,), ())})
    out["inserted"] = (it[:k] + [rng.choice(filler)] + it[k:], shift(one, k, 1) | {((), (k,))})
    merged = it[:k] + [it[k] + " " + it[k + 1]] + it[k + 2:]
    out["merged"] = (merged, shift({g for g in one if g[0] not in ((k,), (k + 1,))}, k + 2, -1) | {((k, k + 1), (k,))})
    head, tail = _split_in_two(it[k])
    if tail:
        out["split"] = (it[:k] + [head, tail] + it[k + 1:], shift({g for g in one if g[0] != (k,)}, k + 1, 1)
                        | {((k,), (k, k + 1))})
    out["truncated"] = (it[: n - 4], {g for g in one if g[0][0] < n - 4} | {((i,), ()) for i in range(n - 4, n)})
    out["boilerplate"] = (it + BOILERPLATE_IT, one)
    swapped = it[:k] + [it[k + 1], it[k]] + it[k + 2:]
    out["shuffled"] = (swapped, one)  # scored against the best monotone reading, see _score_shuffled
    if n >= 8:  # several things at once: drop paragraph 1, merge k and k+1, insert a stranger before the end
        k = rng.randrange(3, n - 3)
        mixed = [it[0]] + it[2:k] + [it[k] + " " + it[k + 1]] + it[k + 2:n - 1] + [rng.choice(filler), it[n - 1]]
        gold = {((0,), (0,)), ((1,), ())} | {((i,), (i - 1,)) for i in range(2, k)} | {((k, k + 1), (k - 1,))}
        gold |= {((i,), (i - 2,)) for i in range(k + 2, n - 1)} | {((), (n - 3,)), ((n - 1,), (n - 2,))}
        out["mixed"] = (mixed, gold)
    return out


def _split_in_two(paragraph: str) -> tuple[str, str]:
    cut = paragraph.find(". ", len(paragraph) // 3)
    return (paragraph[: cut + 1], paragraph[cut + 2:]) if cut > 0 else (paragraph, "")


def predicted(en: list[str], it: list[str], embed, config: AuditConfig) -> Gold:
    """Content beads the auditor finds for the two paragraph lists."""
    source = segment_document(parse_document("\n\n".join(en), "en", "en"))
    target = segment_document(parse_document("\n\n".join(it), "it", "it"))
    beads = align_documents(source, target, embed, config)
    bp_a = {p.index for p in source.paragraphs if p.boilerplate}
    bp_b = {p.index for p in target.paragraphs if p.boilerplate}
    return {(b.original, b.translation) for b in beads
            if not (set(b.original) & bp_a or set(b.translation) & bp_b)}


def _score_shuffled(pred: Gold, n: int, k: int) -> Gold:
    """Swapped neighbours have two correct monotone readings; return the gold that matches best."""
    base = {((i,), (i,)) for i in range(n) if i not in (k, k + 1)}
    keep_first = base | {((k,), (k + 1,)), ((k + 1,), ()), ((), (k,))}
    keep_second = base | {((k + 1,), (k,)), ((k,), ()), ((), (k + 1,))}
    return max((keep_first, keep_second), key=lambda gold: len(gold & pred))


def run_quality(config: AuditConfig, seeds: int = 5) -> dict[str, list[int]]:
    embed = load_encoder()
    sources = [example_source(), *pair_sources()]
    filler = [p for _, it in sources for p in it]
    totals: dict[str, list[int]] = {}
    rng = random.Random(7)
    for index, (en, it) in [pair for _ in range(seeds) for pair in enumerate(sources)]:
        foreign = [p for j, (_, other) in enumerate(sources) if j != index for p in other] or filler
        for name, (translation, gold) in variants(en, it, rng, foreign).items():
            pred = predicted(en, translation, embed, config)
            if name == "shuffled":
                k = next(i for i in range(len(it)) if translation[i] != it[i])
                gold = _score_shuffled(pred, len(en), k)
            hit = len(pred & gold)
            t = totals.setdefault(name, [0, 0, 0])
            t[0], t[1], t[2] = t[0] + hit, t[1] + len(pred), t[2] + len(gold)
    return totals


def run_speed(n: int = 1000, dim: int = 512, seed: int = 0) -> float:
    """Seconds for align_vectors on n x n paragraphs with drops and inserts (embedding excluded)."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(n, dim)).astype(np.float32)
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    keep = np.sort(rng.choice(n, size=n - 20, replace=False))
    b = a[keep] + 0.3 * rng.normal(size=(len(keep), dim)).astype(np.float32)
    b = np.vstack([b, rng.normal(size=(20, dim)).astype(np.float32)])
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    lengths_a = rng.integers(100, 600, size=n).astype(float)
    lengths_b = np.r_[lengths_a[keep], rng.integers(100, 600, size=20)].astype(float)
    config = AuditConfig()
    start = time.perf_counter()
    align_vectors(a, b, lengths_a, lengths_b, config.skip_cost, config.merge_penalty, config.band)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-cost", type=float, default=None)
    parser.add_argument("--seeds", type=int, default=5, help="random positions per source and variant")
    args = parser.parse_args()
    config = AuditConfig() if args.skip_cost is None else AuditConfig(skip_cost=args.skip_cost)
    totals = run_quality(config, args.seeds)
    print(f"skip_cost={config.skip_cost} merge_penalty={config.merge_penalty} band={config.band}")
    print(f"{'variant':<12} {'precision':>9} {'recall':>7} {'beads':>6}")
    all_hit = all_pred = all_gold = 0
    for name, (hit, pred, gold) in totals.items():
        print(f"{name:<12} {hit / max(pred, 1):>9.3f} {hit / max(gold, 1):>7.3f} {gold:>6}")
        all_hit, all_pred, all_gold = all_hit + hit, all_pred + pred, all_gold + gold
    print(f"{'ALL':<12} {all_hit / all_pred:>9.3f} {all_hit / all_gold:>7.3f} {all_gold:>6}")
    print(f"DP 1000x1000 paragraphs (no embedding): {run_speed():.3f} s")


if __name__ == "__main__":
    main()
