"""Load stage: paragraphs with exact file offsets, headline, errors naming the file, language, boilerplate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.boilerplate import is_boilerplate
from auditor.errors import AuditError
from auditor.language import check_language, detect_language
from auditor.load import load_document, parse_document, read_text, same_file

BODY = "The strike began on Monday. It spread to three ports by Wednesday."


@pytest.mark.parametrize(("text", "paragraphs"), [
    ("Port strike ends\r\n\r\nFirst paragraph here.\r\nSecond line of it.\r\n\r\n\r\nLast one.\r\n",
     ["Port strike ends", "First paragraph here.\r\nSecond line of it.", "Last one."]),
    ("Headline   \n\nBody one.   \n  \n\t\nBody two.  ", ["Headline", "Body one.", "Body two."]),
    ("\n\n\nThe strike is over.\n\n\n\n\nBody one.\n\n\n", ["The strike is over.", "Body one."]),
    ("The strike is over.\n \t \nBody one.\r\n   \r\nBody two.", ["The strike is over.", "Body one.", "Body two."]),
])
def test_paragraph_offsets(text: str, paragraphs: list[str]) -> None:
    document = parse_document(text, "t.txt", "en")
    assert [p.text for p in document.paragraphs] == paragraphs
    assert [p.index for p in document.paragraphs] == list(range(len(paragraphs)))
    assert all(text[p.start:p.end] == p.text for p in document.paragraphs)


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbfPort strike ends\r\n\r\nFirst paragraph.\r\n\r\nSource link\r\n",
    "Città in sciopero\n\nIl porto è chiuso da lunedì.  \n\n\n\nTutti i diritti riservati\n".encode(),
])
def test_offsets_index_the_decoded_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    text = read_text(path)
    document = load_document(path, "it")
    assert not text.startswith("\ufeff")
    assert len(document.paragraphs) == 3
    assert all(text[p.start:p.end] == p.text for p in document.paragraphs)
    assert [(p.headline, p.boilerplate) for p in document.paragraphs] == [(True, False), (False, False), (False, True)]


def test_inline_bom_offsets() -> None:
    text = "\ufeffPort strike ends\n\n" + BODY
    document = parse_document(text, "t.txt", "en")
    assert [(p.end, p.headline) for p in document.paragraphs] == [(17, True), (19 + len(BODY), False)]
    assert all(text[p.start:p.end] == p.text for p in document.paragraphs)


def test_inline_bom_is_not_part_of_the_headline() -> None:
    document = parse_document("\ufeffPort strike ends\n\n" + BODY, "t.txt", "en")
    assert document.paragraphs[0].text == "Port strike ends"


@pytest.mark.parametrize(("text", "expected"), [
    ("# Port strike ends\n" + BODY + "\n\nSecond.",
     [("Port strike ends", True), (BODY, False), ("Second.", False)]),
    ("## Port strike ends  \r\n" + BODY, [("Port strike ends", True), (BODY, False)]),
    ("Port strike ends\n" + BODY + "\n\nSecond.", [("Port strike ends", True), (BODY, False), ("Second.", False)]),
    ("Port strike ends\n\n" + BODY, [("Port strike ends", True), (BODY, False)]),
    # A first line ending in a full stop is a sentence, not a title.
    ("The strike began on Monday.\nIt spread fast.\n\nSecond.",
     [("The strike began on Monday.\nIt spread fast.", False), ("Second.", False)]),
    # Only the first block can hold the headline; a later short block is an ordinary paragraph.
    (BODY + "\n\nA short later line\n\nEnd.", [(BODY, False), ("A short later line", False), ("End.", False)]),
    ("#hashtag is not a heading.\n\nEnd.", [("#hashtag is not a heading.", False), ("End.", False)]),
])
def test_headline(text: str, expected: list[tuple[str, bool]]) -> None:
    document = parse_document(text, "t.md", "en")
    assert [(p.text, p.headline) for p in document.paragraphs] == expected
    assert all(text[p.start:p.end] == p.text for p in document.paragraphs)


def test_hard_wrapped_first_paragraph_stays_whole() -> None:
    first = "The two presidents last spoke on December 31, the second\ntime in a month that they tried to talk."
    document = parse_document(first + "\n\n" + BODY, "t.txt", "en")
    assert [p.text for p in document.paragraphs] == [first, BODY]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("missing.txt", None, "file not found"),
    ("folder", "dir", "is a directory"),
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\r\n\t \n", "is empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Città di Milano\n\nPerché no?".encode("latin-1"), "not UTF-8"),
    ("late-nul.txt", ("x" * 9000 + "\x00 and on.\n\n" + BODY).encode(), "binary"),
    ("bad-utf16.txt", b"\xff\xfe" + "Città".encode("utf-16-le") + b"\x00\xd8", "not UTF-16"),
])
def test_unreadable_files(tmp_path: Path, name: str, data: bytes | str | None, message: str) -> None:
    path = tmp_path / name
    if data == "dir":
        path.mkdir()
    elif data is not None:
        path.write_bytes(data)
    with pytest.raises(AuditError, match=message) as error:
        load_document(path)
    assert str(error.value).startswith(str(path))
    assert error.value.path == str(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_files_with_a_byte_order_mark_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Città in sciopero\n\nIl porto è chiuso da lunedì."
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    assert read_text(tmp_path / "a.txt") == text
    assert [p.text for p in load_document(tmp_path / "a.txt", "it").paragraphs][1] == "Il porto è chiuso da lunedì."


def test_old_mac_line_endings_split_paragraphs_with_offsets_kept() -> None:
    text = "Port strike ends\r\rThe strike began on Monday.\rIt spread.\r\rLast one.\r"
    document = parse_document(text, "mac.txt", "en")
    assert [p.text for p in document.paragraphs] == ["Port strike ends", "The strike began on Monday.\nIt spread.",
                                                     "Last one."]
    assert all(text[p.start:p.end].replace("\r", "\n") == p.text for p in document.paragraphs)
    assert document.sha256 == parse_document(text, "again.txt", "en").sha256 != \
        parse_document(text.replace("\r", "\n"), "unix.txt", "en").sha256  # the hash is of the text as given


@pytest.mark.parametrize(("text", "message"), [
    ("Port strike ends\n\nThe strike \ud800 began.", "is not Unicode text (lone surrogate U+D800 at offset 29)"),
    ("Port strike ends\n\nThe strike\x00 began.", "looks like a binary file"),
])
def test_text_that_is_not_unicode_text_is_an_audit_error(text: str, message: str) -> None:
    with pytest.raises(AuditError, match=re.escape(message)) as error:
        parse_document(text, "given.txt", "en")
    assert error.value.path == "given.txt"


def test_a_symlink_loop_is_an_audit_error_not_a_runtime_error(tmp_path: Path) -> None:
    (tmp_path / "loop_a").symlink_to(tmp_path / "loop_b")
    (tmp_path / "loop_b").symlink_to(tmp_path / "loop_a")
    (tmp_path / "en.txt").write_text(BODY)
    assert not same_file(tmp_path / "en.txt", tmp_path / "loop_a")  # Path.resolve() raised RuntimeError here
    assert same_file(tmp_path / "en.txt", tmp_path / "." / "en.txt")
    with pytest.raises(AuditError, match="cannot read the file \\(Too many levels of symbolic links\\)"):
        read_text(tmp_path / "loop_a")


def test_only_boilerplate_is_refused() -> None:
    with pytest.raises(AuditError, match="only site boilerplate") as error:
        parse_document("Source link\n\nLeave A Reply\n\n© 2024 Foo Media", "chrome.txt", "en")
    assert error.value.path == "chrome.txt"


@pytest.mark.parametrize("code", ["xx", "sw", "english", ""])
def test_unsupported_language_flag(code: str) -> None:
    with pytest.raises(AuditError, match="not supported") as error:
        parse_document(BODY, "a.txt", code or " ")
    assert error.value.path == "a.txt"


@pytest.mark.parametrize(("code", "normalised"), [("en", "en"), ("EN", "en"), ("it-IT", "it"), ("pt_BR", "pt"),
                                                  (" de ", "de"), ("zh-Hant", "zh")])
def test_check_language(code: str, normalised: str) -> None:
    assert check_language(code) == normalised


@pytest.mark.parametrize(("text", "language"), [
    ("The government announced new measures to support families on Monday, officials said.", "en"),
    ("Il governo ha annunciato lunedì nuove misure per sostenere le famiglie, hanno detto i funzionari.", "it"),
    ("Le gouvernement a annoncé lundi de nouvelles mesures pour soutenir les familles.", "fr"),
])
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert parse_document(text, "a.txt").language == language


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Source link", "en", True),
    ("Leave A Reply", "en", True),
    ("Your email address will not be published.", "en", True),
    ("Required fields are marked *", "en", True),
    ("Share this article", "en", True),
    ("Follow us on Twitter", "en", True),
    ("Subscribe to our newsletter", "en", True),
    ("3 Comments", "en", True),
    ("Read more:", "en", True),
    ("Advertisement", "en", True),
    ("**Source link**", "en", True),
    ("https://example.com/news/123", "en", True),
    ("#Ukraine #Russia", "en", True),
    ("© 2024 Foo Media", "en", True),
    ("Condividi su Facebook", "it", True),
    ("Tutti i diritti riservati", "it", True),
    ("Lascia un commento", "it", True),
    ("Seguici su Instagram", "it", True),
    ("Fonte: ANSA", "it", True),
    ("Source link", "it", True),  # reposts keep the source site's English chrome
    ("Partager cet article", "fr", True),
    ("Tous droits réservés", "fr", True),
    ("Laisser un commentaire", "fr", True),
    ("Todos los derechos reservados", "es", True),
    ("Deja un comentario", "es", True),
    ("Alle Rechte vorbehalten", "de", True),
    ("Ihre E-Mail-Adresse wird nicht veröffentlicht.", "de", True),
    ("Kevin Liptak contributed to this report.", "en", False),
    ("Shares of the company rose 5% on Monday.", "en", False),
    ("The copyright dispute went to court in March after the publisher sued the author over royalties.", "en", False),
    ("The source said the talks had stalled.", "en", False),
    ("He said he would follow up with the ministry.", "en", False),
    ("Read the full statement below.", "en", False),
    ("Il portavoce ha condiviso la posizione del governo.", "it", False),
    ("Fonti vicine al governo hanno confermato la notizia.", "it", False),
    ("", "en", False),
])
def test_is_boilerplate(text: str, language: str, expected: bool) -> None:
    assert is_boilerplate(text, language) is expected


BOILERPLATE_BUG = "BUG: boilerplate.json pattern matches article content (paragraph then never becomes a finding)"


@pytest.mark.parametrize(("text", "language"), [
    # Prefix patterns without a word boundary or end anchor: '^source\s*:?' matches 'Sources ...'.
    ("Sources proches du dossier affirment que le ministre va démissionner.", "fr"),
    ("Fuentes del gobierno dijeron que la reunión fue cancelada.", "es"),
    ("Quellen zufolge will der Minister zurücktreten.", "de"),
    ("Fontes do governo disseram que a reunião foi cancelada.", "pt"),
    ("Bronnen melden dat de minister aftreedt.", "nl"),
    # Common words matched anywhere in a short sentence.
    ("The copyright dispute went to court in March.", "en"),
    ("Officials declined to share this information with reporters.", "en"),
    ("Les deux pays veulent partager les renseignements.", "fr"),
    ("Wir teilen diese Sorge nicht, sagte Scholz.", "de"),
])
def test_short_content_is_not_boilerplate(text: str, language: str) -> None:
    assert is_boilerplate(text, language) is False


def test_bare_separators_are_not_content():
    from auditor.boilerplate import is_boilerplate
    assert [is_boilerplate(t, "en") for t in ("---", "* * *", "…", "***", "A.")] == [True, True, True, True, False]


def test_an_input_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from auditor.load import MAX_INPUT_BYTES

    big = tmp_path / "huge.md"
    big.write_bytes(b"The port is open. " * (MAX_INPUT_BYTES // 18 + 1))
    with pytest.raises(AuditError, match=r"huge\.md: is 5\.0 MB, over the 5 MB a side that an audit accepts"):
        read_text(big)
    with pytest.raises(AuditError, match="over the 5 MB"):
        parse_document("x" * (MAX_INPUT_BYTES + 1), "<text>", "en")
    with pytest.raises(AuditError, match="over the 5 MB"):  # the limit is in bytes: 2 bytes a character here
        parse_document("è" * (MAX_INPUT_BYTES // 2 + 1), "<text>", "it")


def test_stdin_over_the_size_limit_is_refused_without_reading_it_all() -> None:
    import io

    from auditor.load import MAX_INPUT_BYTES
    from auditor.sources import read_source

    stream = io.BytesIO(b"a" * (MAX_INPUT_BYTES * 2))
    with pytest.raises(AuditError, match=r"<stdin>: is 5\.0 MB, over"):
        read_source("-", stdin=stream)
    assert stream.tell() == MAX_INPUT_BYTES + 1
