"""Language identification restricted to the languages the sentence encoder supports."""

from __future__ import annotations

from functools import cache
from typing import Any

from auditor.errors import AuditError

# USE-multilingual-v3's 16 languages (Chinese simplified and traditional share "zh").
ENCODER_LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh")
DETECTION_SAMPLE_CHARS = 3000  # enough text for a confident guess, bounded cost on long articles


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in ENCODER_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def check_language(code: str, path: str | None = None) -> str:
    """Normalise a user-given language code, refusing one the encoder cannot handle."""
    normalised = code.strip().lower().split("-")[0].split("_")[0]
    if normalised not in ENCODER_LANGUAGES:
        raise AuditError(f"language {code!r} is not supported by the sentence encoder "
                         f"(supported: {', '.join(ENCODER_LANGUAGES)})", path)
    return normalised


def detect_language(text: str, path: str | None = None) -> str:
    """ISO 639-1 code of the text's language, among the encoder's languages."""
    language = _detector().detect_language_of(text[:DETECTION_SAMPLE_CHARS])
    if language is None:
        raise AuditError("could not tell the language; pass it with --source-lang/--target-lang", path)
    return language.iso_code_639_1.name.lower()


def language_spans(text: str) -> list[tuple[str, int, int]]:
    """(language, start, end) runs of a mixed-language text, for spotting untranslated fragments."""
    return [(r.language.iso_code_639_1.name.lower(), r.start_index, r.end_index)
            for r in _detector().detect_multiple_languages_of(text)]


def language_confidence(text: str, codes: tuple[str, ...]) -> dict[str, float]:
    """lingua's confidence (0-1) that the text is in each of the given languages, to choose between them."""
    values = {v.language.iso_code_639_1.name.lower(): v.value
              for v in _detector().compute_language_confidence_values(text)}
    return {code: values.get(code, 0.0) for code in codes}
