"""The language gate: identified among all languages, refused with one message unless the encoder supports it."""

from __future__ import annotations

import pytest

from auditor.config import AuditConfig
from auditor.errors import AuditError
from auditor.language import detect_language
from auditor.pipeline import audit

REFUSED = "the language is not identified as one the sentence encoder supports"
NOT_SUPPORTED = {
    "sw": "Rais wa nchi amesema serikali itaongeza mishahara ya walimu mwaka ujao, baada ya mgomo wa wiki mbili "
          "uliofunga shule nyingi za mji mkuu.",
    "fi": "Hallitus ilmoitti tiistaina, että se nostaa opettajien palkkoja ensi vuonna kahden viikon lakon jälkeen, "
          "joka sulki monet pääkaupungin koulut.",
    "el": "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι θα αυξήσει τους μισθούς των εκπαιδευτικών τον επόμενο χρόνο.",
    "he": "הממשלה הודיעה ביום שלישי כי תעלה את שכר המורים בשנה הבאה, לאחר שביתה של שבועיים.",
}
TOO_LITTLE = ["Hello", "Ciao", "OK", "2024 — 5%"]


@pytest.mark.parametrize("text", [*NOT_SUPPORTED.values(), *TOO_LITTLE],
                         ids=[*NOT_SUPPORTED, *TOO_LITTLE])
def test_unsupported_and_unidentified_get_the_same_message(text: str) -> None:
    with pytest.raises(AuditError) as error:
        detect_language(text, "t.txt")
    assert error.value.problem.startswith(REFUSED) and "--source-lang/--target-lang" in error.value.problem
    assert error.value.path == "t.txt"


@pytest.mark.parametrize("code", list(NOT_SUPPORTED))
def test_following_the_advice_for_an_unsupported_language_is_refused_too(code: str) -> None:
    with pytest.raises(AuditError, match=f"language '{code}' is not supported by the sentence encoder"):
        audit("The government will raise teachers' pay next year.", NOT_SUPPORTED[code],
              AuditConfig(target_lang=code, backtranslation=False))


def test_hello_and_ciao_are_not_audited_as_italian() -> None:
    with pytest.raises(AuditError, match=REFUSED):
        audit("Hello", "Ciao", AuditConfig(backtranslation=False))


@pytest.mark.parametrize(("text", "language"), [
    ("Il governo ha detto che aumenterà gli stipendi degli insegnanti l'anno prossimo.", "it"),
    ("O governo disse que vai aumentar os salários dos professores no próximo ano.", "pt"),
    ("De regering zei dat ze de salarissen van leraren volgend jaar zal verhogen.", "nl"),
    ("政府表示明年将提高教师工资。", "zh"),
    ("政府は来年、教員の給与を引き上げると述べた。", "ja"),
])
def test_supported_languages_pass_the_gate(text: str, language: str) -> None:
    assert detect_language(text) == language
