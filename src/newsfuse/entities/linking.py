"""Merge a story's entity mentions into canonical entities and fill the ids on mentions and speakers.

People are merged by name containment: a full name absorbs its partial forms ("Putin" ⊂ "Vladimir Putin").
A partial form contained in several full names ("Kim" ⊂ "Kim Jong Un", "Kim Sung-bae") goes, inside its
article, to the full name named in the last few sentences, else to the article's most mentioned one, else
to the story's; only an exact tie everywhere leaves it an entity of its own. Other names are merged by
key (case, dots, "the", possessives), a small table of common abbreviations, "Name (ABBR)" definitions in
the text, initials, and near-spellings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsfuse.entities.names import (
    COUNTRIES,
    EXPANSIONS,
    ORG_HEADS,
    PLACE_HEADS,
    abbreviates,
    acronym_of,
    clean_form,
    entity_id,
    has_generational_suffix,
    has_honorific,
    head_word,
    is_honorific,
    is_pronoun,
    is_token_subset,
    looks_like_acronym,
    name_tokens,
    person_form,
    thing_key,
)
from newsfuse.model import AnnotatedArticle, Entity, EntityLabel, Mention, Quotation

_RECENT_SENTENCES = 3
_FUZZY_NAME_RATIO = 93
# a one-word name the tagger labels PERSON in fewer of its mentions than this, with no full name or title in
# the story, is not a person (``_unvote_lone_words``)
_LONE_WORD_PERSON_SHARE = 0.75
_LONE_WORD_OTHER_VOTES = 2  # and at least this many of its mentions labelled otherwise: one is the tagger's slip
_LABEL_PRIORITY: list[EntityLabel] = [
    "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "OTHER",
]  # fmt: skip
_INDEFINITE = re.compile(r"(?:an?|another|one)\s", re.IGNORECASE)
_DEFINED_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,10})\s*\)")

PersonKey = tuple[str, ...]


@dataclass
class _Occurrence:
    article: int
    mention: int
    start: int
    sentence: int
    text: str
    vote: EntityLabel
    person_tokens: PersonKey
    key: str
    person: bool = False


@dataclass
class _Cluster:
    forms: Counter[str] = field(default_factory=Counter)
    raw_forms: list[str] = field(default_factory=list)
    votes: Counter[EntityLabel] = field(default_factory=Counter)
    full_votes: Counter[EntityLabel] = field(default_factory=Counter)
    article_ids: list[str] = field(default_factory=list)
    mentions: int = 0
    person: bool = False
    key: str = ""

    def add(self, form: str, raw: str, vote: EntityLabel, article_id: str, counts_as_mention: bool) -> None:
        self.forms[form] += 1
        for alias in (form, raw):
            if alias and alias not in self.raw_forms:
                self.raw_forms.append(alias)
        self.votes[vote] += 1
        if len(name_tokens(form)) > 1:
            self.full_votes[vote] += 1
        if article_id not in self.article_ids:
            self.article_ids.append(article_id)
        self.mentions += 1 if counts_as_mention else 0


class _UnionFind:
    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self._parent.setdefault(item, item)
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, left: str, right: str) -> None:
        left_root, right_root = self.find(left), self.find(right)
        if left_root != right_root:
            # The lexically smaller root wins so the result does not depend on the order of unions.
            keep, drop = sorted((left_root, right_root))
            self._parent[drop] = keep


def link_entities(articles: Sequence[AnnotatedArticle]) -> tuple[list[Entity], list[AnnotatedArticle]]:
    """Return the story's canonical entities (most mentioned first) and the articles with ids filled."""
    occurrences = _occurrences(articles)
    people = _People(occurrences)
    things = _things(articles, occurrences)
    clusters: dict[str, _Cluster] = {}
    mention_cluster: dict[tuple[int, int], str] = {}
    for occurrence in occurrences:
        if occurrence.person:
            cluster_id = "p:" + " ".join(
                people.resolve(occurrence.article, occurrence.start, occurrence.sentence, occurrence.person_tokens)
            )
            form = person_form(occurrence.text)
        else:
            cluster_id = "t:" + things.find(occurrence.key)
            form = clean_form(occurrence.text)
        cluster = clusters.setdefault(cluster_id, _Cluster(person=occurrence.person, key=cluster_id[2:]))
        cluster.add(form, clean_form(occurrence.text), occurrence.vote, articles[occurrence.article].article.id, True)
        mention_cluster[(occurrence.article, occurrence.mention)] = cluster_id
    thing_keys = {things.find(occurrence.key) for occurrence in occurrences if not occurrence.person}
    quotation_cluster: dict[tuple[int, int], str] = {}
    for article_index, annotated in enumerate(articles):
        for quotation_index, quotation in enumerate(annotated.quotations):
            speaker_cluster = _speaker_cluster(
                annotated, article_index, quotation, mention_cluster, people, things, thing_keys, clusters
            )
            if speaker_cluster is not None:
                quotation_cluster[(article_index, quotation_index)] = speaker_cluster
    ids = _assign_ids(clusters)
    entities = [
        Entity(
            id=ids[cluster_id],
            name=_name(cluster),
            label=_label(cluster),
            aliases=[alias for alias in cluster.raw_forms if alias != _name(cluster)],
            mentions=cluster.mentions,
            article_ids=cluster.article_ids,
        )
        for cluster_id, cluster in clusters.items()
    ]
    entities.sort(key=lambda entity: (-entity.mentions, entity.name.lower(), entity.id))
    linked = [
        _fill(annotated, article_index, mention_cluster, quotation_cluster, ids)
        for article_index, annotated in enumerate(articles)
    ]
    return entities, linked


# ---------------------------------------------------------------- occurrences


def _occurrences(articles: Sequence[AnnotatedArticle]) -> list[_Occurrence]:
    occurrences: list[_Occurrence] = []
    for article_index, annotated in enumerate(articles):
        for mention_index, mention in enumerate(annotated.mentions):
            occurrences.append(
                _Occurrence(
                    article=article_index,
                    mention=mention_index,
                    start=mention.start,
                    sentence=mention.sentence,
                    text=mention.text,
                    vote=_vote(mention),
                    person_tokens=name_tokens(person_form(mention.text)),
                    key=thing_key(clean_form(mention.text)) or " ".join(mention.text.lower().split()) or "?",
                )
            )
    full_names = sorted({o.person_tokens for o in occurrences if o.vote == "PERSON" and len(o.person_tokens) > 1})
    _unvote_lone_words(occurrences, articles, full_names)
    person_keys = {o.person_tokens for o in occurrences if o.vote == "PERSON" and o.person_tokens}
    for occurrence in occurrences:
        if occurrence.vote == "PERSON":
            occurrence.person = bool(occurrence.person_tokens)
        elif occurrence.person_tokens:
            # A mislabel must not split a person: the same name as a PERSON mention, or the first or last name of
            # a full name ("Pinochet" tagged GPE beside "Augusto Pinochet").
            occurrence.person = occurrence.person_tokens in person_keys or (
                len(occurrence.person_tokens) == 1
                and not looks_like_acronym(clean_form(occurrence.text))
                and any(
                    is_token_subset(occurrence.person_tokens, (key[0],))
                    or is_token_subset(occurrence.person_tokens, (key[-1],))
                    for key in full_names
                )
            )
    return occurrences


def _unvote_lone_words(
    occurrences: Sequence[_Occurrence], articles: Sequence[AnnotatedArticle], full_names: Sequence[PersonKey]
) -> None:
    """A one-word "person" the story never gives a full name or a title, and that the tagger labels otherwise in
    a share of its mentions, is a term the tagger confuses (the small model tags "Brexit" a person in "hard
    Brexit supporters" and a place or an organisation elsewhere): its mentions vote for their other labels. A
    report names a person in full ("Theresa May") or with a title ("Mrs May") at least once, and the tagger labels a
    real person's bare name PERSON nearly always."""
    by_word: dict[PersonKey, list[_Occurrence]] = {}
    for occurrence in occurrences:
        if len(occurrence.person_tokens) == 1:
            by_word.setdefault(occurrence.person_tokens, []).append(occurrence)
    for word, seen in by_word.items():
        person_votes = sum(1 for o in seen if o.vote == "PERSON")
        other_votes = len(seen) - person_votes
        doubted = other_votes >= _LONE_WORD_OTHER_VOTES and person_votes < _LONE_WORD_PERSON_SHARE * len(seen)
        if not person_votes or not doubted:
            continue
        if any(is_token_subset(word, (key[0],)) or is_token_subset(word, (key[-1],)) for key in full_names):
            continue
        if any(_titled(articles[o.article].article.text, o) for o in seen):
            continue
        others = Counter(o.vote for o in seen if o.vote != "PERSON")
        label = max(others, key=lambda vote: (others[vote], vote))
        for occurrence in seen:
            if occurrence.vote == "PERSON":
                occurrence.vote = label


def _titled(text: str, occurrence: _Occurrence) -> bool:
    """A personal title in the mention or the word before it ("Mrs May", "Sgt. Ruiz")."""
    before = text[max(0, occurrence.start - 24) : occurrence.start].split()
    words = [*occurrence.text.split()[:-1], *before[-1:]]
    return any(is_honorific(word) for word in words)


def _vote(mention: Mention) -> EntityLabel:
    """The label a mention votes for: the NER's, unless the name's head word says it is a place or body,
    or the alias table knows it as a country ("DPRK" tagged ORG)."""
    if mention.label in {"ORG", "PERSON", "LOC"} and thing_key(clean_form(mention.text)) in COUNTRIES:
        return "GPE"
    if mention.label != "PERSON" and (has_honorific(mention.text) or has_generational_suffix(mention.text)):
        return "PERSON"
    if mention.label == "PERSON":
        head = head_word(clean_form(mention.text))
        if head in PLACE_HEADS:
            return "FAC"
        if head in ORG_HEADS:
            return "ORG"
    return mention.label


# ---------------------------------------------------------------- people


@dataclass
class _Sighting:
    start: int
    sentence: int
    key: PersonKey


class _People:
    """Full names of the story and the rule that sends a partial name to one of them."""

    def __init__(self, occurrences: Sequence[_Occurrence]) -> None:
        keys = {o.person_tokens for o in occurrences if o.person}
        multi = sorted(key for key in keys if len(key) > 1)
        maximal = [
            key for key in multi if not any(len(other) > len(key) and is_token_subset(key, other) for other in multi)
        ]
        self._union = _UnionFind()
        for index, key in enumerate(maximal):
            for other in maximal[index + 1 :]:
                if len(other) == len(key) and is_token_subset(key, other):
                    self._union.union(" ".join(key), " ".join(other))
        self._canonical = {key: tuple(self._union.find(" ".join(key)).split(" ")) for key in maximal}
        self._sightings: dict[int, list[_Sighting]] = {}
        for occurrence in occurrences:
            if not occurrence.person:
                continue
            candidates = self.candidates(occurrence.person_tokens)
            if len(candidates) == 1:
                sighting = _Sighting(occurrence.start, occurrence.sentence, next(iter(candidates)))
                self._sightings.setdefault(occurrence.article, []).append(sighting)

    def candidates(self, tokens: PersonKey) -> set[PersonKey]:
        if tokens in self._canonical:
            return {self._canonical[tokens]}
        return {canonical for key, canonical in self._canonical.items() if is_token_subset(tokens, key)}

    def resolve(self, article: int, start: int, sentence: int, tokens: PersonKey) -> PersonKey:
        candidates = self.candidates(tokens)
        if not candidates:
            return tokens
        if len(candidates) == 1:
            return next(iter(candidates))
        local = [s for s in self._sightings.get(article, []) if s.key in candidates]
        preceding = [s for s in local if s.start < start]
        if preceding:
            latest = max(preceding, key=lambda sighting: sighting.start)
            if sentence - latest.sentence <= _RECENT_SENTENCES:
                return latest.key
        if local:
            return _most_mentioned(local)
        story = [s for sightings in self._sightings.values() for s in sightings if s.key in candidates]
        counts = Counter(s.key for s in story).most_common(2)
        if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]):
            return counts[0][0]
        return tokens  # truly ambiguous: the partial name stays an entity of its own

    def known(self, tokens: PersonKey) -> bool:
        return bool(self.candidates(tokens))


def _most_mentioned(sightings: list[_Sighting]) -> PersonKey:
    """The article's most mentioned candidate; on a tie, the one the article introduced first."""
    counts = Counter(s.key for s in sightings)
    first_seen: dict[PersonKey, int] = {}
    for sighting in sorted(sightings, key=lambda s: s.start):
        first_seen.setdefault(sighting.key, sighting.start)
    return min(counts, key=lambda key: (-counts[key], first_seen[key]))


# ---------------------------------------------------------------- other names


def _things(articles: Sequence[AnnotatedArticle], occurrences: Sequence[_Occurrence]) -> _UnionFind:
    union = _UnionFind()
    others = [o for o in occurrences if not o.person and o.key]
    for occurrence in others:
        union.find(occurrence.key)
        mention = articles[occurrence.article].mentions[occurrence.mention]
        defined = _DEFINED_ACRONYM.match(articles[occurrence.article].article.text, mention.end)
        if (
            defined
            and looks_like_acronym(defined.group(1))
            and not looks_like_acronym(clean_form(mention.text))
            and abbreviates(defined.group(1), occurrence.key)
        ):
            union.union(occurrence.key, thing_key(defined.group(1)))
    votes: dict[str, Counter[EntityLabel]] = {}
    for occurrence in others:
        votes.setdefault(occurrence.key, Counter())[occurrence.vote] += 1
    acronyms = {o.key for o in others if looks_like_acronym(clean_form(o.text))}
    expansions: dict[str, list[str]] = {}
    for key in votes:
        initials = acronym_of(key)
        if initials:
            expansions.setdefault(initials, []).append(key)
    for acronym in acronyms:
        matches = expansions.get(acronym.replace(" ", ""), [])
        if len(matches) == 1:
            union.union(acronym, matches[0])
    keys = sorted(votes)
    majority = {key: votes[key].most_common(1)[0][0] for key in keys}
    for index, key in enumerate(keys):
        if len(key) < 6:
            continue
        for other in keys[index + 1 :]:
            if (
                len(other) >= 6
                and other[0] == key[0]
                and majority[other] == majority[key]
                and fuzz.ratio(key, other) >= _FUZZY_NAME_RATIO
            ):
                union.union(key, other)
    return union


# ---------------------------------------------------------------- speakers


def _speaker_cluster(
    annotated: AnnotatedArticle,
    article_index: int,
    quotation: Quotation,
    mention_cluster: dict[tuple[int, int], str],
    people: _People,
    things: _UnionFind,
    thing_keys: set[str],
    clusters: dict[str, _Cluster],
) -> str | None:
    """The cluster of a quotation's speaker: the mention naming it, else its name by the same rules, else a
    speaker-only entity ("North Korean state media")."""
    if quotation.speaker_span is not None:
        span = quotation.speaker_span
        named = annotated.article.text[span.start : span.end]
        for mention_index, mention in enumerate(annotated.mentions):
            if mention.start < span.end and span.start < mention.end and _names_the_same(mention.text, named):
                return mention_cluster[(article_index, mention_index)]
    speaker = (quotation.speaker or "").strip()
    if not speaker or is_pronoun(speaker):
        return None
    tokens = name_tokens(person_form(speaker))
    key = thing_key(clean_form(speaker))
    if key and things.find(key) in thing_keys and not (tokens and people.known(tokens) and len(tokens) > 1):
        return "t:" + things.find(key)
    if tokens and people.known(tokens):
        return "p:" + " ".join(people.resolve(article_index, quotation.start, quotation.sentence, tokens))
    if tokens and "p:" + " ".join(tokens) in clusters:
        return "p:" + " ".join(tokens)
    if not key:
        return None
    # "a resident of the old town" in one article is not the "a resident of the old town" of another
    cluster_id = "s:" + key + (f"@{annotated.article.id}" if _INDEFINITE.match(speaker) else "")
    cluster = clusters.setdefault(cluster_id, _Cluster())
    cluster.add(clean_form(speaker), clean_form(speaker), _speaker_label(speaker), annotated.article.id, True)
    return cluster_id


def _names_the_same(mention: str, named: str) -> bool:
    """Whether a mention inside the speaker's span names the speaker, not a part of a longer description:
    "Vladimir Putin" in "Russian President Vladimir Putin" does; "North Korean" in "North Korean state media" not."""
    if name_tokens(person_form(mention)) == name_tokens(person_form(named)):
        return True
    return thing_key(clean_form(mention)) == thing_key(clean_form(named)) or len(mention) >= 0.6 * len(named.strip())


def _speaker_label(speaker: str) -> EntityLabel:
    form = clean_form(speaker)
    if head_word(form) in ORG_HEADS:
        return "ORG"
    words = form.split()
    if len(words) > 1 and all(word[:1].isupper() for word in words):
        return "PERSON"
    return "OTHER"


# ---------------------------------------------------------------- output


def _name(cluster: _Cluster) -> str:
    """The canonical name: for a person the fullest name; otherwise the longest spelled-out form."""
    forms = list(cluster.forms)
    if cluster.person:
        # The fullest name, among the names seen more than once if there are such, so that a one-off misspelling
        # ("Sam Ram Rainsy" beside many "Sam Rainsy") does not name the person.
        # Words are counted by spaces: "Katona-Apte" is a surname, not a full name.
        full = [form for form in forms if len(form.split()) > 1] or forms
        full = [form for form in full if cluster.forms[form] > 1] or full
        return max(full, key=lambda form: (len(name_tokens(form)), cluster.forms[form], len(form), -forms.index(form)))
    spelled = [form for form in forms if not looks_like_acronym(form)]
    if not spelled and cluster.key in EXPANSIONS:
        return cluster.key.title()  # "UN" alone is still the United Nations
    spelled = spelled or forms
    return max(spelled, key=lambda form: (len(form), cluster.forms[form], -forms.index(form)))


def _label(cluster: _Cluster) -> EntityLabel:
    """The majority label, counted over full names when there are any: the NER labels "Augusto Pinochet" well
    and a bare "Pinochet" poorly."""
    votes = cluster.full_votes or cluster.votes
    best = max(votes.values())
    return next(label for label in _LABEL_PRIORITY if votes.get(label, 0) == best)


def _assign_ids(clusters: dict[str, _Cluster]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for cluster_id, cluster in clusters.items():
        candidate = base = entity_id(_name(cluster), _label(cluster))
        suffix = 2
        while candidate in used:
            candidate = f"{base}-{suffix}"
            suffix += 1
        used.add(candidate)
        ids[cluster_id] = candidate
    return ids


def _fill(
    annotated: AnnotatedArticle,
    article_index: int,
    mention_cluster: dict[tuple[int, int], str],
    quotation_cluster: dict[tuple[int, int], str],
    ids: dict[str, str],
) -> AnnotatedArticle:
    mentions = [
        mention.model_copy(update={"entity_id": ids[mention_cluster[(article_index, index)]]})
        for index, mention in enumerate(annotated.mentions)
    ]
    quotations = [
        quotation.model_copy(
            update={"speaker_entity": ids[quotation_cluster[(article_index, index)]]}
            if (article_index, index) in quotation_cluster
            else {}
        )
        for index, quotation in enumerate(annotated.quotations)
    ]
    return annotated.model_copy(update={"mentions": mentions, "quotations": quotations})
