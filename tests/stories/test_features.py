"""Story features: an untitled article's headline is its lead's gist (or the lead whole when short, or a later
sentence's gist), at most a headline's words, never a sentence cut with "…" and never a bare dateline; a title too
long is clipped at a word boundary."""

from __future__ import annotations

from newsfuse.model import AnnotatedArticle, Article, Sentence, article_id_for
from newsfuse.stories.features import HEADLINE_CHARS, HEADLINE_WORDS, headline_candidate

from .conftest import Analyser, make_article


def _annotated(text: str, title: str | None = None) -> AnnotatedArticle:
    article = Article(id=article_id_for(text), text=text, title=title)
    return AnnotatedArticle(article=article, sentences=[Sentence(start=0, end=len(text), paragraph=0)])


def test_a_long_first_sentence_without_a_gist_is_never_the_headline_nor_cut_with_an_ellipsis() -> None:
    sentence = "The harbour authority said on Tuesday that " + "the northern approach road " * 12 + "would stay shut."
    assert headline_candidate(_annotated(sentence)) is None  # the brief names the story from its lead claims


def test_a_lead_without_a_gist_is_kept_whole_when_short_else_a_later_gist_names_the_article(
    analyser: Analyser,
) -> None:
    long_lead = (
        "Another long night of queues at the harbour ferries and on the old coast road for the thousands of "
        "commuters of the northern district and their families."
    )
    short, later, fragments = analyser(
        [
            make_article("More queues at the northern ferries. The council closed the old Varn bridge."),
            make_article(f"{long_lead} The council closed the old Varn bridge for urgent repairs to its piers."),
            make_article(f"{long_lead} More queues at the northern ferries."),
        ]
    )
    assert headline_candidate(fragments) == "More queues at the northern ferries"  # no gist anywhere
    assert short.sentence_gist(0) is None and headline_candidate(short) == "More queues at the northern ferries"
    assert later.sentence_gist(0) is None
    headline = headline_candidate(later)
    assert headline is not None and headline == later.sentence_gist(1) and len(headline.split()) <= HEADLINE_WORDS
    assert headline.startswith("The council closed the old Varn bridge")


def test_a_title_longer_than_a_headline_is_cut_at_a_word_with_an_ellipsis() -> None:
    title = "Harbour authority notice " * 12
    headline = headline_candidate(_annotated("Body text of the article.", title=title))
    assert headline is not None and len(headline) <= HEADLINE_CHARS and headline.endswith("…")
    assert " ".join(title.split()).startswith(headline[:-1])


def test_short_title_is_kept_whole() -> None:
    headline = headline_candidate(_annotated("Body text of the article.", title="  Bridge  reopens  "))
    assert headline == "Bridge reopens"


def test_an_untitled_wire_report_is_named_by_its_news_not_its_dateline(analyser: Analyser) -> None:
    inline, alone = analyser(
        [
            make_article("MUNICH, Germany (AP) _ Prosecutors asked for more time to extradite the suspect."),
            make_article("WASHINGTON _\n\nThe Senate passed the harbour bill on Tuesday. It goes to the House."),
        ]
    )
    # the gist of the lead, read from its parse (analyse/gist.py): the date is left to the text
    assert headline_candidate(inline) == "Prosecutors asked for more time to extradite the suspect"
    assert headline_candidate(alone) == "The Senate passed the harbour bill"


def test_a_headline_that_only_looks_like_a_dateline_keeps_its_words() -> None:
    assert headline_candidate(_annotated("U.S. - China trade talks resume in Geneva.")) == (
        "U.S. - China trade talks resume in Geneva"
    )
