"""Structural perturbations: polarity, person names, quotes, untranslated spans, clauses.

Same contract as perturb_rules: each function returns (perturbed_text, note) candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perturb_rules import Candidates

_CONCORD_IT = re.compile(r"\b(nessun\w*|niente|nulla|mai|più|né|nemmeno|neanche|alcun\w*|affatto|che)\b", re.I)
_FINITE_IT = re.compile(
    r"(?<![\w'])((?:(?:si|ci|ne|lo|la|li|le|gli|mi|vi|c'|l')\s?)?"
    r"(?:ha|hanno|è|sono|sarà|saranno|era|erano|aveva|avevano|può|possono|potrà|potrebbe|potrebbero|deve|"
    r"devono|vuole|\w+(?:erà|irà|eranno|iranno|rebbe|rebbero)))(?![\w'])")
_REPORTING = re.compile(r"^\S+ (detto|dichiarato|affermato|spiegato|annunciato|riferito|reso|fatto|avvertito)\b")
_FINITE_EN = re.compile(r"\b(is|are|was|were|will|would|can|could|has|have|had|should|must)\b(?! not\b| no\b| never\b)")
_QUOTE = re.compile(r"«([^»]+)»|“([^”]+)”|\"([^\"]+)\"")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fix_start(text: str) -> str:
    """Re-capitalise the sentence and a quote after a deletion at its start."""
    text = re.sub(r"^([«“\"]?)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    return re.sub(r"([«“\"])(\w)", lambda m: m.group(1) + m.group(2).upper(), text, count=1)


def negation_it(text: str) -> Candidates:
    """Remove a 'non' (with non...più -> ancora, non...mai -> sempre) or insert one before a finite verb."""
    out: Candidates = []
    for m in re.finditer(r"\b[Nn]on (?!-)", text):
        rest = text[m.end():]
        window = " ".join(re.split(r"[,.;:»”\"]", rest)[0].split()[:4])
        if " che " in f" {window} ":
            continue  # "non ... che" means "only"
        concord = [w.lower() for w in _CONCORD_IT.findall(window) if w.lower() != "che"]
        head = text[:m.start()]
        fix = _fix_start if not head.strip("«“\" ") else (lambda t: t)
        if not concord:
            out.append((fix(head + rest), "non removed"))
        elif concord[0] in ("più", "mai") and len(concord) == 1:
            repl = {"più": "ancora", "mai": "sempre"}[concord[0]]
            flipped = re.sub(rf"\b{concord[0]}\b", repl, rest, count=1)
            out.append((fix(head + flipped), f"non ... {concord[0]} -> {repl}"))
    if not re.search(r"\b[Nn]on\b|\bnessun|\bniente\b|\bnulla\b|\bmai\b", text):
        sites = [m for m in _FINITE_IT.finditer(text) if not _REPORTING.match(text[m.start():])]
        for m in sites[:1]:
            out.append((text[:m.start()] + "non " + text[m.start():], f"non inserted before '{m.group(1)}'"))
    return out


def negation_en(text: str) -> Candidates:
    """Remove a negation, or add 'not' after an auxiliary."""
    out: Candidates = []
    for pat, repl in ((r"\bcan't\b", "can"), (r"\bwon't\b", "will"), (r"\bdon't\b", "do"), (r"\bdidn't\b", "did"),
                      (r"\bisn't\b", "is"), (r"\bnot\s", ""), (r"\bno longer\b", "still"), (r"\bnever\b", "always")):
        m = re.search(pat, text)
        if m:
            out.append((text[:m.start()] + repl + text[m.end():], f"'{m.group().strip()}' -> '{repl}'"))
            break
    if not re.search(r"\bnot\b|n't\b|\bnever\b|\bno\b|\bnobody\b|\bnone\b|\bnothing\b", text, re.I):
        m = _FINITE_EN.search(text)
        if m:
            out.append((text[:m.end()] + " not" + text[m.end():], f"not inserted after '{m.group()}'"))
    return out


@dataclass(frozen=True, slots=True)
class Person:
    en: str
    it: str
    gender: str


_SURNAME_EDITS = (("l", "r"), ("r", "l"), ("n", "m"), ("m", "n"), ("t", "d"), ("d", "t"), ("a", "o"), ("o", "a"))
_FIRST_SWAPS = {"Marco": "Mario", "Laura": "Lara", "Sarah": "Sandra", "Matteo": "Mattia", "Giorgio": "Giovanni",
                "Paolo": "Pietro", "Anna": "Anita", "Elena": "Eleonora", "Daniel": "David", "Lucia": "Luisa",
                "Emma": "Emily", "Oliver": "Owen", "Paul": "Peter", "Jan": "Jakub", "Karin": "Katrin"}


def _edit_surname(name: str, salt: int) -> str | None:
    first, _, surname = name.rpartition(" ")
    edits = [(i, b) for a, b in _SURNAME_EDITS for i, c in enumerate(surname) if i > 0 and c == a]
    if not edits:
        return None
    i, b = edits[salt % len(edits)]
    return f"{first} {surname[:i]}{b}{surname[i + 1:]}".strip()


def names(text: str, people: list[Person], lang: str, salt: int) -> Candidates:
    """Swap a first name, misspell a surname, or put another person of the same gender in."""
    out: Candidates = []
    for k, p in enumerate(people):
        name = p.it if lang == "it" else p.en
        if name not in text:
            continue
        first = name.split()[0]
        if first in _FIRST_SWAPS:
            new = name.replace(first, _FIRST_SWAPS[first], 1)
            out.append((text.replace(name, new), f"{name} -> {new}"))
        edited = _edit_surname(name, salt + k)
        if edited:
            out.append((text.replace(name, edited), f"{name} -> {edited}"))
        others = [q for q in people if q.gender == p.gender and q != p]
        other = others[(salt + k) % len(others)]
        other_name = other.it if lang == "it" else other.en
        out.append((text.replace(name, other_name), f"{name} -> {other_name} (another person)"))
    return out


_NO_ROLE_BEFORE = {"detto", "dichiarato", "affermato", "spiegato", "annunciato", "ammesso", "che", "e", "a", "di",
                   "da", "con", "per", "tra", "su", "in", "ha", "è", "secondo", "said", "told", "and", "by"}


def _article(gender: str, noun: str) -> str:
    if re.match(r"[aeiouàèéìòù]", noun, re.I):
        return "l'"
    if gender == "f":
        return "la "
    return "lo " if re.match(r"s[^aeiou]|z|gn|ps", noun) else "il "


def drop_name_it(text: str, people: list[Person]) -> Candidates:
    """Remove a person's name where the sentence still reads naturally."""
    out: Candidates = []
    for p in people:
        i = text.find(p.it)
        if i < 0:
            continue
        before, after = text[:i], text[i + len(p.it):]
        prev = before.split()[-1].strip(",") if before.split() else ""
        if before.endswith(", ") and after.startswith(", ") and prev.lower() not in _NO_ROLE_BEFORE:
            out.append((before[:-2] + " " + after[2:], f"'{p.it}' dropped (role kept)"))
        elif before.endswith(" ") and not before.endswith(", ") and prev.lower() not in _NO_ROLE_BEFORE:
            out.append((before[:-1] + after, f"'{p.it}' dropped (role kept)"))
        elif after.startswith(", "):
            role = after[2:]
            has_article = re.match(r"(il|la|lo|l'|un|una|un')\b", role) is not None
            lead = "" if has_article else _article(p.gender, role)
            if not before:
                role = re.sub(r"^([^,]+),", r"\1", role, count=1)
                out.append((_cap(lead + role), f"'{p.it}' dropped (apposition kept)"))
            else:
                out.append((before + lead + role, f"'{p.it}' dropped (apposition kept)"))
        elif re.match(r" (del|della|dell'|dei)\b", after):
            out.append((before + ("una" if p.gender == "f" else "un") + " rappresentante" + after,
                        f"'{p.it}' replaced by a generic role"))
    return out


_BOUNDARY_EN = {"", "said", "told", "warned", "by", "and", "said:"}


def drop_name_en(text: str, people: list[Person]) -> Candidates:
    """Remove a person's name from English, keeping the title as 'the <role>' or the apposition."""
    out: Candidates = []
    for p in people:
        i = text.find(p.en)
        if i < 0:
            continue
        before, after = text[:i], text[i + len(p.en):]
        words = before.split()
        if before.endswith(", ") and after.startswith(", ") and words and words[-1].rstrip(",").islower():
            out.append((before[:-2] + " " + after[2:], f"'{p.en}' dropped (role kept)"))
            continue
        run = 0
        while run < min(3, len(words)) and words[-1 - run].isalpha() and words[-1 - run] not in _BOUNDARY_EN:
            run += 1
        lead = words[-1 - run].rstrip(":") if len(words) > run else ""
        if run and (lead in _BOUNDARY_EN or words[-1 - run].endswith((",", ":"))) and words[-run] != "the":
            role = " ".join(words[-run:])
            if role.rstrip(".") in ("Dr", "Mr", "Ms", "Mrs"):
                continue
            head = " ".join(words[:-run])
            article = "the " if head else "The "
            new = (head + " " if head else "") + article + (role.lower() if run == 1 else role) + after
            out.append((new, f"'{p.en}' dropped (role kept)"))
    return out


def _quotes(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def quote_moved(text: str) -> Candidates:
    """Cut a quote short, move its closing mark, pull the attribution in, or push the opening mark back."""
    out: Candidates = []
    for start, end in _quotes(text):
        open_, inner, close = text[start], text[start + 1:end - 1], text[end - 1]
        split = re.search(r"([.,;]) (?=(?:\S+ ){2,}\S+)", inner)
        if split:
            head, tail = inner[:split.start()], inner[split.end():]
            tail_text = text[end:] or ("." if head[-1:].isalnum() else "")
            out.append((text[:start] + open_ + head + close + tail_text, "quote cut short"))
            out.append((text[:start] + open_ + head + close + split.group(1) + " " + tail + text[end:],
                        "closing quote moved earlier"))
        m = re.match(r"([,.]?) ([^«“\"]+?)([.!?]?)$", text[end:])
        if m and m.group(1) == "," and len(m.group(2).split()) >= 2:
            out.append((text[:start] + open_ + inner.rstrip(",") + ", " + m.group(2) + close + m.group(3),
                        "attribution moved inside the quote"))
        words = text[:start].split()
        if len(words) >= 3 and not re.search(r"[,.:]$", words[-1]):
            cut = len(" ".join(words[-2:])) + 1
            new_start = start - cut
            out.append((text[:new_start] + open_ + text[new_start:start].strip() + " " + inner + close + text[end:],
                        "opening quote moved earlier"))
    return out


def _segments(text: str) -> list[str]:
    return re.split(r", ", text.rstrip(".!?"))


def _comparable(src_seg: str, tgt_seg: str) -> bool:
    """Segments long enough and of similar length, so they are likely translations of each other."""
    a, b = len(src_seg.split()), len(tgt_seg.split())
    return a >= 4 and b >= 4 and 0.6 <= a / b <= 1.6


def untranslated(src: str, tgt: str) -> Candidates:
    """Replace a quote, or the first or last comma segment, of the target with the source's."""
    out: Candidates = []
    sq, tq = _quotes(src), _quotes(tgt)
    if sq and tq:
        s_inner = src[sq[0][0] + 1:sq[0][1] - 1].rstrip(",. ")
        (ts, te) = tq[0]
        if len(s_inner.split()) >= 4:
            out.append((tgt[:ts + 1] + s_inner + tgt[te - 1:], "quote left in English"))
    ss, ts_ = _segments(src), _segments(tgt)
    if len(ss) < 2 or len(ts_) < 2:
        return out
    if _comparable(ss[-1], ts_[-1]) and not _QUOTE.search(ss[-1] + ts_[-1]):
        head = tgt.rstrip(".!?")[: -len(ts_[-1])]
        out.append((head + ss[-1] + tgt[len(tgt.rstrip(".!?")):], "last segment left in English"))
    if _comparable(ss[0], ts_[0]) and not _QUOTE.search(ss[0] + ts_[0]):
        out.append((ss[0] + tgt[len(ts_[0]):], "first segment left in English"))
    return out


_REL = (r"che|dove|quando|mentre|anche se|dopo che|poiché|perché|il che|i cui|la cui|il cui|da cui|"
        r"\w+(?:ato|ata|ati|ate|uto|uta|ito|ita)")


_REL_EN = r"who|which|whose|where|when|while|after|as|although|because|adding that|according to"


def clause_dropped(text: str, lang: str) -> Candidates:
    """Delete a relative, participial or subordinate clause set off by commas."""
    out: Candidates = []
    rel = _REL if lang == "it" else _REL_EN
    for m in re.finditer(rf", (?:{rel}) [^,.;«»“”\"]+?(,|\.$)", text):
        if len(m.group().split()) < 4 or re.match(r"\s*(\d|[A-Z][a-z]+ \d)", text[m.end():]):
            continue
        keep = " " if m.group(1) == "," else "."
        out.append((text[:m.start()] + keep + text[m.end():].lstrip() if keep == " " else text[:m.start()] + ".",
                    f"dropped '{m.group().strip(', .')}'"))
    return out


ADDED_IT = (", secondo quanto riferito dalla stampa locale", ", tra le proteste dell'opposizione",
            ", come già avvenuto lo scorso anno", ", nonostante il parere contrario degli esperti",
            ", dopo settimane di polemiche", ", secondo alcuni testimoni", ", in un clima di forte tensione")
ADDED_EN = (", according to local press reports", ", despite protests from the opposition",
            ", as happened last year", ", against the advice of experts", ", after weeks of controversy",
            ", according to some witnesses", ", amid high tension")


def clause_added(text: str, pool: tuple[str, ...], salt: int) -> Candidates:
    """Append a plausible clause the source does not have."""
    if not text.endswith(".") or re.search(r"[»”\"]\.?$", text):
        return []
    extra = pool[salt % len(pool)]
    return [(text[:-1] + extra + ".", f"added '{extra.strip(', ')}'")]
