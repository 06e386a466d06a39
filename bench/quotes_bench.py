"""Quotations on real text: misquotes, speaker swaps, reversed reporting verbs, fabricated quotes, lost marks.

Usage: python bench/quotes_bench.py [--items N] [--mode same|xl|both] [--json OUT] [--misses KIND]

Built at run time from ../shared/devdata/wmt24_docs.jsonl (skips when absent): every English paragraph with a
quotation of four words or more, with the paragraph before it for context, and its professional translation.
Each is perturbed in one way and audited (no MT):

- same: the English window against a perturbed copy of itself (a repost). Clean: a light edit (straight and
  curly quotes and apostrophes swapped), which must stay quiet.
- xl: the English window against the professional translation. Perturbations of the translation's wording
  are done on the English side (the mirror image: the two no longer match in the same way); quote marks are
  dropped from, and fabricated quotes added to, the translation itself. Clean: the pair as published.

A perturbation is found when a finding of the required severity overlaps the perturbed words on the perturbed
side and the clean run of the same item has no such finding. Synonyms are the encoder's nearest neighbours
(USE-m3 word vectors over wordfreq's 20,000 most frequent English words), not a hand list.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEVDATA = ROOT.parent / "shared" / "devdata"
sys.path.insert(0, str(ROOT))

from auditor.config import AuditConfig  # noqa: E402
from auditor.errors import AuditError  # noqa: E402
from auditor.pipeline import audit  # noqa: E402

QUOTE = re.compile(r"\u201c[^\u201d]{12,}\u201d|\"[^\"]{12,}\"")
VERB = re.compile(r"\b(said|says|added|stated|explained|told|confirmed)\b")
REVERSED = {"said": "denied", "says": "denies", "added": "denied", "stated": "denied", "explained": "denied",
            "told": "denied to", "confirmed": "questioned"}
SPEAKER = re.compile(r"\b(?:said|says|told|added|asked|wrote)\s+((?:[A-Z][\w'\u2019-]+\s){0,2}[A-Z][\w'\u2019-]+)"
                     r"|((?:[A-Z][\w'\u2019-]+\s){0,2}[A-Z][\w'\u2019-]+)\s+(?:said|says|told|added|asked|wrote)\b")
AUX = re.compile(r"\b(is|are|was|were|will|would|can|could|should|must|has|have|had|may|might)\b")
NEGATED = re.compile(r"\b(is|are|was|were|will|would|can|could|should|must|has|have|had|do|does|did) not\b|n't\b")
WORD = re.compile(r"\b[a-z]{4,}\b")
BLOCKING = ("critical", "major")
# perturbation -> (severities that count as found, finding categories that answer it or None for any)
TARGETS = {
    "negation moved in quote": (("critical",), None),
    "number changed in quote": (("critical",), None),
    "synonym in quote": (BLOCKING, None),
    "synonym outside quote": (BLOCKING, None),       # a paraphrase outside quotes: should stay quiet
    "speaker swapped": (("critical",), None),
    "reporting verb reversed": (("critical",), None),
    "quote fabricated": (("critical",), None),
    "quote marks dropped": (("critical", "major", "minor"), {"quote"}),
}
QUIET = ("synonym outside quote",)


def items(limit: int, seed: int = 7) -> list[dict]:
    """Quoted English paragraphs (with the paragraph before) and their translations, one language each."""
    docs = [json.loads(line) for line in open(DEVDATA / "wmt24_docs.jsonl", encoding="utf-8")]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        by_doc[doc["doc_id"]].append(doc)
    found = []
    for versions in by_doc.values():
        source = versions[0]["source_paragraphs"]
        for k, paragraph in enumerate(source):
            if QUOTE.search(paragraph) and len(paragraph) < 700:
                found.append((versions, k))
    rng = random.Random(seed)
    rng.shuffle(found)
    out = []
    for n, (versions, k) in enumerate(found[:limit]):
        doc = versions[n % len(versions)]
        window = slice(max(0, k - 1), k + 1)
        out.append({"id": f"{doc['doc_id']}#{k}", "lang": doc["target_lang"], "en": doc["source_paragraphs"][window],
                    "tr": doc["translation_paragraphs"][window], "at": min(k, 1)})
    return out


class Synonyms:
    """Nearest neighbours among frequent English words by the encoder's word vectors (another lemma only)."""

    def __init__(self, embed) -> None:
        import simplemma
        from wordfreq import top_n_list

        from auditor.detect.content import stopwords

        stop = stopwords("en")
        self.words = [w for w in top_n_list("en", 20000) if w.isalpha() and len(w) > 3 and w not in stop]
        self.vectors = embed(self.words)
        self.lemma = simplemma.lemmatize
        self.embed = embed

    def of(self, word: str) -> str | None:
        vector = self.embed([word])[0]
        order = np.argsort(-(self.vectors @ vector))
        for k in order[:20]:
            other = self.words[k]
            if other[:4] != word[:4] and self.lemma(other, lang="en") != self.lemma(word, lang="en"):
                return other if float(self.vectors[k] @ vector) >= 0.6 else None
        return None


def perturb(kind: str, paragraph: str, rng: random.Random, pools: dict,
            synonyms: Synonyms) -> tuple[str, int, int] | None:
    """(perturbed paragraph, start, end of the change in it) or None when the paragraph does not allow it."""
    quote = QUOTE.search(paragraph)
    a, b = quote.span()
    inside = paragraph[a:b]
    if kind == "negation moved in quote":
        negated = NEGATED.search(inside)
        if negated:  # move the negation: drop it here, put it after another auxiliary (or drop it)
            dropped = inside[:negated.start()] + (negated.group(1) or "") + inside[negated.end():]
            if negated.group() == "n't":
                dropped = inside[:negated.start()] + inside[negated.end():]
            host = negated.start() if negated.group(1) else negated.start() - 1  # the auxiliary it hung on
            others = [m for m in AUX.finditer(dropped) if not m.start() <= host < m.end() + 1]
            new = dropped if not others else dropped[:others[-1].end()] + " not" + dropped[others[-1].end():]
        else:
            aux = AUX.search(inside)
            if not aux:
                return None
            new = inside[:aux.end()] + " not" + inside[aux.end():]
        return paragraph[:a] + new + paragraph[b:], a, a + len(new)
    if kind == "number changed in quote":
        number = re.search(r"\d+", inside)
        if not number:
            return None
        value = str(int(number.group()) * 2 + 3)
        return paragraph[:a + number.start()] + value + paragraph[a + number.end():], a + number.start(), \
            a + number.start() + len(value)
    if kind in ("synonym in quote", "synonym outside quote"):
        where = [(m.start() + a, m.end() + a) for m in WORD.finditer(inside)] if kind == "synonym in quote" else \
            [m.span() for m in WORD.finditer(paragraph)
             if not any(q.start() <= m.start() < q.end() for q in QUOTE.finditer(paragraph))]
        rng.shuffle(where)
        for s, e in where:
            other = synonyms.of(paragraph[s:e])
            if other:
                return paragraph[:s] + other + paragraph[e:], s, s + len(other)
        return None
    if kind == "speaker swapped":
        from auditor.detect.content import stopwords

        match = next((m for m in SPEAKER.finditer(paragraph) if (m.group(1) or m.group(2)).split()[0].lower()
                      not in stopwords("en") and not any(q.start() <= m.start() < q.end()
                                                         for q in QUOTE.finditer(paragraph))), None)
        if not match:
            return None
        group = 1 if match.group(1) else 2
        s, e = match.span(group)
        others = [p for p in pools["speakers"] if p.split()[-1] not in paragraph]
        other = rng.choice(others)
        return paragraph[:s] + other + paragraph[e:], s, s + len(other)
    if kind == "reporting verb reversed":
        verbs = [m for m in VERB.finditer(paragraph) if not a <= m.start() < b]
        if not verbs:
            return None
        m = verbs[0]
        new = REVERSED[m.group()]
        return paragraph[:m.start()] + new + paragraph[m.end():], m.start(), m.start() + len(new)
    raise ValueError(kind)


def fabricate(paragraph: str, pool: list[str], rng: random.Random) -> tuple[str, int, int]:
    """Append another document's quoted sentence to the paragraph."""
    added = rng.choice(pool)
    return f"{paragraph} {added}", len(paragraph) + 1, len(paragraph) + 1 + len(added)


def drop_marks(paragraph: str) -> tuple[str, int, int] | None:
    marks = "\"\u201c\u201d\u00ab\u00bb\u201e\u300c\u300d\u300e\u300f"
    if not any(c in paragraph for c in marks):
        return None
    first = min(paragraph.index(c) for c in marks if c in paragraph)
    stripped = "".join(c for c in paragraph if c not in marks)
    return stripped, max(0, first - 1), len(stripped)


def light_edit(paragraph: str) -> str:
    """Typography only: curly quotes and apostrophes straightened, straight ones curled."""
    if "\u201c" in paragraph:
        return paragraph.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", paragraph).replace("'", "\u2019")


MIRRORED = ("negation moved in quote", "number changed in quote", "synonym in quote", "synonym outside quote",
            "speaker swapped", "reporting verb reversed")


def pools(limit_chars: int = 300) -> dict:
    """Speakers' names and short quoted paragraphs (per language) to swap in and to fabricate from."""
    docs = [json.loads(line) for line in open(DEVDATA / "wmt24_docs.jsonl", encoding="utf-8")]
    speakers, quoted = set(), defaultdict(set)
    for doc in docs:
        for en, tr in zip(doc["source_paragraphs"], doc["translation_paragraphs"], strict=True):
            for m in SPEAKER.finditer(en):
                name = m.group(1) or m.group(2)
                if len(name.split()) >= 2:
                    speakers.add(name)
            if any(len(q.split()) >= 4 for q in QUOTE.findall(en)) and len(en) <= limit_chars:
                quoted["en"].add(en)
                if any(c in tr for c in "\"\u201c\u00ab\u201e\u300c"):
                    quoted[doc["target_lang"]].add(tr)
    return {"speakers": sorted(speakers), **{k: sorted(v) for k, v in quoted.items()}}


def run(original: list[str], translation: list[str], source: str, target: str, embed):
    config = AuditConfig(source_lang=source, target_lang=target, backtranslation=False)
    try:
        return audit("\n\n".join(original), "\n\n".join(translation), config, embed=embed).findings
    except AuditError:
        return None


def _key(f) -> tuple:
    return (f.category, f.severity, f.original_span.text if f.original_span else None,
            f.translation_span.text if f.translation_span else None)


def _found(findings, clean, kind: str, side: str, start: int, end: int) -> bool:
    severities, categories = TARGETS[kind]
    known = {_key(f) for f in clean}
    for f in findings:
        span = f.original_span if side == "original" else f.translation_span
        if f.severity in severities and (categories is None or f.category in categories) and \
                span is not None and span.start < end and start < span.end and _key(f) not in known:
            return True
    return False


def _touching_quotes(findings, original: str, translation: str) -> tuple[int, int]:
    """Major-or-critical findings on a quotation (either side): all of them, and those of category quote."""
    from auditor.detect.units import quoted_ranges

    ranges = quoted_ranges(original), quoted_ranges(translation)
    hits = [f for f in findings if f.severity in BLOCKING and any(
        span is not None and any(a < span.end and span.start < b for a, b in r)
        for span, r in ((f.original_span, ranges[0]), (f.translation_span, ranges[1])))]
    return len(hits), sum(f.category == "quote" for f in hits)


def bench(mode: str, rows: list[dict], embed, synonyms: Synonyms, pool: dict, misses: str | None) -> dict:
    counts: dict[str, Counter] = defaultdict(Counter)
    rng = random.Random(11)
    for row in rows:
        same = mode == "same"
        target_lang = "en" if same else row["lang"]
        base_tr = [light_edit(p) for p in row["en"]] if same else row["tr"]
        clean = run(row["en"], base_tr, "en", target_lang, embed)
        if clean is None:
            counts["_"]["refused"] += 1
            continue
        n_quotes = len(QUOTE.findall(" ".join(row["en"])))
        touching, quote_kind = _touching_quotes(clean, "\n\n".join(row["en"]), "\n\n".join(base_tr))
        counts["clean"].update({"quotations": n_quotes, "findings on quotations": touching,
                                "quote findings on quotations": quote_kind, "items": 1})
        offset = sum(len(p) + 2 for p in row["en"][:row["at"]])
        offset_tr = sum(len(p) + 2 for p in base_tr[:row["at"]])
        for kind in TARGETS:
            mirrored = kind in MIRRORED and not same
            if kind == "quote fabricated":
                candidates = [p for p in pool["en" if same else row["lang"]] if p not in row["en"] + row["tr"]]
                changed = fabricate(base_tr[row["at"]], candidates, rng)
            elif kind == "quote marks dropped":
                changed = drop_marks(base_tr[row["at"]])
            else:
                source = row["en"][row["at"]] if mirrored else base_tr[row["at"]]
                changed = perturb(kind, source, rng, pool, synonyms) if QUOTE.search(source) else None
            if changed is None:
                continue
            text, start, end = changed
            original, translation = list(row["en"]), list(base_tr)
            (original if mirrored else translation)[row["at"]] = text
            findings = run(original, translation, "en", target_lang, embed)
            if findings is None:
                continue
            at = offset if mirrored else offset_tr
            hit = _found(findings, clean, kind, "original" if mirrored else "translation", at + start, at + end)
            counts[kind]["n"] += 1
            counts[kind]["found"] += hit
            quiet = kind in QUIET or (not same and kind.startswith("synonym"))
            if misses and misses in kind and hit == quiet:
                print(f"  MISS [{mode}/{row['lang']}] {kind}: {text[max(0, start - 60):end + 40]!r}")
                for f in findings:
                    print(f"      {f.severity} {f.category}: {f.reason[:140]}")
    return {k: dict(v) for k, v in counts.items()}


def report(mode: str, result: dict) -> None:
    label = "same-language (English repost)" if mode == "same" else "cross-lingual (en -> de/es/ja/ru/zh)"
    print(f"\n{label}")
    print(f"{'perturbation':28}{'n':>5}{'found':>8}  counted as found")
    for kind, (severities, categories) in TARGETS.items():
        c = result.get(kind, {})
        if not c.get("n"):
            continue
        what = "/".join(severities) + (f" {'/'.join(sorted(categories))}" if categories else "")
        quiet = kind in QUIET or (mode == "xl" and kind == "synonym in quote")
        print(f"{kind:28}{c['n']:>5}{c['found'] / c['n']:>8.3f}  {what}" + ("  (meaning kept: should stay quiet)"
                                                                          if quiet else ""))
    clean = result.get("clean", {})
    if clean.get("quotations"):
        print(f"clean: {clean['items']} items, {clean['quotations']} quotations; major+ findings on a quotation "
              f"{clean['findings on quotations'] / clean['quotations']:.3f} per quotation, of category quote "
              f"{clean['quote findings on quotations'] / clean['quotations']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--mode", choices=("same", "xl", "both"), default="both")
    parser.add_argument("--json")
    parser.add_argument("--misses", help="print misses of perturbations whose name contains this")
    args = parser.parse_args()
    if not (DEVDATA / "wmt24_docs.jsonl").is_file():
        print("../shared/devdata/wmt24_docs.jsonl not present: skipped")
        return
    from auditor.embed import load_encoder

    started = time.time()
    embed = load_encoder()
    rows, pool = items(args.items), pools()
    synonyms = Synonyms(embed)
    results = {}
    for mode in ("same", "xl") if args.mode == "both" else (args.mode,):
        results[mode] = bench(mode, rows, embed, synonyms, pool, args.misses)
        report(mode, results[mode])
    print(f"\n({time.time() - started:.0f} s, {len(rows)} quoted paragraphs)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
