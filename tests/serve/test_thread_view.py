"""The thread timeline's figures: a count a story's articles state in their lead paragraph, compared with the
story before it (texts written here)."""

from __future__ import annotations

import re
from datetime import date, datetime

from newsfuse.model import AnnotatedArticle, Article, NumberMention, Sentence
from newsfuse.serve.thread_view import thread_view
from newsfuse.store.views import StorySummary

_COUNT = re.compile(r"(\d[\d,]*) (people|tonnes|boats)")


def _article(text: str, day: date) -> AnnotatedArticle:
    """One article, its paragraphs' sentences split on '. ', its counts read by a pattern (analysis is not
    under test here)."""
    sentences, numbers, offset = [], [], 0
    for paragraph, block in enumerate(text.split("\n\n")):
        for piece in block.split(". "):
            start = text.index(piece, offset)
            sentences.append(Sentence(start=start, end=start + len(piece), paragraph=paragraph))
            offset = start + len(piece)
            for match in _COUNT.finditer(piece):
                numbers.append(
                    NumberMention(
                        start=start + match.start(),
                        end=start + match.end(),
                        text=match.group(0),
                        value=float(match.group(1).replace(",", "")),
                        unit=match.group(2),
                        sentence=len(sentences) - 1,
                    )
                )
    return AnnotatedArticle(
        article=Article(id=f"a{hash(text) & 0xFFFF}", text=text, published=day), sentences=sentences, numbers=numbers
    )


class _Store:
    def __init__(self, members: dict[str, list[AnnotatedArticle]]) -> None:
        self._members = members

    def members(self, story_id: str) -> list[AnnotatedArticle]:
        return self._members[story_id]

    def cached_brief_json(self, story_id: str) -> tuple[bool, str | None]:
        return True, None


def _summary(story_id: str, day: date) -> StorySummary:
    return StorySummary(
        id=story_id,
        headline=f"The {story_id} report",
        article_count=2,
        outlet_count=2,
        first_published=day,
        last_published=day,
        updated_at=datetime(2025, 1, 1),
        thread="first",
        related=[],
    )


def test_a_figure_most_articles_state_that_differs_from_the_story_before_is_a_change() -> None:
    day1, day2, day3 = date(2025, 5, 6), date(2025, 5, 7), date(2025, 5, 9)
    members = {
        "first": [
            _article("A storm sank 3 boats and 12 people were hurt on Monday.\n\nLater 900 people left.", day1),
            _article("Twelve were hurt: 12 people in all. The storm sank 3 boats.", day1),
        ],
        "second": [
            _article("The count rose to 19 people hurt; 3 boats were lost.\n\nAbout 40 tonnes of fuel spilled.", day2),
            _article("Officials said 19 people were hurt. Three boats sank, 3 boats in all.", day2),
        ],
        "third": [
            _article("Divers raised 2 boats on Friday. 25 people remain in hospital.", day3),
            _article("The harbour reopened. Crews raised 2 boats from the seabed.", day3),
        ],
    }
    stories = [_summary(name, day) for name, day in zip(members, (day1, day2, day3), strict=True)]
    view = thread_view(_Store(members), stories)  # type: ignore[arg-type]  # the two reads it makes
    changes = [[(c.noun, c.before, c.after) for c in entry.changes] for entry in view.entries]
    assert changes == [[], [("people", "12", "19")], [("boats", "3", "2")]]
    # the second paragraph's 900 people and 40 tonnes are not the story's news, and the 25 people only one
    # article of the third story states are no figure of it: none is a change
    assert view.entries[0].lead == "A storm sank 3 boats and 12 people were hurt on Monday."
    assert not view.entries[0].lead_is_summary
    assert (view.first, view.last) == (day1, day3)


def test_a_lead_that_only_repeats_the_headline_is_not_shown_again() -> None:
    day = date(2025, 5, 6)
    text = "A storm sank 3 boats and 12 people were hurt on Monday off the northern coast of the island."
    members = {"only": [_article(text, day)]}
    story = _summary("only", day).model_copy(update={"headline": text[:40] + "…"})
    view = thread_view(_Store(members), [story])  # type: ignore[arg-type]
    assert view.entries[0].lead is None
    titled = story.model_copy(update={"headline": "Storm sinks boats"})
    assert thread_view(_Store(members), [titled]).entries[0].lead == text  # type: ignore[arg-type]


def test_a_lead_is_shown_past_the_dateline_ingest_left_and_the_text_keeps_it() -> None:
    day = date(2025, 5, 6)
    text = "VARN, Norland (AP) _ A storm sank 3 boats and 12 people were hurt on Monday."
    members = {"only": [_article(text, day)]}
    view = thread_view(_Store(members), [_summary("only", day)])  # type: ignore[arg-type]
    assert view.entries[0].lead == "A storm sank 3 boats and 12 people were hurt on Monday."
    assert members["only"][0].article.text == text  # verbatim: only the display skips it
    alone = "WASHINGTON —\n\nThe council closed the old bridge."  # a dateline as a sentence of its own
    members = {"only": [_article(alone, day)]}
    view = thread_view(_Store(members), [_summary("only", day)])  # type: ignore[arg-type]
    assert view.entries[0].lead == "The council closed the old bridge."
