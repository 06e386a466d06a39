"""Saved web pages (our own, in four CMS shapes): main text, headline and metadata by trafilatura, nothing else."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.documents import PageMeta
from auditor.errors import AuditError
from auditor.load import parse_document
from auditor.sources import read_source

PAGES = Path(__file__).parent / "pages"
NOISE = ("cookie", "Accetta", "Home", "Share", "Condividi", "Facebook", "Comments", "Great news", "Subscribe",
         "Sign in", "Leggi anche", "newsletter", "Iscriviti", "Most read", "rights reserved", "diritti", "Powered")
EXPECTED = {
    "wordpress.en.html": (
        ["Port strike ends after nine days",
         "Dock workers in Halden returned to work on Monday after a nine-day strike that left more than forty ships "
         "waiting outside the harbour.",
         "The union said the agreement raises pay by 4% this year and by a further 3% next year, and that members "
         "had accepted it by a large majority.",
         "\"This is not everything we asked for, but it is a fair agreement,\" said the union's general secretary, "
         "speaking outside the hall."],
        PageMeta("Port strike ends after nine days", "2026-05-12", "Mara Lind", "Halden Herald",
                 "https://herald.example/2026/05/port-strike-ends")),
    "newsroom.it.html": (  # metadata only in JSON-LD
        ["Finisce lo sciopero al porto di Halden",
         "I portuali di Halden sono tornati al lavoro lunedì dopo uno sciopero di nove giorni che ha lasciato più "
         "di quaranta navi in attesa fuori dal porto.",
         "Il sindacato ha detto che l'accordo aumenta la paga del 4% quest'anno e di un ulteriore 3% l'anno "
         "prossimo, e che gli iscritti lo hanno approvato a larga maggioranza.",
         "«Non è tutto quello che chiedevamo, ma è un accordo equo», ha detto il segretario generale del sindacato "
         "fuori dalla sede."],
        PageMeta("Finisce lo sciopero al porto di Halden", "2026-05-12", "Giulia Ferri", "Gazzetta del Fiordo",
                 "https://gazzetta.example/economia/2026/05/12/sciopero-porto-halden")),
    "drupal.en.html": (
        ["Council approves new ferry timetable",
         "The town council voted on Tuesday to add two early ferry crossings to the island on weekdays from the "
         "first of April.",
         "Commuters had asked for the change for years; the council said the extra crossings would cost about "
         "180,000 euros a year.",
         "The last ferry on Sundays will leave half an hour later, at 22:30, during the summer months."],
        PageMeta("Council approves new ferry timetable", "2026-03-04", "Tomas Berg", "Northshore Courier",
                 "https://courier.example/news/council-approves-new-ferry-timetable")),
    "ghost.en.html": (  # the standfirst is part of the article
        ["Why the library is open on Sundays again",
         "Volunteers and a small grant brought back the weekend hours.",
         "The valley library will open every Sunday from ten to four, after two years in which it closed at the "
         "weekend.",
         "A group of twenty volunteers will staff the desk, and a regional grant pays for heating and for a "
         "part-time librarian.",
         "The mayor said the hours would be reviewed in December, once the library knows how many people come."],
        PageMeta("Why the library is open on Sundays again", "2026-01-18", "Ines Vidal", "Valley Notes",
                 "https://valleynotes.example/library-sundays/")),
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_main_text_headline_and_metadata(page: str) -> None:
    paragraphs, meta = EXPECTED[page]
    source = read_source(PAGES / page)
    assert source.meta == meta
    document = parse_document(source.text, source.path, page.split(".")[1])
    assert [p.text for p in document.paragraphs] == paragraphs
    assert [p.headline for p in document.paragraphs] == [True] + [False] * (len(paragraphs) - 1)
    assert all(source.text[p.start:p.end] == p.text for p in document.paragraphs)  # offsets into the shown text
    assert not [word for word in NOISE if word in source.text]


def test_format_forces_the_reading(tmp_path: Path) -> None:
    saved = tmp_path / "page.txt"
    saved.write_bytes((PAGES / "ghost.en.html").read_bytes())
    assert read_source(saved).meta is None and "<html" in read_source(saved).text
    assert read_source(saved, "html").meta == EXPECTED["ghost.en.html"][1]
    assert read_source(PAGES / "ghost.en.html", "text").text.startswith("<!DOCTYPE html>")


def test_html_on_stdin_is_recognised(tmp_path: Path) -> None:
    with (PAGES / "drupal.en.html").open("rb") as stdin:
        source = read_source("-", stdin=stdin)
    assert source.path == "<stdin>" and source.meta == EXPECTED["drupal.en.html"][1]


def test_a_page_without_main_text_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><head><title>Loading</title></head><body><script>app()</script>"
                                         "</body></html>")
    with pytest.raises(AuditError, match=r"empty.html: is a web page with no main text that could be extracted"):
        read_source(tmp_path / "empty.html")


ORIGINAL = """# Port strike ends in Halden

Dock workers in Halden went back to work on Monday after a nine-day strike that left more than forty ships waiting
outside the port.

The union said the deal raises pay by 5% this year and by a further 3% next year, and that members approved it by a
large majority.

"It is not everything we asked for, but it is a fair deal," the union's general secretary said outside its offices.
"""


def test_a_page_audited_against_its_original(tmp_path: Path, encoder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("auditor.pipeline"), "load_encoder", lambda: encoder)
    (tmp_path / "story.en.md").write_text(ORIGINAL, encoding="utf-8")
    page = PAGES / "newsroom.it.html"
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "story.en.md"), str(page), "--no-backtranslation",
                                      "--out", str(tmp_path / "out"), "--fail-on", "never", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["translation"]["meta"] == EXPECTED["newsroom.it.html"][1].to_dict() and "meta" not in data["original"]
    assert [p["text"] for p in data["translation"]["paragraphs"]] == EXPECTED["newsroom.it.html"][0]
    number = next(f for f in data["findings"] if f["category"] == "number")
    extracted = read_source(page).text
    span = number["translation_span"]
    assert span["text"].startswith("4") and extracted[span["start"]:span["end"]] == span["text"]
    line = "Finisce lo sciopero al porto di Halden · 2026-05-12 · Giulia Ferri · Gazzetta del Fiordo · https:"
    for name in ("report.md", "report.html"):
        assert line in (tmp_path / "out" / name).read_text(encoding="utf-8").replace("\\", "")
    text = CliRunner().invoke(app, ["report", str(tmp_path / "out" / "report.json")]).output
    assert "translation page: Finisce lo sciopero al porto di Halden · 2026-05-12" in text
