"""Locale-aware numbers and dates, and the findings when they differ."""

import pytest

from auditor.detect.mentions import mentions, parse_number
from auditor.detect.numbers import detect_numbers_and_dates
from auditor.detect.units import Side, Unit
from auditor.documents import Sentence


@pytest.mark.parametrize("token, decimal, value", [
    ("100,000", ".", 100000), ("100.000", ",", 100000), ("1,250", ".", 1250), ("1,250", ",", 1.25),
    ("1.250", ",", 1250), ("3.5", ".", 3.5), ("3,5", ",", 3.5), ("1,250,000", ".", 1250000),
    ("1.250.000", ",", 1250000), ("1,250.75", ".", 1250.75), ("31st", ".", 31), ("2014", ".", 2014),
])
def test_parse_number(token, decimal, value):
    assert parse_number(token, decimal) == pytest.approx(value)


def side(text: str, language: str, start: int = 0) -> Side:
    return Side((Sentence(0, 0, start, start + len(text), text),), language)


@pytest.mark.parametrize("text, language, expected", [
    ("Russia has amassed 100,000 troops.", "en", [("number", 100000)]),
    ("La Russia ha ammassato 100.000 soldati.", "it", [("number", 100000)]),
    ("The deal is worth $40 million.", "en", [("number", 40e6)]),
    ("L'accordo vale 40 milioni di dollari.", "it", [("number", 40e6)]),
    ("two million people", "en", [("number", 2e6)]),
    ("due milioni di persone", "it", [("number", 2e6)]),
    ("a nine-day strike", "en", [("number", 9)]),
    ("They spoke on December 31 in 2021.", "en", [("month", 12), ("day", 31), ("year", 2021)]),
    ("Hanno parlato il 31 dicembre 2021.", "it", [("day", 31), ("month", 12), ("year", 2021)]),
    ("On Wednesday, he may march.", "en", [("weekday", 2)]),
    ("Mercoledì ha parlato.", "it", [("weekday", 2)]),
    ("Inflation rose to 3.5% from 12%.", "en", [("number", 3.5), ("number", 12)]),
])
def test_mentions(text, language, expected):
    assert [(m.kind, m.value) for m in mentions(side(text, language))] == expected


def unit(en: str, it: str) -> Unit:
    return Unit(3, side(en, "en", 50), side(it, "it", 500), 0.8)


def test_changed_number_points_at_both_values():
    [finding] = detect_numbers_and_dates(unit("About 12,500 dockworkers joined the nine-day strike.",
                                              "Circa 21.500 portuali hanno aderito ai nove giorni di sciopero."))
    assert (finding.category, finding.severity, finding.bead) == ("number", "critical", 3)
    assert (finding.original_span.text, finding.translation_span.text) == ("12,500", "21.500")
    assert finding.translation_span.start == 500 + len("Circa ")


def test_changed_number_inside_quote_is_critical():
    [finding] = detect_numbers_and_dates(unit('"We lost 300 jobs," she said.', "«Abbiamo perso 200 posti», ha detto."))
    assert finding.severity == "critical"


@pytest.mark.parametrize("en, it, category", [
    ("They spoke on December 31.", "Hanno parlato il 13 dicembre.", "date"),
    ("They met on Wednesday.", "Si sono incontrati giovedì.", "date"),
    ("Aggression has gone on since 2014.", "L'aggressione continua dal 2015.", "date"),
])
def test_date_changes(en, it, category):
    assert [f.category for f in detect_numbers_and_dates(unit(en, it))] == [category]


@pytest.mark.parametrize("en, it", [
    ("Russia has amassed 100,000 troops along the border.", "La Russia ha ammassato 100.000 soldati lungo il confine."),
    ("The two presidents spoke on December 31.", "I due presidenti hanno parlato il 31 dicembre."),
    ("Prices rose 3.5% in two million homes.", "I prezzi sono saliti del 3,5% in due milioni di case."),
    ("On Wednesday, 1,250 people marched.", "Mercoledì hanno marciato 1.250 persone."),
    ("Trade between the two countries could double.", "Gli scambi tra i due Paesi potrebbero raddoppiare."),
    ("The port closed as winds reached 110 km/h.", "Il porto ha chiuso con venti che hanno raggiunto i 110 km/h."),
])
def test_locale_formats_are_not_errors(en, it):
    assert detect_numbers_and_dates(unit(en, it)) == []


def test_numbers_glued_to_cjk_script_are_numbers():
    assert [(m.kind, m.value) for m in mentions(side("首相は300人が参加したと述べた。", "ja"))] == [("number", 300)]


def test_a_language_without_weekday_names_cannot_miss_one():
    japanese = Unit(0, side("The prime minister said 300 people attended on Tuesday.", "en"),
                    side("火曜日、首相は300人が参加したと述べた。", "ja"), 0.8)
    assert detect_numbers_and_dates(japanese) == []


def test_german_ordinal_day():
    assert [(m.kind, m.value) for m in mentions(side("vor dem 3. März", "de"))] == [("day", 3), ("month", 3)]


def test_a_homograph_number_word_still_counts_when_it_changes_a_number():
    [finding] = detect_numbers_and_dates(unit("Twenty-one people were hurt.", "Venti persone sono rimaste ferite."))
    assert (finding.original_span.text, finding.translation_span.text) == ("Twenty-one", "Venti")


@pytest.mark.parametrize("en, it", [
    ("They were found about 20 miles from home.", "Sono stati trovati a circa 30 chilometri da casa."),
    ("The storm brought winds of 70 mph.", "La tempesta ha portato venti a 113 km/h."),
    ("He lifted a 50-pound stone.", "Ha sollevato una pietra di 23 chili."),
    ("The fire burned 1,200 acres.", "L'incendio ha bruciato 1.200 acri (486 ettari)."),
])
def test_unit_conversions_are_not_changed_numbers(en, it):
    assert detect_numbers_and_dates(unit(en, it)) == []


@pytest.mark.parametrize("en, it", [
    ("They were found about 20 miles from home.", "Sono stati trovati a circa 20 chilometri da casa."),
    ("They were found about 20 miles from home.", "Sono stati trovati a circa 50 chilometri da casa."),
    ("They were found about 20 miles from home.", "Sono stati trovati a circa 22 miglia da casa."),
])
def test_a_conversion_that_does_not_add_up_is_a_changed_number(en, it):
    [finding] = detect_numbers_and_dates(unit(en, it))
    assert finding.category == "number" and finding.original_span.text.startswith("20")


def test_a_changed_unit_is_quoted_with_its_unit():
    [finding] = detect_numbers_and_dates(unit("They were found about 20 miles from home.",
                                              "Sono stati trovati a circa 20 chilometri da casa."))
    assert finding.reason == "The original says \u201c20 miles\u201d; the translation says \u201c20 chilometri\u201d."


@pytest.mark.parametrize("en, it", [
    ("The council approved the budget, according to [the report](https://example.com/2024/05/report-123.html).",
     "Il consiglio ha approvato il bilancio, secondo [il rapporto](https://example.it/rapporto)."),
    ("Details are at https://example.com/2024/budget-7 and from press@city2024.org.",
     "I dettagli sono su https://example.it/bilancio e presso stampa@comune.it."),
    ('The fund <span class="n2">grew</span> last year.', "Il fondo è cresciuto l'anno scorso."),
])
def test_digits_in_addresses_and_markup_are_not_numbers(en, it):
    assert detect_numbers_and_dates(unit(en, it)) == []


def test_a_changed_number_after_a_link_keeps_its_file_offsets():
    it = "Secondo [il rapporto](https://example.it/r-2024), il fondo vale 40 milioni."
    [finding] = detect_numbers_and_dates(unit("According to [the report](https://example.com/r-2024), "
                                              "the fund is worth 30 million.", it))
    assert (finding.original_span.text, finding.translation_span.text) == ("30 million", "40 milioni")
    assert finding.translation_span.start == 500 + it.index("40")


def unit_in(en: str, text: str, language: str) -> Unit:
    return Unit(0, side(en, "en"), side(text, language), 0.8)


@pytest.mark.parametrize("en, text, language", [
    ("Prices rose sharply in the 1990s.", "I prezzi sono saliti molto negli anni Novanta.", "it"),
    ("Prices rose sharply in the '90s.", "I prezzi sono saliti molto negli anni '90.", "it"),
    ("Prices rose sharply in the nineties.", "Die Preise stiegen in den 90er Jahren stark.", "de"),
    ("Prices rose sharply in the 1990s.", "Los precios subieron mucho en los años noventa.", "es"),
    ("The meeting starts at 3 p.m. on Friday.", "La riunione inizia venerdì alle 15.", "it"),
    ("The meeting starts at 3:30pm on Friday.", "La réunion commence vendredi à 15h30.", "fr"),
    ("The meeting starts at 3 pm on Friday.", "Das Treffen beginnt am Freitag um 15 Uhr.", "de"),
    ("The meeting starts at 15:30 on Friday.", "La reunión empieza el viernes a las 15.30.", "es"),
    ("The company lost $5bn last year.", "L'azienda ha perso 5 miliardi di dollari l'anno scorso.", "it"),
    ("About 1.5m people live there.", "Vi abitano circa 1,5 milioni di persone.", "it"),
    ("The wall is 2m high.", "Il muro è alto 2 metri.", "it"),
    ("The temperature reached 40C.", "La temperatura ha raggiunto i 40 gradi.", "it"),
    ("He is in his forties.", "Ha più di quarant'anni.", "it"),
    ("The law was passed in the 19th century.", "La legge fu approvata nel XIX secolo.", "it"),
    ("The law was passed in the nineteenth century.", "La legge fu approvata nell'Ottocento.", "it"),
    ("The law was passed in the 19th century.", "La ley fue aprobada en el siglo XIX.", "es"),
    ("The law was passed in the 19th century.", "La loi a été adoptée au XIXe siècle.", "fr"),
    ("The deal was signed on 5/11/2024.", "L'accordo è stato firmato il 5 novembre 2024.", "it"),
    ("The deal was signed on 5/11/2024.", "L'accordo è stato firmato l'11 maggio 2024.", "it"),
    ("The talks took place on 2024-11-05.", "I colloqui si sono svolti il 5 novembre 2024.", "it"),
    ("Aid reached 15 families.", "Gli aiuti sono arrivati alle 15 famiglie.", "it"),
    ("The meeting starts at 3:30 pm.", "La riunione inizia alle 15:30.", "it"),   # one time, not two readings
    ("Prices rose in the 1980s and the 1990s.", "I prezzi sono saliti negli anni '80 e negli anni Novanta.", "it"),
])
def test_times_decades_centuries_and_written_scales_are_read_not_compared_digit_by_digit(en, text, language):
    assert detect_numbers_and_dates(unit_in(en, text, language)) == []


@pytest.mark.parametrize("en, it, category, spans", [
    ("The meeting starts at 3 p.m. on Friday.", "La riunione inizia venerdì alle 16.", "date", ("3 p.m.", "16")),
    ("Prices rose sharply in the 1990s.", "I prezzi sono saliti molto negli anni Ottanta.", "date",
     ("1990s", "anni Ottanta")),
    ("The law was passed in the 19th century.", "La legge fu approvata nel XVIII secolo.", "date",
     ("19th century", "XVIII secolo")),
    ("The deal was signed on 5/11/2024.", "L'accordo è stato firmato il 6 novembre 2024.", "date", ("5", "6")),
    ("The company lost $5bn last year.", "L'azienda ha perso 5 milioni di dollari l'anno scorso.", "number",
     ("5bn", "5 milioni")),
    ("The wall is 2m high.", "Il muro è alto 3 metri.", "number", ("2m", "3")),
])
def test_a_changed_time_decade_century_or_written_scale_is_found(en, it, category, spans):
    [finding] = detect_numbers_and_dates(unit(en, it))
    assert finding.category == category
    assert (finding.original_span.text, finding.translation_span.text) == spans


@pytest.mark.parametrize("original, language", [
    ("Во вторник, 26 июля, ожидаются дожди.", "ru"),
    ("We wtorek 26 lipca spodziewane są deszcze.", "pl"),
])
def test_month_names_come_from_cldr_where_no_lexicon_lists_them(original, language):
    """Russian and Polish dates name the month in the genitive (26 июля, 26 lipca), as CLDR's format names do: the
    day is a day, compared with the other side's day, and a changed one is a critical date change."""
    assert [(m.kind, m.value) for m in mentions(side(original, language))] == [("weekday", 1), ("day", 26), ("month", 7)]
    same = Unit(0, side(original, language), side("Rain is expected on Tuesday, July 26.", "en", 100), 0.8)
    assert detect_numbers_and_dates(same) == []
    changed = Unit(0, side(original, language), side("Rain is expected on Tuesday, July 20.", "en", 100), 0.8)
    [finding] = detect_numbers_and_dates(changed)
    assert (finding.category, finding.severity, finding.translation_span.text) == ("date", "critical", "20")


@pytest.mark.parametrize("text, language, expected", [
    ("\u4f5c\u8005\u8868\u793a\uff0c2002\u5e74SARS\u66b4\u53d1\u65f6", "zh", [("year", 2002)]),  # after a full-width comma
    ("\u540c\u753a\u3067\u306f\uff12\uff10\uff11\uff18\u5e74\u306b", "ja", [("year", 2018)]),  # full-width digits
    ("\uff11\uff0c\uff10\uff10\uff10\u4eba\u3068\uff13\uff0e\uff15\uff05", "ja", [("number", 1000), ("number", 3.5)]),
])
def test_full_width_marks_group_digits_only_between_digits(text, language, expected):
    assert [(m.kind, m.value) for m in mentions(side(text, language))] == expected


@pytest.mark.parametrize("translation, changed", [
    ("At 9 a.m. on July 26 the reporter saw it.", None),
    ("At 9 a.m. on July 18 the reporter saw it.", ("26", "18")),
])
def test_a_day_against_a_language_that_writes_months_as_numerals(translation, changed):
    """7月26日 is two numbers to us: against it, July 26 is 7 and 26, and a changed day is a changed number."""
    original = "7\u670826\u65e5\u4e0a\u53489\u70b9\uff0c\u8bb0\u8005\u5728\u73b0\u573a\u770b\u5230\u3002"
    found = detect_numbers_and_dates(Unit(0, side(original, "zh"), side(translation, "en", 100), 0.8))
    critical = [(f.original_span.text, f.translation_span.text) for f in found if f.severity == "critical"]
    assert critical == ([changed] if changed else [])
