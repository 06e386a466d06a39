"""Build the labelled detection set from the hand-written pairs (deterministic, seeded).

    python bench/detect_set.py        # writes bench/data/detect_set.jsonl and detect_set_en.jsonl, prints counts
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import perturb_rules as rules  # noqa: E402
import perturb_struct as struct  # noqa: E402

DATA = Path(__file__).parent / "data"
SEED = 20260301
PER_PAIR = {"negation": 2, "antonym": 2, "number": 2, "date": 2, "name": 2, "name_dropped": 2,
            "clause_dropped": 2, "clause_added": 1, "untranslated": 2, "quote_moved": 2}


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    pair_id: str
    en: str
    it: str
    label: str
    note: str


def read_tsv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def rule_table(lang: str, people: list[struct.Person]) -> dict[str, Callable[[str, str, int], rules.Candidates]]:
    """Label -> rule(src, tgt, salt) for one target language."""
    words = rules.IT if lang == "it" else rules.EN
    table = {
        "negation": lambda s, t, k: struct.negation_it(t) if lang == "it" else struct.negation_en(t),
        "antonym": lambda s, t, k: rules.antonyms(t, words),
        "number": lambda s, t, k: rules.numbers(t, words, k),
        "date": lambda s, t, k: rules.dates(t, words, k),
        "name": lambda s, t, k: struct.names(t, people, lang, k),
        "name_dropped": lambda s, t, k: (struct.drop_name_it if lang == "it" else struct.drop_name_en)(t, people),
        "clause_dropped": lambda s, t, k: struct.clause_dropped(t, lang),
        "clause_added": lambda s, t, k: struct.clause_added(t, struct.ADDED_IT if lang == "it" else struct.ADDED_EN, k),
        "untranslated": lambda s, t, k: struct.untranslated(s, t) if lang == "it" else [],
        "quote_moved": lambda s, t, k: struct.quote_moved(t),
    }
    if lang == "en":
        return table
    return {label: (lambda rule: lambda s, t, k: [(rules.euphony_it(x), n) for x, n in rule(s, t, k)])(rule)
            for label, rule in table.items()}


def hand_candidates(annotations: list[dict[str, str]], pair_id: str, label: str, tgt: str) -> rules.Candidates:
    """Hand-written edits from perturb.tsv (old -> new substring of the Italian)."""
    out = []
    for a in annotations:
        if a["pair_id"] == pair_id and a["label"] == label:
            new = tgt.replace(a["old"], a["new"], 1)
            new = new[:1].upper() + new[1:]
            out.append((new, a["note"] or f"hand: '{a['old']}' -> '{a['new']}'"))
    return out


def cases_for_pair(pair: dict[str, str], tgt: str, table, annotations, hard: dict[str, str], rng) -> list[Case]:
    """One clean case plus up to PER_PAIR perturbations per label, hand-written edits first."""
    pid, src = pair["id"], pair["en"]
    out = [Case(f"{pid}-clean", pid, src, tgt, "clean", f"hard: {hard[pid]}" if pid in hard else "")]
    for label, rule in table.items():
        hand = hand_candidates(annotations, pid, label, tgt)
        auto = rule(src, tgt, rng.randrange(1000))
        rng.shuffle(auto)
        seen = {tgt}
        picked = []
        for text, note in hand + auto:
            if text not in seen and len(picked) < PER_PAIR[label]:
                seen.add(text)
                picked.append((text, note))
        out += [Case(f"{pid}-{label}-{i}", pid, src, text, label, note) for i, (text, note) in enumerate(picked)]
    return out


def build(lang: str) -> list[Case]:
    """All cases for Italian targets (lang='it') or English paraphrase targets (lang='en')."""
    pairs = read_tsv("pairs.tsv")
    people = [struct.Person(p["en"], p["it"], p["gender"]) for p in read_tsv("people.tsv")]
    annotations = read_tsv("perturb.tsv")
    hard = {a["pair_id"]: a["note"] for a in annotations if a["label"] == "hard"}
    targets = {p["id"]: p["it"] for p in pairs}
    if lang == "en":
        targets = {p["id"]: p["en2"] for p in read_tsv("paraphrases_en.tsv")}
        annotations, hard = [], {}
    rng = random.Random(f"{SEED}-{lang}")
    table = rule_table(lang, people)
    cases: list[Case] = []
    for pair in pairs:
        if pair["id"] in targets:
            cases += cases_for_pair(pair, targets[pair["id"]], table, annotations, hard, rng)
    return cases


def write(cases: list[Case], name: str) -> Counter:
    with open(DATA / name, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
    return Counter(c.label + (" (hard)" if c.note.startswith("hard") else "") for c in cases)


def main() -> None:
    for lang, name in (("it", "detect_set.jsonl"), ("en", "detect_set_en.jsonl")):
        counts = write(build(lang), name)
        print(f"{name}: {sum(counts.values())} cases")
        for label, n in sorted(counts.items()):
            print(f"  {label:<16}{n:>5}")


if __name__ == "__main__":
    main()
