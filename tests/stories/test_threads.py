"""ThreadGraph on hand-made links: communities, the degree floor, the window, late arrivals, change reports."""

from __future__ import annotations

from datetime import date, timedelta

from newsfuse.stories.threads import RELATED_EACH_SIDE, ThreadGraph, ThreadSettings

DAY = date(2024, 5, 6)
SETTINGS = ThreadSettings(neighbours=3, resolution=0.015, window_days=30, min_degree=1.5)


def _add(graph: ThreadGraph, article: str, story: str, day: int, links: dict[str, float]) -> None:
    graph.add(article, story, DAY + timedelta(days=day), sorted(links.items()))


def _clique(graph: ThreadGraph, prefix: str, size: int, day: int, weight: float) -> list[str]:
    """``size`` stories of one article each, every one linked to the earlier ones with ``weight``."""
    articles: list[str] = []
    for position in range(size):
        article = f"{prefix}{position}"
        _add(graph, article, f"story-{article}", day, dict.fromkeys(articles, weight))
        articles.append(article)
    return [f"story-{article}" for article in articles]


def test_two_topics_linked_by_one_weak_tie_are_two_threads() -> None:
    graph = ThreadGraph(SETTINGS)
    ferry = _clique(graph, "ferry", 4, 0, 0.6)
    budget = _clique(graph, "budget", 4, 0, 0.6)
    _add(graph, "ferry-budget", "story-ferry-budget", 0, {"ferry0": 0.6, "ferry1": 0.6, "budget3": 0.12})
    graph.refresh()
    assert len({graph.thread_of(story) for story in ferry}) == 1
    assert len({graph.thread_of(story) for story in budget}) == 1
    assert graph.thread_of(ferry[0]) != graph.thread_of(budget[0])
    assert graph.thread_of("story-ferry-budget") == graph.thread_of(ferry[0])


def test_a_weak_tie_between_two_lone_stories_is_not_enough_but_a_strong_one_is() -> None:
    graph = ThreadGraph(SETTINGS)
    _add(graph, "apples", "story-apples", 0, {})
    _add(graph, "bridge", "story-bridge", 0, {"apples": 0.02})
    _add(graph, "pier", "story-pier", 2, {"bridge": 0.4, "apples": 0.02})
    graph.refresh()
    assert graph.thread_of("story-pier") == graph.thread_of("story-bridge")
    assert graph.thread_of("story-apples") != graph.thread_of("story-bridge")
    assert graph.stories_of(graph.thread_of("story-bridge")) == ["story-bridge", "story-pier"]


def test_a_new_story_takes_its_thread_at_once_before_any_refresh() -> None:
    graph = ThreadGraph(SETTINGS)
    _clique(graph, "strike", 3, 0, 0.5)
    _add(graph, "talks", "story-talks", 0, {"strike0": 0.5, "strike1": 0.45})
    assert graph.thread_of("story-talks") == graph.thread_of("story-strike0")


def test_threads_older_than_the_window_keep_their_stories_and_a_new_story_can_join_one() -> None:
    graph = ThreadGraph(SETTINGS)
    election = _clique(graph, "vote", 3, 0, 0.5)
    old_thread = graph.thread_of(election[0])
    _add(graph, "result", "story-result", 40, {"vote2": 0.45, "vote1": 0.4})
    _add(graph, "other", "story-other", 41, {})
    assert [graph.thread_of(story) for story in election] == [old_thread] * 3
    assert graph.thread_of("story-result") == old_thread


def test_a_late_article_dated_before_the_window_still_moves_the_stories_it_links() -> None:
    graph = ThreadGraph(SETTINGS)
    _add(graph, "quake", "story-quake", 0, {})
    _add(graph, "aid", "story-aid", 0, {})
    _add(graph, "later", "story-later", 60, {})
    assert graph.thread_of("story-quake") != graph.thread_of("story-aid")
    # arrives after day 60 but is dated day 1: it ties the two old stories together
    _add(graph, "tremor", "story-tremor", 1, {"quake": 0.6, "aid": 0.6})
    graph.refresh()
    assert graph.thread_of("story-quake") == graph.thread_of("story-aid") == graph.thread_of("story-tremor")
    assert graph.thread_of("story-later") == "story-later"


def test_changes_report_every_story_of_a_thread_that_changed_once() -> None:
    graph = ThreadGraph(SETTINGS)
    _add(graph, "a", "story-a", 0, {})
    assert graph.take_changed() == {"story-a"}
    assert graph.take_changed() == set()
    _add(graph, "b", "story-b", 1, {"a": 0.7})
    assert graph.take_changed() == {"story-a", "story-b"}
    _add(graph, "c", "story-a", 1, {"a": 0.9})  # joins a story: no thread changes
    assert graph.take_changed() == set()


def test_the_same_arrivals_give_the_same_threads() -> None:
    def build() -> ThreadGraph:
        graph = ThreadGraph(SETTINGS)
        _clique(graph, "x", 5, 0, 0.5)
        _clique(graph, "y", 5, 3, 0.5)
        _add(graph, "xy", "story-xy", 4, {"x0": 0.3, "y0": 0.3})
        graph.refresh()
        return graph

    first, second = build(), build()
    stories = [f"story-{p}{i}" for p in "xy" for i in range(5)] + ["story-xy"]
    assert [first.thread_of(s) for s in stories] == [second.thread_of(s) for s in stories]


def test_a_long_thread_lists_each_story_s_neighbours_not_the_whole_thread() -> None:
    graph = ThreadGraph(ThreadSettings(neighbours=3, resolution=0.001, window_days=30, min_degree=1.5))
    chain = _clique(graph, "war", 30, 0, 0.6)
    thread = graph.thread_of(chain[0])
    assert [graph.thread_of(story) for story in chain] == [thread] * 30
    assert graph.related(chain[15]) == chain[15 - RELATED_EACH_SIDE : 15] + chain[16 : 16 + RELATED_EACH_SIDE]
    assert graph.related(chain[0]) == chain[1 : 1 + RELATED_EACH_SIDE]
    graph.take_changed()
    _add(graph, "war-next", "story-war-next", 0, {"war29": 0.6, "war28": 0.6})
    changed = graph.take_changed()
    assert "story-war-next" in changed and graph.thread_of("story-war-next") == thread
    assert changed == {*chain[-RELATED_EACH_SIDE:], "story-war-next"}, "only the stories that list it"
