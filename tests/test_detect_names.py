"""Names: transliterations and exonyms pass, changed, dropped and added person names are found with spans."""

import pytest

from auditor.detect.nameforms import same_word, translit_key
from auditor.detect.names import detect_names
from auditor.detect.units import Side, Unit
from auditor.documents import Sentence

ORIGINAL_AT, TRANSLATION_AT = 100, 10  # file offsets of the two sentences, so spans are checked as offsets


def unit(original: str, translation: str, source: str = "en", target: str = "it") -> Unit:
    return Unit(0, Side((Sentence(0, 0, ORIGINAL_AT, ORIGINAL_AT + len(original), original),), source),
                Side((Sentence(0, 0, TRANSLATION_AT, TRANSLATION_AT + len(translation), translation),), target), 0.8)


@pytest.mark.parametrize("a, b, same", [
    ("Sergey", "Sergei", True), ("Sergey", "Sergej", True), ("Zelensky", "Zelenskyj", True),
    ("Zelenskiy", "Zelensky", True), ("Dmytro", "Dmitro", True), ("Dmitry", "Dmitrij", True),
    ("Kuznetsov", "Kuznecov", True), ("Shevchuk", "Ševčuk", True), ("Yevgeny", "Evgenij", True),
    ("Hrytsenko", "Hrycenko", True), ("Mohammed", "Mohamed", True), ("Szabo", "Szabó", True),
    ("Sergey", "Sergueï", True), ("Lavrov", "Lawrow", True),
    ("Antony", "Anthony", False), ("Blinken", "Brinken", False), ("Marco", "Mario", False),
    ("Katherine", "Catherine", False), ("Paolo", "Paola", False), ("Brandt", "Brant", False),
])
def test_transliteration_key(a, b, same):
    assert same_word(translit_key(a), translit_key(b)) is same


@pytest.mark.parametrize("original, translation", [
    ("Foreign Minister Sergey Lavrov said on Wednesday that talks would continue.",
     "Il ministro degli Esteri russo Sergei Lavrov ha detto mercoledì che i colloqui proseguiranno."),
    ("Volodymyr Zelensky spoke in Kyiv after meeting Dmytro Kuleba.",
     "Volodymyr Zelenskyj ha parlato a Kiev dopo aver incontrato Dmitro Kuleba."),
    ("The White House said on Wednesday that the European Commission had agreed.",
     "Mercoledì la Casa Bianca ha detto che la Commissione europea era d'accordo."),
    ("Pope Francis met King Charles at the Vatican.", "Papa Francesco ha incontrato re Carlo in Vaticano."),
    ("Secretary of State Antony Blinken arrived in Geneva.", "Il segretario di Stato Blinken è arrivato a Ginevra."),
    ("Oleksandr Hrytsenko and Yevgeny Zamyatin met Mykola Shevchuk in Munich.",
     "Oleksandr Hrycenko ed Evgenij Zamjatin hanno incontrato Mykola Ševčuk a Monaco di Baviera."),
    ("Mohammed Al-Rashid told the BBC that the Bank of England was wrong.",
     "Mohamed al-Rashid ha detto alla Bbc che la Banca d'Inghilterra sbagliava."),
    ("The Labour Party and the Foreign Office criticised the Italian government.",
     "Il Partito laburista e il ministero degli Esteri britannico hanno criticato il governo italiano."),
    ("Unemployment fell to 6.2% in October, the National Statistics Office said on Friday.",
     "A ottobre la disoccupazione è scesa al 6,2%, ha comunicato venerdì l'Istat."),
    ("Lavrov Says Talks With Kyiv Will Continue Next Week", "Lavrov: i colloqui con Kiev proseguiranno"),
    ("The minister said the United States and the UN backed the plan.",
     "Il ministro ha detto che gli Stati Uniti e l'Onu sostengono il piano."),
    ("Il ministro degli Esteri Sergei Lavrov è arrivato a Ginevra.",
     "Il capo della diplomazia russa, Sergej Lavrov, è giunto a Ginevra."),
])
def test_faithful_names_are_not_flagged(original, translation):
    source = "it" if original.startswith("Il ") else "en"
    assert detect_names(unit(original, translation, source)) == []


@pytest.mark.parametrize("original, translation", [
    ("Foreign Minister Sergey Lavrov told reporters in Geneva that the talks would go on.",
     "Russia's foreign minister, Sergey Lavrov, said in Geneva the talks would continue."),
    ("Mayor Elena Brandt said the budget was approved by the City Council.",
     "The City Council approved the budget, according to Mayor Elena Brandt."),
])
def test_english_paraphrase_is_not_flagged(original, translation):
    assert detect_names(unit(original, translation, "en", "en")) == []


@pytest.mark.parametrize("original, translation, severity, old, new", [
    ("Secretary of State Antony Blinken met the minister.",
     "Il segretario di Stato Anthony Blinken ha incontrato il ministro.", "critical", "Antony Blinken", "Anthony Blinken"),
    ("Secretary of State Antony Blinken met the minister.",
     "Il segretario di Stato Antony Brinken ha incontrato il ministro.", "critical", "Antony Blinken", "Antony Brinken"),
    ("Marco Rossi spoke to the press.", "Mario Rossi ha parlato alla stampa.", "critical", "Marco Rossi", "Mario Rossi"),
    ("Economist Paul Granger expects a recovery.", "L'economista Peter Granger prevede una ripresa.",
     "critical", "Paul Granger", "Peter Granger"),
    ("\u201cIt is a fair deal,\u201d said Katherine Oduya.",
     "\u00abÈ un accordo equo\u00bb, ha detto Catherine Oduya.", "critical", "Katherine Oduya", "Catherine Oduya"),
    ("\u201cWe will not raise taxes,\u201d said Mayor Elena Brandt.",
     "\u00abNon aumenteremo le tasse\u00bb, ha detto la sindaca Laura Fenwick.", "critical", "Elena Brandt",
     "Laura Fenwick"),
    ("Foreign Minister Sergey Morozov arrived in Geneva.",
     "Il ministro degli Esteri Paul Granger è arrivato a Ginevra.", "critical", "Sergey Morozov", "Paul Granger"),
])
def test_changed_name_with_spans(original, translation, severity, old, new):
    [finding] = detect_names(unit(original, translation))
    assert (finding.category, finding.severity) == ("name", severity)
    assert finding.original_span.text == old and finding.original_span.start == ORIGINAL_AT + original.index(old)
    assert finding.translation_span.text == new
    assert finding.translation_span.start == TRANSLATION_AT + translation.index(new)
    assert finding.reason.startswith(f"The original names '{old}'; the translation says '{new}'")


@pytest.mark.parametrize("original, translation, name", [
    ("\u201cWe will not raise taxes,\u201d said Mayor Elena Brandt.",
     "\u00abNon aumenteremo le tasse\u00bb, ha detto la sindaca.", "Elena Brandt"),
    ("Health Minister Paolo Ricci said the government would hire nurses.",
     "Il ministro della Salute ha annunciato che il governo assumerà infermieri.", "Paolo Ricci"),
])
def test_dropped_name(original, translation, name):
    [finding] = detect_names(unit(original, translation))
    assert (finding.severity, finding.original_span.text, finding.translation_span) == ("major", name, None)
    assert finding.reason == f"The original names '{name}'; the translation leaves the name out."


@pytest.mark.parametrize("translation, target, expected", [
    ("Le ministre des Affaires étrangères Sergueï Lavrov est arrivé lundi à Kiev.", "fr", []),
    ("Außenminister Sergej Lawrow kam am Montag in Kiew an.", "de", []),
    ("Министр иностранных дел Сергей Лавров прибыл в Киев в понедельник.", "ru", []),
    ("外交部长谢尔盖·拉夫罗夫周一抵达基辅。", "zh", []),
    ("Außenminister Sergej Lawrow kam am Montag in Kiew an, sagte Bürgermeisterin Elena Brant.", "de", ["Elena Brant"]),
])
def test_other_target_languages(translation, target, expected):
    original = "Foreign Minister Sergey Lavrov arrived in Kyiv on Monday" + (
        ", Mayor Elena Brandt said." if expected else ".")
    findings = detect_names(unit(original, translation, "en", target))
    assert [f.translation_span.text for f in findings] == expected


def test_added_name_is_major():
    [finding] = detect_names(unit("The health minister said nurses would be hired.",
                                  "Il ministro della Salute Paolo Ricci ha detto che saranno assunti infermieri."))
    assert (finding.severity, finding.original_span, finding.translation_span.text) == ("major", None, "Paolo Ricci")


def test_on_real_alignment():
    """Units made by the real pipeline (encoder, aligner): only the planted name change fires."""
    from auditor.config import AuditConfig
    from auditor.detect.units import build_units
    from auditor.pipeline import audit

    original = ("Foreign Minister Sergey Lavrov arrived in Kyiv on Wednesday.\n\n"
                "\u201cWe are ready to talk,\u201d said Secretary of State Antony Blinken at the White House.")
    translation = ("Il ministro degli Esteri russo Sergei Lavrov è arrivato mercoledì a Kiev.\n\n"
                   "\u00abSiamo pronti a trattare\u00bb, ha detto il segretario di Stato Anthony Blinken "
                   "alla Casa Bianca.")
    report = audit(original, translation, AuditConfig(source_lang="en", target_lang="it", backtranslation=False))
    units = build_units(report.original, report.translation, report.alignment)
    findings = [f for u in units for f in detect_names(u)]
    assert [(f.severity, f.original_span.text, f.translation_span.text) for f in findings] == [
        ("critical", "Antony Blinken", "Anthony Blinken")]
    assert original[findings[0].original_span.start:findings[0].original_span.end] == "Antony Blinken"
