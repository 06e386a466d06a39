"""Segment stage: sentences with offsets into the file text, quotes and abbreviations kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.documents import Document
from auditor.load import load_document, parse_document, read_text
from auditor.segment import segment_document


def _sentences(text: str, language: str) -> Document:
    return segment_document(parse_document(text, "t.txt", language))


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "Port strike ends\r\n\r\nMr. Smith met U.S. officials on Monday.  They talked.\r\nA second line.\r\n\r\n"
           "Source link",
     [(0, "Port strike ends"), (1, "Mr. Smith met U.S. officials on Monday."), (1, "They talked."),
      (1, "A second line."), (2, "Source link")]),
    ("en", "Headline here\n\n“We will not back down. Never,” she said. Then she left.",
     [(0, "Headline here"), (1, "“We will not back down. Never,” she said."), (1, "Then she left.")]),
    ("en", "Headline here\n\nThe U.S. economy grew 2.5% in 2023, according to Dr. Lee of St. Louis. Prices rose!  "
           "Did wages? Yes.",
     [(0, "Headline here"), (1, "The U.S. economy grew 2.5% in 2023, according to Dr. Lee of St. Louis."),
      (1, "Prices rose!"), (1, "Did wages?"), (1, "Yes.")]),
    ("en", "Headline here\n\n   Line one without a stop\nline two. (A paren.) After.   ",
     [(0, "Headline here"), (1, "Line one without a stop\nline two."), (1, "(A paren.) After.")]),
    ("it", "Sciopero al porto\n\nIl sig. Rossi è arrivato alle 10. Poi è andato via.\n\n"
           "«Non lo so. Forse domani», ha detto il dott. Bianchi. Fine.",
     [(0, "Sciopero al porto"), (1, "Il sig. Rossi è arrivato alle 10."), (1, "Poi è andato via."),
      (2, "«Non lo so. Forse domani», ha detto il dott. Bianchi."), (2, "Fine.")]),
    ("it", "Sciopero al porto\n\n“Non accettare l’Ucraina nella NATO. Non significa rifiutare”, ha detto Peskov.",
     [(0, "Sciopero al porto"), (1, "“Non accettare l’Ucraina nella NATO. Non significa rifiutare”, ha detto Peskov.")]),
])
def test_sentences(language: str, text: str, expected: list[tuple[int, str]]) -> None:
    document = _sentences(text, language)
    assert [(s.paragraph, s.text) for s in document.sentences] == expected
    assert [s.index for s in document.sentences] == list(range(len(expected)))
    assert all(text[s.start:s.end] == s.text for s in document.sentences)


def test_sentences_lie_inside_their_paragraph() -> None:
    document = _sentences("Headline here\n\nOne. Two.\n\nThree. Four. Five.", "en")
    for sentence in document.sentences:
        paragraph = document.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    assert [len(document.sentences_of(p.index)) for p in document.paragraphs] == [1, 2, 3]


@pytest.mark.parametrize("name", ["original.en.txt", "translation.it.txt", "repost-a.en.txt", "repost-b.en.txt",
                                  "repost-c.en.txt"])
def test_seed_sentence_offsets(seeds: Path, name: str) -> None:
    text = read_text(seeds / name)
    document = segment_document(load_document(seeds / name))
    assert document.sentences
    assert all(text[s.start:s.end] == s.text for s in document.sentences)
    assert {s.paragraph for s in document.sentences} == {p.index for p in document.paragraphs}


@pytest.mark.parametrize(("body", "longest"), [
    # An unclosed quotation mark: the segmenter returns the rest of the paragraph as one sentence.
    ("“We hope to open the new wing by May, said the director. " + "The port reopened on Monday. " * 90, 1000),
    ("Attachment: " + "QUJD" * 2500 + " end of the blob.", 1000),  # one 10,000-character "word"
])
def test_a_sentence_over_the_limit_is_cut_with_offsets_into_the_file(body: str, longest: int) -> None:
    from auditor.segment import MAX_SENTENCE_CHARS

    text = "Headline here\n\n" + body
    document = _sentences(text, "en")
    pieces = [s for s in document.sentences if s.paragraph == 1]
    assert len(pieces) > 1 and max(len(s.text) for s in pieces) <= MAX_SENTENCE_CHARS == longest
    assert all(text[s.start:s.end] == s.text for s in pieces)
    assert "".join(s.text for s in pieces).replace(" ", "") == body.replace(" ", "")  # nothing lost or doubled
    if body.startswith("“"):  # cut after a full stop, not inside a sentence
        assert all(s.text.endswith(".") for s in pieces)


def test_a_segmenter_run_past_its_sentence_ends_is_split_at_each_of_them() -> None:
    # An unclosed quotation mark makes the segmenter hold everything after it as one sentence; split at the
    # sentence ends inside it, each sentence is its own again (and the quoted one keeps its end).
    body = "“We hope to open the new wing by May, said the director. " + "The port reopened on Monday. " * 30
    text = "Headline here\n\n" + body
    pieces = [s for s in _sentences(text, "en").sentences if s.paragraph == 1]
    assert [s.text for s in pieces] == ["“We hope to open the new wing by May, said the director.",
                                        *["The port reopened on Monday."] * 30]
    assert all(text[s.start:s.end] == s.text for s in pieces)


def test_a_long_sentence_without_inner_ends_is_left_whole() -> None:
    body = "The council approved the plan, " + "and the mayor thanked the residents of every district, " * 11 + \
        "who had waited for years."
    pieces = [s for s in _sentences("Headline here\n\n" + body, "en").sentences if s.paragraph == 1]
    assert len(body) > 640 and [s.text for s in pieces] == [body]
