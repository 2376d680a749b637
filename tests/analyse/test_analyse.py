"""The stage's public function: batches, reference dates, offsets, bad input."""

from __future__ import annotations

from datetime import date

import newsfuse.analyse as analyse_package
from newsfuse.analyse import analyse
from newsfuse.model import Article, Settings, article_id_for

TEXTS = [
    '"We will rebuild the bridge," Maria Lopez said on Tuesday.\n\nWork starts in 14 days.',
    "Peter Olsen met the Dutch prime minister in The Hague.",
    "",
    "   \n\n  ",
    "No punctuation at all here just words and words",
]


def _articles() -> list[Article]:
    return [Article(id=article_id_for(text) + str(i), text=text) for i, text in enumerate(TEXTS)]


def test_public_names() -> None:
    assert set(analyse_package.__all__) >= {"analyse", "resolve_times"}


def test_one_annotated_article_per_input_in_order() -> None:
    articles = _articles()
    annotated = analyse(articles, Settings(batch_size=2))
    assert [a.article.id for a in annotated] == [a.id for a in articles]


def test_batch_size_does_not_change_results() -> None:
    one = analyse(_articles(), Settings(batch_size=1))
    many = analyse(_articles(), Settings(batch_size=32))
    assert [a.model_dump() for a in one] == [a.model_dump() for a in many]


def test_every_annotation_points_into_the_text() -> None:
    for annotated in analyse(_articles()):
        text = annotated.article.text
        for item in [*annotated.mentions, *annotated.quotations, *annotated.numbers]:
            assert 0 <= item.start < item.end <= len(text)
            assert item.text == text[item.start : item.end]
        for sentence in annotated.sentences:
            assert 0 <= sentence.start < sentence.end <= len(text)


def test_reference_date_is_publication_date_else_settings_default() -> None:
    dated = Article(id="a", text="The vote was held on Monday.", published=date(2024, 6, 19))
    undated = Article(id="b", text="The vote was held on Monday.")
    first, second = analyse([dated, undated], Settings(default_published=date(2024, 1, 10)))
    assert first.reference_date == date(2024, 6, 19)
    assert second.reference_date == date(2024, 1, 10)
    [third] = analyse([undated])
    assert third.reference_date is None


def test_empty_text_gives_empty_annotations() -> None:
    [annotated] = analyse([Article(id="empty", text="")])
    assert annotated.sentences == [] and annotated.quotations == [] and annotated.mentions == []
