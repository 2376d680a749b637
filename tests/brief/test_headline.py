"""An untitled story's headline: the gist of its best-supported lead claim, at most 14 words of the text's own,
never a sentence cut with "…"; a titled story keeps its title."""

from __future__ import annotations

from datetime import date

from newsfuse.analyse import analyse
from newsfuse.brief import make_brief
from newsfuse.fuse import fuse
from newsfuse.model import AnnotatedArticle, Article, Brief, Settings, article_id_for
from tests.fuse.fuse_helpers import HashedWordsEncoder, story_of

HERALD = (
    "Varn Council leader Mara Olsen opened the new bridge over the Varn river on Tuesday with Transport "
    "Minister Lars Holm, who called it the most important crossing built in the region for forty years. "
    "Traffic on the old ferry route fell by half."
)
TIMES = (
    "The new bridge over the Varn river was opened on Tuesday by council leader Mara Olsen, after six years "
    "of building and a long dispute over its cost. The ferry will keep a reduced timetable."
)


def _brief(*texts_and_titles: tuple[str, str | None]) -> tuple[Brief, list[AnnotatedArticle]]:
    articles = [
        Article(id=article_id_for(text), text=text, title=title, outlet=f"Outlet {n}", published=date(2025, 5, 6))
        for n, (text, title) in enumerate(texts_and_titles)
    ]
    annotated = analyse(articles, Settings())
    encoder = HashedWordsEncoder()
    fusion = fuse(story_of(*annotated), annotated, [], encoder)
    return make_brief(fusion, annotated, encoder), annotated


def test_an_untitled_story_is_headed_by_the_gist_of_its_lead() -> None:
    brief, annotated = _brief((HERALD, None), (TIMES, None))
    gists = {a.sentence_gist(0) for a in annotated}
    assert brief.headline in gists
    assert brief.headline is not None and "…" not in brief.headline
    assert len(brief.headline.split()) <= 14
    assert "opened the new bridge" in brief.headline or "was opened" in brief.headline
    assert "Tuesday" not in brief.headline and "forty years" not in brief.headline


def test_a_titled_story_keeps_the_title_of_its_lead_article() -> None:
    brief, _ = _brief((HERALD, "Varn bridge opens"), (TIMES, None))
    assert brief.headline == "Varn bridge opens"


def test_an_untitled_story_whose_lead_has_no_gist_is_headed_by_a_short_gist_never_the_lead_whole() -> None:
    lead = (
        "Another long night of queues at the harbour ferries and on the old coast road for the thousands of "
        "commuters of the northern district and their families."
    )
    follow = "The council closed the old Varn bridge for urgent repairs to two of its piers."
    brief, annotated = _brief((f"{lead} {follow}", None), (f"{lead} The ferry kept its timetable.", None))
    assert all(a.sentence_gist(0) is None for a in annotated)  # the lead is no clause
    assert brief.headline is not None and "…" not in brief.headline
    assert 4 <= len(brief.headline.split()) <= 14
    gists = {a.sentence_gist(n) for a in annotated for n in range(len(a.sentences))}
    assert brief.headline in gists


def test_an_untitled_story_without_any_gist_is_headed_by_a_short_sentence_whole_not_untitled() -> None:
    lead = (
        "Another long night of queues at the harbour ferries and on the old coast road for the thousands of "
        "commuters of the northern district and their families."
    )
    brief, annotated = _brief((f"{lead} More queues at the northern ferries.", None), (lead, None))
    assert all(a.sentence_gist(n) is None for a in annotated for n in range(len(a.sentences)))
    assert brief.headline == "More queues at the northern ferries"
