from datetime import date

from newsfuse.brief import make_brief
from newsfuse.fuse import fuse
from newsfuse.model import AnnotatedArticle, Brief, Entity, QuoteKind, Settings, TimeGranularity
from tests.fuse.fuse_helpers import HashedWordsEncoder, build, story_of
from tests.render.briefs import cited_sentences

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
    citations = [c for s in cited_sentences(brief) for c in s.citations]
    citations += [c for row in brief.quotations for c in row.citations + row.variants]
    citations += [c for event in brief.timeline for c in event.citations]
    assert citations
    assert all(texts[c.article_id][c.start : c.end] == c.text for c in citations)


def test_sources_carry_the_full_text_and_headline_is_the_lead_facts_title() -> None:
    brief, articles = _brief()
    assert [s.text for s in brief.sources] == [a.article.text for a in articles]
    assert brief.headline == "Harbour warehouse burns"


def test_a_fact_both_outlets_report_is_in_the_shared_tier_and_one_outlets_fact_in_its_own() -> None:
    brief, articles = _brief()
    both = {a.article.id for a in articles}
    shared, *own = brief.coverage
    assert (shared.sources, shared.of, shared.heading) == (2, 2, "Reported by both sources")
    fire = next(s for s in shared.facts if "warehouse in Tallin Bay" in s.text)
    assert {c.article_id for c in fire.citations} == both
    assert [(t.outlets, t.heading) for t in own] == [
        (["Harbour Post"], "Only in Harbour Post (1 of 2 sources)"),
        (["Coast Daily"], "Only in Coast Daily (1 of 2 sources)"),
    ]
    coast = own[1]
    assert any("weather office" in s.text for s in coast.facts)
    assert all({c.article_id for c in s.citations} == {articles[1].article.id} for s in coast.facts)


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


def test_a_story_with_one_source_has_no_coverage_tiers() -> None:
    single = build(FIRST, "Harbour Post")
    encoder = HashedWordsEncoder()
    brief = make_brief(fuse(story_of(single), [single], [], encoder), [single], encoder)
    assert brief.coverage == []
    assert brief.summary


def test_a_scare_quoted_term_of_one_outlet_gets_no_quotation_row() -> None:
    first = build('The mayor called the plan a "fantasy" on Monday. Work goes on.', "Daily One",
                  quotes=[("fantasy", "person-mayor", QuoteKind.term)])
    second = build("The plan was debated on Monday. Nothing changed.", "Evening Two")
    encoder = HashedWordsEncoder()
    brief = make_brief(fuse(story_of(first, second), [first, second], [], encoder), [first, second], encoder)
    assert brief.quotations == []


def test_without_titles_the_headline_is_the_lead_facts_claim() -> None:
    first, second = build(FIRST, "Harbour Post"), build(SECOND, "Coast Daily")
    encoder = HashedWordsEncoder()
    brief = make_brief(fuse(story_of(first, second), [first, second], [], encoder), [first, second], encoder)
    assert brief.headline in {first.sentence_text(0).rstrip("."), second.sentence_text(0).rstrip(".")}


def test_an_untitled_storys_headline_is_a_short_claim_never_a_cut_sentence() -> None:
    long_lead = (
        "The council opened the new bridge over the Varn river on Tuesday morning, after which the mayor "
        "announced a lantern festival for the whole district next spring and promised free ferry rides."
    )
    herald = build(long_lead + " Traffic on the old ferry route fell.", "Varn Herald")
    times = build("The new bridge over the Varn river was opened by the council on Tuesday morning.", "River Times")
    encoder = HashedWordsEncoder()
    brief = make_brief(fuse(story_of(herald, times), [herald, times], [], encoder), [herald, times], encoder)
    assert brief.headline is not None and "…" not in brief.headline
    assert len(brief.headline.split()) <= 18
    assert "bridge over the Varn river" in brief.headline


def test_one_source_facts_leave_out_sentence_fragments() -> None:
    first = build(FIRST + ' "It was awful." The port company will rebuild the warehouse next year.', "Harbour Post")
    second = build(SECOND, "Coast Daily")
    encoder = HashedWordsEncoder()
    fusion = fuse(story_of(first, second), [first, second], [], encoder)
    brief = make_brief(fusion, [first, second], encoder, Settings(summary_words=60))
    own_texts = [s.text for tier in brief.coverage if tier.sources == 1 for s in tier.facts]
    assert any("rebuild the warehouse" in text for text in own_texts)
    assert not any("It was awful" in text for text in own_texts)


ALPINE = (
    "A landslide buried the mountain road above Vell village on Tuesday morning. "
    "Rescuers pulled four hikers from the mud after a long search. "
    "The regional governor ordered an inquiry into the quarry above the road. "
    "A bakery in the village handed out free bread to the rescue teams."
)
VALLEY = (
    "The mountain road above Vell village was buried by a landslide on Tuesday morning. "
    "Four hikers were pulled from the mud by rescuers after a long search. "
    "Heavy rain had soaked the slopes for nine days before the slide."
)
LAKE = (
    "A landslide on Tuesday morning buried the mountain road above Vell village. "
    "The governor of the region ordered an inquiry into the quarry above the road. "
    "Schools in the valley will stay closed until Friday."
)


def _landslide(*articles: AnnotatedArticle) -> Brief:
    encoder = HashedWordsEncoder()
    return make_brief(fuse(story_of(*articles), list(articles), [], encoder), list(articles), encoder)


def test_facts_are_tiered_by_how_many_of_the_storys_sources_report_them() -> None:
    alpine, valley, lake = build(ALPINE, "Alpine Post"), build(VALLEY, "Valley Radio"), build(LAKE, "Lake Courier")
    brief = _landslide(alpine, valley, lake)
    tiers = {tier.heading: tier for tier in brief.coverage}
    assert list(tiers) == [
        "Reported by all 3 sources", "Reported by 2 of 3 sources", "Only in Alpine Post (1 of 3 sources)",
        "Only in Valley Radio (1 of 3 sources)", "Only in Lake Courier (1 of 3 sources)",
    ]
    cited = {
        heading: [(s.text, {c.outlet for c in s.citations}) for s in tier.facts]
        for heading, tier in tiers.items()
    }
    everyone = {"Alpine Post", "Valley Radio", "Lake Courier"}
    assert cited["Reported by all 3 sources"] == [(alpine.sentence_text(0), everyone)]
    assert cited["Reported by 2 of 3 sources"] == [
        (alpine.sentence_text(1), {"Alpine Post", "Valley Radio"}),
        (alpine.sentence_text(2), {"Alpine Post", "Lake Courier"}),
    ]
    assert cited["Only in Valley Radio (1 of 3 sources)"] == [(valley.sentence_text(2), {"Valley Radio"})]
    assert cited["Only in Lake Courier (1 of 3 sources)"] == [(lake.sentence_text(2), {"Lake Courier"})]


def test_no_span_is_both_in_a_shared_fact_and_in_a_one_source_fact() -> None:
    def spans(brief: Brief, shared: bool) -> set[tuple[str, int, int]]:
        return {
            (c.article_id, c.start, c.end)
            for tier in brief.coverage if (tier.sources > 1) == shared
            for s in tier.facts for c in s.citations
        }

    for brief in (_brief()[0], _landslide(build(ALPINE, "Alpine Post"), build(VALLEY, "Valley Radio"),
                                          build(LAKE, "Lake Courier"))):
        assert spans(brief, True) and spans(brief, False)
        assert not spans(brief, True) & spans(brief, False)
        stated = [s.citations[0] for tier in brief.coverage for s in tier.facts]
        assert len(stated) == len({(c.article_id, c.start) for c in stated})  # each sentence stated once


def test_two_reports_of_one_outlet_count_as_one_source() -> None:
    alpine = build(ALPINE, "Alpine Post", published=date(2025, 3, 4))
    update = build(
        "The mountain road above Vell village stayed buried by the landslide on Wednesday. "
        "A bakery in the village handed out free bread to the rescue teams again.",
        "Alpine Post", published=date(2025, 3, 5),
    )
    valley = build(VALLEY, "Valley Radio")
    brief = _landslide(alpine, update, valley)
    assert {tier.of for tier in brief.coverage} == {2}
    own = next(tier for tier in brief.coverage if tier.outlets == ["Alpine Post"])
    assert own.heading == "Only in Alpine Post (1 of 2 sources)"
    bakery = [s for tier in brief.coverage for s in tier.facts if "bakery" in s.text]
    assert bakery and all(s in own.facts for s in bakery)  # its own second report does not make it shared
    assert len({s.family_id for s in brief.sources}) == 2


def test_a_source_carrying_an_agency_report_is_named_with_the_agency() -> None:
    alpine = build(ALPINE, "Alpine Post")
    carried = alpine.model_copy(update={"article": alpine.article.model_copy(update={"agency": "Mountain Wire"})})
    brief = _landslide(carried, build(VALLEY, "Valley Radio"))
    assert [s.label for s in brief.sources] == ["Alpine Post, via Mountain Wire", "Valley Radio"]
    assert not any("via" in tier.label for tier in brief.coverage)  # tier headings name the outlet alone


def test_a_claim_cut_from_the_middle_of_its_sentence_shows_what_it_leans_on() -> None:
    herald = build(
        "The council opened the new bridge over the Varn river on Tuesday morning, after which the mayor "
        "announced a lantern festival for the whole district next spring. Traffic on the old ferry route fell.",
        "Varn Herald",
    )
    times = build("The new bridge over the Varn river was opened by the council on Tuesday morning.", "River Times")
    brief = _landslide(herald, times)
    [festival] = [f for tier in brief.coverage for f in tier.facts if "festival" in f.text]
    assert festival.text.startswith("after which the mayor announced")
    assert festival.about == "…bridge over the Varn river on Tuesday morning …"


def test_a_caption_both_outlets_carry_is_no_shared_fact() -> None:
    first = build(FIRST + " Photo: Lena Holm.", "Harbour Post")
    second = build(SECOND + " Photo: Lena Holm.", "Coast Daily")
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    text = first.article.text
    caption = [g for g in fusion.fact_groups if "Photo" in text[g.statement.start : g.statement.end]]
    assert not any(len(group.family_ids) > 1 for group in caption)  # names alone state no claim to share
    brief = make_brief(fusion, [first, second], HashedWordsEncoder(), Settings())
    stated = [fact.text for tier in brief.coverage for fact in tier.facts]
    assert stated and not any("Photo" in fact for fact in stated)
