"""Reporting verbs and what they attribute: the speaker and the relay of each cue.

"X said", "said X", "X told Y", "according to X", "X quoted Y as saying" (Y via X), "Y said ..., news agencies
said" (Y via the agencies), "adding"/"saying" without a subject (the subject of the verb they hang from). Cues are
attributed once, in text order, so a pronoun can look back at who spoke last.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from .quote_settings import QuoteSettings
from .speaker_base import SUBJECTS, Speaker, ancestors, inside_any, is_cue
from .speakers import SpeakerIndex

_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# Links a subjectless cue ("adding", "to say") climbs to find who speaks.
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acl", "ccomp", "acomp"})
_REPORTED_CONTENT = frozenset({"dobj", "ccomp", "xcomp", "attr", "obj"})
_CLOSING_MARKS = frozenset({'"', "”", "''", "’"})
_GAP_TOKENS = 12  # a speaker and an apposition between a closing mark and its cue
_TRAILING_TOKENS = 8  # words of a sentence holding only "Graham asked" or "the senator from Ohio asked"


class Attribution:
    __slots__ = ("cue", "speaker", "via")

    def __init__(self, speaker: Speaker | None, cue: str | None, via: Speaker | None) -> None:
        self.speaker = speaker
        self.cue = cue
        self.via = via


NOBODY = Attribution(None, None, None)


def own_subject(verb: Token, inside: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The verb's subject (outside quotation marks: a misparse may give the quoted words as a second one); the
    agent of a passive ("was described by diplomats as"); for a relative clause ("Putin, who said ...") the noun
    it describes."""
    agent = next((child for child in verb.children if child.dep_ == "agent"), None)
    by = next((child for child in agent.children if child.dep_ == "pobj"), None) if agent is not None else None
    if by is not None:
        return by
    subjects = [child for child in verb.children if child.dep_ in SUBJECTS and any(c.isalnum() for c in child.text)]
    subject = next(
        (child for child in subjects if not inside_any(child.idx, inside)), subjects[0] if subjects else None
    )
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


class Resolver:
    """Every reporting verb of the article outside quotation marks, attributed once in text order."""

    def __init__(self, index: SpeakerIndex, settings: QuoteSettings) -> None:
        self.index = index
        self.settings = settings
        self._by_cue: dict[int, Attribution] = {}
        self.cues = [t for t in index.cue_candidates if is_cue(t) and not inside_any(t.idx, index.inside)]
        self._cue_offsets = [token.idx for token in self.cues]
        for token in self.cues:
            attribution = self._attribute_cue(token)
            self._by_cue[token.i] = attribution
            speaker = attribution.speaker
            if speaker is not None and speaker.label == "PERSON":
                index.speakers.append((token.idx, speaker, index.entity_at(speaker.start)))
            elif speaker is not None and speaker.label == "NP" and self._one_person(speaker, token):
                # "the speaker of parliament said ...": the last to speak for a later "he said", though unnamed; not
                # "according to a party aide", who relays what someone else said
                index.speakers.append((token.idx, speaker, None))

    def _one_person(self, speaker: Speaker, cue: Token) -> bool:
        if cue.lower_ == "according":
            return False
        tokens = self.index.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        return tokens is not None and self.index.names_one_person(tokens.root)

    def cues_between(self, low: int, high: int) -> list[Token]:
        return self.cues[bisect_left(self._cue_offsets, low) : bisect_left(self._cue_offsets, high)]

    def attribution(self, cue: Token) -> Attribution:
        if cue.i not in self._by_cue:
            self._by_cue[cue.i] = self._attribute_cue(cue)
        return self._by_cue[cue.i]

    def _attribute_cue(self, cue: Token) -> Attribution:
        index = self.index
        if cue.lower_ == "according":
            to = next(child for child in cue.children if child.lower_ == "to")
            named = next((child for child in to.children if child.dep_ == "pobj"), None)
            return Attribution(index.speaker_of(named) if named is not None else None, "according to", None)
        quoting = _quoting_verb(cue)
        if quoting is not None:
            quoted = next((child for child in quoting.children if child.dep_ in ("dobj", "nsubjpass")), None)
            relay = next((child for child in quoting.children if child.dep_ == "nsubj"), None)
            agent = next((child for child in quoting.children if child.dep_ == "agent"), None)
            if relay is None and agent is not None:
                relay = next((child for child in agent.children if child.dep_ == "pobj"), None)
            speaker = index.speaker_of(quoted) if quoted is not None else None
            if speaker is not None:
                via = index.speaker_of(relay) if relay is not None else None
                return Attribution(speaker, f"{quoting.text} ... as saying", via)
        subject, verb = self._subject(cue)
        if subject is None or verb is None:
            return Attribution(self._adjacent_name(cue), cue.text, None)
        speaker = index.speaker_of(subject)
        return Attribution(speaker, cue.text, self._relay(verb, speaker) or self._attached_relay(verb, subject))

    def _adjacent_name(self, cue: Token) -> Speaker | None:
        """A misparsed "X said" / "said X": the person or organisation right beside the cue, or the name that
        opens the words between a closing quotation mark and the cue ('"...," Flynn, a top aide, said')."""
        doc = self.index.doc
        gap: list[TokenSpan] = []
        for at in range(cue.i - 1, max(-1, cue.i - _GAP_TOKENS), -1):
            token = doc[at]
            if inside_any(token.idx, self.index.inside) or token.lower_ in _CLOSING_MARKS or token.pos_ == "VERB":
                break
            entity = self.index.entity_of.get(at)
            if entity is not None and entity.label_ in ("PERSON", "ORG") and entity.root.dep_ != "poss":
                gap.append(entity)
        if gap:
            chosen = next((e for e in reversed(gap) if e.label_ == "PERSON"), gap[-1])
            return self.index.trimmed_entity(self.index.described_person(chosen) or chosen)
        for step in (1, 2):
            at = cue.i + step
            if not 0 <= at < len(doc) or inside_any(doc[at].idx, self.index.inside):
                continue
            entity = self.index.entity_of.get(at)
            if entity is not None and entity.label_ in ("PERSON", "ORG"):
                return self.index.trimmed_entity(entity)
        return None

    def trailing_cue(self, close_at: int) -> Token | None:
        """'"...?" Graham asked.': a short sentence of its own right after the closing mark, nothing but a speaker
        and an active reporting verb that reports nothing else (no object, no clause of its own); "Ambulances
        were called in from nearby towns" is no attribution."""
        index = self.index
        first = index.token_after(close_at)
        if first is None or index.sentence_start(first.i) != first.i:
            return None
        sentence = index.doc[first.i : index.sentence_end(first.i)]
        if sum(1 for token in sentence if not token.is_punct and not token.is_space) > _TRAILING_TOKENS:
            return None
        for token in sentence:
            children = list(token.children)
            if (
                is_cue(token)
                and any(child.dep_ == "nsubj" for child in children)
                and not any(child.dep_ in _REPORTED_CONTENT or child.dep_ == "auxpass" for child in children)
            ):
                return token
        return None

    def _subject(self, cue: Token) -> tuple[Token | None, Token | None]:
        """The subject of the cue, or, for "adding"/"saying"/"calling" without one, of the verb it hangs from
        (preferring a reporting verb's subject: "X said ..., adding"). A subject inside quotation marks is the
        quoted words' own ("My reaction ..."), never the writer's speaker."""
        first: tuple[Token | None, Token | None] = (None, None)
        verb: Token = cue
        named = self._name_before_participle(cue)
        if named is not None:
            return named, cue  # "footage of Hillary Clinton asking, '...'" (the parser hung "asking" elsewhere)
        for _ in range(5):
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and not is_cue(verb.head):
                return verb.head, verb  # "footage of Clinton asking, '...'"
            subject = own_subject(verb, self.index.inside)
            if subject is not None and not inside_any(subject.idx, self.index.inside):
                if verb is cue or is_cue(verb):
                    return subject, verb
                if first[0] is None:
                    first = (subject, verb)
            if verb.head.i == verb.i or verb.dep_ not in _CLIMB:
                break
            verb = verb.head
            if inside_any(verb.idx, self.index.inside) and not self._subject_outside(verb):
                break  # the quoted words' own subjects ("we", "I") never speak for the writer's sentence
        return first

    def _name_before_participle(self, cue: Token) -> Token | None:
        """The person a subjectless participle cue right after a name describes: "Clinton asking", "Trump saying"."""
        if cue.tag_ != "VBG" or cue.i == 0 or any(child.dep_ in SUBJECTS for child in cue.children):
            return None
        before = self.index.doc[cue.i - 1]
        entity = self.index.entity_of.get(before.i)
        person = entity is not None and entity.label_ == "PERSON" and entity.end == cue.i
        if not person and before.text not in self.index.surnames:
            return None
        return None if before.dep_ in SUBJECTS and before.head.i != cue.i else before

    def _subject_outside(self, verb: Token) -> bool:
        """Whether a verb inside quotation marks has its subject outside them: the writer's clause around a
        quoted fragment ('she was "whisked off to the hospital"')."""
        subject = own_subject(verb, self.index.inside)
        return subject is not None and not inside_any(subject.idx, self.index.inside)

    def _attached_relay(self, verb: Token, subject: Token) -> Speaker | None:
        relay = _relayed_by(verb, subject)
        return self.index.speaker_of(relay) if relay is not None else None

    def _relay(self, verb: Token, speaker: Speaker | None) -> Speaker | None:
        """The nearest reporting verb above the cue, with a subject of its own: "Y said ..., news agencies said"."""
        for ancestor in ancestors(verb, self.settings):
            if not is_cue(ancestor):
                continue
            subject = next((child for child in ancestor.children if child.dep_ in SUBJECTS), None)
            if subject is None:
                continue
            relay = self.index.speaker_of(subject)
            if relay is not None and relay.label != "PRON" and (speaker is None or relay.start != speaker.start):
                return relay
            return None
        return None


def _relayed_by(verb: Token, subject: Token) -> Token | None:
    """The relay hanging from the speaker's own clause: "According to Yahoo News, X said", "X, quoted by RIA,
    said"."""
    for child in verb.children:
        if child.lower_ == "according":
            to = next((grand for grand in child.children if grand.lower_ == "to"), None)
            named = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if named is not None:
                return named
    for child in subject.children:
        if child.dep_ == "acl" and child.lemma_.lower() == "quote":
            agent = next((grand for grand in child.children if grand.dep_ == "agent"), None)
            named = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if named is not None:
                return named
    return None


def _quoting_verb(cue: Token) -> Token | None:
    """The "quoted" of "X quoted Y as saying" (or "Y was quoted as saying"), reached from either verb."""
    if cue.lemma_.lower() == "quote":
        return cue
    if cue.lemma_.lower() == "say" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() == "quote":
        return cue.head.head
    if cue.lemma_.lower() == "say" and cue.head.lemma_.lower() == "quote" and cue.dep_ in ("advcl", "xcomp"):
        return cue.head
    return None
