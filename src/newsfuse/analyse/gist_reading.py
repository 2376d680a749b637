"""The second reading of a sentence whose parse gave no gist (see ``gist``): the sentence read again by the
same pipeline without what a headline drops anyway and the small parser often misreads, its gist mapped back
onto the text's own words."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from newsfuse.model import Span

from .nlp import load_nlp
from .speaker_words import REPORTING

# the gist of a parsed sentence, or None: how ``gist`` reads the sentence read again
GistOf = Callable[[Doc, DocSpan], list[Span] | None]

TIME_LABELS = frozenset({"DATE", "TIME"})
WHEN_WORDS = frozenset(
    {"ago", "last", "next", "this", "earlier", "later", "yesterday", "today", "tomorrow", "tonight", "overnight"}
)
CALENDAR_NAMES = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("morning", "afternoon", "evening", "night", "weekend"),
    }
)
OPENING_BRACKETS = frozenset({"(", "["})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# the tags of a word the parse may have read as a noun, or as a verb hung on a noun, when it is the verb
_VERB_READINGS = frozenset({"NN", "NNS", "VBP", "VBZ", "VBD", "VBN"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
DASHES = frozenset({"—", "–", "--", "_"})


def reread_gist(text: str, sentence: DocSpan, gist_of: GistOf) -> list[Span] | None:
    """The gist of the sentence read again without what a headline drops anyway and the small parser often
    misreads: the date inside the clause ("America Online Inc. Tuesday laid out …" reads "Tuesday" as the
    subject's), asides between dashes or brackets, an opening phrase before the first comma ("For the second
    day in a row, …"); then without a closing attribution too; each also with a present-tense verb the tagger
    took for a plural noun ("The Safety Board apologizes for …") given as "will apologize", which it reads as a
    verb. The gist keeps the text's own words: its spans are mapped back to ``text``."""
    nlp = load_nlp()
    setting_aside = (
        _calendar_words(sentence) | paired_asides(sentence) | _opening_phrase(sentence) | _set_off_appositions(sentence)
    )
    verb = _verb_read_as_noun(sentence)
    tried: set[tuple[frozenset[int], bool]] = set()
    for dropped in (setting_aside, setting_aside | _closing_attribution(sentence)):
        for as_verb in (False, True):
            reading = (frozenset(dropped), as_verb and verb is not None)
            if reading in tried or reading == (frozenset(), False):
                continue
            tried.add(reading)
            pieces = _pieces(text, sentence, dropped, verb if as_verb else None)
            reread = nlp(" ".join(piece_text for _, _, piece_text in pieces))
            spans = gist_of(reread, reread[:])
            if spans:
                return _mapped(spans, pieces)
    return None


def _verb_read_as_noun(sentence: DocSpan) -> tuple[Token, str] | None:
    """A word right after a noun that the parse made no verb of: tagged as a plural noun that is a verb's present
    tense and no noun's plural ("Board apologizes for", "name originates from"), or as one that is both when the
    sentence has no verb at its root ("conglomerate plans to visit", "research shows", "campaign copies a
    document"), or tagged as a verb there ("employees of Trump University allege that"; a participle followed by
    its object: "A shooter opened fire", "the deal featured ceremony", not "a booklet published on Monday"), or
    as a singular noun that no noun is ("employees of Trump University allege"); with its base form. Or the root
    verb itself when the parse took its subject for its modifier ("The FBI investigates", "FBI" a compound)."""
    verbs, nouns = _lemma_index()
    root = _subjectless_root(sentence)
    if root is not None and root.lemma_.lower() in verbs:
        return root, root.lemma_.lower()
    verbless = not any(t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"} for t in sentence)
    for token in sentence:
        if not token.is_lower or token.i == sentence.start or token.tag_ not in _VERB_READINGS:
            continue
        before_a_noun = token.i + 1 < sentence.end and token.nbor(1).pos_ in {"NOUN", "PROPN"}
        if token.nbor(-1).pos_ not in {"NOUN", "PROPN"} or before_a_noun != (token.tag_ == "VBN"):
            continue
        if token.tag_ == "NN":
            if verbless and token.lower_ in verbs and token.lower_ not in nouns:
                return token, token.lower_
            continue
        if token.tag_ != "NNS":
            if verbless and token.lemma_.lower() in verbs:
                return token, token.lemma_.lower()
            continue
        word = token.lower_
        bases = [word[:-3] + "y"] if word.endswith("ies") else [word[:-1], word[:-2]]
        base = next((b for b in bases if b in verbs), None)
        if base is not None and (base not in nouns or token.dep_ == "ROOT" or verbless):
            return token, base
    return None


def _subjectless_root(sentence: DocSpan) -> Token | None:
    """The sentence's root verb when it has no subject and the noun right before it hangs on it as a modifier."""
    for root in sentence:
        if root.dep_ != "ROOT" or root.pos_ not in {"VERB", "AUX"} or root.i == sentence.start:
            continue
        before = root.nbor(-1)
        if any(c.dep_ in _SUBJECTS for c in root.children) or before.pos_ not in {"NOUN", "PROPN"}:
            continue
        if before.head == root and before.dep_ in {"compound", "amod", "nmod"}:
            return root
    return None


@lru_cache(maxsize=1)
def _lemma_index() -> tuple[frozenset[str], frozenset[str]]:
    """The English verbs and nouns the pipeline's lemmatizer knows."""
    lemmatizer: Any = load_nlp().get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    return frozenset(index["verb"]), frozenset(index["noun"])


def _calendar_words(sentence: DocSpan) -> set[int]:
    """A date naming a day or a time ("on Sunday", "Tuesday", "last week") with its preposition."""
    words: set[int] = set()
    for entity in sentence.ents:
        if entity.label_ in TIME_LABELS and any(
            t.lower_ in WHEN_WORDS or t.lower_.rstrip(".") in CALENDAR_NAMES for t in entity
        ):
            words.update(range(entity.start, entity.end))
            before = entity.start - 1
            if before >= sentence.start and entity.doc[before].tag_ == "IN":
                words.add(before)
    return words


def paired_asides(sentence: DocSpan) -> set[int]:
    """Tokens inside parentheses or brackets, or between two dashes ("parties _ previously bitter rivals _ to
    form"): an aside."""
    inside: set[int] = set()
    depth = 0
    for token in sentence:
        if token.text in OPENING_BRACKETS:
            depth += 1
        if depth:
            inside.add(token.i)
        if token.text in {")", "]"} and depth:
            depth -= 1
    dashes = [t.i for t in sentence if t.text in DASHES]
    return inside | {i for a, b in zip(dashes[::2], dashes[1::2], strict=False) for i in range(a, b + 1)}


def _set_off_appositions(sentence: DocSpan) -> set[int]:
    """ "Ron DeSantis, the GOP nominee for governor, clarified …": an apposition between two commas before the
    sentence's first verb, with them (the parse may read the verb after it as a second apposition's adjective).
    One after a verb may be the speaker the parse hung on the claim (", former Gov. William Weld, … said")."""
    words: set[int] = set()
    for token in sentence:
        if token.dep_ != "appos" or any(t.pos_ in {"VERB", "AUX"} for t in sentence.doc[sentence.start : token.i]):
            continue
        before, after = token.left_edge.i - 1, token.right_edge.i + 1
        if (
            before >= sentence.start
            and after < sentence.end
            and {token.doc[before].text, token.doc[after].text} == {","}
        ):
            words.update(range(before, after + 1))
    return words


def _opening_phrase(sentence: DocSpan) -> set[int]:
    """ "In a surprise move,", "As Turkey kept up its rhetoric,", "Envisioning a networked world …,": a phrase
    opening on a preposition, a subordinator or a participle, up to the comma that ends it."""
    first = next((t for t in sentence if not t.is_space and not t.is_punct), None)
    if first is None or first.tag_ not in {"IN", "VBG", "WRB", "RB"}:
        return set()
    phrase = first
    while phrase.head != phrase and sentence.start <= phrase.head.i < sentence.end and phrase.head.head != phrase.head:
        phrase = phrase.head
    end = phrase.right_edge.i
    if sentence.doc[end].text != ",":
        end += 1
    if end >= sentence.end - 1 or sentence.doc[end].text != ",":
        return set()
    return set(range(sentence.start, end + 1))


def _closing_attribution(sentence: DocSpan) -> set[int]:
    """ ", company officials said Thursday.": a reporting verb in a few words after a comma, up to the end or to
    the next comma, with what follows it when that has no verb of its own (", the company said, a stunning
    downfall for …": a comment; in "The economy, officials said, is recovering" the claim goes on)."""
    commas = [t.i for t in sentence if t.text == ","]
    for comma, after in reversed(list(zip(commas, [*commas[1:], sentence.end], strict=False))):
        part = [t for t in sentence if comma < t.i < after and not t.is_punct]
        if any(t.tag_ in _FINITE for t in sentence if t.i >= after):
            break
        if 0 < len(part) <= 8 and any(t.tag_.startswith("VB") and t.lemma_.lower() in REPORTING for t in part):
            return set(range(comma, sentence.end))
    return set()


def _pieces(
    text: str, sentence: DocSpan, dropped: set[int], verb: tuple[Token, str] | None
) -> list[tuple[int, int, str]]:
    """The sentence to read again, as pieces (start and end in ``text``, and the words read): runs of the tokens
    not dropped, and the verb, when given, as "will" (read, never shown: start and end -1) and its base form."""
    pieces: list[tuple[int, int, str]] = []
    verb_at = verb[0].i if verb is not None else -1
    for token in sentence:
        if token.i in dropped or token.is_space:
            continue
        start, end = token.idx, token.idx + len(token.text)
        if verb is not None and token.i == verb_at:
            pieces += [(-1, -1, "will"), (start, end, verb[1])]
        elif pieces and token.i - 1 not in dropped and token.i - 1 != verb_at and token.i > sentence.start:
            pieces[-1] = (pieces[-1][0], end, text[pieces[-1][0] : end])
        else:
            pieces.append((start, end, token.text))
    return pieces


def _mapped(spans: list[Span], pieces: list[tuple[int, int, str]]) -> list[Span]:
    """Spans of the re-read text (the pieces joined by a space) as spans of the original text: a piece read in
    other words is mapped whole, one never shown not at all."""
    mapped: list[Span] = []
    at = 0
    for start, end, words in pieces:
        for span in spans:
            first, last = max(span.start, at), min(span.end, at + len(words))
            if first >= last or start < 0:
                continue
            if len(words) != end - start:
                mapped.append(Span(start=start, end=end))
            else:
                mapped.append(Span(start=start + first - at, end=start + last - at))
        at += len(words) + 1
    return _joined(mapped)


def _joined(spans: list[Span]) -> list[Span]:
    """Spans in order, those that touch or overlap made one."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if result and span.start <= result[-1].end:
            result[-1] = Span(start=result[-1].start, end=max(result[-1].end, span.end))
        else:
            result.append(span)
    return result
