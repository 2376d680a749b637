from newsfuse.brief import make_brief
from newsfuse.fuse import fuse
from newsfuse.model import AnnotatedArticle, Brief, Entity, QuoteKind, Settings, TimeGranularity
from tests.fuse.fuse_helpers import HashedWordsEncoder, build, story_of

FIRST = (
    "A fire destroyed the old harbour warehouse in Tallin Bay on Monday night. "
    'Firefighters battled the blaze for six hours, chief Anna Berg said. '
    '"We saved the fish market but lost the warehouse," Berg said. '
    "The warehouse was built in 1911 by the port company."
)
SECOND = (
    "Flames gutted the old harbour warehouse in Tallin Bay late on Monday. "
    'Chief Anna Berg said "we saved the fish market" after a long night. '
    "The regional weather office warned of strong winds along the coast this week. "
    "Police said the cause of the fire was not yet known."
)


def _brief() -> tuple[Brief, list[AnnotatedArticle]]:
    first = build(
        FIRST, "Harbour Post", title="Harbour warehouse burns",
        mentions=[("Anna Berg", "PERSON", "person-berg"), ("Tallin Bay", "GPE", "gpe-tallin")],
        quotes=[("We saved the fish market but lost the warehouse,", "person-berg", QuoteKind.speech)],
        times=[("Monday night", "2025-03-03", TimeGranularity.day), ("1911", "1911", TimeGranularity.year)],
    )
    second = build(
        SECOND, "Coast Daily",
        mentions=[("Anna Berg", "PERSON", "person-berg"), ("Tallin Bay", "GPE", "gpe-tallin")],
        quotes=[("we saved the fish market", "person-berg", QuoteKind.speech)],
        times=[("Monday", "2025-03-03", TimeGranularity.day)],
    )
    articles = [first, second]
    entities = [
        Entity(id="person-berg", name="Anna Berg", label="PERSON", mentions=3,
               article_ids=[first.article.id, second.article.id]),
        Entity(id="gpe-tallin", name="Tallin Bay", label="GPE", mentions=2,
               article_ids=[first.article.id, second.article.id]),
    ]
    encoder = HashedWordsEncoder()
    fusion = fuse(story_of(first, second), articles, entities, encoder)
    return make_brief(fusion, articles, encoder, Settings(summary_words=60)), articles


def test_every_cited_text_is_verbatim_source_text() -> None:
    brief, articles = _brief()
    texts = {a.article.id: a.article.text for a in articles}
    citations = [c for s in brief.summary + brief.consensus + brief.unique for c in s.citations]
    citations += [c for row in brief.quotations for c in row.citations + row.variants]
    citations += [c for event in brief.timeline for c in event.citations]
    assert citations
    assert all(texts[c.article_id][c.start : c.end] == c.text for c in citations)


def test_sources_carry_the_full_text_and_headline_is_the_lead_facts_title() -> None:
    brief, articles = _brief()
    assert [s.text for s in brief.sources] == [a.article.text for a in articles]
    assert brief.headline == "Harbour warehouse burns"


def test_consensus_holds_facts_of_every_source_and_unique_facts_of_one() -> None:
    brief, articles = _brief()
    both = {a.article.id for a in articles}
    assert any("warehouse" in s.text for s in brief.consensus)
    assert all({c.article_id for c in s.citations} == both for s in brief.consensus)
    assert all(len({c.family_id for c in s.citations}) == 1 for s in brief.unique)
    assert any("weather office" in s.text for s in brief.unique)


def test_a_quotation_row_shows_the_longest_rendering_and_the_other_outlets_variant() -> None:
    brief, _ = _brief()
    row = next(r for r in brief.quotations if r.speaker == "Anna Berg")
    assert row.text == "We saved the fish market but lost the warehouse,"
    assert row.outlets == ["Harbour Post", "Coast Daily"]
    assert [v.text for v in row.variants] == ["we saved the fish market"]


def test_timeline_merges_one_date_across_articles_earliest_first() -> None:
    brief, _ = _brief()
    assert [e.date for e in brief.timeline] == ["1911", "2025-03-03"]
    assert len(brief.timeline[1].citations) == 2


def test_entities_list_names_with_their_outlets() -> None:
    brief, _ = _brief()
    assert brief.entities[0].name == "Anna Berg"
    assert brief.entities[0].outlets == ["Harbour Post", "Coast Daily"]


def test_a_story_with_one_source_has_no_consensus_or_unique_section() -> None:
    single = build(FIRST, "Harbour Post")
    encoder = HashedWordsEncoder()
    brief = make_brief(fuse(story_of(single), [single], [], encoder), [single], encoder)
    assert brief.consensus == [] and brief.unique == []
    assert brief.summary


def test_a_scare_quoted_term_of_one_outlet_gets_no_quotation_row() -> None:
    first = build('The mayor called the plan a "fantasy" on Monday. Work goes on.', "Daily One",
                  quotes=[("fantasy", "person-mayor", QuoteKind.term)])
    second = build("The plan was debated on Monday. Nothing changed.", "Evening Two")
    encoder = HashedWordsEncoder()
    brief = make_brief(fuse(story_of(first, second), [first, second], [], encoder), [first, second], encoder)
    assert brief.quotations == []


def test_without_titles_the_headline_is_the_lead_facts_sentence() -> None:
    first, second = build(FIRST, "Harbour Post"), build(SECOND, "Coast Daily")
    encoder = HashedWordsEncoder()
    brief = make_brief(fuse(story_of(first, second), [first, second], [], encoder), [first, second], encoder)
    assert brief.headline in {first.sentence_text(0), second.sentence_text(0)}


def test_unique_facts_leave_out_sentence_fragments() -> None:
    first = build(FIRST + ' "It was awful." The port company will rebuild the warehouse next year.', "Harbour Post")
    second = build(SECOND, "Coast Daily")
    encoder = HashedWordsEncoder()
    fusion = fuse(story_of(first, second), [first, second], [], encoder)
    brief = make_brief(fusion, [first, second], encoder, Settings(summary_words=60))
    unique_texts = [s.text for s in brief.unique]
    assert any("rebuild the warehouse" in text for text in unique_texts)
    assert not any("It was awful" in text for text in unique_texts)
