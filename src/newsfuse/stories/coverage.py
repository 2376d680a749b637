"""Coverage of one event across days: the stories of a thread that follow each other closely.

A story is one event as the reports of one news cycle tell it; the next days' reports of the same event
(the toll revised, the suspects named, the verdict) often form stories of their own, since they report new
facts. A brief that fuses the event's coverage should hold them all, or a fact that the first day's report
and the next day's follow-up both state is "only in" each of them. So the stories of one thread are
chained while each starts within ``follow_up_days`` of the chain's last one (a story with no date joins
the chain of its thread it is nearest to in creation order); a chain is one event's coverage, briefed as
one. A topic's distinct events weeks apart (the launch of a module, its docking a fortnight later) stay
apart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from newsfuse.model import AnnotatedArticle, SourceFamily, Story

FOLLOW_UP_DAYS = 3


def coverage_chains(stories: Sequence[Story], follow_up_days: int = FOLLOW_UP_DAYS) -> list[list[Story]]:
    """The stories in chains of one event's coverage, each chain in date order (undated ones after the
    dated story before them), chains in the order of their first story."""
    by_thread: dict[str, list[Story]] = {}
    for story in stories:
        by_thread.setdefault(story.thread or story.id, []).append(story)
    chains: list[list[Story]] = []
    for members in by_thread.values():
        dated = sorted((s for s in members if s.first_published), key=lambda s: (s.first_published or date.min, s.id))
        undated = [s for s in members if not s.first_published]
        current: list[Story] = []
        last: date | None = None
        for story in dated:
            start = story.first_published
            assert start is not None  # the dated ones
            if current and last is not None and (start - last).days > follow_up_days:
                chains.append(current)
                current, last = [], None
            current.append(story)
            end = story.last_published or start
            last = end if last is None else max(last, end)
        if current:
            chains.append(current)
        if undated:
            if chains and dated:
                chains[-1].extend(undated)  # no date to tell them apart: the thread's latest coverage
            else:
                chains.append(undated)
    order = {story.id: index for index, story in enumerate(stories)}
    return sorted(chains, key=lambda chain: min(order[s.id] for s in chain))


def merged_story(chain: Sequence[Story]) -> Story:
    """One story holding a chain's articles, families and dates; it keeps the first story's id and thread."""
    first = chain[0]
    if len(chain) == 1:
        return first
    article_ids = list(dict.fromkeys(a for story in chain for a in story.article_ids))
    families: list[SourceFamily] = [family for story in chain for family in story.families]
    dates = [d for story in chain for d in (story.first_published, story.last_published) if d]
    return Story(
        id=first.id,
        article_ids=article_ids,
        families=families,
        headline=first.headline,
        first_published=min(dates) if dates else None,
        last_published=max(dates) if dates else None,
        related=[r for story in chain for r in story.related if r not in {s.id for s in chain}],
        thread=first.thread,
    )


def chain_members(
    chain: Sequence[Story], members_of: Mapping[str, Sequence[AnnotatedArticle]]
) -> list[AnnotatedArticle]:
    """The chain's articles, each once, in the chain's order."""
    seen: set[str] = set()
    found: list[AnnotatedArticle] = []
    for story in chain:
        for annotated in members_of.get(story.id, ()):
            if annotated.article.id not in seen:
                seen.add(annotated.article.id)
                found.append(annotated)
    return found
