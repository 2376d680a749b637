"""What the thread page shows: the stories of one topic as a timeline, each with its day, headline, outlets,
its first summary sentence and the figures that changed since the story before it.

A story's first summary sentence comes from its cached brief; a story not briefed yet shows the lead sentence
of its earliest article instead (briefing every story of a thread to draw one page would take minutes).
A figure is a count the articles state with its noun ("12 people", "4,000 tonnes"), read from each article's
lead paragraph, where a report puts its news; a story's figure for a noun is the value most of its articles
state, and at least two of them (one report's passing "page 5" or "26 people" is no figure of the story);
it changed when the story before that stated the noun stated another value for it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from newsfuse.model import AnnotatedArticle, Brief, after_dateline
from newsfuse.store import Store
from newsfuse.store.views import StorySummary


@dataclass(frozen=True)
class ThreadSettings:
    """How much of each story the thread page reads."""

    lead_paragraphs: int = 1  # figures are read from each article's first paragraphs only
    figures_shown: int = 4  # changed figures shown per story, at most
    figure_articles: int = 2  # a story's figure is stated by at least this many of its articles
    stories_shown: int = 100  # the latest stories of a long thread


@dataclass
class FigureChange:
    noun: str
    before: str
    after: str


@dataclass
class ThreadEntry:
    story: StorySummary
    lead: str | None
    lead_is_summary: bool
    changes: list[FigureChange] = field(default_factory=list)


@dataclass
class ThreadView:
    title: str | None
    first: date | None
    last: date | None
    outlets: list[str]
    entries: list[ThreadEntry]


def thread_view(store: Store, stories: list[StorySummary], settings: ThreadSettings | None = None) -> ThreadView:
    settings = settings or ThreadSettings()
    shown = stories[-settings.stories_shown :]
    entries: list[ThreadEntry] = []
    previous: dict[str, float] = {}
    for story in shown:
        members = store.members(story.id)
        figures = _figures(members, settings)
        summary = _first_summary_sentence(store, story.id)
        lead = summary or _lead_sentence(members)
        entries.append(
            ThreadEntry(
                story=story,
                lead=None if _repeats(story.headline, lead) else lead,
                lead_is_summary=summary is not None,
                changes=[
                    FigureChange(noun, _number(previous[noun]), _number(value))
                    for noun, value in figures.items()
                    if noun in previous and previous[noun] != value
                ][: settings.figures_shown],
            )
        )
        previous.update(figures)
    dates = [d for s in shown for d in (s.first_published, s.last_published) if d]
    outlets = sorted({outlet for s in shown for outlet in s.outlets})
    return ThreadView(
        title=shown[0].headline if shown else None,
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        outlets=outlets,
        entries=entries,
    )


def _repeats(headline: str | None, lead: str | None) -> bool:
    """Whether the lead says no more than the headline: the lead sentence itself, or a title cut short with "…"
    that it begins. A gist (the lead's main clause in a few words) leaves out what the lead goes on to say."""
    if not headline or not lead:
        return False
    said = " ".join(lead.split()).rstrip(" .")
    if headline.endswith("…"):
        return said.startswith(" ".join(headline.removesuffix("…").split()))
    return said == " ".join(headline.split()).rstrip(" .")


def _first_summary_sentence(store: Store, story_id: str) -> str | None:
    fresh, cached = store.cached_brief_json(story_id)
    if not fresh or cached is None:
        return None
    summary = Brief.model_validate_json(cached).summary
    return _shown(summary[0].text, 0, len(summary[0].text)) if summary else None


def _lead_sentence(members: list[AnnotatedArticle]) -> str | None:
    """The earliest article's opening sentence (the next one when the first is a dateline alone)."""
    dated = sorted(members, key=lambda a: a.article.published or date.max)
    for annotated in dated:
        for sentence in annotated.sentences[:2]:
            shown = _shown(annotated.article.text, sentence.start, sentence.end)
            if shown:
                return shown
    return None


def _shown(text: str, start: int, end: int) -> str:
    """The sentence at ``text[start:end]`` as the page shows it: past a wire dateline ingest left ("MUNICH,
    Germany (AP) _ "), which the article's text keeps verbatim, on one line."""
    return " ".join(text[after_dateline(text, start, end) : end].split())


def _figures(members: list[AnnotatedArticle], settings: ThreadSettings) -> dict[str, float]:
    """Noun → the value most of the story's articles state for it in their lead paragraphs."""
    stated: dict[str, Counter[float]] = {}
    for annotated in members:
        lead = {i for i, s in enumerate(annotated.sentences) if s.paragraph < settings.lead_paragraphs}
        seen: set[tuple[str, float]] = set()
        for number in annotated.numbers:
            if number.unit and number.sentence in lead and (number.unit, number.value) not in seen:
                seen.add((number.unit, number.value))
                stated.setdefault(number.unit, Counter())[number.value] += 1
    figures: dict[str, float] = {}
    for noun, values in stated.items():
        ranked = values.most_common()
        top_value, stating = ranked[0]
        # a tie between values is no figure of the story, nor is a value too few of its articles state
        if stating >= settings.figure_articles and (len(ranked) == 1 or stating > ranked[1][1]):
            figures[noun] = top_value
    return figures


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
