"""The data model: the only types that cross a stage boundary.

Every annotation points back into its article's ``text`` by character offsets (``start`` inclusive,
``end`` exclusive), so anything newsfuse says can be traced to the words that support it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.0"  # 2.0: coverage tiers replace consensus/unique; conflicts list values per slot


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mutable(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Frozen):
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


def article_id_for(text: str) -> str:
    """Content hash of the clean text: identical bodies are one article, whatever their metadata."""
    normalized = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- ingest


class Article(Frozen):
    """A cleaned article, as the ingest stage emits it."""

    id: str = Field(description="Content hash of the clean text (see article_id_for).")
    text: str = Field(description="The clean body: paragraphs separated by a blank line.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"
    agency: str | None = Field(
        default=None,
        description="The agency (or other outlet) whose report this is, as the text credits it: '(AP) —', '/TASS/', "
        "'Reuters contributed to this report'. None when the outlet's own.",
    )
    source: str | None = Field(default=None, description="Where it came from: a path, URL or 'stdin'.")
    headings: list[Span] = Field(
        default_factory=list, description="Subhead lines inside text; never part of a sentence."
    )


# The languages the analysis reads (its spaCy model, cue words and encoder are English); "und": too short to
# tell, given the benefit of the doubt. An article in another language is held out of the analysis.
ANALYSED_LANGUAGES = frozenset({"en", "und"})


class Rejected(Frozen):
    """An input that produced no article, and why. Never silently dropped."""

    source: str
    reason: str


class Trimmed(Frozen):
    """An article kept in part because its input passed a cap, and what was cut."""

    source: str
    reason: str


class IngestReport(Mutable):
    articles: list[Article] = Field(default_factory=list)
    rejected: list[Rejected] = Field(default_factory=list)
    trimmed: list[Trimmed] = Field(default_factory=list, description="Articles kept in part, and what was cut.")
    duplicates: list[str] = Field(
        default_factory=list, description="Sources whose text was already ingested (same content hash)."
    )


# ---------------------------------------------------------------- analyse


class Sentence(Frozen):
    start: int
    end: int
    paragraph: int = Field(description="0-based paragraph index, for source position.")
    gist: list[Span] | None = Field(
        default=None,
        description="An opening sentence's main clause in a few words, as spans of the text: a headline.",
    )


EntityLabel = Literal["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "OTHER"]


class Mention(Frozen):
    """A named-entity mention. ``entity_id`` is filled by the entities stage (story-wide canonical)."""

    start: int
    end: int
    text: str
    label: EntityLabel
    sentence: int
    entity_id: str | None = None
    subject: bool = Field(
        default=False, description="The name is a clause's subject, or stands beside one (apposition, 'and').",
    )


class QuoteKind(StrEnum):
    speech = "speech"  # a quoted utterance (clause or longer fragment)
    term = "term"  # scare quotes / a quoted word or two


class Quotation(Frozen):
    """A quoted span with its speaker. ``start``/``end`` cover the words inside the marks."""

    id: str = Field(description="article id + ':' + start offset")
    start: int
    end: int
    text: str = Field(description="Verbatim text[start:end].")
    kind: QuoteKind
    speaker: str | None = Field(default=None, description="Speaker as the text names it (resolved through pronouns).")
    speaker_span: Span | None = Field(default=None, description="The mention naming the speaker, if any.")
    speaker_entity: str | None = Field(default=None, description="Canonical entity id (entities stage).")
    cue: str | None = Field(default=None, description="The reporting verb or phrase: said, told, according to...")
    via: str | None = Field(default=None, description="Who relayed it: 'RIA quoted Putin as saying'.")
    sentence: int = Field(description="Index of the sentence the quotation starts in.")


class TimeGranularity(StrEnum):
    day = "day"
    month = "month"
    year = "year"
    decade = "decade"


class TimeExpression(Frozen):
    start: int
    end: int
    text: str
    sentence: int
    value: str | None = Field(
        default=None, description="ISO value at its granularity: 2024-06-19, 2023-09, 2022; None if unresolved."
    )
    granularity: TimeGranularity | None = None
    end_value: str | None = Field(default=None, description="For ranges such as 1950-53: the last value.")
    relative: bool = Field(default=False, description="Resolved against the publication date (on Wednesday).")
    future: bool = Field(default=False, description="Its clause is in the future tense (will meet on Friday).")


class NumberMention(Frozen):
    start: int
    end: int
    text: str
    value: float
    unit: str | None = Field(default=None, description="The counted noun or unit: troops, years, percent, USD.")
    sentence: int


class AnnotatedArticle(Mutable):
    article: Article
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    quotations: list[Quotation] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    numbers: list[NumberMention] = Field(default_factory=list)
    reference_date: date | None = Field(
        default=None, description="Date relative expressions were resolved against (published, or inherited)."
    )

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.article.text[sentence.start : sentence.end]

    def sentence_gist(self, index: int) -> str | None:
        """The sentence's gist as a headline (see ``Sentence.gist``), None when it has none."""
        gist = self.sentences[index].gist if 0 <= index < len(self.sentences) else None
        return gist_words(self.article.text, gist) if gist else None


# An untitled story's headline, an article's gist and the stories stage's headline share one bound: a
# headline a reader takes in at a glance (issue 15). Every stage that names a story reads it from here.
HEADLINE_MAX_WORDS = 14

# a wire dateline the ingest stage left at a sentence's start, or as one: "MUNICH, Germany (AP) _ ", "WASHINGTON —"
# (each part after a comma starts on a non-space: with a space both ``[ \t]*`` and the part could take it, and "AB,
# a, a, …" with 25 commas backtracked 2^25 ways, 43 s)
DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]*[A-Z](?:,[ \t]*[A-Za-z0-9.'’-][A-Za-z0-9.'’ -]*?)*"
    r"(?:[ \t]*\([A-Za-z .-]+\))?[ \t]*(?:_+|—|–|--?)(?:\s|$)"
)


def after_dateline(text: str, start: int, end: int) -> int:
    """Where the sentence at ``text[start:end]`` says its news: past a wire dateline at its start ("MUNICH,
    Germany (AP) _ "), else ``start``. The text keeps the dateline; a headline or a display skips it."""
    match = DATELINE.match(text, start, end)
    return match.end() if match else start


def asks(text: str) -> bool:
    """The claim is a question in the writer's own voice ("Can she survive the vote?", a page's "Are you
    seeking refuge in Europe?", "(Who will pay?)"): it reports nothing, so it is neither a fact nor evidence
    for one. Whether its mark stands inside a quotation (someone's words, reported) is the caller's to tell."""
    claim = text.strip()
    for opening, closing in ("()", "[]"):
        if claim.startswith(opening) and claim.endswith(closing):
            claim = claim[1:-1].strip()  # a bracketed aside, whole; a bracket closing a claim's own aside stays
    return claim.endswith("?")


def gist_words(text: str, pieces: list[Span]) -> str:
    """A gist's pieces as one line: joined by a space (none before a comma or a closing mark), its first letter
    a capital."""
    joined = ""
    for piece in pieces:
        words = " ".join(text[piece.start : piece.end].split())
        joined += words if not joined or words[:1] in ",'’”" else f" {words}"
    return joined[:1].upper() + joined[1:]


# ---------------------------------------------------------------- entities


class Entity(Frozen):
    id: str
    name: str = Field(description="Canonical name: the longest proper form seen (Kim Jong Un).")
    label: EntityLabel
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0
    article_ids: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------- stories


class SourceFamily(Frozen):
    """Near-duplicate copies of one report (syndication): they count as one independent source."""

    id: str
    article_ids: list[str]
    representative: str = Field(description="The article id shown for the family.")


class Story(Mutable):
    id: str
    article_ids: list[str]
    families: list[SourceFamily] = Field(default_factory=list)
    headline: str | None = None
    first_published: date | None = None
    last_published: date | None = None
    related: list[str] = Field(
        default_factory=list,
        description="Ids of the other stories of its thread next to it in time (at most six before and six "
        "after it): the events before and after this one.",
    )
    thread: str | None = Field(
        default=None,
        description="Id of the story's thread: the story and every story linked to it, directly or through "
        "others (a TDT topic: a seminal event and the events that follow from it). The earliest story's id.",
    )

    def family_of(self) -> dict[str, str]:
        """Article id → its source family id; an article no family lists is a family of its own."""
        family_of = {article_id: article_id for article_id in self.article_ids}
        for family in self.families:
            for article_id in family.article_ids:
                family_of[article_id] = family.id
        return family_of


# ---------------------------------------------------------------- fuse


class SentenceRef(Frozen):
    article_id: str
    sentence: int
    start: int
    end: int


class FactGroup(Frozen):
    """A fact as the brief states it: one sentence (``members[0]``, the statement) and, for each other
    independent source that reports it, the sentence of that source that supports it best."""

    id: str
    members: list[SentenceRef] = Field(description="The statement first, then one supporting sentence per source.")
    article_ids: list[str]
    family_ids: list[str] = Field(description="Independent sources supporting the fact (the statement's first).")
    centrality: float = 0.0

    @property
    def statement(self) -> SentenceRef:
        return self.members[0]


class QuoteRef(Frozen):
    article_id: str
    quotation_id: str
    start: int
    end: int
    text: str


class QuoteGroup(Frozen):
    """One utterance by one speaker, as each outlet rendered it."""

    id: str
    speaker: str | None
    speaker_entity: str | None
    renderings: list[QuoteRef]

    @property
    def is_variant(self) -> bool:
        return len({r.article_id for r in self.renderings}) > 1


ConflictKind = Literal["number", "date", "name", "attribution"]
ConflictRelation = Literal["disagreement", "update"]


class ConflictSide(Frozen):
    article_id: str
    start: int
    end: int
    value: str


# the words a quantity may open on: the English number words and their approximators (a closed class, no name)
_QUANTITY_OPENERS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
        "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
        "billion", "billions", "dozen", "dozens", "half", "a", "an", "some", "several", "about", "around", "roughly",
        "nearly", "almost", "approximately", "more", "fewer", "less", "over", "under", "up", "at", "least", "just",
        "only"
    }
)


class ConflictValue(Frozen):
    """One value a conflict's slot is given, with the independent sources that give it."""

    value: str
    family_ids: list[str]
    sides: list[ConflictSide] = Field(description="Where each source states the value (one per article).")
    published: date | None = Field(default=None, description="The earliest publication date stating it.")

    @property
    def shown(self) -> str:
        """The value as a reader reads it in a list: "fourteen people", not "Fourteen people", which has its
        capital only because it opened its sentence (``value`` keeps the text's own). Names keep theirs."""
        first, _, rest = self.value.partition(" ")
        if first.lower() in _QUANTITY_OPENERS and first[:1].isupper() and first[1:].islower():
            return first.lower() + (f" {rest}" if rest else "")
        return self.value


class Conflict(Frozen):
    """Sources give one slot of the story's event (a toll, a mass, a date, who said something) different
    values. ``relation`` tells a later report revising a figure (update) from sources that simply differ."""

    id: str
    kind: ConflictKind
    slot: str = Field(description="What the values are of: 'wounded', 'Zarya's mass', 'the speaker'.")
    relation: ConflictRelation = "disagreement"
    fact_group_id: str | None
    description: str
    values: list[ConflictValue] = Field(description="Each value once, with its sources; updates oldest first.")

    @property
    def sides(self) -> list[ConflictSide]:
        return [side for value in self.values for side in value.sides]


class Fusion(Mutable):
    story: Story
    source_of: dict[str, str] = Field(
        default_factory=dict,
        description="Article id → its independent source: one outlet's reports and the syndicated copies of one "
        "report count once.",
    )
    entities: list[Entity] = Field(default_factory=list)
    fact_groups: list[FactGroup] = Field(default_factory=list)
    quote_groups: list[QuoteGroup] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)


# ---------------------------------------------------------------- brief


class Citation(Frozen):
    article_id: str
    outlet: str | None
    family_id: str | None = None
    start: int
    end: int
    text: str = Field(description="Verbatim source text[start:end].")


class CitedSentence(Frozen):
    """A sentence taken verbatim from a source, with every article that supports it."""

    text: str
    fact_group_id: str | None = None
    citations: list[Citation]
    about: str | None = Field(
        default=None, description="What the item leans on, in its source's words: the words before a claim cut "
        "from its sentence, whom a sentence opening on 'he', 'it', 'they' is about, or the end of the sentence "
        "before one opening on 'But', 'Both', 'This'...",
    )


class CoverageTier(Frozen):
    """The facts that the same number of independent sources report."""

    label: str = Field(description="'Reported by 3 of 5 sources', or '1 of 5 sources: only in Reuters'.")
    sources: int = Field(description="How many independent sources report each fact of the tier.")
    of: int = Field(description="How many independent sources the story has.")
    outlets: list[str] = Field(default_factory=list, description="For a one-source tier: that source's names.")
    facts: list[CitedSentence]

    @property
    def heading(self) -> str:
        """How every format heads the tier: "Reported by 3 of 5 sources", "Only in Reuters (1 of 5 sources)"."""
        if self.sources == 1:
            first = self.outlets[0] if self.outlets else "one source"
            more = len(self.outlets) - 1
            name = f"{first} (and {more} other report{'s' if more > 1 else ''})" if more > 0 else first
            return f"Only in {name} (1 of {self.of} sources)"
        return self.label


class QuotationRow(Frozen):
    speaker: str | None
    speaker_entity: str | None
    text: str
    outlets: list[str]
    citations: list[Citation]
    variants: list[Citation] = Field(default_factory=list, description="Other outlets' renderings.")
    via: str | None = Field(default=None, description="Who relayed the words: 'RIA' for 'RIA quoted Putin as saying'.")


class TimelineEvent(Frozen):
    date: str
    granularity: TimeGranularity
    what: str
    citations: list[Citation]


class BriefSource(Frozen):
    """An article as the brief shows it: the text citations point into."""

    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: date | None
    family_id: str | None
    text: str
    label: str | None = Field(
        default=None, description="How the brief names the source: its outlet, else its file name or title."
    )


class BriefEntity(Frozen):
    id: str
    name: str
    label: EntityLabel
    aliases: list[str]
    mentions: int
    outlets: list[str]


class RelatedStory(Frozen):
    """Another story of the same thread: the event before or after this one."""

    story_id: str
    headline: str | None
    first_published: date | None = None


class Brief(Mutable):
    schema_version: str = SCHEMA_VERSION
    story_id: str
    headline: str | None
    sources: list[BriefSource]
    summary: list[CitedSentence]
    coverage: list[CoverageTier] = Field(
        default_factory=list,
        description="The story's facts by how many independent sources report them, most first; a source's "
        "own facts in the tier of one, per source. Empty for a story of one source.",
    )
    conflicts: list[Conflict]
    quotations: list[QuotationRow]
    timeline: list[TimelineEvent]
    entities: list[BriefEntity]
    thread: str | None = Field(default=None, description="The story's thread (see Story.thread).")
    related: list[RelatedStory] = Field(
        default_factory=list,
        description="The stories of its thread next to it in time (see Story.related), earliest first.",
    )


class BriefCollection(Mutable):
    """Several briefs in one JSON document: the JSON output when the input holds more than one story."""

    schema_version: str = SCHEMA_VERSION
    briefs: list[Brief]


# ---------------------------------------------------------------- shared interfaces


class TextEncoder(Protocol):
    """Sentence encoder handed to the stages that compare meaning. Rows are L2-normalised."""

    def encode(self, texts: list[str]) -> NDArray[np.float32]: ...


class FusionSettings(Frozen):
    """The fuse stage's tunable thresholds, in one place. The support model's weights were fitted on the
    fusion-dev gold by ``benchmarks/fusion_fit.py`` (logistic regression over candidate pairs, scored
    leave-one-event-out) and rounded; the rest were chosen on the same set and checked on text outside it (see
    the README). The fit scores candidate pairs, not the brief's facts: a refit is kept only when the fusion
    benchmark's figures hold with its weights (``benchmarks/results/fusion_fit.json`` holds the latest fit)."""

    max_sentences_per_article: int = Field(
        default=400, description="Sentences of one article compared across sources; past it, the rest are not fused."
    )
    max_sentences_per_story: int = Field(
        default=4_000, description="Sentences of one story compared across sources: past it, each article's share "
        "is cut evenly (a story of many long hostile articles stays bounded), never below the next figure."
    )
    max_units_per_story: int = Field(
        default=2_000, description="Claims of one story compared across sources (each is encoded): past it, "
        "sub-claims are dropped, then each article's sentences cut evenly.",
    )
    min_sentences_per_article: int = Field(default=40, description="Sentences an article keeps under the story cap.")
    claim_min_sentence_words: int = Field(default=14, description="A sentence this long is cut into its claims.")
    subclaim_min_words: int = Field(
        default=12, description="A claim this long is also searched as its sub-claims (relative, subordinate clauses)."
    )
    subclaim_cover: float = Field(
        default=0.3, description="Share of a sub-claim's IDF weight a supporter of its claim must hold to support it."
    )
    part_cover: float = Field(
        default=0.15, description="Share of one of a claim's sub-claims a supporter of the claim must hold: one "
        "holding less of every part matched the claim's topic, not a fact of it.",
    )
    fragment_cover: float = Field(
        default=0.15, description="Share of a whole claim's IDF weight a sub-claim must hold to support it."
    )
    candidates_per_source: int = Field(default=4, description="Best candidates kept per other source (blocking).")
    candidates_per_article: int = Field(
        default=1, description="Best candidates kept per article of another source besides (0: none): one "
        "report of a source of many is not crowded out by another's copies of one sentence.",
    )
    max_judged_pairs: int = Field(
        default=40_000, description="Candidate pairs of one story judged, the highest scored (a cost cap that "
        "ordinary stories stay far below: fusion-dev's most, 4 sources and 248 units, gives 909).",
    )
    candidate_floor: float = Field(default=0.12, description="Lexical or centred-cosine floor to be a candidate.")
    support_weights: tuple[float, ...] = Field(
        default=(-4.17, 1.0, 2.08, 2.76, 0.97, 0.32, 1.92, 1.54, 1.43, 1.36),
        description="Intercept, then cosine, centred cosine, lexical, clause containment, shared entities, shared "
        "quantities, shared rare words, shared dates, candidate rank (see fuse/support.py).",
    )
    support_threshold: float = Field(default=0.42, description="Probability from which a sentence supports another.")
    max_claims_per_supporter: int = Field(
        default=2, description="Facts one unit may support besides one per sub-claim or clause of its own, those "
        "judged closest (0: no cap): a lead naming the story's people and event is judged alike to many "
        "sentences it does not confirm.",
    )
    distinct_rare_words: int = Field(
        default=3, description="Rare story words a claim beyond a supporter's allowance must share with it, none "
        "shared by the facts it already supports, to be supported too (0: the allowance is strict): a long "
        "sentence tells several facts in different words.",
    )
    conflict_alignment: float = Field(
        default=0.15, description="Support probability from which two sentences speak of the same matter."
    )
    number_tolerance: float = Field(default=0.02, description="Relative difference under which two values agree.")
    version_shared_sentences: int = Field(
        default=2, description="Sentences two articles must share word for word (outside quotes) to be one source."
    )
    version_sentence_words: int = Field(default=10, description="Words a sentence needs to count as shared.")
    version_max_copies: int = Field(
        default=50, description="Articles per shared sentence compared (a cost cap on boilerplate repeated everywhere)."
    )
    quantity_context_words: int = Field(
        default=4, description="Words either side of a number, inside its clause, that say what it counts."
    )
    similar_context: float = Field(
        default=0.4, description="Share of the sparer context's IDF weight two numbers must share to fill one slot."
    )
    strict_context: float = Field(
        default=0.4, description="IDF-weighted Jaccard that re-splits a slot holding more values than one dispute."
    )
    close_ratio: float = Field(
        default=1.3, description="Two masses or sums within this ratio in one story are one measure (slot)."
    )
    similar_name: int = Field(default=80, description="rapidfuzz ratio from which two spellings name one person.")
    max_slot_values: int = Field(
        default=4, description="Values one disputed slot can take (a toll revised through a day); past it, chained."
    )
    max_slot_spread: float = Field(default=5.0, description="Largest ratio between the values of one slot.")
    max_quantities: int = Field(default=600, description="Quantities of a story compared for conflicts (a cost cap).")
    attribution_overlap: float = Field(
        default=0.8, description="Word containment from which two quotations are the same words."
    )
    attribution_min_words: int = Field(default=4, description="Content words a quotation needs to be compared.")


class Settings(Mutable):
    """One options object passed down the pipeline."""

    fusion: FusionSettings = Field(default_factory=FusionSettings)

    summary_words: int = 150
    copy_jaccard: float = Field(
        default=0.7, description="Word Jaccard from which a sentence is a copy of one its source already stated in "
        "the fact tiers (an agency's later version repeats its own paragraphs): it is not stated again.",
    )
    version_jaccard: float = Field(
        default=0.5, description="Looser copy Jaccard for a shared fact whose supporters are all cited already: an "
        "agency's later version rewording its own sentence, supported by the same sentences, repeats the fact.",
    )
    batch_size: int = 32
    workers: int = Field(
        default=0, ge=0, description="Worker processes a batch run analyses and briefs in (0: one per CPU core)."
    )
    articles_per_worker: int = Field(
        default=16, ge=1,
        description="A batch run takes one more worker per this many articles: a worker's start (its models) "
        "costs about what analysing and briefing that many does.",
    )
    max_file_bytes: int = 25_000_000
    default_outlet: str | None = None
    default_published: date | None = None
    progress: bool = False
