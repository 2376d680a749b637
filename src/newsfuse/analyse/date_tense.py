"""Which way a day or month without a year points, read from the parse: the tense of the word the date belongs to.

A clause's verb for "met on Tuesday" / "will meet on Friday" / "is set to fly on Thursday"; an event noun's own
words for "Tuesday's elections" or "the upcoming December vote"; the head verb's tense for an infinitive or a
present "when" clause. ``dates`` reads the text and resolves; this module only says forward or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from spacy.tokens import Span, Token

__all__ = ["one_parse", "points_forward"]

_FUTURE_MODALS = {"will", "shall", "'ll", "wo", "would", "'d", "must", "should", "may", "might", "can", "could"}
# Verbs that put their complement in the future: "is set to fly on Thursday", "plans to visit in May".
_FUTURE_FRAMES = {"set", "due", "schedule", "slate", "plan", "expect", "intend", "go", "prepare", "aim", "hope"}
_SCHEDULING_WORDS = {"schedule", "slate", "expect", "due"}
_REPORTING_VERBS = {"say", "tell", "announce", "report", "add", "note", "warn", "claim", "insist", "write", "state",
                    "confirm", "deny", "argue", "explain", "acknowledge", "admit", "recall", "remember"}  # fmt: skip
# An event noun's own words that place it ahead ("the upcoming December vote", "ahead of Friday's game") or
# behind ("since Tuesday's vote", "in the aftermath of the Jan. 6 riot") whatever the clause's tense.
# ("after Tuesday's vote" is no cue: "will resign after the vote in December" looks ahead.)
_FORWARD_ADJECTIVES = {"upcoming", "coming", "forthcoming", "planned", "scheduled", "proposed", "impending",
                       "looming", "expected", "anticipated"}  # fmt: skip
_FORWARD_PREPOSITIONS = {"ahead", "advance", "pending"}
_BACKWARD_PREPOSITIONS = {"since", "aftermath", "wake"}
_TEMPORAL_MARKS = {"when", "once", "until", "till", "before", "after", "as soon as"}

# a token's children by dependency label, per article: a head with thousands of children (one 40,000-character
# sentence) was walked again for each of 2,000 candidates
_CHILDREN: ContextVar[dict[int, dict[str, list[Token]]] | None] = ContextVar("newsfuse_date_children", default=None)


@contextmanager
def one_parse() -> Iterator[None]:
    token = _CHILDREN.set({})
    try:
        yield
    finally:
        _CHILDREN.reset(token)


def _verb_of(span: Span) -> Token:
    """The verb whose clause the span sits in (the root of its sentence at most eight heads up)."""
    verb: Token = span.root
    for _ in range(8):
        if verb.pos_ in {"VERB", "AUX"} or verb.dep_ == "ROOT" or verb.head is verb:
            break
        verb = verb.head
    return verb


def _takes_head_tense(verb: Token) -> bool:
    """A verb whose time is its head's: an open complement or a conjunct ("plans to visit", "will meet and
    sign"), and a clause with no tense of its own ("will last 60 days, expiring on Oct. 3", "will allow them to
    enter"); not a participle ("passed in March, the law will ..."), nor a finite clause ("will say he met")."""
    if verb.dep_ in {"xcomp", "conj"}:
        return True
    if verb.dep_ == "advcl" and _is_temporal_present(verb):
        return True
    if verb.dep_ not in {"ccomp", "advcl"} or verb.tag_ not in {"VB", "VBG"}:
        return False
    return all(child.lower_ == "to" for child in _children_of(verb, "aux") + _children_of(verb, "auxpass"))


def _is_temporal_present(verb: Token) -> bool:
    """A present-tense "when"/"once"/"until" clause: English puts the future in the present there ("is set to
    start when the book is released on Oct. 5"), so its time is its head's."""
    if not any(child.lower_ in _TEMPORAL_MARKS for child in _children_of(verb, "mark") + _children_of(verb, "advmod")):
        return False
    finite = [verb, *_children_of(verb, "aux"), *_children_of(verb, "auxpass")]
    return any(token.tag_ in {"VBZ", "VBP"} for token in finite) and not any(
        token.lemma_ == "have" for token in finite[1:]
    )


def _is_future(span: Span) -> bool:
    """Whether the clause the span belongs to speaks of the future: "will meet on Friday", "would open Sunday",
    "are to meet Nov. 18", "is set to fly on Thursday", "is scheduled for Friday"."""
    verb = _verb_of(span)
    chain = [verb]
    while _takes_head_tense(chain[-1]) and chain[-1].head is not chain[-1] and len(chain) < 4:
        chain.append(chain[-1].head)
    for token in chain:
        if token.tag_ == "MD" and token.lower_ in _FUTURE_MODALS:
            return True
        auxiliaries = _children_of(token, "aux") + _children_of(token, "auxpass")
        words = {child.lower_ for child in auxiliaries}
        # "would have met" looks back, not forward.
        if any(child.tag_ == "MD" and child.lower_ in _FUTURE_MODALS for child in auxiliaries) and "have" not in words:
            return True
        if "to" in words and token.dep_ == "xcomp" and token.head.lemma_ == "be":
            return True
        if token is not verb and token.lemma_.lower() in _FUTURE_FRAMES:
            return True
        if token.lemma_.lower() in _SCHEDULING_WORDS and token.tag_ in {"VBN", "JJ"}:  # "was expected Wednesday"
            return True
        if any(child.lower_ == "due" for child in _children_of(token, "acomp")):
            return True
    return False


def points_forward(span: Span, weekday: bool, day_or_month: bool, coming_soon: bool) -> bool:
    """Whether the expression names a coming day or month rather than a past one. The tense that counts is the
    one of the word the date belongs to: a clause's verb for "met on Tuesday" / "will meet on Friday", but a noun's
    own words for a date that names an event ("Tuesday's elections", "December's Asian Games", "the Jan. 6
    riot"), whatever the verb that mentions the event says about itself ("is disputing Tuesday's results").
    ``weekday`` and ``day_or_month`` say what the text names; ``coming_soon`` is where a month no tense places
    falls (``dates._coming_soon``)."""
    if _after_since(span):  # "the highest since March" looks back whatever the verb's tense
        return False
    cue = _path_cue(span)
    if cue is not None:
        return cue
    noun = _noun_named(span)
    if noun is not None:
        if weekday:  # a weekday in news is the last one, unless a future verb says otherwise
            return _is_future(span)
        if noun.dep_ in {"nsubj", "nsubjpass"} and _is_future(span):  # "December's vote will decide ..."
            return True
        return coming_soon
    if _is_future(span):
        return True
    if not day_or_month:
        return False
    if _is_untensed(span) and not weekday:  # "a plan to fund it into December", "come September"
        return coming_soon
    return _is_scheduled_present(span)


def _after_since(span: Span) -> bool:
    first = span[0]
    return first.lower_ == "since" or (first.i > 0 and first.doc[first.i - 1].lower_ == "since")


def _noun_named(span: Span) -> Token | None:
    """The noun a date stands before and names ("Tuesday's elections", "the December vote"), if it does."""
    root = span.root
    named = root.dep_ in {"poss", "compound", "nmod", "amod"} and root.head.pos_ in {"NOUN", "PROPN"}
    return root.head if named and not span.start <= root.head.i < span.end else None


def _path_cue(span: Span) -> bool | None:
    """The first cue of the nouns between the date and its verb: "Friday's final" (the noun it names) and "in
    advance of an expected vote in the House on Wednesday" (a noun it hangs on)."""
    token: Token = span.root
    for _ in range(8):
        if token.head is token or token.head.pos_ in {"VERB", "AUX"}:
            return None
        token = token.head
        if token.pos_ in {"NOUN", "PROPN"} and (cue := _noun_cue(token)) is not None:
            return cue
    return None


def _noun_cue(noun: Token) -> bool | None:
    """What the event noun's own words say: forward for "the upcoming December vote", "December's games, to be
    held in Tokyo", "ahead of Friday's game"; back for "after Tuesday's vote", "in the aftermath of the Jan. 6
    riot"; ``None`` when they say nothing."""
    for child in _children_of(noun, "amod"):
        # "an expected vote", not "last week's lower-than-expected figure"
        if child.lower_ in _FORWARD_ADJECTIVES and (child.i == 0 or child.doc[child.i - 1].text not in {"-", "than"}):
            return True
    for child in _children_of(noun, "acl"):  # "the vote, scheduled for ...", "the games, to be held in ..."
        infinitive = any(aux.lower_ == "to" for aux in _children_of(child, "aux"))
        if child.lemma_.lower() in _FUTURE_FRAMES or (infinitive and _children_of(child, "auxpass")):
            return True
    if noun.dep_ != "pobj":
        return None
    preposition = noun.head
    words = {preposition.lower_}
    if preposition.lower_ == "of":
        words.add(preposition.head.lower_)
    # "are gathering ahead of Friday's final", "preparing for Friday's final": after the clause's own time, so
    # ahead of the reference only when that time is not past ("unveiled ahead of Friday's meeting" may be last week)
    if words & _FORWARD_PREPOSITIONS or (
        preposition.lower_ == "for" and preposition.head.lemma_.lower() in _FUTURE_FRAMES
    ):
        return None if _in_past_clause(noun) else True
    if words & _BACKWARD_PREPOSITIONS:
        return False
    return None


def _in_past_clause(token: Token) -> bool:
    verb = token
    for _ in range(8):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    finite = [verb, *_children_of(verb, "aux"), *_children_of(verb, "auxpass")]
    return any(word.tag_ == "VBD" for word in finite)


def _is_untensed(span: Span) -> bool:
    """The date's verb has no tense of its own: an infinitive ("a proposal to fund it into December", "decided
    to leave in March") or a bare verb ("come September"); its time is then not the clause's past."""
    verb = _verb_of(span)
    auxiliaries = _children_of(verb, "aux") + _children_of(verb, "auxpass")
    if verb.tag_ != "VB" and not any(child.lower_ == "to" for child in auxiliaries):
        return False  # a participle without "to" ("a law passed in March") keeps the past
    # "to be held in December"; not "to have met in March", which looks back
    return all(child.lower_ == "to" or (child.tag_ == "VB" and child.lemma_ == "be") for child in auxiliaries)


def _is_scheduled_present(span: Span) -> bool:
    """A present-tense main verb with a day or month names a scheduled event: "the law takes effect Monday",
    "the court term ends in June", "is meeting the envoy Friday". Reporting verbs ("says Friday") and present
    perfects look back instead."""
    verb = _verb_of(span)
    if verb.lemma_.lower() in _REPORTING_VERBS:
        return False
    if verb.tag_ == "VBG":  # "is meeting the envoy Friday", not "has been struggling since August"
        auxiliaries = _children_of(verb, "aux")
        return any(child.lemma_ == "be" and child.tag_ in {"VBZ", "VBP"} for child in auxiliaries) and not any(
            child.lemma_ == "have" for child in auxiliaries
        )
    if verb.tag_ not in {"VBZ", "VBP"}:
        return False
    return not any(child.lemma_.lower() == "have" for child in _children_of(verb, "aux"))


def _children_of(token: Token, dependency: str) -> list[Token]:
    """``token``'s children with that dependency label. Read once per token in an article: a head with
    thousands of children (one 40,000-character sentence) was walked again for each of 2,000 candidates."""
    cache = _CHILDREN.get()
    if cache is None:
        return [child for child in token.children if child.dep_ == dependency]
    by_label = cache.get(token.i)
    if by_label is None:
        by_label = {}
        for child in token.children:
            by_label.setdefault(child.dep_, []).append(child)
        cache[token.i] = by_label
    return by_label.get(dependency, [])
