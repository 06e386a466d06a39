"""Language identification: a text is identified among all languages lingua knows, then refused unless the sentence
encoder supports it; untranslated-fragment detection reads among the pair's languages only."""

from __future__ import annotations

from functools import cache
from typing import Any

from auditor.errors import AuditError

# USE-multilingual-v3's 16 languages (Chinese simplified and traditional share "zh").
ENCODER_LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh")
DETECTION_SAMPLE_CHARS = 3000  # enough text for a confident guess, bounded cost on long articles
# lingua's confidence that the text is in its best language; a paragraph of news scores ~1.0, a lone word ("Hello")
# well under 0.5: below this the language is not identified, whatever the best guess.
MIN_CONFIDENCE = 0.5


@cache
def _detector(codes: tuple[str, ...] = ENCODER_LANGUAGES) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _pair_detector(codes: tuple[str, ...]) -> Any:
    """A detector among the pair's languages only: reading a mixed text loads every n-gram model of every candidate
    (~0.25 s a language, 1.8 s for all 15), and a fragment's language only matters if it is one of the pair's.
    English is kept as a third candidate, being the language most often quoted untranslated: without it an English
    phrase in an Italian-to-German translation would have to be read as Italian or German."""
    return _detector(tuple(sorted({*codes, "en"})))


@cache
def _identifier() -> Any:
    # All of lingua's languages, so that Swahili is not read as Portuguese for want of a better match; low-accuracy
    # (trigram) models: ~70 MB and 0.3 s to load where the high-accuracy set of all languages takes ~1 GB and 9 s.
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def check_language(code: str, path: str | None = None) -> str:
    """Normalise a user-given language code, refusing one the encoder cannot handle."""
    normalised = code.strip().lower().split("-")[0].split("_")[0]
    if normalised not in ENCODER_LANGUAGES:
        raise AuditError(f"language {code!r} is not supported by the sentence encoder "
                         f"(supported: {', '.join(ENCODER_LANGUAGES)})", path)
    return normalised


def detect_language(text: str, path: str | None = None) -> str:
    """ISO 639-1 code of the text's language, refusing a text not identified as one the encoder supports."""
    sample = text[:DETECTION_SAMPLE_CHARS]
    best = next(iter(_identifier().compute_language_confidence_values(sample)), None)
    supported = (best is not None and best.value >= MIN_CONFIDENCE
                 and best.language.iso_code_639_1.name.lower() in ENCODER_LANGUAGES)
    # Among the encoder's languages the high-accuracy models tell close ones apart (it/pt, en/nl) on short texts.
    language = _detector().detect_language_of(sample) if supported else None
    if language is None:
        # One message whether the language is unknown or known but unsupported: either way the fix is the same.
        raise AuditError("the language is not identified as one the sentence encoder supports "
                         f"({', '.join(ENCODER_LANGUAGES)}); if the text is in one of them, pass it with "
                         "--source-lang/--target-lang", path)
    return language.iso_code_639_1.name.lower()


def language_spans(text: str, codes: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(language, start, end) runs of a mixed-language text, among the given languages (and English), for spotting
    untranslated fragments."""
    return [(r.language.iso_code_639_1.name.lower(), r.start_index, r.end_index)
            for r in _pair_detector(codes).detect_multiple_languages_of(text)]


def language_confidence(text: str, codes: tuple[str, ...]) -> dict[str, float]:
    """lingua's confidence (0-1) that the text is in each of the given languages, to choose between them."""
    values = {v.language.iso_code_639_1.name.lower(): v.value
              for v in _pair_detector(codes).compute_language_confidence_values(text)}
    return {code: values.get(code, 0.0) for code in codes}
