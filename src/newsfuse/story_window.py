"""The story index bounded to a time window, so its memory stays flat however long the stream runs.

A ``StoryIndex`` keeps every article it has seen. Stories that stopped growing long ago can no longer be
joined (an article only scores the stories within ``window_days`` of its date), so they only cost memory:
``WindowedStoryIndex`` drops them. The stream's clock is the latest publication date seen; each story is
stamped with the clock when it last grew; every ``check_every`` articles the stories whose stamp is more
than ``keep_days`` behind the clock leave the index, which is rebuilt from what remains with the index's
own state (``to_state``/``from_state``: same story ids, no decision taken again). They stay in the store.

What is lost: an article dated far in the past that would have joined an evicted story starts a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from newsfuse.model import AnnotatedArticle, Story, TextEncoder
from newsfuse.stories import StoryIndex, StoryIndexState


@dataclass(frozen=True)
class WindowSettings:
    # well past the index's candidate window (14 days) and its threads' window, so no live decision changes
    keep_days: int = 60
    # articles between two evictions: a rebuild costs about one restore per kept article
    check_every: int = 5_000


class WindowedStoryIndex:
    """A ``StoryIndex`` (the store's ``StoryAssigner``) whose stale stories leave memory."""

    def __init__(
        self, index: StoryIndex, settings: WindowSettings | None = None, encoder: TextEncoder | None = None
    ) -> None:
        self.index = index
        self.settings = settings or WindowSettings()
        self._encoder = encoder
        self._clock: date | None = None
        self._stamp: dict[str, date] = {}  # story → the clock when it last grew
        self._since_check = 0
        self.evicted_articles = 0

    def __len__(self) -> int:
        return len(self.index)

    def assign(self, article: AnnotatedArticle, vector: NDArray[np.float32] | None = None) -> Story:
        story = self.index.assign(article, vector)
        self._grew(story.id, article)
        return story

    def restore(self, article: AnnotatedArticle, vector: NDArray[np.float32], story_id: str) -> None:
        self.index.restore(article, vector, story_id)
        self._grew(story_id, article)

    def take_thread_changes(self) -> list[Story]:
        return self.index.take_thread_changes()

    def settle_stories(self) -> list[Story]:
        return self.index.settle_stories()

    def take_removed(self) -> list[str]:
        return self.index.take_removed()

    def evict(self) -> int:
        """Drop the stories that have not grown for ``keep_days`` of stream time; how many articles left."""
        self._since_check = 0
        if self._clock is None:
            return 0
        cutoff = self._clock - timedelta(days=self.settings.keep_days)
        state = self.index.to_state()
        kept = [a for a in state.articles if self._stamp.get(a.story_id, self._clock) >= cutoff]
        dropped = len(state.articles) - len(kept)
        if dropped == 0:
            return 0
        self.index = StoryIndex.from_state(
            StoryIndexState(params=state.params, articles=kept, unsettled=state.unsettled), self._encoder
        )
        self.index.take_thread_changes()  # the rebuild replays decisions already taken (and written)
        live = {a.story_id for a in kept}
        self._stamp = {story_id: stamp for story_id, stamp in self._stamp.items() if story_id in live}
        self.evicted_articles += dropped
        return dropped

    def _grew(self, story_id: str, article: AnnotatedArticle) -> None:
        published = article.article.published
        if published is not None and (self._clock is None or published > self._clock):
            self._clock = published
        if self._clock is not None:
            self._stamp[story_id] = self._clock
        self._since_check += 1
        if self._since_check >= self.settings.check_every:
            self.evict()
