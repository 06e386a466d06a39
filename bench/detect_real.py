"""Detection on real public data (../shared/devdata): recall, false alarms, MCC and ROC-AUC, document shares.

Usage: python bench/detect_real.py [--mode xl|same|both] [--sets demetr,wmt,tatoeba] [--per-cell N]
                                    [--json OUT] [--misses CATEGORY]

- demetr: DEMETR dev rows. Cross-lingual (xl): the source sentence against the row's English; same-language
  (same): the human English reference against it (what the back-translation channel sees with a perfect MT).
  A perturbed row is a hit only when a major-or-critical finding of the right category covers the changed
  words (the word diff of the row against its unperturbed MT); clean rows (the MT and the human translation)
  and minor rows (typos, punctuation, case) count false alarms: any major-or-critical finding.
- wmt: WMT24 professional translations of whole documents: the share of documents and of paragraphs with a
  major-or-critical finding, and of paragraphs with a critical one (all are false alarms).
- tatoeba: clean English-Italian sentence pairs (false alarms), and perturbations of their real Italian side.
Nothing here is tuned per row; the thresholds it reports against live in auditor/detect/policy.py.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVDATA = ROOT.parent / "shared" / "devdata"
sys.path.insert(0, str(ROOT))

from auditor.config import AuditConfig  # noqa: E402
from auditor.embed import load_encoder  # noqa: E402
from auditor.errors import AuditError  # noqa: E402
from auditor.pipeline import audit  # noqa: E402

BLOCKING = ("critical", "major")
SWEEP = (0.0, 0.6, 0.7, 0.8, 0.9)  # minimum confidences (--min-confidence) the sweep reports
# DEMETR perturbation -> (our label, finding categories that answer it, recall target)
PERTURBATIONS = {
    "critical_id8_negation": ("negation", {"negation"}, 0.95),
    "critical_id7_antonym": ("antonym", {"negation", "mistranslation"}, 0.70),
    "critical_id10_numbers_replaced": ("number", {"number", "date"}, 0.97),
    "critical_id9_ne_replaced": ("ne_replaced", {"name"}, 0.95),
    "critical_id25_ne_removed": ("ne_removed", {"name", "omission"}, 0.90),
    "critical_id6_addition": ("addition", {"addition"}, 0.70),
    "critical_id4_codemix": ("codemix", {"untranslated"}, 0.90),
    "critical_id21_adj_adv_removed": ("adj_removed", {"omission"}, 0.60),
    "critical_id22_verb_removed": ("verb_removed", {"omission"}, 0.60),
    "critical_id23_noun_removed": ("noun_removed", {"omission"}, 0.60),
    "critical_id24_subj_removed": ("subj_removed", {"omission"}, 0.60),
    "base_id33_shuffle_trans": ("unrelated", None, 0.97),  # None: any blocking finding
}
CLEAN = ("clean_mt", "clean_human")
MINOR = ("minor_id1_repeat2", "minor_id26_misspelled", "minor_id27_char_removed", "minor_id28_final_punc_removed",
         "minor_id29_punc_addition", "minor_id31_full_lower", "minor_id32_first_lower", "minor_id16_function_word")
TOKEN = re.compile(r"\w+|[^\w\s]")


def changed_region(before: str, after: str) -> tuple[int, int] | None:
    """(start, end) in `after` of the words that differ from `before` (zero-width at a pure deletion)."""
    a, b = [m.group() for m in TOKEN.finditer(before)], list(TOKEN.finditer(after))
    ops = [op for op in difflib.SequenceMatcher(None, a, [m.group() for m in b], autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if not ops:
        return None
    j1, j2 = ops[0][3], ops[-1][4]
    if j2 > j1:
        return b[j1].start(), b[j2 - 1].end()
    at = b[j1].start() if j1 < len(b) else len(after)
    return at, at


def covers(finding, region: tuple[int, int] | None) -> bool:
    """The finding's translation span touches the changed words (a finding with no translation span, e.g. a
    dropped name, is located on the original side, which has no word diff: it counts)."""
    span = finding.translation_span
    if region is None or span is None:
        return True
    start, end = region
    return span.start <= end and start <= span.end


def run_pair(original: str, translation: str, source: str, target: str, embed) -> list | None:
    """The findings of one audit, or None when the auditor refuses the pair (AuditError)."""
    config = AuditConfig(source_lang=source, target_lang=target, backtranslation=False)
    try:
        return audit(original, translation, config, embed=embed)
    except AuditError:
        return None


def risk_of(report) -> float:
    if report is None:
        return 1.0
    return getattr(report.summary, "risk", None) or (1.0 if report.summary.verdict == "critical" else
                                                      0.7 if report.summary.verdict == "major" else
                                                      0.3 if report.summary.verdict == "minor" else 0.0)


def demetr_rows(per_cell: int, seed: int = 13) -> list[dict]:
    wanted = set(PERTURBATIONS) | set(CLEAN) | set(MINOR)
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with open(DEVDATA / "demetr_dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["subcategory"] in wanted:
                cells[(row["source_lang"], row["subcategory"])].append(row)
    rng = random.Random(seed)
    rows = []
    for key in sorted(cells):
        cell = cells[key]
        rows += cell if per_cell <= 0 or len(cell) <= per_cell else rng.sample(cell, per_cell)
    return rows


def warm(embed, texts: list[str]) -> None:
    """Encode every text (and its words) in large batches: the encoder pays a fixed cost per call."""
    unique = list(dict.fromkeys(texts))
    words = list(dict.fromkeys(w for t in unique for w in re.findall(r"\w+", t)))
    for batch_of in (unique, words):
        for k in range(0, len(batch_of), 512):
            embed(batch_of[k:k + 512])


def bench_demetr(mode: str, per_cell: int, embed, misses: str | None) -> dict:
    rows = demetr_rows(per_cell)
    warm(embed, [r["source"] for r in rows] + [r["translation"] for r in rows] + [r["reference"] for r in rows])
    hits: dict[tuple[str, str], Counter] = defaultdict(Counter)
    scored: list[tuple[int, float, bool]] = []  # (is_error, risk, blocking) for MCC / AUC
    sweep: list[tuple[str, list[tuple[float, bool]]]] = []  # (label, [(confidence, counts as a hit)]) per row
    shown = 0
    for row in rows:
        original, source = (row["source"], row["source_lang"]) if mode == "xl" else (row["reference"], "en")
        if mode == "same" and (original == row["translation"] or row["subcategory"] == "critical_id4_codemix"):
            continue  # the human row is the reference itself; a source word in English is no same-language case
        report = run_pair(original, row["translation"], source, "en", embed)
        findings = report.findings if report is not None else []
        blocking = [f for f in findings if f.severity in BLOCKING]
        sub, lang = row["subcategory"], row["source_lang"]
        if sub in CLEAN or sub in MINOR:
            kind = "clean" if sub in CLEAN else "minor"
            hits[(kind, lang)]["n"] += 1
            hits[(kind, lang)]["alarm"] += bool(blocking) or report is None
            for f in blocking:
                hits[(kind + ":" + f.category, lang)]["alarm"] += 1
            if misses == kind and blocking and shown < 25:
                shown += 1
                print(f"  FA [{lang}] {original}\n       {row['translation']}\n       -> "
                      + "; ".join(f"{f.category}/{f.severity}: {f.reason}" for f in blocking))
            if kind == "clean":
                scored.append((0, risk_of(report), bool(blocking) or report is None))
                sweep.append(("clean", [(f.confidence, True) for f in blocking]))
            continue
        label, categories, _ = PERTURBATIONS[sub]
        region = changed_region(row["unperturbed"], row["translation"])
        hit = report is None or any((categories is None or f.category in categories) and covers(f, region)
                                    for f in blocking)
        critical = report is None or any((categories is None or f.category in categories) and covers(f, region)
                                         and f.severity == "critical" for f in blocking)
        hits[(label, lang)]["n"] += 1
        hits[(label, lang)]["hit"] += hit
        hits[(label, lang)]["critical"] += critical
        scored.append((1, risk_of(report), bool(blocking) or report is None))
        sweep.append((label, [(1.0, True)] if report is None else
                      [(f.confidence, (categories is None or f.category in categories) and covers(f, region))
                       for f in blocking]))
        if misses == label and not hit and shown < 25:
            shown += 1
            print(f"  MISS [{lang}] {original}\n       {row['unperturbed']}\n       {row['translation']}\n       -> "
                  + "; ".join(f"{f.category}/{f.severity}" for f in findings))
    return {"hits": {f"{k[0]}|{k[1]}": dict(v) for k, v in hits.items()}, "mcc": mcc(scored), "auc": auc(scored),
            "rows": len(rows), "sweep": confidence_sweep(sweep)}


def confidence_sweep(sweep: list[tuple[str, list[tuple[float, bool]]]]) -> dict[str, dict[str, float]]:
    """Recall per label and false alarms on clean rows when findings below a minimum confidence are ignored."""
    out: dict[str, dict[str, float]] = {}
    for minimum in SWEEP:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for label, found in sweep:
            counts[label][1] += 1
            counts[label][0] += any(c >= minimum and ok for c, ok in found)
        out[f"{minimum:.1f}"] = {label: round(a / b, 3) for label, (a, b) in counts.items()}
    return out


def mcc(scored: list[tuple[int, float, bool]]) -> float:
    tp = sum(y and p for y, _, p in scored)
    tn = sum(not y and not p for y, _, p in scored)
    fp = sum(not y and p for y, _, p in scored)
    fn = sum(y and not p for y, _, p in scored)
    denominator = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) ** 0.5
    return round((tp * tn - fp * fn) / denominator, 3) if denominator else 0.0


def auc(scored: list[tuple[int, float, bool]]) -> float:
    """ROC-AUC of the risk score by the rank-sum formula (ties count half)."""
    ranked = sorted(scored, key=lambda s: s[1])
    ranks: list[float] = [0.0] * len(ranked)
    k = 0
    while k < len(ranked):
        j = k
        while j < len(ranked) and ranked[j][1] == ranked[k][1]:
            j += 1
        for m in range(k, j):
            ranks[m] = (k + j + 1) / 2
        k = j
    positives = sum(s[0] for s in ranked)
    negatives = len(ranked) - positives
    if not positives or not negatives:
        return 0.0
    rank_sum = sum(r for r, s in zip(ranks, ranked, strict=True) if s[0])
    return round((rank_sum - positives * (positives + 1) / 2) / (positives * negatives), 3)


def print_demetr(result: dict, mode: str) -> None:
    table: dict[str, dict[str, Counter]] = defaultdict(dict)
    for key, counts in result["hits"].items():
        label, lang = key.split("|")
        table[label][lang] = Counter(counts)
    langs = sorted({lang for row in table.values() for lang in row})
    print(f"\nDEMETR dev, {'cross-lingual' if mode == 'xl' else 'same-language (vs the human reference)'}: "
          f"{result['rows']} rows; MCC {result['mcc']}, ROC-AUC {result['auc']} (errors vs clean rows)")
    print(f"{'':16}" + "".join(f"{lang:>7}" for lang in langs) + f"{'all':>8}{'n':>6}  target")
    targets = {label: target for label, _, target in PERTURBATIONS.values()}
    for label in [*targets, "clean", "minor"]:
        if label not in table:
            continue
        cells = table[label]
        key = "alarm" if label in ("clean", "minor") else "hit"
        total = sum(c[key] for c in cells.values()), sum(c["n"] for c in cells.values())
        line = f"{label:16}" + "".join(f"{cells[lang][key] / max(cells[lang]['n'], 1):>7.2f}" if lang in cells
                                       else f"{'':>7}" for lang in langs)
        target = f"≥ {targets[label]:.2f}" if label in targets else ("≤ 0.02" if label == "clean" else "")
        print(line + f"{total[0] / max(total[1], 1):>8.3f}{total[1]:>6}  {target}")
    crit = {label: (sum(c["critical"] for c in table[label].values()), sum(c["hit"] for c in table[label].values()))
            for label in targets if label in table}
    print("hits reported as critical: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in crit.items()))
    alarms = Counter({k.split("|")[0].split(":")[1]: 0 for k in result["hits"] if k.startswith("clean:")})
    for key, counts in result["hits"].items():
        if key.startswith("clean:"):
            alarms[key.split("|")[0].split(":")[1]] += counts["alarm"]
    print("--min-confidence sweep (recall per label; 'clean' = false alarms):")
    for minimum, figures in result["sweep"].items():
        print(f"  {minimum}: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()))
    print("false-alarm findings on clean rows by category: " + (", ".join(f"{k} {v}" for k, v in
                                                                            alarms.most_common()) or "none"))


def bench_wmt(embed, misses: bool, domains: set[str] | None = None) -> dict:
    out: dict[str, Counter] = defaultdict(Counter)
    docs = [json.loads(line) for line in open(DEVDATA / "wmt24_docs.jsonl", encoding="utf-8")]
    docs = [d for d in docs if domains is None or d["domain"] in domains]
    warm(embed, [p for d in docs for p in d["source_paragraphs"] + d["translation_paragraphs"]])
    shown = 0
    for doc in docs:
        report = run_pair("\n\n".join(doc["source_paragraphs"]), "\n\n".join(doc["translation_paragraphs"]),
                          "en", doc["target_lang"], embed)
        key = f"en-{doc['target_lang']}|{doc['domain']}"
        out[key]["docs"] += 1
        out[key]["paragraphs"] += len(doc["source_paragraphs"])
        if report is None:
            out[key]["refused"] += 1
            continue
        blocking = [f for f in report.findings if f.severity in BLOCKING]
        for minimum in SWEEP[1:]:
            sure = [f for f in blocking if f.confidence >= minimum]
            out[f"sweep|{minimum:.1f}"]["docs"] += 1
            out[f"sweep|{minimum:.1f}"]["flagged_docs"] += bool(sure)
            out[f"sweep|{minimum:.1f}"]["news_docs"] += doc["domain"] == "news"
            out[f"sweep|{minimum:.1f}"]["news_flagged"] += doc["domain"] == "news" and bool(sure)
            out[f"sweep|{minimum:.1f}"]["paragraphs"] += len(doc["source_paragraphs"])
            out[f"sweep|{minimum:.1f}"]["flagged_paragraphs"] += len({p for f in sure for p in f.original_paragraphs
                                                                     or f.translation_paragraphs})
        out[key]["flagged_docs"] += bool(blocking)
        out[key]["flagged_paragraphs"] += len({p for f in blocking for p in f.original_paragraphs or
                                               f.translation_paragraphs})
        out[key]["critical_paragraphs"] += len({p for f in blocking if f.severity == "critical"
                                                for p in f.original_paragraphs or f.translation_paragraphs})
        for f in blocking:
            out["category|" + f.category]["n"] += 1
            if misses and shown < 30:
                shown += 1
                print(f"  FA [{doc['target_lang']}/{doc['domain']}] {f.category}/{f.severity}: {f.reason}")
    return {k: dict(v) for k, v in out.items()}


def print_wmt(result: dict) -> None:
    print("\nWMT24 professional translations (all false alarms): share with a major-or-critical finding")
    print(f"{'pair':8}{'domain':10}{'docs':>6}{'flagged':>9}{'paras':>7}{'flagged':>9}{'critical':>10}")
    totals: Counter = Counter()
    for key in sorted(k for k in result if not k.startswith(("category|", "sweep|"))):
        c = Counter(result[key])
        pair, domain = key.split("|")
        totals.update(c)
        totals[f"{domain}_docs"] += c["docs"]
        totals[f"{domain}_flagged"] += c["flagged_docs"]
        print(f"{pair:8}{domain:10}{c['docs']:>6}{c['flagged_docs'] / c['docs']:>9.2f}{c['paragraphs']:>7}"
              f"{c['flagged_paragraphs'] / c['paragraphs']:>9.3f}{c['critical_paragraphs'] / c['paragraphs']:>10.4f}")
    print(f"{'all':18}{totals['docs']:>6}{totals['flagged_docs'] / totals['docs']:>9.2f}{totals['paragraphs']:>7}"
          f"{totals['flagged_paragraphs'] / totals['paragraphs']:>9.3f}"
          f"{totals['critical_paragraphs'] / totals['paragraphs']:>10.4f}")
    print(f"news documents flagged: {totals['news_flagged']}/{totals['news_docs']} (target ≤ 10%); "
          "paragraphs ≤ 1%, critical ≤ 0.5%")
    for key in sorted(k for k in result if k.startswith("sweep|")):
        c = Counter(result[key])
        share = c["flagged_paragraphs"] / c["paragraphs"]
        print(f"  --min-confidence {key.split('|')[1]}: documents flagged {c['flagged_docs'] / c['docs']:.2f} "
              f"(news {c['news_flagged']}/{c['news_docs']}), paragraphs {share:.3f}")
    print("findings by category: " + ", ".join(f"{k.split('|')[1]} {v['n']}" for k, v in
                                               sorted(result.items(), key=lambda kv: -kv[1].get("n", 0))
                                               if k.startswith("category|")))


def bench_tatoeba(embed, limit: int, misses: bool) -> dict:
    lines = (DEVDATA / "tatoeba_eng_ita.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t")[2:4] for line in lines if line.count("\t") >= 3]
    rng = random.Random(7)
    pairs = pairs if limit <= 0 or len(pairs) <= limit else rng.sample(pairs, limit)
    warm(embed, [t for p in pairs for t in p])
    counts: Counter = Counter()
    for english, italian in pairs:
        report = run_pair(english, italian, "en", "it", embed)
        counts["n"] += 1
        if report is None:
            counts["refused"] += 1
            continue
        blocking = [f for f in report.findings if f.severity in BLOCKING]
        counts["alarm"] += bool(blocking)
        for f in blocking:
            counts["category:" + f.category] += 1
            if misses and counts["shown"] < 20:
                counts["shown"] += 1
                print(f"  FA {english} | {italian} -> {f.category}: {f.reason}")
    return dict(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=("xl", "same", "both"), default="both")
    parser.add_argument("--sets", default="demetr,wmt,tatoeba")
    parser.add_argument("--per-cell", type=int, default=0, help="DEMETR rows per (language, perturbation); 0 = all")
    parser.add_argument("--tatoeba", type=int, default=2000, help="Tatoeba pairs (0 = all 10,000)")
    parser.add_argument("--domains", help="WMT24 domains only (e.g. news,social); default all")
    parser.add_argument("--misses", help="print misses of this label (or 'clean', 'minor', 'wmt', 'tatoeba')")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not DEVDATA.is_dir():
        print(f"skipped: {DEVDATA} is absent")
        return
    embed = load_encoder()
    results: dict = {}
    started = time.time()
    sets = args.sets.split(",")
    if "demetr" in sets:
        for mode in (("xl", "same") if args.mode == "both" else (args.mode,)):
            results[f"demetr_{mode}"] = bench_demetr(mode, args.per_cell, embed, args.misses)
            print_demetr(results[f"demetr_{mode}"], mode)
    if "wmt" in sets:
        results["wmt"] = bench_wmt(embed, args.misses == "wmt", set(args.domains.split(",")) if args.domains else None)
        print_wmt(results["wmt"])
    if "tatoeba" in sets:
        results["tatoeba"] = bench_tatoeba(embed, args.tatoeba, args.misses == "tatoeba")
        t = results["tatoeba"]
        print(f"\nTatoeba en-it clean pairs: {t.get('alarm', 0)}/{t['n']} with a major-or-critical finding "
              f"({t.get('alarm', 0) / t['n']:.3f}); " + ", ".join(f"{k[9:]} {v}" for k, v in t.items()
                                                                 if k.startswith("category:")))
    print(f"\n({time.time() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
