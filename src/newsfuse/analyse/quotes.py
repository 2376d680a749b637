"""Quotations and their speakers.

Quotation marks are paired paragraph by paragraph (``quote_marks``), so a quotation of several sentences is one
``Quotation``. The speaker comes from the dependency parse (``attribution``): the subject of the reporting verb
that governs the quotation, else the nearest reporting verb of its sentences, else a signature after it
('"..." ― Jane Doe'), else the subject of the clause holding a partial quotation ("X called Y the '...'"). A
subject becomes the person or organisation the story names (``speakers``): through titles, appositions, role
nouns and pronouns that agree. A quotation with no cue of its own that opens a sentence continues the previous
speaker's words. Cost is about linear in the article: every climb and look-back is capped (``QuoteSettings``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newsfuse.model import Article, Mention, Quotation, QuoteKind, Sentence, Span

from .attribution import NOBODY, Attribution, Resolver, own_subject
from .nlp import paragraph_starts
from .quote_marks import Marked, SpeechFilter, kind_of, marked_spans
from .quote_settings import QuoteSettings
from .speaker_base import Speaker, ancestors, inside_any, is_cue
from .speaker_words import REPORTING_NOUNS
from .speakers import NAME_LABELS, SpeakerIndex

_SIGNATURE_DASHES = "―—–-"
_SIGNATURE_WORDS = 5
_CREDIT_TOKENS = 24  # a pull quote's credit line: a name, a title and an affiliation, no more
_CREDIT_TITLE_TOKENS = 3  # capitalised words of a title before the credited name ("Police Chief", "Sgt.")
_CONTENT_MARKS = frozenset({"that", "whether", "if"})


def find_quotations(
    doc: Doc,
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    sentence_of: Callable[[int], int],
    settings: QuoteSettings | None = None,
) -> list[Quotation]:
    """Every quotation in the article with its kind, speaker, reporting cue and relay ("via")."""
    settings = settings or QuoteSettings()
    text = article.text
    paragraphs = paragraph_starts(text)
    marked = marked_spans(text, paragraphs, settings)
    inside = [(span.start, span.end) for span in marked]
    index = SpeakerIndex(doc, text, paragraphs, mentions, inside, settings)
    resolver = Resolver(index, settings)
    speech = SpeechFilter(
        doc, text, paragraphs, article.headings, lambda span: _reported(doc, span, index, settings), index.entity_of
    )
    quotations: list[Quotation] = []
    previous: tuple[Marked, Attribution] | None = None
    for span in marked:
        if speech.not_speech(span):
            continue
        kind = kind_of(doc, text, span)
        attribution = _attribute(doc, span, sentences, sentence_of, resolver, settings)
        unattributed_speech = attribution.speaker is None and kind is QuoteKind.speech
        if unattributed_speech and _opens_sentence(text, span, sentences, sentence_of):
            told = _told_before(span, sentences, sentence_of, resolver, text, paragraphs)
            if told is not None and (previous is None or previous[0].close_at <= told[0]):
                attribution = told[1]  # "..., Schiff said. 'The other factor ...'"
            elif previous is not None:
                attribution = _continued(span, previous, text, paragraphs) or attribution
            if attribution.speaker is None:
                attribution = _about_before(doc, span, index, text, paragraphs) or attribution
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
                speaker=index.full_name(speaker) if speaker else None,
                speaker_span=Span(start=speaker.start, end=speaker.end) if speaker else None,
                cue=attribution.cue,
                via=index.full_name(attribution.via) if attribution.via else None,
                sentence=sentence_of(span.start),
            )
        )
    return quotations


def _tokens(doc: Doc, span: Marked) -> TokenSpan | None:
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    return tokens if tokens is not None and len(tokens) > 0 else None


def _quote_root(tokens: TokenSpan, index: SpeakerIndex, settings: QuoteSettings) -> Token:
    """The token of the quotation closest to its sentence's root: of the tokens whose head lies outside the
    quotation (or that are a root), the one with the fewest heads above it."""
    tops = index.tops(tokens.start, tokens.end)
    if not tops:
        return tokens[0]
    return min(tops, key=lambda token: sum(1 for _ in ancestors(token, settings)))


def _reported(doc: Doc, span: Marked, index: SpeakerIndex, settings: QuoteSettings) -> bool:
    """Whether a reporting verb governs the quoted words."""
    tokens = _tokens(doc, span)
    if tokens is None:
        return False
    root = _quote_root(tokens, index, settings)
    return any(is_cue(a) for a in ancestors(root, settings) if not tokens.start <= a.i < tokens.end)


def _attribute(
    doc: Doc,
    span: Marked,
    sentences: Sequence[Sentence],
    sentence_of: Callable[[int], int],
    resolver: Resolver,
    settings: QuoteSettings,
) -> Attribution:
    tokens = _tokens(doc, span)
    if tokens is None:
        return NOBODY
    root = _quote_root(tokens, resolver.index, settings)
    for ancestor in ancestors(root, settings):
        outside = ancestor.i < tokens.start or ancestor.i >= tokens.end
        if outside and is_cue(ancestor):
            attribution = resolver.attribution(ancestor)
            if attribution.speaker is not None and attribution.speaker.label == "NP":
                # a description yields to a nearer cue with a named speaker: "The spot concludes with footage of
                # Trump saying during the debate, '...'"
                return _nearer_named(ancestor, tokens, resolver) or attribution
            if attribution.speaker is not None:
                return attribution
        if outside and ancestor.pos_ == "NOUN" and ancestor.lemma_.lower() in REPORTING_NOUNS:
            said_by = _possessor(ancestor, resolver)
            if said_by is not None:  # "Politifact seized on Trump's claim that there have been '...'"
                return Attribution(said_by, ancestor.text, None)
        if outside and _adverbial_clause(ancestor):
            own = _named_subject(ancestor, resolver)
            if own is not None:  # "Melanie said yes, as Trump went on about 'how the system is rigged'"
                return Attribution(own, ancestor.text, None)
    signed = _signature(doc, span, resolver) or _credit_line(doc, span, resolver)
    if signed is not None:
        return signed
    first, last = sentence_of(span.start), sentence_of(max(span.start, span.end - 1))
    low, high = (sentences[first].start, sentences[last].end) if sentences else (span.start, span.end)
    cues = resolver.cues_between(low, high)
    cues.sort(key=lambda token: min(abs(token.idx - span.end), abs(token.idx - span.start)))
    trailing = resolver.trailing_cue(span.close_at) if span.closed else None
    for cue in [*cues[: settings.max_cues_per_quote], *([trailing] if trailing is not None else [])]:
        attribution = resolver.attribution(cue)
        if attribution.speaker is not None:
            return attribution
    for ancestor in ancestors(root, settings):
        if ancestor.pos_ not in ("VERB", "AUX") or tokens.start <= ancestor.i < tokens.end:
            continue
        subject = own_subject(ancestor)
        if subject is not None and subject.dep_ == "nsubjpass":
            subject = None  # "Xu was sentenced for 'subversion of state power'": the charge is not his words
        if subject is None and ancestor.dep_ == "acl" and ancestor.head.pos_ == "PROPN":
            subject = ancestor.head  # "Aaron Kall, the director of debate, compared Trump to a coach who is '...'"
        if subject is None:
            continue
        speaker = resolver.index.speaker_of(subject)
        if speaker is not None and (speaker.label in NAME_LABELS or subject.pos_ == "PROPN"):
            return Attribution(speaker, ancestor.text, None)
        if ancestor.dep_ != "relcl":
            break  # past a relative clause ("a coach who is '...'") the clause it describes speaks
    return NOBODY


def _adverbial_clause(verb: Token) -> bool:
    """An adverbial clause opened by a conjunction ("as Trump went on about ..."), not a content clause the parser
    hung as one ("tweeted that Machado was ...")."""
    if verb.dep_ != "advcl":
        return False
    marks = [child.lower_ for child in verb.children if child.dep_ == "mark"]
    return bool(marks) and not any(mark in _CONTENT_MARKS for mark in marks)


def _nearer_named(cue: Token, tokens: TokenSpan, resolver: Resolver) -> Attribution | None:
    """A reporting verb of the quotation's sentence between ``cue`` and the quotation whose speaker is a name."""
    index = resolver.index
    low, high = sorted((cue.i, tokens.start))
    start = index.sentence_start(tokens.start)
    if low < start:
        return None
    for other in resolver.cues_between(index.doc[low].idx + 1, index.doc[high].idx):
        attribution = resolver.attribution(other)
        if attribution.speaker is not None and attribution.speaker.label not in ("NP", "PRON"):
            return attribution
    return None


def _possessor(noun: Token, resolver: Resolver) -> Speaker | None:
    """The person or organisation whose words a reporting noun names: "Trump's claim", "the ministry's statement"."""
    for child in noun.children:
        entity = resolver.index.entity_of.get(child.i)
        if child.dep_ == "poss" and entity is not None and entity.label_ in ("PERSON", "ORG"):
            return resolver.index.trimmed_entity(entity)
        if child.dep_ == "poss" and child.text.removesuffix("’s").removesuffix("'s") in resolver.index.surnames:
            return resolver.index.speaker_of(child)
    return None


def _named_subject(verb: Token, resolver: Resolver) -> Speaker | None:
    """The person or organisation a clause is about, when its subject names one."""
    subject = own_subject(verb, resolver.index.inside)
    if subject is None or inside_any(subject.idx, resolver.index.inside):
        return None
    speaker = resolver.index.speaker_of(subject)
    return speaker if speaker is not None and (speaker.label in NAME_LABELS or subject.pos_ == "PROPN") else None


def _signature(doc: Doc, span: Marked, resolver: Resolver) -> Attribution | None:
    """'"..." ― Jane Doe': a name right after the closing mark and a dash signs the quotation."""
    if not span.closed:
        return None
    text = resolver.index.text
    at = span.close_at
    while at < len(text) and at < span.close_at + 4 and (text[at] in " .," or text[at] in "\u00a0"):
        at += 1
    if at >= len(text) or text[at] not in _SIGNATURE_DASHES:
        return None
    at += 1
    while at < len(text) and text[at] == " ":
        at += 1
    cue = text[span.close_at : at].strip() or None
    entity = resolver.index.entity_at(at)
    if entity is not None and entity.label_ in ("PERSON", "ORG") and entity.start_char == at:
        return Attribution(resolver.index.trimmed_entity(entity), cue, None)
    name = _capitalised_run(doc, resolver.index.token_after(at))
    return Attribution(name, cue, None) if name is not None else None


def _credit_line(doc: Doc, span: Marked, resolver: Resolver) -> Attribution | None:
    """A pull quote and its credit: a quotation opening its line, then on the same line only a name with its
    title and affiliation, no verb ('"We were not leaving until we found him." Sgt. Ana Ruiz, Tarn Police').
    A name that goes on to say something ('"…" Ana Ruiz said the boy was safe.') starts a sentence, not a credit."""
    if not span.closed:
        return None
    text = resolver.index.text
    line_start = text.rfind("\n", 0, span.open_at) + 1
    line_end = text.find("\n", span.close_at)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : span.open_at].strip():
        return None
    credit = doc.char_span(span.close_at, line_end, alignment_mode="contract")
    if credit is None or not 2 <= len(credit) <= _CREDIT_TOKENS:
        return None
    if any(token.pos_ in ("VERB", "AUX") for token in credit):
        return None
    for token in credit[: _CREDIT_TITLE_TOKENS + 1]:
        entity = resolver.index.entity_of.get(token.i)
        if entity is not None and entity.label_ == "PERSON" and entity.start >= credit.start:
            return Attribution(resolver.index.trimmed_entity(entity), None, None)
        if not (token.text[:1].isupper() or token.text == "."):
            return None  # a title before the name is capitalised ("Sgt.", "Police Chief"); other words are prose
    # a name the tagger missed: the capitalised words after an abbreviated title, up to the comma or line end
    first = credit[2] if len(credit) > 2 and credit[1].text == "." else credit[0]
    name = _capitalised_run(doc, first)
    if name is not None:
        rest = text[name.end : line_end].lstrip()
        if not rest or rest.startswith(","):
            return Attribution(name, None, None)
    return None


def _capitalised_run(doc: Doc, first: Token | None) -> Speaker | None:
    """A name the tagger missed, as a signature gives it: two to five capitalised words ("Jorge Falcon",
    "Christina N Luis Olidem") up to the end of the line or a punctuation mark."""
    if first is None:
        return None
    words: list[Token] = []
    for token in doc[first.i : first.i + _SIGNATURE_WORDS + 1]:
        if not token.text[:1].isupper() or not token.text.rstrip(".").isalpha():
            break
        words.append(token)
        if token.whitespace_ != " ":
            break
    if not 2 <= len(words) <= _SIGNATURE_WORDS:
        return None
    return Speaker(words[0].idx, words[-1].idx + len(words[-1].text), "PERSON")


def _opens_sentence(text: str, span: Marked, sentences: Sequence[Sentence], sentence_of: Callable[[int], int]) -> bool:
    """Whether the quotation is a sentence of its own words, not a fragment inside the writer's sentence."""
    sentence = sentences[sentence_of(span.open_at)] if sentences else None
    return sentence is not None and not text[sentence.start : span.open_at].strip()


def _told_before(
    span: Marked,
    sentences: Sequence[Sentence],
    sentence_of: Callable[[int], int],
    resolver: Resolver,
    text: str,
    paragraphs: list[int],
) -> tuple[int, Attribution] | None:
    """The speaker of the sentence right before a quotation that opens a sentence with no cue of its own, as news
    writes a quotation after reported speech ("..., Schiff said. 'The other factor ...'"): in the same paragraph,
    or the previous one when the quotation opens its paragraph. (offset of that sentence, its attribution)."""
    index = sentence_of(span.open_at) - 1
    if index < 0 or not sentences:
        return None
    before = sentences[index]
    paragraph_start = paragraphs[span.paragraph]
    opens_paragraph = not text[paragraph_start : span.open_at].strip()
    if before.start < paragraph_start and not (opens_paragraph and span.paragraph > 0):
        return None
    if span.paragraph > 0 and before.start < paragraphs[span.paragraph - 1]:
        return None
    for cue in reversed(resolver.cues_between(before.start, before.end)):
        attribution = resolver.attribution(cue)
        if attribution.speaker is not None:
            return before.start, attribution
    return None


def _about_before(doc: Doc, span: Marked, index: SpeakerIndex, text: str, paragraphs: list[int]) -> Attribution | None:
    """A quotation opening a sentence with no cue and no earlier speaker: the person the sentence before is about,
    in its paragraph or, when the quotation opens a paragraph, the one before ('Sen. Bernie Sanders identified
    young voters' exhaustion ... "The younger people are ..."')."""
    tokens = _tokens(doc, Marked(span.open_at, span.end, span.open_at, span.paragraph, span.closed, span.close_at))
    if tokens is None:
        return None
    opens_paragraph = not text[paragraphs[span.paragraph] : span.open_at].strip()
    window = paragraphs[max(0, span.paragraph - 1)] if opens_paragraph else paragraphs[span.paragraph]
    person = index.previous_subject(tokens[0], window)
    return Attribution(index.trimmed_entity(person), None, None) if person is not None else None


def _continued(
    span: Marked, previous: tuple[Marked, Attribution], text: str, paragraphs: list[int]
) -> Attribution | None:
    """A speech quotation with no cue of its own continues the previous speaker's words: in the same paragraph,
    or when it opens its paragraph right after a paragraph holding that speaker's quotation."""
    earlier, attribution = previous
    if earlier.paragraph == span.paragraph:
        return attribution
    opens_paragraph = not text[paragraphs[span.paragraph] : span.open_at].strip()
    if earlier.paragraph == span.paragraph - 1 and opens_paragraph:
        return attribution
    return None
