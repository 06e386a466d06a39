"""Name candidates of one side: capitalised runs that are not function words, titles, months or known places."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from auditor.detect.nameforms import Token, exonym_spans, function_words, plain, tokens, words_data
from auditor.detect.units import Side, calendar_names, lexicon

TITLE_LOOKBACK = 2     # "il presidente russo Putin": a title, maybe with an adjective, marks a lone surname as a person
HEADLINE_FUNCTION_CAPS = 2  # "Lavrov Says Talks Will Continue": capitalised function words mean title case
AMBIGUOUS_TITLES = frozenset({"general", "state", "foreign", "city", "white", "house", "prime", "vice", "deputy",
                              "chief", "executive", "stato", "esteri", "casa", "bianca"})


@dataclass(frozen=True, slots=True)
class Name:
    """A run of capitalised tokens that names someone or something; person when it looks like a person's name."""

    tokens: tuple[Token, ...]
    person: bool
    text: str

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(frozen=True, slots=True)
class NameSide:
    """What the name detector needs of one side: its names, the keys and spellings of all its words."""

    text: str
    names: tuple[Name, ...]
    keys: frozenset[str]
    capitalised_keys: frozenset[str]
    lowercase_words: frozenset[str]
    plain_words: tuple[str, ...]
    headline: bool


def name_side(side: Side, languages: tuple[str, ...]) -> NameSide:
    """Names of a side, with every word's transliteration key for looking names up from the other side."""
    text, toks = side.text, tokens(side.text)
    covered = {i for a, b, _ in exonym_spans(toks, languages) for i in range(a, b)}
    org = _org_words(side.language)
    runs = [part for run in _runs(text, toks, covered, side.language) for part in _split_organisation(run, org)]
    multi = {t.key for run in runs if _person_shaped(run, org) for t in run}
    names = tuple(Name(tuple(run), _person_shaped(run, org) or _titled(run, toks, side.language)
                       or (len(run) == 1 and run[0].key in multi), text[run[0].start:run[-1].end]) for run in runs)
    return NameSide(text, names, frozenset(t.key for t in toks), frozenset(t.key for t in toks if t.capitalised),
                    frozenset(plain(t.text) for t in toks if not t.capitalised),
                    tuple(dict.fromkeys(plain(t.text) for t in toks)), _headline(toks, side.language))


def _runs(text: str, toks: list[Token], covered: set[int], language: str) -> list[list[Token]]:
    """Maximal runs of capitalised, non-excluded tokens separated only by spaces (or a name particle)."""
    excluded, particles = _excluded(language), set(words_data()["particles"])
    runs: list[list[Token]] = []
    run: list[Token] = []
    for i, token in enumerate(toks):
        low = token.text.lower()
        joined = bool(run) and text[run[-1].end:token.start] == " "
        if i in covered or not token.capitalised or low in excluded or len(token.text) < 2:
            is_particle = low in particles and joined and _next_capital(toks, i)
            run = run + [token] if is_particle else _close(run, runs)
            continue
        acronym = token.text.isupper()  # "Opposition MP Rafael Ortega": an acronym is a name of its own
        if acronym or (run and run[-1].text.isupper()):
            joined = False
        run = run + [token] if joined else (_close(run, runs) + [token])
    _close(run, runs)
    return [_trim(r, particles) for r in runs if _trim(r, particles)]


def _split_organisation(run: list[Token], org: frozenset[str]) -> list[list[Token]]:
    """'Salute Paolo Ricci' (the ministry, then the minister): cut after the last organisation word."""
    last = max((k for k, t in enumerate(run) if t.text.lower() in org), default=None)
    if last is None or len(run) - last - 1 < 2:
        return [run]
    return [run[:last + 1], run[last + 1:]]


def _close(run: list[Token], runs: list[list[Token]]) -> list[Token]:
    if run:
        runs.append(run)
    return []


def _trim(run: list[Token], particles: set[str]) -> list[Token]:
    while run and run[-1].text.lower() in particles:
        run = run[:-1]
    return run


def _next_capital(toks: list[Token], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].capitalised


def _person_shaped(run: list[Token], org: frozenset[str]) -> bool:
    """Two or more name tokens, none an acronym or an organisation word (Commission, Party, University)."""
    names = [t for t in run if t.text[0].isupper()]
    return len(names) >= 2 and not any(t.text.isupper() or t.text.lower() in org for t in run)


def _titled(run: list[Token], toks: list[Token], language: str) -> bool:
    """A lone name right after a person's title (Mr Lavrov, il presidente russo Putin)."""
    if len(run) != 1 or run[0].text.isupper() or run[0].text.lower() in _org_words(language):
        return False
    k = toks.index(run[0])
    before = [t.text for t in toks[max(0, k - TITLE_LOOKBACK):k]]
    # The title itself, or the title and one lowercase adjective ("il ministro degli Esteri" is no person).
    return bool(before) and (before[-1].lower() in _person_titles(language) or len(before) > 1
                             and before[-1].islower() and before[-1] not in function_words(language)
                             and before[-2].lower() in _person_titles(language))


def _headline(toks: list[Token], language: str) -> bool:
    """Title case (every word capitalised), where capitals say nothing about names."""
    function = function_words(language)
    capitalised = [t for t in toks[1:] if t.text[0].isupper() and not t.text.isupper()]
    if sum(t.text.lower() in function for t in capitalised) >= HEADLINE_FUNCTION_CAPS:
        return True
    content = [t for t in toks if t.text.lower() not in function]
    return len(content) >= 4 and all(t.text[0].isupper() for t in content)


@cache
def _excluded(language: str) -> frozenset[str]:
    """Capitalised words that are not names: function words, titles, months, weekdays."""
    months, weekdays = calendar_names(language)
    return frozenset({*function_words(language), *_titles(language), *months, *weekdays})


@cache
def _titles(language: str) -> frozenset[str]:
    return frozenset({*lexicon(language).get("titles", ()), *words_data()["titles"].get(language, ()),
                      *lexicon("en").get("titles", ())})


@cache
def _person_titles(language: str) -> frozenset[str]:
    """Titles that precede a person's name (not "General Staff", "State Department", "White House")."""
    return _titles(language) - _org_words(language) - AMBIGUOUS_TITLES


@cache
def _org_words(language: str) -> frozenset[str]:
    organisation = words_data()["organisation"]
    return frozenset({*organisation.get(language, ()), *organisation["en"]})
