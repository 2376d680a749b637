"""Who speaks: the subject of a reporting verb, resolved to the person or organisation the story names.

A subject is read as the text gives it: a named entity (a person beats the organisation they speak for; a title
before a name gives the name: "Deputy Acting Chief of X Fire Department Lee Lung-Sheng", "chief of staff Erskine
Bowles"); a definite role noun ("the chief justice") goes to the earlier person a description with the same head
and every qualifier described ("Chief Justice John Roberts", "Roberts, the chief justice"), else keeps its own
description ("a resident of Hualien"), never another person; "he"/"she" go to the nearest person they agree with
(gender as the article itself shows it: "Mr."/"Ms.", a gendered noun beside the name, the pronouns of sentences
about that one person; else a first name given to one sex only), trying in turn a person subject earlier in the
same sentence, the person the sentence before is about, the last speaker, the nearest subject, the nearest
mention; "they" goes to the nearest plural antecedent, "it said" to the organisation its sentence or the one
before is about (``pronouns.py``). Every walk up the parse is capped (``QuoteSettings.max_climb``) and
every look-back is a bisection, so cost stays linear in the article.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newsfuse.model import Mention

from .name_genders import first_name_gender
from .pronouns import PronounAntecedents
from .quote_settings import QuoteSettings
from .speaker_base import SUBJECTS, Speaker, ancestors, inside_any, is_cue
from .speaker_words import (
    DOCUMENT_NOUNS,
    FEMALE,
    GENDERED_NOUNS,
    HONORIFICS,
    MALE,
    NAMING_VERBS,
    PLACE_WORDS,
    PLURAL_PRONOUNS,
    REPORTING,
    SPEAKER_PRONOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_GLUE,
)

_STRONG_EVIDENCE = 3  # an honorific or a gendered noun beside the name outweighs a pronoun nearby
# the same hashes spaCy's string store gives, for a vectorised first pass over a document's tokens
_REPORTING_IDS = numpy.array(
    sorted({get_string_id(word) for word in (*REPORTING, *(w.title() for w in REPORTING))}), dtype=numpy.uint64
)
_ACCORDING_ID = get_string_id("according")
_SUBJECT_IDS = numpy.array(sorted(get_string_id(label) for label in SUBJECTS), dtype=numpy.uint64)
_POBJ_ID, _AGENT_ID = get_string_id("pobj"), get_string_id("agent")
_PRONOUN_IDS = numpy.array(sorted({get_string_id(word) for word in (*MALE, *FEMALE)}), dtype=numpy.uint64)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
_ISSUER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_DESCRIPTION_CUTS = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl"})
_MAX_DESCRIPTION_TOKENS = 12


class SpeakerIndex(PronounAntecedents):
    """What the article says about its people, gathered once: entities by token, person subjects in order, the
    words that describe each person, each person's gender as the article shows it."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        paragraphs: list[int],
        mentions: Sequence[Mention],
        inside: Sequence[tuple[int, int]],
        settings: QuoteSettings,
    ) -> None:
        self.doc = doc
        self.text = text
        self.settings = settings
        self.paragraphs = paragraphs
        self.inside = inside
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._mention_starts = [m.start for m in self.mentions]
        self._mentions_with: dict[tuple[str, str], list[int]] = defaultdict(list)  # (label, word) → mention indexes
        for position, mention in enumerate(self.mentions):
            for word in set(mention.text.split()):
                self._mentions_with[(mention.label, word)].append(position)
        # token attributes as arrays: a spaCy Token is built anew on every access, so tokens are built only
        # where a reporting verb, a surname or a gendered pronoun may be
        columns = doc.to_array([IDX, LEMMA, ORTH, LOWER, HEAD, IS_PUNCT, IS_SPACE, DEP]).reshape(-1, 8)
        self._heads = numpy.arange(len(doc)) + columns[:, 4].astype(numpy.int64)  # HEAD is an offset
        self._words = (columns[:, 5] == 0) & (columns[:, 6] == 0)
        # subjects, and the agents of passives ("was described by the diplomats"), in text order: what "they" reads
        labels = columns[:, 7]
        agents = (labels == _POBJ_ID) & (labels[self._heads] == _AGENT_ID) if len(doc) else labels == _AGENT_ID
        self.subject_positions: list[int] = numpy.flatnonzero(_member(labels, _SUBJECT_IDS) | agents).tolist()
        self._token_starts = columns[:, 0].tolist()
        self.cue_candidates = [doc[int(i)] for i in numpy.flatnonzero(
            _member(columns[:, 1], _REPORTING_IDS) | (columns[:, 3] == _ACCORDING_ID)
        )]  # fmt: skip
        pronouns = _member(columns[:, 3], _PRONOUN_IDS)
        self._pronoun_positions = numpy.flatnonzero(pronouns).tolist()
        orth = columns[:, 2]
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else []
        self._sentence_starts = [0, *(start for start in starts if start > 0)] if len(doc) else []
        self._sentence_ends = [*self._sentence_starts[1:], len(doc)]
        entities = doc.ents
        self.entity_of = {index: entity for entity in entities for index in range(entity.start, entity.end)}
        outside = [e for e in entities if not inside_any(e.start_char, inside)]
        persons = [e for e in outside if e.label_ == "PERSON"]
        # the small model misses a known name now and then ("Trump" tagged ORG at a sentence start): a capitalised
        # word that is a person's surname elsewhere in the article is that person
        self.surnames = frozenset(e[-1].text for e in persons if e[-1].text[:1].isupper())
        surnames = numpy.array(sorted(get_string_id(name) for name in self.surnames), dtype=numpy.uint64)
        surname_positions: list[int] = numpy.flatnonzero(_member(orth, surnames)).tolist()
        persons.extend(
            TokenSpan(doc, i, i + 1, label="PERSON")
            for i in surname_positions
            if doc[i].ent_type_ != "PERSON" and not inside_any(self._token_starts[i], inside)
        )
        self._persons = sorted(persons, key=lambda e: e.start)
        self._person_ends = [e.end_char for e in self._persons]
        self._orgs = [e for e in outside if e.label_ in ("ORG",)]
        self._org_ends = [e.end_char for e in self._orgs]
        self._subject_persons = [e for e in self._persons if e.root.dep_ in SUBJECTS]
        self._subject_person_ends = [e.end_char for e in self._subject_persons]
        self._keys: dict[int, str] = {}
        self._gender_votes: dict[str, Counter[str]] = defaultdict(Counter)
        self._described: dict[str, list[tuple[int, TokenSpan, frozenset[str], bool]]] = defaultdict(list)
        self._learned = False  # genders and descriptions are read on the first pronoun or role noun to resolve
        self._first_name_votes: dict[str, Counter[str]] = defaultdict(Counter)
        # (offset, speaker, its entity) of every reporting verb whose speaker is a person, filled in text order
        self.speakers: list[tuple[int, Speaker, TokenSpan | None]] = []

    # ------------------------------------------------------------ what the article says about a person

    def key(self, entity: TokenSpan) -> str:
        """A person's key: the fullest form the article gave the name by then, case folded."""
        key = self._keys.get(entity.start_char)
        if key is None:
            key = self.full_name(Speaker(entity.start_char, entity.end_char, "PERSON")).casefold()
            self._keys[entity.start_char] = key
        return key

    def _read_person(self, entity: TokenSpan) -> None:
        key = self.key(entity)
        before = entity.doc[max(0, entity.start - 1)] if entity.start > 0 else None
        for token in (before, entity[0]):
            if token is not None and token.lower_ in HONORIFICS:
                self._gender_votes[key][HONORIFICS[token.lower_]] += _STRONG_EVIDENCE
        # a first name given to one sex only: weak evidence, kept apart ("Kim Dae Jung", "Wang Bingzhang" open with
        # a family name that the registers of given names list as a woman's)
        names = [token for token in entity if token.text[:1].isupper() and token.lower_ not in HONORIFICS]
        named_as = first_name_gender(names[0].text) if len(names) > 1 else None
        if named_as is not None:
            self._first_name_votes[key][named_as] += self.settings.first_name_votes
        root = entity.root
        related = [child for child in root.children if child.i < entity.start or child.i >= entity.end]
        if root.dep_ == "appos":
            related.append(root.head)  # "his daughter, Emma" (but "Clinton spokesman Fallon" says nothing of Clinton)
        for token in related:
            if token.dep_ not in ("appos", "compound", "nmod") and token.i != root.head.i:
                continue
            # the description's head names the role ("justice" of "Chief Justice", "lawyer" of "union lawyer"),
            # its other words qualify it; "union" alone never described Kessler
            head = _spelled_out(token.lower_)
            words = frozenset(map(_spelled_out, _description_words(token, entity)))
            qualified = any(t.ent_type_ in ("NORP", "GPE") for t in token.subtree if t.i < entity.start)
            self._described[head].append((entity.start_char, entity, words, qualified))
            gender = GENDERED_NOUNS.get(head)
            if gender is not None:
                self._gender_votes[key][gender] += _STRONG_EVIDENCE

    def _read_pronoun_sentences(self) -> None:
        """A sentence about one person only, whose third-person pronouns are all of one gender, shows it; but not
        a pronoun in reported words ("Fallon said she would sign it": she is someone else)."""
        by_sentence: dict[int, set[str]] = defaultdict(set)
        first_seen: dict[int, int] = {}
        for entity in self._persons:
            start = self.sentence_start(entity.start)
            by_sentence[start].add(self.key(entity))
            first_seen.setdefault(start, entity.start)
        for start, keys in by_sentence.items():
            if len(keys) != 1:
                continue
            end = self._sentence_ends[bisect_right(self._sentence_starts, start) - 1]
            positions = self._pronoun_positions
            after_name = positions[bisect_right(positions, first_seen[start]) : bisect_left(positions, end)]
            genders = {
                "m" if token.lower_ in MALE else "f"
                for token in (self.doc[i] for i in after_name)
                if not inside_any(token.idx, self.inside)
                and not any(is_cue(ancestor) for ancestor in ancestors(token, self.settings))
            }
            if len(genders) == 1:
                self._gender_votes[next(iter(keys))][genders.pop()] += 1

    def _learn(self) -> None:
        if not self._learned:
            self._learned = True
            for entity in self._persons:
                self._read_person(entity)
            self._read_pronoun_sentences()

    def gender(self, entity: TokenSpan, weak: bool = False) -> str | None:
        """The person's gender as the article shows it, or, with ``weak``, as their first name suggests too."""
        self._learn()
        votes = self._gender_votes.get(self.key(entity))
        if weak:
            votes = (votes or Counter()) + self._first_name_votes.get(self.key(entity), Counter())
        if not votes:
            return None
        ranked = [*votes.most_common(2), ("", 0)]
        return ranked[0][0] if ranked[0][1] > 2 * ranked[1][1] else None

    def described_as(self, head: str, qualifiers: frozenset[str], before: int) -> TokenSpan | None:
        """The latest person before ``before`` whose description had the head ``head`` and every one of the
        ``qualifiers`` ("the prime minister" is not "Foreign Minister Dini"); one described without a nationality
        or a country first: in "Russian President Boris Yeltsin ... the president said" of a story that named
        "President Clinton" before, the bare "the president" is Clinton."""
        self._learn()
        earlier = [
            (entity, qualified)
            for start, entity, words, qualified in self._described.get(head, [])
            if start < before and qualifiers <= words
        ]
        plain = [entity for entity, qualified in earlier if not qualified]
        if plain:
            return plain[-1]
        return earlier[-1][0] if earlier else None

    def roles_of(self, entity: TokenSpan) -> frozenset[str]:
        """The head nouns of the descriptions the article gave this person ("minister" of "Prime Minister John
        Arlow")."""
        self._learn()
        key = self.key(entity)
        return frozenset(
            head for head, entries in self._described.items() if any(self.key(e) == key for _, e, _, _ in entries)
        )

    # ------------------------------------------------------------ candidates before an offset

    def persons_before(self, offset: int, subjects_only: bool) -> Iterable[TokenSpan]:
        entities, ends = (
            (self._subject_persons, self._subject_person_ends) if subjects_only else (self._persons, self._person_ends)
        )
        for index in range(bisect_right(ends, offset) - 1, -1, -1):
            yield entities[index]

    def orgs_before(self, offset: int) -> Iterable[TokenSpan]:
        for index in range(bisect_right(self._org_ends, offset) - 1, -1, -1):
            yield self._orgs[index]

    def tops(self, start: int, end: int) -> list[Token]:
        """The words of tokens ``start:end`` whose head lies outside them, or that are a root: where a phrase
        hangs from the rest of its sentence."""
        heads = self._heads[start:end]
        positions = numpy.arange(start, end)
        outside = (heads == positions) | (heads < start) | (heads >= end)
        found = numpy.flatnonzero(outside & self._words[start:end])[: self.settings.max_climb]
        return [self.doc[start + int(i)] for i in found]

    def sentence_start(self, token_index: int) -> int:
        return self._sentence_starts[max(0, bisect_right(self._sentence_starts, token_index) - 1)]

    def sentence_end(self, token_index: int) -> int:
        return self._sentence_ends[max(0, bisect_right(self._sentence_starts, token_index) - 1)]

    def token_after(self, offset: int) -> Token | None:
        """The first token that is not a space at or after ``offset``."""
        at = bisect_left(self._token_starts, offset)
        while at < len(self.doc) and self.doc[at].is_space:
            at += 1
        return self.doc[at] if at < len(self.doc) else None

    def entity_at(self, offset: int) -> TokenSpan | None:
        tokens = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return self.entity_of.get(tokens.start) if tokens is not None else None

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.paragraphs, offset) - 1

    def trimmed_entity(self, entity: TokenSpan) -> Speaker:
        """The entity as the mention finder trimmed it ("the", a possessive "'s" gone)."""
        index = bisect_left(self._mention_starts, entity.start_char)
        for mention in self.mentions[index : index + 3]:
            if mention.start >= entity.start_char and mention.end <= entity.end_char:
                label = "PERSON" if entity.label_ == "PERSON" else mention.label
                return Speaker(mention.start, mention.end, label)
        return Speaker(entity.start_char, entity.end_char, entity.label_)

    def full_name(self, speaker: Speaker) -> str:
        """The speaker's name, in its fuller earlier form in the article ("Kim" → "Kim Jong Un")."""
        own = " ".join(self.text[speaker.start : speaker.end].split())
        if speaker.label not in ("PERSON", "ORG"):
            return own
        words = own.split()
        if not words:
            return own
        last = bisect_left(self._mention_starts, speaker.start)
        # only the earlier mentions holding the speaker's last word can be a fuller form of it
        holding = self._mentions_with.get((speaker.label, words[-1]), [])
        earlier = holding[max(0, bisect_left(holding, last) - self.settings.name_lookback) : bisect_left(holding, last)]
        forms: Counter[str] = Counter()
        for position in reversed(earlier):
            mention = self.mentions[position]
            form_words = mention.text.split()
            if len(form_words) <= len(words) or form_words[-1].lower() in PLACE_WORDS:
                continue
            if _contains(form_words, words):
                forms[" ".join(form_words)] += 1
        if not forms:
            return own
        # of several people sharing a surname, a bare surname is the one the article named most, else the one
        # named last ("Keith Lamont Scott ... his wife, Rakeyia Scott ... Scott had a gun")
        return max(forms, key=lambda form: forms[form])

    # ------------------------------------------------------------ a subject to a speaker

    def speaker_of(self, subject: Token) -> Speaker | None:
        """The name a subject gives: its entity, a person in apposition or after a title, a resolved pronoun, the
        person a role noun described earlier, else the subject's own description."""
        honorific = self.doc[subject.i - 1] if subject.i > 0 else None
        pronoun_shaped = subject.lower_ in SPEAKER_PRONOUNS and subject.text[:1].isupper()
        if honorific is not None and honorific.lower_ in HONORIFICS and pronoun_shaped:
            return Speaker(honorific.idx, subject.idx + len(subject.text), "PERSON")  # "Ms. He said": a name
        if subject.lower_ in PLURAL_PRONOUNS:  # "they said", "X quoted them as saying"; never "they believed ..."
            if not (is_cue(subject.head) or subject.head.lemma_.lower() == "quote"):
                return None
            # with no plural antecedent the text's own word stays: no one person stands in for "they"
            unresolved = Speaker(subject.idx, subject.idx + len(subject.text), "PRON")
            return self.plural_antecedent(subject) or unresolved
        if subject.lower_ in SPEAKER_PRONOUNS:
            return self.pronoun_antecedent(subject)
        if subject.lower_ == "it":  # only as the subject of a reporting verb: "it said", never "it should"
            return self._organisation_before(subject) if is_cue(subject.head) else None
        if subject.pos_ == "PRON":
            return None
        # a name compounded onto a common noun only qualifies it: "the New York businessman", "an ANC spokesman"
        kinds = ("appos",) if subject.pos_ == "NOUN" else ("appos", "compound")
        around = [child for child in subject.children if child.dep_ in kinds]
        entities = [self.entity_of.get(token.i) for token in (subject, *around)]
        named = [entity for entity in entities if entity is not None and entity.label_ in NAME_LABELS | {"FAC", "LOC"}]
        tagged = self.entity_of.get(subject.i)
        if subject.text in self.surnames and (tagged is None or tagged.label_ != "PERSON"):
            return self.trimmed_entity(TokenSpan(self.doc, subject.i, subject.i + 1, label="PERSON"))
        titled = self._titled_person(subject)
        if titled is not None:
            return self.trimmed_entity(titled)
        if named:  # a person beats the organisation they speak for: "An ANC spokesman, Thabo Masebe, said"
            return self.trimmed_entity(next((e for e in named if e.label_ == "PERSON"), named[0]))
        if (
            subject.pos_ == "PROPN" and not subject.text.islower()
        ):  # an untagged name: the run of proper nouns it ends ("news agency RIA")
            first = subject
            while first.i > 0 and self.doc[first.i - 1].pos_ == "PROPN" and self.doc[first.i - 1].head == subject:
                first = self.doc[first.i - 1]
            return Speaker(first.idx, subject.idx + len(subject.text), "NP")
        issuer = self._issuer(subject)
        if issuer is not None:
            return self.trimmed_entity(issuer)
        if subject.lemma_.lower() in DOCUMENT_NOUNS and any(c.lower_ == "the" for c in subject.children):
            publisher = self._organisation_before(subject)  # "Libya's news agency JANA said ... 'the report said'"
            if publisher is not None:
                return publisher
        described = self._role_antecedent(subject)
        if described is not None:
            return self.trimmed_entity(described)
        return self._named_in_clause(subject) or self._description(subject)

    def _named_in_clause(self, subject: Token) -> Speaker | None:
        """A description whose own relative clause gives the name: "a woman who identified herself as Nancy", "a
        resident who asked to be identified by her family name, Chan"."""
        for clause in subject.children:
            if clause.dep_ != "relcl":
                continue
            naming = [t for t in clause.subtree if t.lemma_.lower() in NAMING_VERBS and t.pos_ == "VERB"]
            for verb in naming[:1]:
                names = [t for t in verb.subtree if t.i > verb.i and t.pos_ == "PROPN" and t.text[:1].isupper()]
                if names:
                    entity = self.entity_of.get(names[-1].i)
                    if entity is not None and entity.label_ == "PERSON":
                        return self.trimmed_entity(entity)
                    return Speaker(names[-1].idx, names[-1].idx + len(names[-1].text), "PERSON")
        return None

    def _issuer(self, subject: Token) -> TokenSpan | None:
        """Who speaks through a document: the name on it ("the IMF report stated", "the ministry's statement"), or
        the subject that issued it ("the Security Council issued a statement calling ...")."""
        if subject.pos_ != "NOUN" or subject.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        if not is_cue(subject.head) and not any(child.dep_ == "acl" and is_cue(child) for child in subject.children):
            return None  # only a document that reports: "Trump's statement ... is 'true'" is not Trump speaking
        for child in subject.children:
            entity = self.entity_of.get(child.i)
            if child.dep_ in ("compound", "poss") and entity is not None and entity.label_ in _ISSUER_LABELS:
                return entity
        if subject.dep_ != "dobj":
            return None
        issuer = next((child for child in subject.head.children if child.dep_ == "nsubj"), None)
        entity = self.entity_of.get(issuer.i) if issuer is not None else None
        return entity if entity is not None and entity.label_ in _ISSUER_LABELS else None

    def described_person(self, entity: TokenSpan) -> TokenSpan | None:
        """The person an organisation's name describes: "Marc Morial, the chief executive of the National Urban
        League" (the organisation sits in an apposition of the person)."""
        if entity.label_ == "PERSON":
            return None
        for count, token in enumerate(entity.root.ancestors):
            if count >= 4 or token.dep_ in SUBJECTS or token.pos_ in ("VERB", "AUX"):
                return None
            if token.dep_ == "appos":
                person = self.entity_of.get(token.head.i)
                return person if person is not None and person.label_ == "PERSON" else None
        return None

    def _titled_person(self, subject: Token) -> TokenSpan | None:
        """ "Deputy Acting Chief of Hualien Fire Department Lee Lung-Sheng", "White House chief of staff Erskine
        Bowles": a person ending the subject phrase after a title (capitalised words, or a common noun
        compounded onto the name), not "the wife of John Smith"."""
        tokens = _pruned(subject)
        if not tokens or len(tokens) > 2 * _MAX_DESCRIPTION_TOKENS:
            return None
        last = self.entity_of.get(tokens[-1].i)
        if last is None or last.label_ != "PERSON" or last.start <= tokens[0].i:
            return None
        title = [t for t in tokens if t.i < last.start and not t.is_punct]
        if all(t.text[:1].isupper() or t.lower_ in TITLE_GLUE for t in title):
            return last
        before = self.doc[last.start - 1]
        if before.pos_ == "NOUN" and before.dep_ == "compound" and before.head.i in range(last.start, last.end):
            return last  # "chief of staff Erskine Bowles": "staff" is compounded onto the name
        return None

    def _role_antecedent(self, subject: Token) -> TokenSpan | None:
        """A role noun ("the chief justice", "the mayor") names the person it described earlier in the article;
        only a definite one does: "a spokesman" is someone new."""
        common = subject.pos_ == "NOUN" or subject.text.islower()  # the parser calls "minister" PROPN now and then
        if subject.tag_ in ("NNS", "NNPS"):
            return None  # "the authors" are several people, not the one named last
        if not common or not any(child.dep_ in ("det", "poss") for child in subject.children):
            return None
        if any(child.dep_ == "det" and child.lower_ not in ("the", "this", "that") for child in subject.children):
            return None
        qualifiers = frozenset(
            _spelled_out(child.lower_)
            for child in subject.children
            if child.dep_ in ("compound", "amod") and child.i < subject.i and child.is_alpha
        ) | frozenset(  # "Yugoslavia's prime minister" is not Britain's
            child.lower_
            for child in subject.children
            if child.dep_ == "poss" and child.ent_type_ in ("GPE", "NORP", "ORG")
        )
        return self.described_as(_spelled_out(subject.lower_), qualifiers, subject.idx)

    def _description(self, subject: Token) -> Speaker | None:
        """The subject as the text describes it ("a resident of Hualien"), without its relative clauses and
        appositions at any depth ("an aide to a Republican who ..." is "an aide to a Republican")."""
        run = _pruned(subject)[:_MAX_DESCRIPTION_TOKENS]
        cut = next((k for k, (left, right) in enumerate(itertools.pairwise(run)) if right.i != left.i + 1), None)
        if cut is not None:
            run = run[: cut + 1]  # a gap: what followed the cut clause is no longer one phrase
        while run and (run[-1].is_punct or run[-1].dep_ in ("case", "cc", "prep") or run[-1].pos_ == "CCONJ"):
            run.pop()
        if run and run[0].lower_ == "the":
            run = run[1:]
        if not run:
            return None
        return Speaker(run[0].idx, run[-1].idx + len(run[-1].text), "NP")


def _member(values: numpy.ndarray, sorted_ids: numpy.ndarray) -> numpy.ndarray:
    """Which of ``values`` are among ``sorted_ids`` (a binary search each; ``numpy.isin`` sorts both)."""
    if not len(sorted_ids):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    found: numpy.ndarray = sorted_ids[at] == values
    return found


def _spelled_out(word: str) -> str:
    return TITLE_ABBREVIATIONS.get(word, word)


def _pruned(head: Token) -> list[Token]:
    """The phrase a noun heads, in text order, without the clauses and appositions hanging from it or from
    any word inside it."""
    kept: list[Token] = []
    stack = [head]
    while stack and len(kept) < 4 * _MAX_DESCRIPTION_TOKENS:
        token = stack.pop()
        kept.append(token)
        stack.extend(child for child in token.children if _kept_in_phrase(child))
    return sorted(kept, key=lambda t: t.i)


def _kept_in_phrase(child: Token) -> bool:
    """Clauses, appositions and commas leave the phrase; a hyphen or slash inside a word ("52-count") stays."""
    if child.is_space:
        return False
    if child.dep_ == "punct":
        return child.text in "-–/&" and child.i > 0 and not child.doc[child.i - 1].whitespace_
    return child.dep_ not in _DESCRIPTION_CUTS


def _description_words(token: Token, entity: TokenSpan) -> list[str]:
    """Lowercased common words of the phrase around a name that describe the person ("chief", "justice")."""
    subtree = [t for t in token.subtree if not (entity.start <= t.i < entity.end)][:_MAX_DESCRIPTION_TOKENS]
    return [
        t.lower_
        for t in subtree
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_.rstrip(".").isalpha() and t.ent_type_ != "PERSON"
    ]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))
