"""Rule-based perturbations for the detection benchmark (Italian and English targets).

Every function takes a target sentence (plus what it needs) and returns a list of
(perturbed_text, note) candidates; an empty list means the rule does not apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Candidates = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Lang:
    """Word lists that make the rules language-specific."""

    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    number_words: dict[str, str]
    antonyms: dict[str, str]
    thousands: str
    decimal: str


IT = Lang(
    weekdays=("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
            "settembre", "ottobre", "novembre", "dicembre"),
    number_words={"due": "tre", "tre": "quattro", "quattro": "sei", "cinque": "sette", "sette": "nove",
                  "dieci": "dodici", "trent'anni": "vent'anni", "milioni": "miliardi", "miliardi": "milioni",
                  "doppio": "triplo", "terzo": "quarto", "metà": "un terzo"},
    antonyms={
        "approvato": "respinto", "respinto": "approvato", "accettato": "rifiutato", "rifiutato": "accettato",
        "aumentate": "diminuite", "aumentati": "diminuiti", "aumentato": "diminuito", "aumentata": "diminuita",
        "diminuite": "aumentate", "diminuito": "aumentato", "salito": "sceso", "salita": "scesa", "saliti": "scesi",
        "sceso": "salito", "scesa": "salita", "scesi": "saliti", "crescerà": "calerà", "alzato": "abbassato",
        "abbassare": "alzare", "alzare": "abbassare", "vinto": "perso", "vittoria": "sconfitta",
        "sconfitta": "vittoria", "aperta": "chiusa", "aperto": "chiuso", "chiuso": "aperto", "chiusa": "aperta",
        "riaprirà": "chiuderà", "riaperto": "chiuso", "chiuderà": "riaprirà", "migliore": "peggiore",
        "peggior": "miglior", "miglior": "peggior", "basso": "alto", "alto": "basso", "alti": "bassi",
        "ultime": "prime", "vivi": "morti",
        "viva": "morta", "favorevoli": "contrari", "contrari": "favorevoli", "aumento": "calo", "calo": "aumento",
        "ridurre": "aumentare", "riduce": "aumenta", "ridotto": "aumentato",
        "raddoppiato": "dimezzato", "dimezzata": "raddoppiata", "dimezzato": "raddoppiato", "dimezzi": "raddoppi",
        "giovani": "anziani", "anziani": "giovani", "nord": "sud",
        "sud": "nord", "negato": "ammesso", "ammesso": "negato", "vieta": "consente", "vieterà": "consentirà",
        "confermato": "smentito", "innocente da": "colpevole di", "condannato": "assolto", "rilasciata": "arrestata",
        "arrestato": "rilasciato", "gratuiti": "a pagamento", "gratuite": "a pagamento", "pubblico": "privato",
        "privato": "pubblico", "nuovi": "vecchi", "nuovo": "vecchio", "nuova": "vecchia", "sicuro": "pericoloso",
        "soddisfatto": "deluso", "insoddisfatti": "soddisfatti", "più alti": "più bassi", "più basso": "più alto",
        "più forte": "più debole", "più giovane": "più anziana", "salvare": "abbandonare", "superato": "mancato",
        "difficile": "facile", "ripresa": "crisi",
        "equo": "iniquo", "più di": "meno di", "meno di": "più di", "almeno": "al massimo", "forti": "deboli",
        "forte": "debole", "caldo": "freddo", "pieni": "vuoti", "migliora": "peggiora", "utili": "inutili",
        "fragile": "solido", "regge": "crolla", "orgoglioso": "deluso", "elogiato": "criticato", "apre": "chiude",
        "entrati": "usciti", "inizieranno": "finiranno", "inizierà": "finirà", "iniziato": "finito",
        "sotto controllo": "fuori controllo", "vicino alla": "lontano dalla", "vicino al": "lontano dal",
        "maggioranza": "minoranza", "sbagliato": "giusto", "giusta": "sbagliata", "bruscamente": "leggermente",
        "aumenteremo": "ridurremo", "accetto": "respingo", "ripresi": "cessati", "difficili": "facili",
        "progressi": "passi indietro", "peggiore": "migliore", "vincere": "perdere", "povertà": "ricchezza",
        "riapra": "chiuda", "sani e salvi": "feriti", "inaugurato": "chiuso",
    },
    thousands=".",
    decimal=",",
)

EN = Lang(
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"),
    number_words={"two": "three", "three": "four", "four": "six", "five": "seven", "seven": "nine",
                  "ten": "twelve", "million": "billion", "billion": "million", "twice": "three times",
                  "third": "quarter", "half": "third"},
    antonyms={
        "approved": "rejected", "rejected": "approved", "accepted": "refused", "rose": "fell", "fell": "rose",
        "risen": "fallen", "fallen": "risen", "increase": "decrease", "increased": "decreased", "won": "lost",
        "closed": "open", "reopen": "close", "best": "worst", "worst": "best",
        "lowest": "highest", "highest": "lowest", "alive": "dead",
        "higher": "lower", "lower": "higher", "raised": "lowered", "reduce": "increase", "reduced": "increased",
        "doubled": "halved", "halved": "doubled", "profit": "loss", "loss": "profit", "young": "old",
        "north": "south", "south": "north", "denied": "admitted", "admitted": "denied", 
        "confirmed": "denied", "innocent": "guilty", "released": "arrested", "free": "paid",
        "public": "private", "private": "public", "new": "old", "safe": "dangerous", "satisfied": "disappointed",
        "dissatisfied": "satisfied", "recovery": "decline", "fair": "unfair",
        "victory": "defeat", "defeat": "victory", "support": "opposition", "easing": "increasing",
    },
    thousands=",",
    decimal=".",
)

_NUM = r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})+(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])"


def euphony_it(text: str) -> str:
    """Repair 'a'/'ad' after a substitution: 'a alto' -> 'ad alto', 'Ad dicembre' -> 'A dicembre'."""
    text = re.sub(r"\b([Aa]) (?=[aA])", r"\1d ", text)
    return re.sub(r"\b([Aa])d (?=[^aeiouAEIOUàèéìòù\W])", r"\1 ", text)


def _sub_at(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _is_date_number(text: str, start: int, end: int, lang: Lang) -> bool:
    """Years and day-of-month numbers belong to the date rule, not the number rule."""
    token = text[start:end]
    if re.fullmatch(r"(19|20)\d\d", token):
        return True
    after = text[end:end + 12].lower()
    before = text[max(0, start - 12):start].lower()
    return any(after.lstrip("° ").startswith(m.lower()) or before.rstrip(" ").endswith(m.lower())
               for m in lang.months)


def _bump_digits(digits: str, salt: int) -> str:
    """Change one digit (or swap two) deterministically; never returns the input."""
    chars = list(digits)
    pos = [i for i, c in enumerate(chars) if c.isdigit()]
    if len(pos) >= 2 and salt % 3 == 0 and chars[pos[0]] != chars[pos[1]] and chars[pos[1]] != "0":
        chars[pos[0]], chars[pos[1]] = chars[pos[1]], chars[pos[0]]
    else:
        i = pos[salt % len(pos)] if salt % 2 else pos[0]
        old = int(chars[i])
        chars[i] = str((old + 1 + salt % 7) % 10 or (1 if i == pos[0] else 0))
        if i == pos[0] and chars[i] == "0":
            chars[i] = "9"
    return "".join(chars)


def numbers(text: str, lang: Lang, salt: int) -> Candidates:
    """Change a number written in digits or in words, keeping the locale's format."""
    out: Candidates = []
    for k, m in enumerate(re.finditer(_NUM, text)):
        if _is_date_number(text, m.start(), m.end(), lang):
            continue
        new = _bump_digits(m.group(), salt + k)
        if new != m.group():
            out.append((_sub_at(text, m.start(), m.end(), new), f"{m.group()} -> {new}"))
    for word, repl in lang.number_words.items():
        m = re.search(rf"(?<![\w']){re.escape(word)}(?![\w'])", text)
        if m:
            out.append((_sub_at(text, m.start(), m.end(), repl), f"{word} -> {repl}"))
    return out


def dates(text: str, lang: Lang, salt: int) -> Candidates:
    """Change a weekday, a month, a day of the month or a year."""
    out: Candidates = []
    for names in (lang.weekdays, lang.months):
        for i, name in enumerate(names):
            for m in re.finditer(rf"\b{name}\b", text):
                new = names[(i + 2 + salt % 3) % len(names)]
                out.append((_sub_at(text, m.start(), m.end(), new), f"{name} -> {new}"))
    for m in re.finditer(r"(?<![\w.,])(19|20)\d\d(?![\w.,]\d)", text):
        year = int(m.group())
        new = str(year + (1 + salt % 4) * (1 if year < 2025 else -1))
        out.append((_sub_at(text, m.start(), m.end(), new), f"{m.group()} -> {new}"))
    month_alt = "|".join(lang.months)
    day_pats = (rf"(?<![\w.,])([1-9]|[12]\d|3[01])(?=°? (?:{month_alt})\b)",
                rf"\b(?:{month_alt}) ([1-9]|[12]\d|3[01])\b")
    for m in (m for pat in day_pats for m in re.finditer(pat, text)):
        new = str((int(m.group(1)) + 3 + salt % 5) % 28 + 1)
        out.append((_sub_at(text, m.start(1), m.end(1), new), f"day {m.group(1)} -> {new}"))
    return out


def antonyms(text: str, lang: Lang) -> Candidates:
    """Replace a content word with its opposite."""
    out: Candidates = []
    for word in sorted(lang.antonyms, key=len, reverse=True):
        m = re.search(rf"(?<![\w']){re.escape(word)}(?![\w'])", text)
        if m and not any(word in note for _, note in out):
            out.append((_sub_at(text, m.start(), m.end(), lang.antonyms[word]), f"{word} -> {lang.antonyms[word]}"))
    return out
