"""Quotations and their speakers.

Quotation marks are paired in the text, paragraph by paragraph (straight, curly, DUC-style ``...'' and
top-level single quotes; single quotes nested in a double quotation stay part of it). What is not speech is
dropped: headings, all-caps subheads, a paragraph that is nothing but a short quoted line, the words of a sign or
the title of a work. The speaker comes from the dependency parse: the subject of the reporting verb that governs
the quotation ("X said", "said X", "X told Y", "according to X", "X quoted Y as saying" → Y via X, "Y said ...,
news agencies said" → Y via the agencies), else the subject of the clause holding a partial quotation ("X called
Y the '...'"). "He"/"she" resolve to the last named speaker (or person) in the same or the previous paragraph; a
short name ("Kim") takes its longest earlier form in the article ("Kim Jong Un").
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newsfuse.model import Article, Mention, Quotation, QuoteKind, Sentence, Span

from .nlp import paragraph_starts


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


_REPORTING = _lexicon(
    """say tell add state declare announce explain note insist claim argue warn write ask reply respond answer
    continue acknowledge admit remark comment report quote call describe urge predict promise vow pledge suggest
    recall stress emphasise emphasize assert maintain concede confirm deny tweet testify shout whisper joke complain
    observe contend conclude caution lament boast reiterate tout dub brand quip read"""
)
_SPEAKER_PRONOUNS = frozenset({"he", "she", "him", "her"})  # "him": "X quoted him as saying"
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Links a subjectless cue ("adding", "to say") climbs to find who speaks.
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acl", "ccomp", "acomp"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SIGN_WORDS = _lexicon(
    """message sign banner slogan placard poster inscription caption billboard graffiti shirt t-shirt hashtag motto
    sticker plaque logo banners signs placards posters slogans messages reading read emblazoned bearing"""
)
_WORK_WORDS = _lexicon(
    """book film movie song album novel play poem documentary series show episode opera essay column painting
    exhibition titled entitled memoir musical single track programme program"""
)
_PLACE_WORDS = _lexicon(
    """square street avenue road airport university college school hall palace station stadium bridge park
    building tower centre center hospital port harbour harbor river mountain institute foundation"""
)
_DOUBLE_MARKS = re.compile(r"``|''|[\"“”„]")
_ELIDED_YEAR = re.compile(r"['’]\d\ds?\b")  # the '90s
_SINGLE_MAX_WORDS = 40  # past this, an apostrophe has paired with another apostrophe, not a closing mark
_TERMINAL = re.compile(r"[.!?,;:…]['\"’”]*$")
_WORD = re.compile(r"\w[\w'’.-]*")


@dataclass(frozen=True)
class _Marked:
    """A span between quotation marks: ``start``/``end`` cover the words inside."""

    start: int
    end: int
    open_at: int
    paragraph: int
    closed: bool


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    label: str  # an entity label, "NP" for a plain noun phrase, "PRON" for an unresolved pronoun


@dataclass(frozen=True)
class _Attribution:
    speaker: _Speaker | None
    cue: str | None
    via: _Speaker | None


def find_quotations(
    doc: Doc,
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    sentence_of: Callable[[int], int],
) -> list[Quotation]:
    """Every quotation in the article with its kind, speaker, reporting cue and relay ("via")."""
    text = article.text
    paragraphs = paragraph_starts(text)
    marked = _marked_spans(text, paragraphs)
    inside = [(span.start, span.end) for span in marked]
    kept = [span for span in marked if not _not_speech(span, doc, text, paragraphs, article.headings)]
    resolver = _Resolver(doc, text, paragraphs, mentions, inside)
    quotations: list[Quotation] = []
    previous: tuple[_Marked, _Attribution] | None = None
    for span in kept:
        kind = _kind(doc, text, span)
        attribution = _attribute(doc, span, sentences, sentence_of, inside, resolver)
        unattributed_speech = attribution.speaker is None and kind is QuoteKind.speech
        if unattributed_speech and previous is not None and _opens_sentence(text, span, sentences, sentence_of):
            attribution = _continued(span, previous, text, paragraphs) or attribution
        if attribution.speaker is not None and kind is QuoteKind.speech:
            previous = (span, attribution)
        speaker = attribution.speaker
        quotations.append(
            Quotation(
                id=f"{article.id}:{span.start}",
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                kind=kind,
                speaker=resolver.name(speaker) if speaker else None,
                speaker_span=Span(start=speaker.start, end=speaker.end) if speaker else None,
                cue=attribution.cue,
                via=resolver.name(attribution.via) if attribution.via else None,
                sentence=sentence_of(span.start),
            )
        )
    return quotations


# ---------------------------------------------------------------- pairing the marks


def _marked_spans(text: str, paragraphs: list[int]) -> list[_Marked]:
    spans: list[_Marked] = []
    bounds = [*paragraphs, len(text)]
    for index, (start, end) in enumerate(pairwise(bounds)):
        doubles = _double_quoted(text, start, end)
        spans.extend(_Marked(s, e, o, index, c) for s, e, o, c in doubles)
        spans.extend(_Marked(s, e, o, index, True) for s, e, o in _single_quoted(text, start, end, doubles))
    return sorted(spans, key=lambda span: span.start)


def _opens(text: str, at: int, mark: str, start: int) -> bool:
    if mark in ("“", "``", "„"):
        return True
    if mark in ("”", "''"):
        return False
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_quoted(text: str, start: int, end: int) -> list[tuple[int, int, int, bool]]:
    """(inner start, inner end, opening mark offset, closed) for each double quotation in one paragraph."""
    found: list[tuple[int, int, int, bool]] = []
    open_mark: re.Match[str] | None = None
    for mark in _DOUBLE_MARKS.finditer(text, start, end):
        if open_mark is None:
            if _opens(text, mark.start(), mark.group(), start):
                open_mark = mark
            continue
        if mark.group() in ("“", "``", "„"):
            open_mark = mark  # an unmatched opening mark: start again from the new one
            continue
        inner = _trimmed(text, open_mark.end(), mark.start())
        if inner[1] > inner[0]:
            found.append((inner[0], inner[1], open_mark.start(), True))
        open_mark = None
    if open_mark is not None:  # runs on into the next paragraph (news style for long quotations)
        inner = _trimmed(text, open_mark.end(), end)
        if inner[1] > inner[0]:
            found.append((inner[0], inner[1], open_mark.start(), False))
    return found


def _single_quoted(
    text: str, start: int, end: int, doubles: Sequence[tuple[int, int, int, bool]]
) -> list[tuple[int, int, int]]:
    """Single-quoted spans outside double quotations; an apostrophe inside a word never opens or closes one."""
    covered = [(open_at, inner_end + 1) for _, inner_end, open_at, _ in doubles]
    found: list[tuple[int, int, int]] = []
    position = start
    while position < end:
        opening = text.find("‘", position, end)
        straight = text.find("'", position, end)
        candidates = [at for at in (opening, straight) if at >= 0]
        if not candidates:
            break
        at = min(candidates)
        position = at + 1
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if not (before.isspace() or before in "([{—–-") or not after.isalnum() or _ELIDED_YEAR.match(text, at):
            continue
        if any(left <= at < right for left, right in covered):
            continue
        closing = _single_close(text, at + 1, end)
        if closing is None:
            continue
        inner = _trimmed(text, at + 1, closing)
        words = text[inner[0] : inner[1]]
        if inner[1] > inner[0] and not _DOUBLE_MARKS.search(words) and len(words.split()) <= _SINGLE_MAX_WORDS:
            found.append((inner[0], inner[1], at))
            position = closing + 1
    return found


def _single_close(text: str, start: int, end: int) -> int | None:
    for match in re.finditer(r"['’]", text[start:end]):
        at = start + match.start()
        after = text[at + 1] if at + 1 < end else " "
        before = text[at - 1]
        if not after.isalnum() and not before.isspace():
            return at
    return None


# ---------------------------------------------------------------- what is not speech


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _not_speech(span: _Marked, doc: Doc, text: str, paragraphs: list[int], headings: Sequence[Span]) -> bool:
    inner = text[span.start : span.end]
    if any(heading.start < span.end and span.start < heading.end for heading in headings):
        return True
    letters = [char for char in inner if char.isalpha()]
    if len(letters) >= 2 and all(char.isupper() for char in letters):
        return True  # an all-caps subhead
    words = _words(inner)
    paragraph_end = paragraphs[span.paragraph + 1] if span.paragraph + 1 < len(paragraphs) else len(text)
    rest = text[paragraphs[span.paragraph] : span.open_at] + text[span.end : paragraph_end]
    standing_alone = not any(char.isalnum() for char in rest) and len(words) <= 10
    if standing_alone and (not _TERMINAL.search(inner) or _title_case(words)):
        return True  # a quoted line standing alone: a subhead
    if _title_case(words) and len(words) <= 10 and not _reported(doc, span):
        return True  # the title of a work, a show, a law (but "X called Y 'Miss Piggy'" is a quotation)
    if len(words) <= 10 and not _TERMINAL.search(inner):
        before = [token for token in _tokens_before(doc, span.open_at, 3) if not token.is_punct]
        if any(token.lower_ in _SIGN_WORDS or token.lower_ in _WORK_WORDS for token in before[-2:]):
            return True  # the words of a sign, or the title of a work
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is not None and any(entity.label_ == "WORK_OF_ART" for entity in tokens.ents):
            return True
    return False


_FUNCTION_WORDS = _lexicon("a an the of and or in on at to for by with from as vs is nor but")


def _title_case(words: Sequence[str]) -> bool:
    """Headline or title capitalisation: two or more capitalised words and no lowercase word but small ones."""
    capitalised = [word for word in words if word[0].isupper()]
    lowercase = [word for word in words if not word[0].isupper() and word.lower() not in _FUNCTION_WORDS]
    return len(capitalised) >= 2 and not lowercase and len(capitalised) > len(words) / 2


def _reported(doc: Doc, span: _Marked) -> bool:
    """Whether a reporting verb governs the quoted words."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return False
    root = _quote_root(tokens)
    return any(_is_cue(ancestor) for ancestor in root.ancestors if not tokens.start <= ancestor.i < tokens.end)


def _tokens_before(doc: Doc, offset: int, count: int) -> list[Token]:
    at = doc.char_span(offset, offset + 1, alignment_mode="expand")
    first = at.start if at is not None else len(doc)
    before = [token for token in doc[max(0, first - 2 * count) : first] if not token.is_space]
    return before[-count:]


def _kind(doc: Doc, text: str, span: _Marked) -> QuoteKind:
    words = _words(text[span.start : span.end])
    if len(words) > 3:
        return QuoteKind.speech
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    has_verb = tokens is not None and any(token.pos_ in ("VERB", "AUX") for token in tokens)
    return QuoteKind.speech if has_verb else QuoteKind.term


# ---------------------------------------------------------------- attribution


def _inside_any(offset: int, inside: Sequence[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of the sorted, non-nested ``inside`` spans."""
    index = bisect_right(inside, (offset, sys.maxsize)) - 1
    return index >= 0 and inside[index][0] <= offset < inside[index][1]


def _quote_root(tokens: TokenSpan) -> Token:
    """The token of the quotation closest to its sentence's root."""

    def depth(token: Token) -> int:
        return sum(1 for _ in token.ancestors)

    return min((token for token in tokens if not token.is_punct and not token.is_space), key=depth, default=tokens[0])


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return any(child.lower_ == "to" for child in token.children)
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in _REPORTING


def _attribute(
    doc: Doc,
    span: _Marked,
    sentences: Sequence[Sentence],
    sentence_of: Callable[[int], int],
    inside: Sequence[tuple[int, int]],
    resolver: _Resolver,
) -> _Attribution:
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return _Attribution(None, None, None)
    root = _quote_root(tokens)
    for ancestor in root.ancestors:
        if (ancestor.i < tokens.start or ancestor.i >= tokens.end) and _is_cue(ancestor):
            attribution = resolver.attribution(ancestor)
            if attribution.speaker is not None:
                return attribution
    first, last = sentence_of(span.start), sentence_of(max(span.start, span.end - 1))
    low, high = (sentences[first].start, sentences[last].end) if sentences else (span.start, span.end)
    cues = [token for token in resolver.cues if low <= token.idx < high]
    cues.sort(key=lambda token: min(abs(token.idx - span.end), abs(token.idx - span.start)))
    for cue in cues:
        attribution = resolver.attribution(cue)
        if attribution.speaker is not None:
            return attribution
    for ancestor in root.ancestors:
        if ancestor.pos_ not in ("VERB", "AUX") or tokens.start <= ancestor.i < tokens.end:
            continue
        subject = _own_subject(ancestor)
        if subject is None:
            continue
        speaker = resolver.speaker_of(subject)
        if speaker is not None and (speaker.label in _NAME_LABELS or subject.pos_ == "PROPN"):
            return _Attribution(speaker, ancestor.text, None)
        break
    return _Attribution(None, None, None)


def _opens_sentence(text: str, span: _Marked, sentences: Sequence[Sentence], sentence_of: Callable[[int], int]) -> bool:
    """Whether the quotation is a sentence of its own words, not a fragment inside the writer's sentence."""
    sentence = sentences[sentence_of(span.open_at)] if sentences else None
    return sentence is not None and not text[sentence.start : span.open_at].strip()


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject; the agent of a passive ("was described by diplomats as"); for a relative clause
    ("Putin, who said ...") the noun it describes."""
    agent = next((child for child in verb.children if child.dep_ == "agent"), None)
    by = next((child for child in agent.children if child.dep_ == "pobj"), None) if agent is not None else None
    if by is not None:
        return by
    subject = next((child for child in verb.children if child.dep_ in _SUBJECTS), None)
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


def _continued(
    span: _Marked, previous: tuple[_Marked, _Attribution], text: str, paragraphs: list[int]
) -> _Attribution | None:
    """A speech quotation with no cue of its own continues the previous speaker's words: in the same paragraph,
    or when it opens its paragraph right after a paragraph holding that speaker's quotation."""
    earlier, attribution = previous
    if earlier.paragraph == span.paragraph:
        return attribution
    opens_paragraph = not text[paragraphs[span.paragraph] : span.open_at].strip()
    if earlier.paragraph == span.paragraph - 1 and opens_paragraph:
        return attribution
    return None


class _Resolver:
    """Speakers of reporting verbs in text order, so a pronoun can look back at who spoke last."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        paragraphs: list[int],
        mentions: Sequence[Mention],
        inside: Sequence[tuple[int, int]],
    ) -> None:
        self._doc = doc
        self._text = text
        self._paragraphs = paragraphs
        self._people = [m for m in mentions if m.label == "PERSON" and not _inside_any(m.start, inside)]
        self._mentions = list(mentions)
        self._inside = inside
        self._by_cue: dict[int, _Attribution] = {}
        self._entity_of = {index: entity for entity in doc.ents for index in range(entity.start, entity.end)}
        self._named: list[tuple[int, _Speaker]] = []  # (offset, speaker) of every cue with a person as speaker
        self.cues = [token for token in doc if _is_cue(token) and not _inside_any(token.idx, inside)]
        for token in self.cues:
            attribution = self._attribute_cue(token)
            self._by_cue[token.i] = attribution
            if attribution.speaker is not None and attribution.speaker.label == "PERSON":
                self._named.append((token.idx, attribution.speaker))

    def attribution(self, cue: Token) -> _Attribution:
        if cue.i not in self._by_cue:
            self._by_cue[cue.i] = self._attribute_cue(cue)
        return self._by_cue[cue.i]

    def _paragraph(self, offset: int) -> int:
        return bisect_right(self._paragraphs, offset) - 1

    def _attribute_cue(self, cue: Token) -> _Attribution:
        if cue.lower_ == "according":
            to = next(child for child in cue.children if child.lower_ == "to")
            named = next((child for child in to.children if child.dep_ == "pobj"), None)
            return _Attribution(self.speaker_of(named) if named is not None else None, "according to", None)
        quoting = self._quoting_verb(cue)
        if quoting is not None:
            quoted = next((child for child in quoting.children if child.dep_ in ("dobj", "nsubjpass")), None)
            relay = next((child for child in quoting.children if child.dep_ == "nsubj"), None)
            agent = next((child for child in quoting.children if child.dep_ == "agent"), None)
            if relay is None and agent is not None:
                relay = next((child for child in agent.children if child.dep_ == "pobj"), None)
            speaker = self.speaker_of(quoted) if quoted is not None else None
            if speaker is not None:
                via = self.speaker_of(relay) if relay is not None else None
                return _Attribution(speaker, f"{quoting.text} ... as saying", via)
        subject, verb = self._subject(cue)
        if subject is None or verb is None:
            return _Attribution(self._adjacent_name(cue), cue.text, None)
        speaker = self.speaker_of(subject)
        return _Attribution(speaker, cue.text, self._relay(verb, speaker))

    @staticmethod
    def _quoting_verb(cue: Token) -> Token | None:
        """The "quoted" of "X quoted Y as saying" (or "Y was quoted as saying"), reached from either verb."""
        if cue.lemma_.lower() == "quote":
            return cue
        if cue.lemma_.lower() == "say" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() == "quote":
            return cue.head.head
        if cue.lemma_.lower() == "say" and cue.head.lemma_.lower() == "quote" and cue.dep_ in ("advcl", "xcomp"):
            return cue.head
        return None

    def _adjacent_name(self, cue: Token) -> _Speaker | None:
        """A misparsed "X said" / "said X": the person or organisation right beside the cue."""
        for step in (-1, 1, -2, 2):
            index = cue.i + step
            if not 0 <= index < len(self._doc) or _inside_any(self._doc[index].idx, self._inside):
                continue
            entity = self._entity_of.get(index)
            if entity is not None and entity.label_ in ("PERSON", "ORG"):
                return self._trimmed_entity(entity)
        return None

    def _subject(self, cue: Token) -> tuple[Token | None, Token | None]:
        """The subject of the cue, or, for "adding"/"saying"/"calling" without one, of the verb it hangs from
        (preferring a reporting verb's subject: "X said ..., adding")."""
        first: tuple[Token | None, Token | None] = (None, None)
        verb: Token = cue
        for _ in range(5):
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and not _is_cue(verb.head):
                return verb.head, verb  # "footage of Clinton asking, '...'"
            subject = _own_subject(verb)
            if subject is not None:
                if verb is cue or _is_cue(verb):
                    return subject, verb
                if first[0] is None:
                    first = (subject, verb)
            if verb.head is verb or verb.dep_ not in _CLIMB:
                break
            verb = verb.head
            if _inside_any(verb.idx, self._inside):
                break  # the quoted words' own subjects ("we", "I") never speak for the writer's sentence
        return first

    def _relay(self, verb: Token, speaker: _Speaker | None) -> _Speaker | None:
        """A reporting verb above the cue, with a subject of its own: "Y said ..., news agencies said"."""
        for ancestor in verb.ancestors:
            if not _is_cue(ancestor):
                continue
            subject = next((child for child in ancestor.children if child.dep_ in _SUBJECTS), None)
            if subject is None:
                continue
            relay = self.speaker_of(subject)
            if relay is not None and relay.label != "PRON" and (speaker is None or relay.start != speaker.start):
                return relay
        return None

    def speaker_of(self, subject: Token) -> _Speaker | None:
        """The name a subject gives: its entity, an entity in apposition, a resolved pronoun, or its noun phrase."""
        if subject.lower_ in _SPEAKER_PRONOUNS:
            return self._subject_before(subject) or self._antecedent(subject.idx)
        if subject.pos_ == "PRON":
            return None
        around = [child for child in subject.children if child.dep_ in ("appos", "compound")]
        entities = [self._entity_of.get(token.i) for token in (subject, *around)]
        named = [entity for entity in entities if entity is not None and entity.label_ in _NAME_LABELS | {"FAC", "LOC"}]
        if named:  # a person beats the organisation they speak for: "An ANC spokesman, Thabo Masebe, said"
            return self._trimmed_entity(next((e for e in named if e.label_ == "PERSON"), named[0]))
        if subject.pos_ == "PROPN":  # an untagged name: the run of proper nouns it ends ("news agency RIA")
            first = subject
            while first.i > 0 and self._doc[first.i - 1].pos_ == "PROPN" and self._doc[first.i - 1].head == subject:
                first = self._doc[first.i - 1]
            return _Speaker(first.idx, subject.idx + len(subject.text), "NP")
        left = subject.left_edge
        tokens = [t for t in self._doc[left.i : subject.i + 1] if not (t.i == left.i and t.dep_ == "det")]
        tokens = [t for t in tokens if not t.is_space]
        if not tokens:
            return None
        return _Speaker(tokens[0].idx, subject.idx + len(subject.text), "NP")

    def _trimmed_entity(self, entity: TokenSpan) -> _Speaker:
        for mention in self._mentions:
            if mention.start >= entity.start_char and mention.end <= entity.end_char:
                return _Speaker(mention.start, mention.end, mention.label)
        return _Speaker(entity.start_char, entity.end_char, entity.label_)

    def _subject_before(self, pronoun: Token) -> _Speaker | None:
        """A person who is the subject earlier in the pronoun's own sentence: "Trump ... what he called"."""
        for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
            entity = self._entity_of.get(token.i)
            if entity is None or entity.label_ != "PERSON":
                continue
            if token.dep_ in _SUBJECTS and not _inside_any(token.idx, self._inside):
                return self._trimmed_entity(entity)
        return None

    def _antecedent(self, offset: int) -> _Speaker | None:
        paragraph = self._paragraph(offset)
        for at, speaker in reversed(self._named):
            if at < offset and self._paragraph(at) >= paragraph - 1:
                return speaker
            if at < offset:
                break
        for mention in reversed(self._people):
            if mention.end <= offset and self._paragraph(mention.start) >= paragraph - 1:
                return _Speaker(mention.start, mention.end, "PERSON")
            if mention.end <= offset:
                break
        return None

    def name(self, speaker: _Speaker) -> str:
        """The speaker's name, in its fuller earlier form in the article ("Kim" → "Kim Jong Un")."""
        own = " ".join(self._text[speaker.start : speaker.end].split())
        if speaker.label not in ("PERSON", "ORG"):
            return own
        words = own.split()
        best = own
        for mention in self._mentions:
            if mention.label != speaker.label or mention.start >= speaker.start:
                continue
            form = " ".join(mention.text.split())
            form_words = form.split()
            if len(form_words) <= len(words) or form_words[-1].lower() in _PLACE_WORDS:
                continue
            if _contains(form_words, words):
                best = form  # the most recent longer form: a later "Kim" is the Kim last named in full
        return best


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))
