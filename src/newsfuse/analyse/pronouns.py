"""Pronoun speakers: "he"/"she" to the nearest person they agree with in gender, "they" to the nearest antecedent
a plural agrees with (people joined by "and", a plural noun naming people, an organisation, a group), "it" to the
organisation its sentence or the one before is about. Mixed into ``SpeakerIndex``, which gathers what these read.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .name_genders import names_people
from .quote_settings import QuoteSettings
from .speaker_base import SUBJECTS, Speaker, inside_any, is_cue
from .speaker_words import (
    COLLECTIVE_NOUNS,
    DOCUMENT_NOUNS,
    FEMALE,
    GENDERED_NOUNS,
    INDEFINITE,
    MALE,
    PLURAL_PRONOUNS,
    TITLE_ABBREVIATIONS,
)

_PLURAL_LABELS = frozenset({"ORG", "NORP"})
_MAX_GROUP_TOKENS = 16  # "Senators Chuck Grassley of Iowa and Patrick Leahy of Vermont"


class PronounAntecedents:
    """The pronoun half of ``SpeakerIndex``: what it reads of the index is declared here."""

    doc: Doc
    settings: QuoteSettings
    paragraphs: list[int]
    inside: Sequence[tuple[int, int]]
    entity_of: dict[int, TokenSpan]
    surnames: frozenset[str]
    speakers: list[tuple[int, Speaker, TokenSpan | None]]
    subject_positions: list[int]
    _sentence_starts: list[int]
    _sentence_ends: list[int]

    def gender(self, entity: TokenSpan, weak: bool = False) -> str | None:
        raise NotImplementedError

    def trimmed_entity(self, entity: TokenSpan) -> Speaker:
        raise NotImplementedError

    def persons_before(self, offset: int, subjects_only: bool) -> Iterable[TokenSpan]:
        raise NotImplementedError

    def sentence_start(self, token_index: int) -> int:
        raise NotImplementedError

    def speaker_of(self, subject: Token) -> Speaker | None:
        raise NotImplementedError

    def roles_of(self, entity: TokenSpan) -> frozenset[str]:
        raise NotImplementedError

    def entity_at(self, offset: int) -> TokenSpan | None:
        raise NotImplementedError

    def paragraph(self, offset: int) -> int:
        raise NotImplementedError

    def _role_antecedent(self, subject: Token) -> TokenSpan | None:
        raise NotImplementedError

    def _description(self, subject: Token) -> Speaker | None:
        raise NotImplementedError

    def window_start(self, pronoun: Token) -> int:
        """Where a pronoun's look-back ends: the start of the paragraph ``antecedent_paragraphs - 1`` before its own."""
        return self.paragraphs[max(0, self.paragraph(pronoun.idx) - self.settings.antecedent_paragraphs + 1)]

    def pronoun_antecedent(self, pronoun: Token) -> Speaker | None:
        """ "he"/"she": a person who is the subject earlier in the same sentence ("Trump ... what he called"), else
        what the first pronoun of its chain stands for (``chain_start``): the unnamed speaker or the person the
        sentence before it is about, the last speaker, the nearest subject, the nearest person of the same or the
        previous paragraphs that the pronoun agrees with; "they": the nearest plural antecedent
        (``plural_antecedent``)."""
        if pronoun.lower_ in PLURAL_PRONOUNS:
            return self.plural_antecedent(pronoun)
        gender = "m" if pronoun.lower_ in MALE else "f"
        sentence_start = self.sentence_start(pronoun.i)
        for entity in self.persons_before(pronoun.idx, subjects_only=True):
            if entity.start < sentence_start:
                break
            if self.gender(entity) in (None, gender):
                return self.trimmed_entity(entity)
        pronoun = self.chain_start(pronoun, gender)
        window = self.window_start(pronoun)
        unnamed = self._unnamed_speaker_before(pronoun, window, gender)
        if unnamed is not None:
            return unnamed  # "One law-enforcement official said ... '...,' he said": the official, no one named
        previous = self.previous_subject(pronoun, window)
        if previous is not None and self.gender(previous) in (None, gender):
            return self.trimmed_entity(previous)
        role = self._role_subject_before(pronoun, window, gender)
        if role is not None:
            return role  # "The speaker of parliament criticised the plan. '...,' he said": not the last one named
        earlier = bisect_left(self.speakers, pronoun.idx, key=lambda item: item[0])
        for position in range(earlier - 1, -1, -1):
            at, speaker, spoken_by = self.speakers[position]
            if at < window:
                break
            if spoken_by is None and speaker.label == "NP":  # a role noun that spoke: "the spokesman said"
                if self.description_gender(speaker) in (None, gender):
                    return speaker
            elif spoken_by is None or self.gender(spoken_by) in (None, gender):
                return speaker
        for subjects_only in (True, False):
            for entity in self.persons_before(pronoun.idx, subjects_only):
                if entity.start_char < window:
                    break
                # "the Clinton campaign ... support her": a name that only qualifies a noun is no one spoken of; at
                # this distance a first name tells apart the people the article shows nothing of
                if entity.root.dep_ != "compound" and self.gender(entity, weak=True) in (None, gender):
                    return self.trimmed_entity(entity)
        return None

    def chain_start(self, pronoun: Token, gender: str) -> Token:
        """The first pronoun of the run of sentences before ``pronoun`` whose main subject is a pronoun of the same
        gender ("Rakeyia Scott can be heard ... 'Don't shoot him,' she says. She then urges ... 'Did you shoot
        him?' she yells"): they speak of one person, so the last one stands for what the first one does."""
        same = MALE if gender == "m" else FEMALE
        position = bisect_right(self._sentence_starts, pronoun.i) - 1
        for _ in range(self.settings.pronoun_chain_sentences):
            if position < 1:
                break
            position -= 1
            sentence = self.doc[self._sentence_starts[position] : self._sentence_ends[position]]
            subject = next(
                (c for c in sentence.root.children if c.dep_ in SUBJECTS and not inside_any(c.idx, self.inside)), None
            )
            if subject is None or subject.lower_ not in same:
                break
            pronoun = subject
        return pronoun

    def _previous_main_subject(self, pronoun: Token, window: int) -> Token | None:
        """The main subject of the sentence before the pronoun's, outside quotation marks and within the window."""
        position = bisect_right(self._sentence_starts, pronoun.i) - 1
        if position < 1:
            return None
        sentence = self.doc[self._sentence_starts[position - 1] : self._sentence_ends[position - 1]]
        if sentence.start_char < window:
            return None
        root = sentence.root
        return next((c for c in root.children if c.dep_ in SUBJECTS and not inside_any(c.idx, self.inside)), None)

    def previous_subject(self, pronoun: Token, window: int) -> TokenSpan | None:
        """The person the sentence before the pronoun's is about: its main subject, a name or a role noun that
        described a person earlier ("The Republican nominee also linked ... He said")."""
        subject = self._previous_main_subject(pronoun, window)
        if subject is None:
            return None
        entity = self.entity_of.get(subject.i)
        if entity is not None:
            return entity if entity.label_ == "PERSON" else None
        if subject.text in self.surnames:
            return TokenSpan(self.doc, subject.i, subject.i + 1, label="PERSON")
        return self._role_antecedent(subject)

    def _role_subject_before(self, pronoun: Token, window: int, gender: str) -> Speaker | None:
        """The person a role noun describes when it is the main subject of the sentence before and no one named
        was described so ("The speaker of parliament criticised the plan"): the pronoun is that person, as the
        text describes them; a role noun of the other gender ("the spokeswoman ... he said") is someone else."""
        subject = self._previous_main_subject(pronoun, window)
        if subject is None or not self.names_one_person(subject):
            return None
        named = self._named_in_phrase(subject)  # "The chief executive of Granger Telecom, Ray Verth, said"
        if named is None and _bare_epithet(subject):
            # "Donald Trump says ... The Republican presidential nominee noted ...": a bare definite role noun
            # right after a sentence about a named person is another word for that person
            named = self.previous_subject(subject, self.window_start(subject))
            roles = self.roles_of(named) if named is not None else frozenset()
            if roles and TITLE_ABBREVIATIONS.get(subject.lower_, subject.lower_) not in roles:
                named = None  # "Prime Minister John Arlow said ... The opposition leader walked out": someone else
        if named is not None:
            return self.trimmed_entity(named) if self.gender(named) in (None, gender) else None
        speaker = self.speaker_of(subject)  # "The ministry spokesman, Paul Everett, defended it": the name
        if speaker is None or speaker.label == "NP":
            return speaker if GENDERED_NOUNS.get(subject.lower_, gender) == gender else None
        entity = self.entity_at(speaker.start)
        return speaker if entity is None or self.gender(entity) in (None, gender) else None

    def _named_in_phrase(self, noun: Token) -> TokenSpan | None:
        """A person the role noun's own phrase names: in apposition ("the leader of the party, Fausto Bertinotti")
        or as what its relative clause says it was ("The writer, who officials believe was Haroun Fazil")."""
        for count, token in enumerate(noun.subtree):
            if count >= 4 * self.settings.max_climb:
                return None
            entity = self.entity_of.get(token.i)
            if entity is not None and entity.label_ == "PERSON" and entity.root.i == token.i and token.dep_ in (
                "appos",
                "attr",
            ):
                return entity
        return None

    def names_one_person(self, noun: Token) -> bool:
        """A singular common noun naming a person ("the speaker", "the opposition leader"), not a name, a group
        ("the committee"), a document ("the report") or several people."""
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or noun.i in self.entity_of or noun.text in self.surnames:
            return False
        lemma = noun.lemma_.lower()
        if lemma in DOCUMENT_NOUNS or lemma in COLLECTIVE_NOUNS:
            return False
        return lemma in GENDERED_NOUNS or names_people(lemma)

    def description_gender(self, speaker: Speaker) -> str | None:
        """The gender a description's head noun carries ("the spokeswoman"), if any."""
        tokens = self.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        return GENDERED_NOUNS.get(tokens.root.lower_) if tokens is not None else None

    def _unnamed_speaker_before(self, pronoun: Token, window: int, gender: str) -> Speaker | None:
        """The unnamed person who spoke in the sentence before: the singular common-noun subject of its reporting
        verb, indefinite ("One law-enforcement official said ..."), as the text describes them."""
        position = bisect_right(self._sentence_starts, pronoun.i) - 1
        if position < 1:
            return None
        sentence = self.doc[self._sentence_starts[position - 1] : self._sentence_ends[position - 1]]
        root = sentence.root
        if sentence.start_char < window or not is_cue(root):
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj" and not inside_any(c.idx, self.inside)), None)
        if subject is None or subject.pos_ != "NOUN" or subject.tag_ != "NN" or subject.i in self.entity_of:
            return None
        if subject.lemma_.lower() in DOCUMENT_NOUNS or GENDERED_NOUNS.get(subject.lower_, gender) != gender:
            return None
        if not any(child.dep_ in ("det", "nummod") and child.lower_ in INDEFINITE for child in subject.children):
            return None  # "the nominee" is someone the story knows; "a spokesman", "one official" someone new
        return self._description(subject)

    def _organisation_before(self, pronoun: Token) -> Speaker | None:
        """ "it said": the organisation the sentence is about, or the sentence before ("The ministry ... It
        added"); any other "it" (a report, a plan) speaks for no one the story names."""
        position = bisect_right(self._sentence_starts, pronoun.i) - 1
        for index in (position, position - 1):
            if index < 0:
                return None
            sentence = self.doc[self._sentence_starts[index] : self._sentence_ends[index]]
            for subject in sentence.root.children:  # "The state news agency Nordpress said": either may be tagged
                if subject.dep_ not in SUBJECTS or inside_any(subject.idx, self.inside) or subject.i >= pronoun.i:
                    continue
                entity = self.entity_of.get(subject.i)
                if entity is not None and entity.label_ in ("ORG", "NORP"):
                    return self.trimmed_entity(entity)
        return None

    def plural_antecedent(self, pronoun: Token) -> Speaker | None:
        """ "they said": the nearest subject before it, in its sentence or the ones before it within the window, that
        a plural agrees with (``_plural_speaker``); an earlier "they" is the same group, so the walk goes past it; a
        singular person or a thing in between is passed over ("Grassley and Leahy wrote to the leaders. The program
        ... Grassley told reporters. '...,' they wrote" is still the two)."""
        window = self.window_start(pronoun)
        positions = self.subject_positions
        nearest = bisect_left(positions, pronoun.i) - 1
        # at most ``plural_candidates`` subjects: a hostile paragraph of a thousand "they said" stays linear
        for position in range(nearest, max(-1, nearest - self.settings.plural_candidates), -1):
            token = self.doc[positions[position]]
            if token.idx < window:
                break
            if not inside_any(token.idx, self.inside):
                found = self._plural_speaker(token)
                if found is not None:
                    return found
        return None

    def _plural_speaker(self, subject: Token) -> Speaker | None:
        """The speaker a plural pronoun can stand for, if ``subject`` is one: people or organisations joined by "and"
        ("Senators Grassley and Leahy"), an organisation or a group the story names ("the Security Council",
        "Democrats"), a plural noun naming people ("officials", "the protesters"), a collective noun ("the police",
        "the family")."""
        members = [subject, *(child for child in subject.children if child.dep_ == "conj")]
        joined = len(members) > 1 and any(child.lower_ == "and" for child in subject.children if child.dep_ == "cc")
        if joined and any(self._names_someone(member) for member in members):
            first, last = subject.left_edge, members[-1].right_edge
            if last.i - first.i < _MAX_GROUP_TOKENS and not inside_any(first.idx, self.inside):
                first = first.nbor(1) if first.lower_ == "the" and first.i < last.i else first
                return Speaker(first.idx, last.idx + len(last.text), "NP")
        entity = self.entity_of.get(subject.i)
        if entity is not None:
            return self.trimmed_entity(entity) if entity.label_ in _PLURAL_LABELS else None
        lemma = subject.lemma_.lower()
        if subject.pos_ not in ("NOUN", "PROPN") or subject.text in self.surnames:
            return None
        plural_people = subject.tag_ in ("NNS", "NNPS") and names_people(lemma)
        return self._description(subject) if plural_people or lemma in COLLECTIVE_NOUNS else None

    def _names_someone(self, token: Token) -> bool:
        """Whether a member of a coordination can speak: a person, an organisation, a country ("the Netherlands,
        Germany and France said"), a noun naming people."""
        entity = self.entity_of.get(token.i)
        if entity is not None:
            return entity.label_ in ("PERSON", "GPE", *_PLURAL_LABELS)
        return token.text in self.surnames or names_people(token.lemma_.lower())


def _bare_epithet(noun: Token) -> bool:
    """ "the Republican presidential nominee": definite, with nothing after it that would introduce someone new
    ("the speaker of parliament", "the official who spoke on condition of anonymity")."""
    definite = any(child.dep_ == "det" and child.lower_ == "the" for child in noun.children)
    return definite and not any(child.i > noun.i and child.dep_ not in ("punct",) for child in noun.children)
