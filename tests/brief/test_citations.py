import pytest

from newsfuse.brief.citations import citation_for_sentence, citations_for_group, source_of_articles
from newsfuse.model import FactGroup, Fusion, SentenceRef, SourceFamily, Story
from tests.fuse.fuse_helpers import build

TEXT = "The dam on the Orra river burst at dawn. Two villages were evacuated. Rescue teams arrived by noon."


def _ref(article_id: str, article_text: str, index: int) -> SentenceRef:
    starts = [0, article_text.index("Two"), article_text.index("Rescue")]
    ends = [article_text.index(" Two"), article_text.index(" Rescue"), len(article_text)]
    return SentenceRef(article_id=article_id, sentence=index, start=starts[index], end=ends[index])


def test_a_sentence_citation_is_the_verbatim_source_text_at_its_offsets() -> None:
    article = build(TEXT, "River News")
    citation = citation_for_sentence(_ref(article.article.id, TEXT, 1), article, "family-a")
    assert citation.text == "Two villages were evacuated."
    assert TEXT[citation.start : citation.end] == citation.text
    assert (citation.outlet, citation.family_id, citation.article_id) == ("River News", "family-a", article.article.id)


def test_citing_a_sentence_against_another_article_is_an_error() -> None:
    first, second = build(TEXT, "River News"), build(TEXT + " More.", "Valley Times")
    with pytest.raises(ValueError, match="cited against article"):
        citation_for_sentence(_ref(first.article.id, TEXT, 0), second, None)


def test_a_group_gets_one_citation_per_supporting_article_with_its_independent_source() -> None:
    first, copy, other = build(TEXT, "River News"), build(TEXT, "Wire Copy"), build(TEXT + " Later.", "Valley Times")
    story = Story(
        id="s", article_ids=[first.article.id, copy.article.id, other.article.id],
        families=[SourceFamily(id="wire", article_ids=[first.article.id, copy.article.id],
                               representative=first.article.id)],
    )
    fusion = Fusion(story=story, source_of={first.article.id: "wire", copy.article.id: "wire"})
    group = FactGroup(
        id="g",
        members=[_ref(first.article.id, TEXT, 0), _ref(copy.article.id, TEXT, 0), _ref(other.article.id, TEXT, 0)],
        article_ids=[first.article.id, copy.article.id, other.article.id],
        family_ids=["wire", other.article.id],
    )
    by_id = {a.article.id: a for a in (first, copy, other)}
    citations = citations_for_group(group, by_id, fusion)
    assert [c.article_id for c in citations] == [first.article.id, copy.article.id, other.article.id]
    assert [c.family_id for c in citations] == ["wire", "wire", other.article.id]
    assert all(by_id[c.article_id].article.text[c.start : c.end] == c.text for c in citations)


def test_the_source_of_an_article_is_its_independent_source_else_its_family() -> None:
    first, second, third = build(TEXT, "River News"), build(TEXT + " Update.", "River News"), build(TEXT, "Other")
    story = Story(
        id="s", article_ids=[first.article.id, second.article.id, third.article.id],
        families=[SourceFamily(id="copies", article_ids=[third.article.id], representative=third.article.id)],
    )
    fusion = Fusion(story=story, source_of={first.article.id: first.article.id, second.article.id: first.article.id})
    source_of = source_of_articles(fusion)
    assert source_of[second.article.id] == source_of[first.article.id] == first.article.id  # one outlet, one source
    assert source_of[third.article.id] == "copies"  # not in source_of: its near-duplicate family


def test_a_member_whose_article_is_not_at_hand_is_left_out() -> None:
    first, other = build(TEXT, "River News"), build(TEXT + " Later.", "Valley Times")
    fusion = Fusion(story=Story(id="s", article_ids=[first.article.id, other.article.id]))
    group = FactGroup(
        id="g", members=[_ref(first.article.id, TEXT, 1), _ref(other.article.id, TEXT, 1)],
        article_ids=[first.article.id, other.article.id], family_ids=[first.article.id, other.article.id],
    )
    citations = citations_for_group(group, {first.article.id: first}, fusion)
    assert [(c.article_id, c.text) for c in citations] == [(first.article.id, "Two villages were evacuated.")]
