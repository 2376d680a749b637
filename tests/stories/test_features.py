"""Story features: headlines are clipped at a word boundary, never mid-word."""

from __future__ import annotations

from newsfuse.model import AnnotatedArticle, Article, Sentence, article_id_for
from newsfuse.stories.features import HEADLINE_CHARS, headline_candidate


def _annotated(text: str, title: str | None = None) -> AnnotatedArticle:
    article = Article(id=article_id_for(text), text=text, title=title)
    return AnnotatedArticle(article=article, sentences=[Sentence(start=0, end=len(text), paragraph=0)])


def test_long_first_sentence_headline_is_cut_at_a_word_with_an_ellipsis() -> None:
    sentence = "The harbour authority said on Tuesday that " + "the northern approach road " * 12 + "would stay shut."
    headline = headline_candidate(_annotated(sentence))
    assert headline is not None
    assert len(headline) <= HEADLINE_CHARS
    assert headline.endswith("…")
    assert sentence.startswith(headline[:-1])
    assert sentence[len(headline) - 1] == " ", "the cut falls between words"


def test_short_title_is_kept_whole() -> None:
    headline = headline_candidate(_annotated("Body text of the article.", title="  Bridge  reopens  "))
    assert headline == "Bridge reopens"
