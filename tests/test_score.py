"""sacrebleu chrF2 / BLEU (effective order) / TER per pair and per article, and their signatures."""

from __future__ import annotations

import pytest
import sacrebleu

from auditor.records import Scores
from auditor.score import metric_signatures, score_article, score_pair


@pytest.mark.parametrize("backtranslation, original, expected", [
    ("The port is closed.", "The port is closed.", Scores(100.0, 100.0, 0.0, 0.9)),
    ("The port is closed.", "The port has been closed.", Scores(50.83, 24.74, 40.0, 0.9)),
    ("Nobody died.", "There were no casualties.", Scores(4.25, 14.13, 100.0, 0.9)),
    # effective order: a two-word hypothesis still gets a BLEU above zero
    ("the cat", "the cat sat on the mat", Scores(27.25, 13.53, 66.67, 0.9)),
    ("", "The port is closed.", Scores(None, None, None, 0.9)),
    ("The port is closed.", "  ", Scores(None, None, None, 0.9)),
])
def test_score_pair(backtranslation: str, original: str, expected: Scores) -> None:
    assert score_pair(backtranslation, original, 0.9) == expected


@pytest.mark.parametrize("backtranslations, originals, expected", [
    (["The port is closed.", "Nobody died."], ["The port has been closed.", "There were no casualties."],
     Scores(27.68, 16.42, 66.67, 0.8)),
    # an omitted paragraph (empty back-translation) lowers the article's scores
    (["The port is closed.", ""], ["The port has been closed.", "There were no casualties."],
     Scores(26.9, 9.1, 66.67, 0.8)),
    # an added paragraph (nothing in the original) too
    (["The port is closed.", "Extra."], ["The port has been closed.", ""], Scores(50.83, 26.27, 60.0, 0.8)),
    ([""], ["Nothing was translated."], Scores(None, None, None, 0.8)),
])
def test_score_article(backtranslations: list[str], originals: list[str], expected: Scores) -> None:
    assert score_article(backtranslations, originals, 0.8) == expected


def test_score_article_needs_aligned_lists() -> None:
    with pytest.raises(ValueError, match="2 back-translations for 1 originals"):
        score_article(["a", "b"], ["a"])


def test_metric_signatures() -> None:
    v = sacrebleu.__version__
    assert metric_signatures() == (
        f"metrics:chrF2(nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:{v})"
        f"|BLEU(nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:{v})"
        f"|TER(nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:{v})")
