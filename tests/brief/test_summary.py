"""select_summary: budget, redundancy, support-weighted choice, citations, reading order."""

from __future__ import annotations

from datetime import date

import pytest

from newsfuse.brief.summary import select_summary
from newsfuse.model import AnnotatedArticle, Conflict, ConflictSide, ConflictValue, Fusion, SentenceRef
from tests.brief.summary_helpers import BagOfWordsEncoder, annotated, fact_of, fusion_of, ref

ENCODER = BagOfWordsEncoder()


def _story() -> tuple[Fusion, list[AnnotatedArticle]]:
    first = annotated(
        "Northbridge council members approved a new harbour bridge on Tuesday after a long debate in the chamber. "
        "The project will cost 40 million dollars, according to the city budget office. "
        "Mayor Ellen Park said the vote was a turning point for the waterfront. "
        "A small group of protesters gathered outside the council chamber holding hand-painted signs.",
        "Daily Ledger",
        date(2024, 3, 5),
        entities=["Ellen Park", "Northbridge"],
        numbers=[("40 million dollars", 40e6, "USD")],
    )
    second = annotated(
        "The city council of Northbridge approved a new harbour bridge on Tuesday after a long debate. "
        "The bridge will cost 40 million dollars and open in three years, officials said. "
        "Mayor Ellen Park called the vote a turning point for the waterfront. "
        "Local fishermen worried that the construction work would disrupt the spring season for months.",
        "Coast Wire",
        date(2024, 3, 6),
        entities=["Ellen Park", "Northbridge"],
        numbers=[("40 million dollars", 40e6, "USD"), ("three", 3, "years")],
    )
    third = annotated(
        "Councillors in Northbridge approved the new harbour bridge on Tuesday after a long debate. "
        "Mayor Ellen Park praised the decision as a turning point for the waterfront. "
        "Engineers expect the steel beams to arrive from a mill in the north next summer.",
        "Harbour Times",
        date(2024, 3, 7),
        entities=["Ellen Park", "Northbridge"],
    )
    articles = [second, third, first]  # not in date order: the summary must order them
    facts = [
        [ref(first, 0), ref(second, 0), ref(third, 0)],
        [ref(first, 1), ref(second, 1)],
        [ref(first, 2), ref(second, 2), ref(third, 1)],
    ]
    return fusion_of(articles, facts), articles


@pytest.mark.parametrize("words", [12, 20, 33, 60, 200])
def test_word_budget_is_never_exceeded(words: int) -> None:
    fusion, articles = _story()
    summary = select_summary(fusion, articles, ENCODER, words)
    assert sum(len(s.text.split()) for s in summary) <= words


def test_a_larger_budget_fills_more_of_it() -> None:
    fusion, articles = _story()
    short = select_summary(fusion, articles, ENCODER, 20)
    long = select_summary(fusion, articles, ENCODER, 60)
    assert short and len(long) > len(short)
    assert sum(len(s.text.split()) for s in long) > 40


def test_zero_budget_gives_an_empty_summary() -> None:
    fusion, articles = _story()
    assert select_summary(fusion, articles, ENCODER, 0) == []


def test_fact_reported_by_every_source_beats_a_fact_only_one_reports() -> None:
    fusion, articles = _story()
    summary = select_summary(fusion, articles, ENCODER, 20)
    # room for one sentence: it must be a fact several outlets report, not the protesters, fishermen or steel
    assert len(summary) == 1
    assert summary[0].fact_group_id is not None
    assert len(summary[0].citations) >= 2


def test_two_sentences_reporting_one_fact_are_never_both_picked() -> None:
    fusion, articles = _story()
    summary = select_summary(fusion, articles, ENCODER, 500)
    facts = [fact_of(s.fact_group_id) for s in summary if s.fact_group_id]
    assert len(facts) == len(set(facts)) == 3


def test_near_identical_sentences_outside_fact_groups_are_not_both_picked() -> None:
    one = annotated(
        "Rescue teams reached the flooded village of Amberley late on Sunday night with boats. "
        "Residents had spent two days on rooftops waiting for help to arrive.",
        "Valley Post",
        entities=["Amberley"],
    )
    other = annotated(
        "Rescue teams reached the flooded village of Amberley late on Sunday night with boats. "
        "Volunteers from nearby towns brought blankets and bottled water to the church hall.",
        "Hill Courier",
        entities=["Amberley"],
    )
    # the copies differ by outlet only, so a content-hash dedupe cannot catch them: the encoder must
    summary = select_summary(fusion_of([one, other], []), [one, other], ENCODER, 500)
    texts = [s.text for s in summary]
    assert sum(t.startswith("Rescue teams reached") for t in texts) == 1


def test_citations_list_every_article_of_the_fact_group_with_offsets() -> None:
    fusion, articles = _story()
    by_id = {a.article.id: a for a in articles}
    summary = select_summary(fusion, articles, ENCODER, 500)
    mayor = next(s for s in summary if fact_of(s.fact_group_id) == "g2")
    assert {c.article_id for c in mayor.citations} == {a.article.id for a in articles}
    for citation in mayor.citations:
        source = by_id[citation.article_id]
        assert source.article.text[citation.start : citation.end] == citation.text
        assert citation.outlet == source.article.outlet
        assert citation.family_id == f"f-{citation.article_id}"


def test_every_summary_sentence_is_verbatim_in_a_cited_source() -> None:
    fusion, articles = _story()
    by_id = {a.article.id: a for a in articles}
    for sentence in select_summary(fusion, articles, ENCODER, 500):
        normalized = " ".join(sentence.text.split())
        assert any(normalized in " ".join(by_id[c.article_id].article.text.split()) for c in sentence.citations)


def test_sentences_read_in_publication_order() -> None:
    fusion, articles = _story()
    by_id = {a.article.id: a for a in articles}
    summary = select_summary(fusion, articles, ENCODER, 500)
    dates = [by_id[s.citations[0].article_id].article.published for s in summary]
    assert len(summary) >= 3
    assert dates == sorted(dates)


def test_a_group_member_with_a_conflicting_number_is_not_cited() -> None:
    fusion, articles = _story()
    conflicting = annotated(
        "The bridge will cost 55 million dollars and open in three years, officials said.",
        "Rival Gazette",
        entities=["Ellen Park"],
        numbers=[("55 million dollars", 55e6, "USD"), ("three", 3, "years")],
    )
    articles = [*articles, conflicting]
    by_fact: dict[str | None, list[SentenceRef]] = {}
    for group in fusion.fact_groups:
        by_fact.setdefault(fact_of(group.id), group.members)
    facts = [by_fact["g0"], [*by_fact["g1"], ref(conflicting, 0)], by_fact["g2"]]
    fusion = fusion_of(articles, facts)
    summary = select_summary(fusion, articles, ENCODER, 500)
    cost = next(s for s in summary if fact_of(s.fact_group_id) == "g1")
    assert conflicting.article.id not in {c.article_id for c in cost.citations}
    assert len(cost.citations) == 2


def test_a_fact_group_is_stated_in_the_version_every_cited_source_supports() -> None:
    detailed = annotated(
        "Mayor Ellen Park said the new harbour bridge will cost 40 million dollars and open in three years.",
        "Daily Ledger",
        entities=["Ellen Park"],
        numbers=[("40 million dollars", 40e6, "USD"), ("three", 3, "years")],
    )
    plain = annotated(
        "The new harbour bridge will cost 40 million dollars, the city budget office said.",
        "Coast Wire",
        numbers=[("40 million dollars", 40e6, "USD")],
    )
    articles = [detailed, plain]
    fusion = fusion_of(articles, [[ref(detailed, 0), ref(plain, 0)]])
    summary = select_summary(fusion, articles, ENCODER, 500)
    # the detailed sentence is longer and would fill more of the budget, but the plain report does not
    # carry its mayor or its three years; the plain sentence is carried whole by the detailed one
    assert [s.text for s in summary] == [plain.sentence_text(0)]
    assert {c.article_id for c in summary[0].citations} == {detailed.article.id, plain.article.id}


def test_reports_of_one_day_read_every_opening_before_later_sentences() -> None:
    fusion, articles = _story()
    one_day = [
        a.model_copy(update={"article": a.article.model_copy(update={"published": date(2024, 3, 5)})})
        for a in articles
    ]
    summary = select_summary(fusion, one_day, ENCODER, 500)
    by_id = {a.article.id: a for a in one_day}
    positions = [
        next(i for i, s in enumerate(by_id[c.article_id].sentences) if s.start == c.start)
        for c in (sentence.citations[0] for sentence in summary)
    ]
    assert len({s.citations[0].article_id for s in summary}) >= 2
    assert positions == sorted(positions)


def _mill_fire() -> list[AnnotatedArticle]:
    day = date(2024, 4, 2)
    valley = annotated(
        "Crews from the Amberley fire service worked through the whole night at the old paper mill beside the river. "
        "He said the Amberley paper mill fire destroyed the river warehouse and two delivery trucks. "
        "Smoke drifted across the valley until the morning and schools kept their windows closed all day.",
        "Valley Post",
        day,
    )
    hill = annotated(
        "Volunteers handed out blankets and hot soup at the church hall near the station on Monday. "
        "Fire officials confirmed that the Amberley paper mill fire destroyed the river warehouse and two delivery "
        "trucks before dawn on Monday.",
        "Hill Courier",
        day,
    )
    return [valley, hill]


def test_a_sentence_that_opens_on_he_is_read_right_after_the_sentence_it_leans_on() -> None:
    articles = _mill_fire()
    summary = select_summary(fusion_of(articles, []), articles, ENCODER, 500)
    texts = [s.text for s in summary]
    leaning = next(i for i, t in enumerate(texts) if t.startswith("He said"))
    assert leaning > 0 and texts[leaning - 1].startswith("Crews from the Amberley fire service")


def test_a_sentence_that_opens_on_he_is_not_chosen_without_the_sentence_it_leans_on() -> None:
    articles = _mill_fire()
    # 16 words: the "He said" sentence (15 words, the most widely reported facts) fits, its antecedent (19) not
    summary = select_summary(fusion_of(articles, []), articles, ENCODER, 16)
    texts = [s.text for s in summary]
    assert texts, "another sentence that stands alone is chosen instead"
    assert not any(t.startswith("He said") for t in texts)


def _injured_conflict(*values: tuple[str, list[AnnotatedArticle]]) -> Conflict:
    """A conflict over the injured count: each value as written, with the articles that state it."""

    def side(article: AnnotatedArticle, word: str) -> ConflictSide:
        start = article.article.text.index(word)
        return ConflictSide(article_id=article.article.id, start=start, end=start + len(word), value=word)

    return Conflict(
        id="c", kind="number", slot="injured", fact_group_id=None, description="the injured count",
        values=[
            ConflictValue(value=word, family_ids=[f"f-{a.article.id}" for a in stating],
                          sides=[side(a, word) for a in stating])
            for word, stating in values
        ],
    )


def test_a_summary_sentence_never_cites_a_source_giving_another_value_of_its_figure() -> None:
    texts = [
        ("The fire at the Varn harbour warehouse injured twelve people on Monday night.", "Harbour Post"),
        ("The fire at the Varn harbour warehouse injured twelve people late on Monday.", "Coast Daily"),
        ("The fire at the Varn harbour warehouse injured fifteen people on Monday night.", "Valley Herald"),
    ]
    articles = [annotated(text, outlet) for text, outlet in texts]
    fusion = fusion_of(articles, [[ref(a, 0) for a in articles]])

    fusion.conflicts = [_injured_conflict(("twelve people", articles[:2]), ("fifteen people", articles[2:]))]
    [sentence] = select_summary(fusion, articles, ENCODER, 20)
    cited = {c.article_id for c in sentence.citations}
    twelve = {articles[0].article.id, articles[1].article.id}
    assert cited == twelve or cited == {articles[2].article.id}  # one value's sources only, never both


def test_two_sentences_giving_different_values_of_one_figure_are_never_both_picked() -> None:
    first = annotated("The warehouse fire in Varn injured twelve people on Monday night, officials said. "
                      "Firefighters from three towns fought the blaze until dawn.", "Harbour Post")
    second = annotated("Fifteen people were taken to hospital after the Varn warehouse fire on Monday. "
                       "The owner of the warehouse said the building was insured.", "Valley Herald")
    articles = [first, second]
    fusion = fusion_of(articles, [[ref(first, 0)], [ref(first, 1)], [ref(second, 0)], [ref(second, 1)]])

    fusion.conflicts = [_injured_conflict(("twelve people", [first]), ("Fifteen people", [second]))]
    texts = [s.text for s in select_summary(fusion, articles, ENCODER, 200)]
    assert len(texts) >= 2, "the budget holds every sentence"
    assert not ("twelve people" in " ".join(texts) and "Fifteen people" in " ".join(texts))


def test_a_source_giving_another_value_in_another_sentence_is_not_cited_for_the_figure() -> None:
    first = annotated("The fire at the Varn harbour warehouse injured fifteen people on Monday night.", "Harbour Post")
    # its fire sentence is too short to be chosen itself (under ten words), yet supports the other's fire
    second = annotated("The Varn harbour warehouse fire was on Monday night. "
                       "Twelve people were hurt, the hospital said.", "Coast Daily")
    articles = [first, second]
    fusion = fusion_of(articles, [[ref(first, 0), ref(second, 0)]])

    fusion.conflicts = [_injured_conflict(("fifteen people", [first]), ("Twelve people", [second]))]
    fifteen = [s for s in select_summary(fusion, articles, ENCODER, 20) if "fifteen" in s.text]
    assert fifteen, "the sentence giving the figure is chosen"
    assert {c.article_id for c in fifteen[0].citations} == {first.article.id}
