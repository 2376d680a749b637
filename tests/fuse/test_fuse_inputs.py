from datetime import date

from newsfuse.brief import make_brief
from newsfuse.fuse import fuse
from newsfuse.model import AnnotatedArticle, Article, Story

from .fuse_helpers import HashedWordsEncoder, build, story_of


def test_a_story_without_articles_fuses_and_briefs_to_empty_sections() -> None:
    encoder = HashedWordsEncoder()
    fusion = fuse(Story(id="empty", article_ids=[]), [], [], encoder)
    assert (fusion.fact_groups, fusion.quote_groups, fusion.conflicts) == ([], [], [])
    brief = make_brief(fusion, [], encoder)
    assert brief.sources == [] and brief.summary == [] and brief.headline is None


def test_an_article_without_sentences_does_not_stop_the_others() -> None:
    empty = AnnotatedArticle(article=Article(id="blank", text="", outlet="Blank Times", published=date(2025, 3, 5)))
    other = build("The council approved the budget on Monday. The vote was close.", "Daily One")
    fusion = fuse(story_of(empty, other), [empty, other], [], HashedWordsEncoder())
    assert {a for g in fusion.fact_groups for a in g.article_ids} == {other.article.id}


def test_a_story_article_missing_from_the_input_is_skipped() -> None:
    present = build("The council approved the budget on Monday. The vote was close.", "Daily One")
    story = Story(id="s", article_ids=["missing-article", present.article.id])
    fusion = fuse(story, [present], [], HashedWordsEncoder())
    assert {a for g in fusion.fact_groups for a in g.article_ids} == {present.article.id}
