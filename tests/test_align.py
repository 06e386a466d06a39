"""Align stage: the bead DP on synthetic vectors (exact paths) and align_documents on a real en/it article."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import basis, fake_embed

from auditor.align import align_documents
from auditor.config import DEFAULT_BAND, DEFAULT_MERGE_PENALTY, DEFAULT_SKIP_COST, AuditConfig
from auditor.detect.structure import structural_findings
from auditor.dp import _longest_increasing, align_vectors
from auditor.errors import AuditError
from auditor.load import parse_document
from auditor.segment import segment_document

V = basis(12)  # exactly orthonormal 64-dim vectors: item k "means" V[k]
DP_BUG = ("BUG: align._fill_row marks a 0-1 move when `running < best` only by float round-off "
          "(best - j*skip + j*skip), so the trace replaces matches by 1-0 + 0-1 pairs")


def _merged(*rows: int) -> np.ndarray:
    vector = V[list(rows)].sum(axis=0)
    return vector / np.linalg.norm(vector)


def _align(a: np.ndarray, b: np.ndarray, len_a: list[float], len_b: list[float], band: int = DEFAULT_BAND):
    return align_vectors(a, b, np.array(len_a, dtype=float), np.array(len_b, dtype=float),
                         DEFAULT_SKIP_COST, DEFAULT_MERGE_PENALTY, band)


def _ones(pairs: list[tuple[int, int]]) -> list:
    return [((i,), (j,), 1.0) for i, j in pairs]


SCENARIOS = {
    "identity": (V[:10], V[:10], [100] * 10, [100] * 10, _ones([(k, k) for k in range(10)])),
    "dropped 1-0": (V[:10], V[[0, 1, 2, 3, 4, 6, 7, 8, 9]], [100] * 10, [100] * 9,
                    [*_ones([(k, k) for k in range(5)]), ((5,), (), None), *_ones([(k, k - 1) for k in range(6, 10)])]),
    "inserted 0-1": (V[:10], np.vstack([V[:5], V[10:11], V[5:10]]), [100] * 10, [100] * 11,
                     [*_ones([(k, k) for k in range(5)]), ((), (5,), None), *_ones([(k, k + 1) for k in range(5, 10)])]),
    "merged 2-1": (V[:10], np.vstack([V[:4], _merged(4, 5), V[6:10]]), [100] * 10, [100] * 4 + [200] + [100] * 4,
                   [*_ones([(k, k) for k in range(4)]), ((4, 5), (4,), 1.0), *_ones([(k, k - 1) for k in range(6, 10)])]),
    "split 1-2": (np.vstack([V[:4], _merged(4, 5), V[6:10]]), V[:10], [100] * 4 + [200] + [100] * 4, [100] * 10,
                  [*_ones([(k, k) for k in range(4)]), ((4,), (4, 5), 1.0), *_ones([(k, k + 1) for k in range(5, 9)])]),
    "truncated": (V[:10], V[:6], [100] * 10, [100] * 6,
                  [*_ones([(k, k) for k in range(6)]), *(((k,), (), None) for k in range(6, 10))]),
}


@pytest.mark.parametrize(("a", "b", "len_a", "len_b", "expected"), SCENARIOS.values(), ids=SCENARIOS.keys())
def test_align_vectors(a, b, len_a, len_b, expected) -> None:
    assert _align(a, b, len_a, len_b) == expected


def test_noisy_identity_stays_one_to_one() -> None:
    # Cosines around 0.8, as for real translations: every pair must still be a 1-1 bead.
    rng = np.random.default_rng(0)
    a = basis(20, seed=0)
    b = a + 0.08 * rng.standard_normal(a.shape)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    assert [(x, y) for x, y, _ in _align(a, b, [100] * 20, [100] * 20)] == [((k,), (k,)) for k in range(20)]


@pytest.mark.parametrize(("n", "m", "expected"), [
    (0, 3, [((), (0,), None), ((), (1,), None), ((), (2,), None)]),
    (2, 0, [((0,), (), None), ((1,), (), None)]),
    (0, 0, []),
])
def test_empty_sides(n: int, m: int, expected: list) -> None:
    assert _align(V[:n], V[:m], [100] * n, [100] * m) == expected


@pytest.mark.parametrize("band", [1, 5])
def test_anchors_guide_a_band_narrower_than_the_drift(band: int) -> None:
    # 200 items, 30 insertions after item 99: the path drifts by 30 columns, far outside +-band.
    w = basis(230, dim=256, seed=1)
    b = np.vstack([w[:100], w[200:230], w[100:200]])
    expected = [*_ones([(k, k) for k in range(100)]), *(((), (j,), None) for j in range(100, 130)),
                *_ones([(k, k + 30) for k in range(100, 200)])]
    assert _align(w[:200], b, [100] * 200, [100] * 230, band=band) == expected


@pytest.mark.parametrize(("pairs", "chain"), [
    ([], []),
    ([(0, 0), (1, 1), (2, 2)], [(0, 0), (1, 1), (2, 2)]),
    ([(0, 2), (1, 0), (2, 1)], [(1, 0), (2, 1)]),
    ([(0, 0), (1, 5), (2, 1), (3, 2), (4, 6)], [(0, 0), (2, 1), (3, 2), (4, 6)]),
    ([(0, 9), (1, 8), (2, 7)], [(2, 7)]),
    ([(0, 3), (1, 3), (2, 4)], [(1, 3), (2, 4)]),  # strictly increasing: equal columns never chain
])
def test_longest_increasing(pairs: list[tuple[int, int]], chain: list[tuple[int, int]]) -> None:
    assert _longest_increasing(pairs) == chain


def test_boilerplate_in_the_middle_stays_in_reading_order() -> None:
    en = ["Harbour reopens", "Ships came back on Monday.", "Advertisement", "Trade resumed by noon."]
    it = ["Il porto riapre", "Le navi sono tornate lunedì.", "Il commercio è ripreso a mezzogiorno.",
          "Condividi questo articolo"]
    original = segment_document(parse_document("\n\n".join(en), "a.en", "en"))
    translation = segment_document(parse_document("\n\n".join(it), "a.it", "it"))
    embed = fake_embed([(en[0], it[0]), (en[1], it[1]), (en[3], it[2])])
    beads = align_documents(original, translation, embed, AuditConfig())
    assert [(b.original, b.translation) for b in beads] == [
        ((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((), (3,))]
    assert [b.sentences[0].original + b.sentences[0].translation for b in beads if b.sentences] == [
        (0, 0), (1, 1), (3, 2)]


EN = """Harbour ferry service resumes after storm

The ferry between Lanport and the island of Merrow resumed on Tuesday morning, three days after a storm damaged the main pier.

Engineers worked through the night to repair the mooring posts. The harbour authority said the pier is safe.

About 2,000 residents depend on the ferry for work, school and medical appointments on the mainland.

The mayor of Merrow thanked the crews and promised a review of the pier's design before next winter.

Tickets bought for cancelled crossings will be refunded until the end of the month.

Share this article

Leave a comment
"""
IT = """Riprende il servizio di traghetti dopo la tempesta

Il traghetto tra Lanport e l'isola di Merrow ha ripreso martedì mattina, tre giorni dopo che una tempesta aveva danneggiato il molo principale.

I tecnici hanno lavorato tutta la notte per riparare le bitte di ormeggio. L'autorità portuale ha detto che il molo è sicuro.

Il sindaco di Merrow ha ringraziato le squadre e ha promesso una revisione del progetto del molo prima del prossimo inverno.

I biglietti acquistati per le traversate cancellate saranno rimborsati fino alla fine del mese.

Condividi questo articolo

Lascia un commento
"""


def test_align_documents_real_encoder(encoder) -> None:
    original = segment_document(parse_document(EN, "ferry.en.txt", "en"))
    translation = segment_document(parse_document(IT, "ferry.it.txt", "it"))
    beads = align_documents(original, translation, encoder, AuditConfig())
    assert [(b.original, b.translation) for b in beads] == [
        ((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,)), ((5,), (4,)),
        ((6,), ()), ((7,), ()), ((), (5,)), ((), (6,))]
    assert all(b.similarity is not None and b.similarity > 0.5 for b in beads if b.original and b.translation)
    # Sentences inside the two-sentence bead pair up 1-1 (global sentence indices).
    assert [(s.original, s.translation) for s in beads[2].sentences] == [((2,), (2,)), ((3,), (3,))]
    findings = structural_findings(original, translation, beads)
    assert [(f.category, f.severity, f.original_paragraphs) for f in findings] == [("omission", "major", (3,))]


OTHER_IT = """Il Lanport vince il derby all'ultimo minuto

Un gol di testa al novantesimo ha dato al Lanport la vittoria per 2-1 contro i rivali di Merrow davanti a 8.000 tifosi.

L'allenatore ha dedicato il successo ai giovani del vivaio, tre dei quali erano in campo dal primo minuto.

La squadra è ora seconda in classifica, a due punti dalla capolista, con sei partite ancora da giocare.

Il prossimo incontro si giocherà sabato in trasferta contro la Stella di Dunmore.
"""


def test_a_different_article_is_refused_not_audited(encoder) -> None:
    original = segment_document(parse_document(EN, "ferry.en.txt", "en"))
    other = segment_document(parse_document(OTHER_IT, "derby.it.txt", "it"))
    with pytest.raises(AuditError, match=r"does not look like a translation .* only \d of the original's 6 content"):
        align_documents(original, other, encoder, AuditConfig())


def test_a_truncated_translation_is_still_the_same_article(encoder) -> None:
    original = segment_document(parse_document(EN, "ferry.en.txt", "en"))
    first_three = segment_document(parse_document("\n\n".join(IT.split("\n\n")[:3]), "ferry.it.txt", "it"))
    beads = align_documents(original, first_three, encoder, AuditConfig())
    assert [(b.original, b.translation) for b in beads if b.translation] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


@pytest.mark.parametrize("paragraphs, refused", [(2, False), (3, True)])
def test_texts_too_short_to_judge_are_left_to_the_detectors(paragraphs: int, refused: bool) -> None:
    en = ["The council met on Monday.", "It approved the budget.", "The mayor was absent."][:paragraphs]
    it = ["La squadra ha vinto.", "Il tifo era caldo.", "Sabato si gioca ancora."][:paragraphs]
    original = segment_document(parse_document("\n\n".join(en), "a.en", "en"))
    translation = segment_document(parse_document("\n\n".join(it), "b.it", "it"))
    embed = fake_embed([[text] for text in en + it])  # every paragraph unlike every other
    if refused:
        with pytest.raises(AuditError, match="only 0 of the original's 3 content paragraphs"):
            align_documents(original, translation, embed, AuditConfig())
    else:
        beads = align_documents(original, translation, embed, AuditConfig())
        assert {i for b in beads for i in b.original} == {0, 1}  # aligned, however poorly, and not refused


def test_anchors_found_a_block_of_rows_at_a_time_are_those_of_the_whole_matrix(monkeypatch) -> None:
    import auditor.dp as dp

    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((50, 8)), rng.standard_normal((40, 8))
    b[::4] = a[:10]  # copies of some rows, so those columns have one clear best row in some block
    sims = a @ b.T
    whole = (sims.argmax(axis=1), sims.argmax(axis=0))
    monkeypatch.setattr(dp, "ANCHOR_BLOCK", 7)
    blocked = dp._nearest(a, b)
    assert (blocked[0] == whole[0]).all() and (blocked[1] == whole[1]).all()
