"""The stories stage's settings: every threshold of the story and thread decisions, in one frozen object."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class StoryParams(BaseModel):
    """How similar an article must be to join a story, and a story a thread. One setting: stories chosen on ECB+
    and AllSides by benchmarks/story_events.py (ablation table there), threads on DUC 2004 by benchmarks/stories.py.

    A story is one event, and events of one kind (two earthquakes, two rehab stays of one actress) read alike,
    so the content score alone measures the topic. The score is the mean, over the story's best-matching
    members, of similarity plus the IDF-weighted overlap of salient names (the same rare people, places and
    organisations: who and where), plus a bonus when the article's event days (the dates its lead states, or
    the days it resolves against its publication day) agree with the story's (weighted by how rare the day is
    among the other stories' reports around it: in a one-day stream every report gives it), less a cost when
    they are weeks apart, less a steep time penalty (``day_penalty`` a day of publication gap), so the
    follow-up a day later is a story of its own.
    An article with no date of either kind has only its content and names to go by, so it must clear the
    threshold on them alone. Time from the text: a page whose lead states the event's full date ("May 3, 2013")
    pays the day penalty from that date, not from its publication day (``text_day_gap``); event days far apart
    cost only when both leads give days (``date_mismatch_text_only``), since an article whose lead gives none
    falls back on its publication day, which the day penalty already counts.

    A batch's stories then settle (``settle_threshold``): each story's members, with those of its nearest stories
    (``settle_neighbours``), are scored pair by pair the same way under the term and name frequencies of the whole
    batch and grouped by average linkage at the threshold. A story whose members fall into groups is split (a new
    topic's first two reports of two look-alike events read alike when its words are still rare, and greedy
    assignment then follows them); a story split off early joins the one it belongs to. Average linkage also splits off
    a report whose mean score to its story is low though its best members match well (its own angle on the event), so
    each member of the settled stories then moves to the one assignment would give it now, when that beats its own
    story without it (``settle_reassign``). One story's members pay no day penalty among themselves (assignment
    chained them day by day); two stories pay it for the days between their date ranges.

    A thread is a topic (TDT's "seminal event and all directly related events"): a community of the graph that
    links each article to its most similar articles of the last weeks (see ``threads``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    threshold: float = Field(default=0.35, description="Minimum score (linkage + bonuses - penalties) to join.")
    entity_weight: float = Field(
        default=0.0, description="Bonus for the (IDF-weighted) share of the article's names the story has."
    )
    grace_days: int = Field(default=0, description="Date gap to the story's range that costs nothing.")
    day_penalty: float = Field(default=0.4, description="Score lost per day of gap beyond the grace.")
    max_penalty: float = Field(default=1.0, description="Cap on the time penalty.")
    window_days: int = Field(default=14, description="Stories further away in time than this are not candidates.")
    member_name_weight: float = Field(
        default=0.5,
        description="Weight of each member's (IDF-weighted) Jaccard name overlap with the article, added to its "
        "similarity before the best members are averaged.",
    )
    date_mismatch_penalty: float = Field(
        default=0.15, description="Cost when the article's event days and the story's are over window_days apart."
    )
    date_agreement_bonus: float = Field(
        default=0.15, description="Bonus when the article's event days and the story's are within agreement_days."
    )
    agreement_days: int = Field(default=1, description="Event days this close agree (a report and the next day's).")
    agreement_rarity: bool = Field(
        default=True,
        description="The agreement bonus counts by how rare the agreeing day is among the articles of the days around "
        "it (1 less its share): in a one-day stream every report gives that day, and agreeing on it says nothing.",
    )
    thread_neighbours: int = Field(default=5, description="Strongest links each article keeps in the thread graph.")
    thread_day_penalty: float = Field(default=0.003, description="Link weight lost per day between two articles.")
    thread_resolution: float = Field(
        default=0.015,
        description="Two stories share a thread when the weight between them beats this times the product of "
        "their degrees (modularity resolution, independent of the graph's size).",
    )
    thread_min_similarity: float = Field(
        default=0.08, description="Weakest similarity that links two articles in the thread graph (after the day cost)."
    )
    thread_min_degree: float = Field(
        default=1.0,
        description="Degree every article is assumed to have at least, so that in a small collection a weak "
        "tie does not join two stories' threads.",
    )
    thread_window_days: int = Field(
        default=30, description="Articles further apart are not linked; threads of older stories no longer move."
    )
    thread_candidates: int = Field(default=40, description="Nearest story centroids whose members may be linked.")
    lexical_weight: float = Field(default=0.8, description="Share of the TF-IDF cosine in the similarity.")
    candidates: int = Field(default=10, description="Nearest centroids re-scored with entities and time.")
    name_idf_power: float = Field(default=2.0, description="0 counts names equally; higher favours rare names.")
    link_members: int = Field(default=2, description="Best-matching members averaged for the member linkage.")
    link_share: float = Field(
        default=0.25,
        description="Share of a story's (latest) members averaged, when more than link_members: the best of many "
        "members is high by chance, so a large story must match more of them.",
    )
    settle_threshold: float | None = Field(
        default=0.35,
        description="Average pair score below which a story's member groups are split when it settles (None: "
        "stories never settle).",
    )
    settle_neighbours: int = Field(
        default=3,
        description="Nearest stories (by centroid, within window_days) settled together with a grown story, so that "
        "a story split early joins the one it belongs to (0: settling only splits).",
    )
    settle_reassign: bool = Field(
        default=True,
        description="After settling, each member of the neighbourhood moves to the story assignment would give it now "
        "when that beats its own story without it (average linkage splits off members whose best members match).",
    )
    settle_member_day_penalty: bool = Field(
        default=False,
        description="When settling, members of one story also pay the day penalty for their publication gap (off: "
        "assignment chained them day by day, and one event's coverage over three days is one story; members of two "
        "stories pay it for the gap between the stories' date ranges, as assignment does).",
    )
    text_day_gap: bool = Field(
        default=True,
        description="The day penalty counts the days from the full dates the lead states (a report published on "
        "Wednesday of the event of 'May 3, 2013') to the story's event days, when that is nearer than the "
        "publication gap.",
    )
    date_mismatch_text_only: bool = Field(
        default=True,
        description="Event days far apart cost only when both sides' days come from their leads (the publication day "
        "an article without one falls back on says when it was published, which the day penalty already counts).",
    )
    member_cap: int = Field(default=40, description="Latest members of a story compared one by one (bounds cost).")
    duplicate_jaccard: float = Field(default=0.5, description="Shingle Jaccard that makes two articles one family.")
    shingle_words: int = 5
    permutations: int = 64
    bucket_days: int = 7
