"""A sentence's gist: its main clause, read from the parse, as a headline of a few words.

Headline writers keep the subject, the verb, the object and the one modifier that says what happened, and drop
what hangs off them: appositions, relative and adverbial clauses, second clauses, dates ("on Wednesday"),
parentheses, then prepositional tails, last first, until the headline fits. The words stay the text's own, in
its order, each kept phrase whole: the gist is a list of character spans into the article, never a sentence cut
short with "…". A sentence whose main clause cannot fit has no gist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from newsfuse.model import HEADLINE_MAX_WORDS, Sentence, Span, after_dateline, gist_words

from .gist_reading import CALENDAR_NAMES, DASHES, TIME_LABELS, WHEN_WORDS, paired_asides, reread_gist
from .speaker_words import REPORTING


@dataclass(frozen=True)
class GistSettings:
    max_words: int = HEADLINE_MAX_WORDS  # a headline a reader takes in at a glance (the shared bound)
    min_words: int = 4  # fewer is a label, not a statement
    opening_sentences: int = 3  # a headline comes from the lead; later sentences never need one
    # unless none of the opening ones has a gist (a caption, a greeting, parses gone wrong): then the first of
    # the next ones that has, so an untitled story is still named in its own words
    later_sentences: int = 12
    # words and marks of a sentence read for a gist: the longest opening sentence of the 500 DUC articles has
    # about 200, and the reading is quadratic in a sentence's length (a 400-deep nested quotation: 55 s)
    max_sentence_tokens: int = 250
    # a claim's closing attribution by a verb that is no reporting one ("…, court records show"): at most these
    # words; more is a second clause
    attribution_words: int = 4


GIST = GistSettings()

# Always dropped: a clause or a phrase a headline does without.
_ASIDES = frozenset({"relcl", "appos", "parataxis", "intj", "dep", "meta", "discourse", "preconj"})
_DURATIONS = frozenset({"hour", "hours", "minute", "minutes", "second", "seconds"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})
_TITLE_DEPS = frozenset({"compound", "amod"})
_INNER_MARKS = frozenset({"-", ",", "/", "&"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
_OBJECTS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd", "dative"})


def with_gists(doc: Doc, text: str, sentences: Sequence[Sentence], settings: GistSettings = GIST) -> list[Sentence]:
    """The sentences, the opening ones carrying their gist (see ``gist_spans``); when none of them has one, the
    first of the next ``settings.later_sentences`` that has."""
    result = list(sentences)
    found = False
    doc_text = doc.text  # spaCy builds it from the tokens on every access, and the gist counts words often
    for index, sentence in enumerate(sentences[: settings.opening_sentences + settings.later_sentences]):
        if found and index >= settings.opening_sentences:
            break
        pieces = gist_spans(doc, text, sentence.start, sentence.end, settings, doc_text)
        if pieces:
            result[index] = sentence.model_copy(update={"gist": pieces})
            found = True
    return result


def gist_spans(
    doc: Doc, text: str, start: int, end: int, settings: GistSettings = GIST, doc_text: str | None = None
) -> list[Span] | None:
    """The main clause of the sentence at ``text[start:end]`` in at most ``settings.max_words`` words, as
    spans of ``text`` in order; None when it has no verb at its root or its main clause does not fit.
    ``doc_text`` is ``doc.text`` when the caller has it."""
    sentence = doc.char_span(after_dateline(text, start, end), end, alignment_mode="expand")
    if sentence is None or not 0 < len(sentence) <= settings.max_sentence_tokens:
        return None
    doc_text = doc.text if doc_text is None else doc_text
    return (
        _gist_of(doc, doc_text, sentence, settings)
        or reread_gist(text, sentence, lambda reread, whole: _gist_of(reread, reread.text, whole, settings))
        or _relative_gist(doc, doc_text, sentence, settings)
    )


def _gist_of(doc: Doc, doc_text: str, sentence: DocSpan, settings: GistSettings) -> list[Span] | None:
    tokens = [t for t in sentence if not t.is_space]
    roots = [t for t in tokens if t.head == t or t.head.i < sentence.start or t.head.i >= sentence.end]
    # two sentences the splitter kept as one, or a fragment before the clause: the first clause that gives one
    for root in roots:
        if root.pos_ not in {"VERB", "AUX"}:
            continue
        aside = _bracketed(sentence, root)
        # the statement a colon explains comes first; a claim whose attribution leaves it no room is headed by
        # the claim alone
        clauses = [root, *_reported_clauses(root, sentence, aside)] if _one_clause(root, sentence, aside) else []
        for clause_root in (*_before_colon(root, sentence, aside), *clauses):
            pieces = _clause_gist(doc, doc_text, sentence, tokens, clause_root, aside, settings)
            if pieces:
                return pieces
    return None


def _relative_gist(doc: Doc, doc_text: str, sentence: DocSpan, settings: GistSettings) -> list[Span] | None:
    """A sentence with no verb at its root, read again or not, that says its news in a relative clause set off
    by a comma ("Congrats to Sundar Pichai, who just got promoted to …"): that clause, its pronoun read as the
    noun before it (with what precedes the noun in its phrase: "Sundar Pichai just got promoted to …", the text's
    words in its order). A clause without the comma picks out the noun ("the timetables that were published"):
    it is no statement of the sentence's."""
    tokens = [t for t in sentence if not t.is_space]
    if any(
        t.pos_ in {"VERB", "AUX"} and (t.head == t or not sentence.start <= t.head.i < sentence.end) for t in tokens
    ):
        return None
    for clause in tokens:
        pronouns = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WP", "WDT"}]
        if clause.dep_ != "relcl" or clause.pos_ not in {"VERB", "AUX"} or not pronouns:
            continue
        if clause.left_edge.i <= sentence.start or doc[clause.left_edge.i - 1].text != ",":
            continue
        noun = clause.head
        antecedent = set(range(max(noun.left_edge.i, sentence.start), noun.i + 1))
        pieces = _clause_gist(
            doc, doc_text, sentence, tokens, clause, _bracketed(sentence, clause), settings, antecedent
        )
        if pieces:
            return pieces
    return None


def _clause_gist(
    doc: Doc,
    doc_text: str,
    sentence: DocSpan,
    tokens: list[Token],
    root: Token,
    aside: set[int],
    settings: GistSettings,
    antecedent: set[int] | None = None,
) -> list[Span] | None:
    """The clause at ``root`` trimmed to a headline; a relative clause is read with ``antecedent`` (the words
    its pronoun stands for) as its subject, the pronoun left out."""
    clause = _subtree_ids(root, sentence)
    if antecedent is not None:
        pronouns = {c.i for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WP", "WDT"}}
        clause = (clause - pronouns) | antecedent
    kept = {t.i for t in tokens if t.i in clause}
    kept -= _always_dropped(root, sentence, aside)
    kept = _trimmed(doc, doc_text, kept, _optional_phrases(root, sentence, kept), settings)
    # still too long: the words that only qualify a noun go too, last first ("a last-minute Russian request")
    kept = _trimmed(doc, doc_text, kept, _qualifiers(sentence, kept), settings)
    kept = _with_punctuation(doc, kept, sentence) | _attribution_comma(root, sentence, kept, settings)
    words = _word_count(doc, doc_text, kept)
    if not settings.min_words <= words <= settings.max_words or root.i not in kept or _hangs(doc, kept):
        return None
    if _claim_lost(root, kept):
        return None  # "Court records show": who said it without what; the claim is a clause of its own
    first = doc[min(kept)]
    if first.i > sentence.start and not doc[first.i - 1].whitespace_ and not doc[first.i - 1].is_punct:
        return None  # "’s" of "Here’s": half a word
    return _spans(doc, sorted(kept))


def _claim_lost(root: Token, kept: set[int]) -> bool:
    """A verb that ends the gist with the claim before it gone ("Court records show"): an attribution alone."""
    words = [i for i in kept if not root.doc[i].is_punct]
    claims = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
    lost = claims and not any(t.i in kept for c in claims for t in c.subtree)
    return bool(lost) and max(words) == root.i


def _trimmed(
    doc: Doc, doc_text: str, kept: set[int], phrases: list[set[int]], settings: GistSettings
) -> set[int]:
    """The kept words less the phrases, in order, until they fit and end on a word that ends a phrase."""
    names = [set(range(e.start, e.end)) for e in doc.ents if e.label_ in _NAME_LABELS and e.end - e.start > 1]
    for phrase in phrases:
        if _word_count(doc, doc_text, kept) <= settings.max_words and not _hangs(doc, kept):
            break
        smaller = kept - phrase
        # a phrase whose loss leaves a label ("Police detained") stays, and one that would cut a name in two
        # ("Doctors" of "Doctors Without Borders")
        cuts = any(name & smaller and name & kept & phrase for name in names)
        if smaller != kept and _word_count(doc, doc_text, smaller) >= settings.min_words and not cuts:
            kept = smaller
    return kept


def _qualifiers(sentence: DocSpan, kept: set[int]) -> list[set[int]]:
    """A noun's adjectives and noun modifiers, and an adjective's adverb ("nearly complete"), last first; never
    a word of the same name as its noun ("South" of "South Korea")."""
    entity_of = {t.i: ent.start for ent in sentence.ents for t in ent}
    qualifiers = [
        _subtree_ids(t, sentence)
        for t in sentence
        if t.i in kept
        and t.dep_ in {"amod", "compound", "nmod", "advmod"}
        and t.head.pos_ in ({"NOUN", "PROPN", "ADJ"} if t.dep_ == "advmod" else {"NOUN", "PROPN"})
        and t.ent_type_ != "PERSON"
        and not (t.i in entity_of and entity_of[t.i] == entity_of.get(t.head.i))
    ]
    return qualifiers[::-1]


def _reported_clauses(root: Token, sentence: DocSpan, aside: set[int]) -> list[Token]:
    """The claim of an attribution ("Hunger is reaching crisis levels, a U.N. official said"; "X said that
    Israel would continue to build"): a main clause of its own."""
    if root.lemma_.lower() not in REPORTING:
        return []
    return [
        c
        for c in root.children
        if (c.dep_ == "ccomp" or (c.dep_ == "advcl" and c.i < root.i))  # a claim read as a clause set off
        and c.pos_ in {"VERB", "AUX"}
        and c.i not in aside
        and _one_clause(c, sentence, aside)
    ]


def _hangs(doc: Doc, kept: set[int]) -> bool:
    """A gist that ends on a word waiting for more ("… was", "… to", "… the"): its complement could not be
    kept whole, so it says nothing."""
    words = [i for i in kept if not doc[i].is_punct]
    if not words:
        return True
    last = doc[max(words)]
    return last.pos_ in {"AUX", "ADP", "DET", "CCONJ", "SCONJ", "PART"} and last.dep_ not in {"prt", "case"}


def _one_clause(root: Token, sentence: DocSpan, aside: set[int]) -> bool:
    """A main verb with one subject and at most one object: two of either is a parse gone wrong (a noun read
    as a verb, a dash read as a word), and a gist of it would not say what the sentence says. What the
    sentence sets aside (between dashes, before the subject) is no subject or object of it."""
    # the dateline left out of the sentence is no subject ("BRUSSELS, Belgium (AP) - The European Union …")
    children = [
        c for c in root.children if sentence.start <= c.i < sentence.end and c.i not in aside and not _fronted(c)
    ]
    # a possessor the parse hung on the verb beside what it owns ("defied Trump’s wishes", "wishes" read as a
    # verb) is no object of its own
    deps = [c.dep_ for c in children if not (c.dep_ == "dobj" and any(g.dep_ == "case" for g in c.children))]
    subjects = sum(dep in {"nsubj", "nsubjpass", "csubj", "expl"} for dep in deps)
    # "After …" is not the clause; a reported claim's "that" is
    marks = [c for c in children if c.dep_ == "mark" and not (root.dep_ == "ccomp" and c.lower_ == "that")]
    return subjects == 1 and deps.count("dobj") <= 1 and not marks


def _fronted(token: Token) -> bool:
    """A clause or participle before the subject, set off by a comma, when the verb has its complement after
    it ("Protesting the lack of a lawyer, the father is to seek …"; "The last time the region met, Japan's
    prime minister assured everyone that …"): the setting, not the news. A claim before its attribution ("…,
    officials said") is the verb's only complement, and stays."""
    verb = token.head
    if token.dep_ not in {"csubj", "ccomp", "advcl", "npadvmod"} or token.i >= verb.i or token == verb:
        return False
    if token.dep_ == "ccomp" and verb.lemma_.lower() in REPORTING:
        return False  # "'This is real simple,' President Obama told a crowd": the claim
    edge = token.right_edge
    if edge.text != "," and (edge.i + 1 >= len(token.doc) or token.doc[edge.i + 1].text != ","):
        return False
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"} and edge.i < c.i < verb.i]
    complements = [c for c in verb.children if c.dep_ in _OBJECTS and c.i > verb.i]
    return bool(subjects) and bool(complements)


def _subtree_ids(token: Token, sentence: DocSpan) -> set[int]:
    return {t.i for t in token.subtree if sentence.start <= t.i < sentence.end}


def _always_dropped(root: Token, sentence: DocSpan, aside: set[int]) -> set[int]:
    dropped: set[int] = set()
    for token in sentence:
        if token.is_space or (token.is_punct and token.dep_ != "case"):  # "parties' demands" keeps its mark
            dropped.add(token.i)
        elif (
            token.dep_ in _ASIDES or _set_off_clause(token) or _fronted_participle(token) or _closing_aside(token)
        ) and token not in (
            root,
            *_names_of(token),
        ):
            dropped |= _subtree_ids(token, sentence)
        elif _is_time_modifier(token):
            dropped |= _time_words(token, sentence)
    dropped |= _label(root, sentence)
    for child in root.children:
        link = child.dep_ == "cc" and (child.i < root.i or not _coordinates(child))
        if link or (child.dep_ == "advmod" and child.i < root.i and _before_subject(child, root)):
            dropped |= _subtree_ids(child, sentence)  # "But", "Meanwhile", "However": the sentence's link
        elif child.dep_ == "mark":
            dropped.add(child.i)  # a reported claim's "that"
    for token in sentence:  # "dissidents arrested this week": the participle goes with its date
        children = list(token.children)
        alone = bool(children) and all(c.i in dropped for c in children)
        if token.dep_ == "acl" and alone and any(_is_time_modifier(c) for c in children):
            dropped |= _subtree_ids(token, sentence)
    return dropped | aside


def _before_colon(root: Token, sentence: DocSpan, aside: set[int]) -> list[Token]:
    """A clause before a colon that the parser hung on the clause after it ("Rand Paul's flirtation with running
    is getting serious: he's asking …"): the statement the rest explains."""
    label = _label(root, sentence)
    return [
        c
        for c in root.children
        if c.i in label and c.pos_ in {"VERB", "AUX"} and c.i not in aside and _one_clause(c, sentence, aside)
    ]


def _coordinates(cc: Token) -> bool:
    """An "and" with something after it to join (a text cut short ends on one)."""
    return any(c.dep_ == "conj" and c.i > cc.i for c in cc.head.children)


def _label(root: Token, sentence: DocSpan) -> set[int]:
    """What stands before a colon ahead of the clause's subject: a label ("Correction:", "UPDATE:") or a
    statement of its own ("Kate Gosselin can ease up on the 'freaking out': The out-of-work star has a job")."""
    subjects = [c.i for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    colons = [t.i for t in sentence if t.text == ":" and t.i < min(subjects, default=root.i) and t.i < root.i]
    return set(range(sentence.start, colons[-1] + 1)) if colons else set()


def _closing_aside(token: Token) -> bool:
    """A noun phrase after a comma that the parser hung on a verb already complemented ("… whether they are to
    be paid during the lockout, a long-awaited arbitrator's decision that …"): it comments on the clause."""
    if token.dep_ not in {"attr", "dobj", "npadvmod"} or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    left = token.left_edge
    if left.text != "," and (left.i == 0 or left.nbor(-1).text != ","):
        return False
    return any(c.dep_ in _OBJECTS and c.i < token.i for c in token.head.children if c != token)


def _fronted_participle(token: Token) -> bool:
    """ "Protesting the lack of a lawyer, the father …": read as a second subject, an aside."""
    return token.dep_ == "csubj" and _fronted(token)


def _names_of(token: Token) -> tuple[Token, ...]:
    """The token when it is no aside after all: an infinitive the parser called a relative clause, or the name
    after its title with no comma between ("Transport Minister Per Holm", parsed as an apposition)."""
    if _infinitive(token):
        return (token,)
    if token.dep_ == "appos" and token.ent_type_ == "PERSON" and token.left_edge.i == token.head.i + 1:
        return (token,)
    return ()


def _infinitive(token: Token) -> bool:
    """ "time to extradite the suspect": a noun's infinitive (the parser may call it a relative clause) says
    what the noun is for, and goes only when the headline needs the room."""
    return token.dep_ == "relcl" and any(c.tag_ == "TO" for c in token.children)


def _set_off_clause(token: Token) -> bool:
    """An adverbial clause before its verb or after a comma ("…, announcing the signing"): an aside. One
    that follows its verb directly ("asked for time to extradite him") says what was done, and stays."""
    if token.dep_ != "advcl":
        return False
    left = token.left_edge
    return token.i < token.head.i or (left.i > 0 and left.nbor(-1).text in {",", ";", "—", "–", "-", "_"})


def _before_subject(token: Token, root: Token) -> bool:
    subjects = [c.i for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return not subjects or token.i < min(subjects)


def _is_time_modifier(token: Token) -> bool:
    """ "on Wednesday", "Tuesday", "50 years ago": when, which a headline leaves to the text."""
    dated = all(t.ent_type_ in TIME_LABELS or t.is_punct for t in token.subtree)
    if token.dep_ in {"npadvmod", "tmod", "advmod"} and dated:
        return _point_in_time(token)
    if token.dep_ == "prep" and token.head.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}:
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return bool(objects) and all(o.ent_type_ in TIME_LABELS and _point_in_time(o) for o in objects)
    return False


def _point_in_time(token: Token) -> bool:
    """ "Tuesday", "on March 3", "last week", "in 1998", "50 years ago", "at 2 a.m.": when. A length of time
    ("sentenced to five years", "a 65-year-old") is what happened, and stays."""
    words = [t for t in token.subtree if t.ent_type_ in TIME_LABELS or t == token]
    if any(t.lower_ in WHEN_WORDS or t.lower_.rstrip(".") in CALENDAR_NAMES for t in words):
        return True
    if any(t.like_num and len(t.text) == 4 and t.text.isdigit() for t in words):  # a year
        return True
    return token.ent_type_ == "TIME" and not any(t.lower_ in _DURATIONS for t in words)


def _time_words(token: Token, sentence: DocSpan) -> set[int]:
    """The date phrase with what belongs to it ("after six years of building"), but not a phrase the parser
    hung on the date by mistake ("on Wednesday with North Korea's Kim" keeps its "with")."""
    words = _subtree_ids(token, sentence)
    for inner in token.subtree:
        if inner.dep_ == "prep" and inner.lower_ != "of" and inner.head.ent_type_ in TIME_LABELS:
            words -= _subtree_ids(inner, sentence)
    return words


def _bracketed(sentence: DocSpan, root: Token) -> set[int]:
    """Tokens inside parentheses or brackets, between two dashes, or after a last dash that follows the verb
    ("… national security _ the clearest sign yet …"): an aside."""
    inside = paired_asides(sentence)
    dashes = [t.i for t in sentence if t.text in DASHES]
    if len(dashes) % 2 and dashes[-1] > root.i:
        inside.update(range(dashes[-1], sentence.end))
    return inside


def _optional_phrases(root: Token, sentence: DocSpan, kept: set[int]) -> list[set[int]]:
    """What may go, in the order it goes: a noun's prepositional tail and its participle or infinitive
    modifier, last first; then the modifiers of a verb below the main one, then the main verb's own, last first;
    then the "of" that says whose, last ("one of the piers" keeps its "of": "one" alone says nothing); the
    phrase a verb without an object needs goes at the very end (a copula left hanging makes no gist at all)."""
    second_verbs: list[Token] = []
    fronted: list[Token] = []
    noun_tails: list[Token] = []
    inner_verb_tails: list[Token] = []
    verb_tails: list[Token] = []
    of_phrases: list[Token] = []
    conjuncts: list[Token] = []
    complements: list[Token] = []
    stranded: list[Token] = []
    for token in sentence:
        if token.i not in kept or token == root:
            continue
        head = token.head
        if token.dep_ == "mark" or token.tag_ == "WRB":
            continue  # "when", "as": the clause's own link goes with the clause ("because of" is a phrase)
        if token.dep_ == "prep" and not any(token.children):
            stranded.append(token)  # "no choice but to …" keeps its "but"; "for" left alone at the end goes
            continue
        if _fronted(token):
            # a clause with a subject of its own before the main one may be the first of two clauses ("Two
            # crew members are dead, three yachts remain missing"): it goes after a second clause
            (second_verbs if token.dep_ == "ccomp" else fronted).append(token)
        elif (token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and not _shares_object(token)) or _glued_clause(
            token
        ):
            second_verbs.append(token)
        elif token.dep_ == "conj" and token.pos_ not in {"VERB", "AUX"} and head.dep_ in _OBJECTS | {"pobj"}:
            # of two: a list of three or more cut to its first would say the first did it alone
            if sum(c.dep_ == "conj" for c in head.children) == 1 and not any(c.dep_ == "conj" for c in token.children):
                conjuncts.append(token)  # "to kill Osama bin Laden and as many of his lieutenants as possible"
        elif token.dep_ == "prep" and token.lower_ == "of":
            if head.pos_ in {"NOUN", "PROPN"}:
                of_phrases.append(token)
        elif (
            token.dep_ in {"prep", "acl"} or _infinitive(token) or (token.dep_ == "amod" and token.i > head.i)
        ) and head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            noun_tails.append(token)  # "levels comparable to the effects of famine": a tail
        elif token.dep_ == "prep" and head.pos_ == "ADJ":
            inner_verb_tails.append(token)  # "not too choosy about who …"
        elif token.dep_ in {"prep", "advmod", "npadvmod", "agent", "advcl"} or (
            token.dep_ == "dative" and token.pos_ == "ADP"  # "providing loans to the government"
        ):
            if head.pos_ not in {"VERB", "AUX"} or head.dep_ in _TITLE_DEPS:
                continue  # "center" of "the center-left prime minister" qualifies a word, not a clause
            if token.i < head.i:
                fronted.append(token)  # "In Honduras, …": the setting, before the news
            elif token == _complement(head):
                if head.pos_ != "AUX":  # "was on the brink" never loses its "on the brink"
                    complements.append(token)  # the last to go: "were buried in a 32-square mile area"
            else:
                (verb_tails if head == root else inner_verb_tails).append(token)
    titles = _titles(sentence, kept)
    ordered = [
        *fronted,
        *reversed(second_verbs),
        *reversed(noun_tails),
        *titles,
        *reversed(inner_verb_tails),
        *reversed(verb_tails),
        *reversed(stranded),
        *reversed(conjuncts),
        *reversed(of_phrases),
        *reversed(complements),
    ]
    # a title goes whole ("Russian President"): the names themselves never go
    return [
        {t.i for t in token.subtree if t.ent_type_ != "PERSON"}
        if token in titles
        else _subtree_ids(token, sentence) | _coordinator(token) | _range_partner(token, sentence)
        for token in ordered
    ]


def _shares_object(verb: Token) -> bool:
    """ "detained and questioned the organizer": a second verb right after the first, which has no object of
    its own, shares the object with it; it is no second clause."""
    first = verb.head
    between = [t for t in verb.doc[first.i + 1 : verb.i] if not t.is_punct]
    alone = not any(c.dep_ in _OBJECTS | {"prep", "agent"} for c in first.children)
    return alone and all(t.dep_ == "cc" for t in between) and not any(c.dep_.startswith("nsubj") for c in verb.children)


def _glued_clause(token: Token) -> bool:
    """A clause hung on a verb after its object with no "that" ("uncovered a network … and that its members
    have infiltrated …", parsed as "uncovered a network [members have infiltrated]"): a second clause."""
    if token.dep_ != "ccomp" or any(c.dep_ == "mark" for c in token.children):
        return False
    return any(c.dep_ == "dobj" and c.i < token.i for c in token.head.children)


def _titles(sentence: DocSpan, kept: set[int]) -> list[Token]:
    """The title before a full name ("Russian President" of "Russian President Vladimir Putin", "A defiant
    Prime Minister" of "A defiant Prime Minister Benjamin Netanyahu", which the parser may read as the noun with
    the name in apposition): the name says who, and a headline needs the room for what they did and with whom."""
    titles: list[Token] = []
    for head in sentence:
        if head.i not in kept or head.ent_type_ != "PERSON" or head.dep_ in _TITLE_DEPS:
            continue
        before = [c for c in head.lefts if c.i in kept and c.dep_ in _TITLE_DEPS]
        names = [c for c in before if c.ent_type_ == "PERSON"]
        if not names:  # a surname alone keeps its title: "the President" or "Putin" alone may not say who
            continue
        titles.extend(c for c in before if c.ent_type_ != "PERSON" and c.i < names[0].i)
        if _names_of(head) and head.head.i in kept and head.head.ent_type_ != "PERSON":
            titles.append(head.head)
    return titles


def _complement(verb: Token) -> Token | None:
    """The phrase a verb without an object cannot lose: "was on the brink", "were blamed on Mitch"."""
    if any(c.dep_ in _OBJECTS for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in {"prep", "agent"} and c.i > verb.i), None)


def _range_partner(token: Token, sentence: DocSpan) -> set[int]:
    """ "from 7,000 to about 6,100" goes whole or stays whole."""
    partner = {"from": "to", "to": "from"}.get(token.lower_)
    if token.dep_ != "prep" or partner is None:
        return set()
    siblings = [c for c in token.head.children if c.dep_ == "prep" and c.lower_ == partner]
    return _subtree_ids(siblings[0], sentence) if siblings else set()


def _coordinator(token: Token) -> set[int]:
    """The "and" just before a second verb goes with it (not the one before the verb ahead of it)."""
    if token.dep_ != "conj":
        return set()
    before = [c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i]
    return {max(before)} if before else set()


def _attribution_comma(root: Token, sentence: DocSpan, kept: set[int], settings: GistSettings) -> set[int]:
    """ "…, officials said": the comma before a closing attribution, so the claim stays the speaker's; a verb
    other than a reporting one closes a claim as an attribution when it has a few words only ("…, court records
    show", "…, Fox News projected"), not a second clause ("…, so we flew unaccompanied for visits")."""
    reported = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i and c.i in kept]
    if not reported:
        return set()
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > reported[0].i]
    if not subjects:
        return set()
    first = min(t.i for t in subjects[0].subtree if t.i in kept) if subjects[0].i in kept else subjects[0].i
    closing = [i for i in kept if i >= first and not sentence.doc[i].is_punct]
    if root.lemma_.lower() not in REPORTING and len(closing) > settings.attribution_words:
        return set()
    commas = [t.i for t in sentence if t.text == "," and reported[0].i < t.i < first]
    return {commas[-1]} if commas else set()


def _with_punctuation(doc: Doc, kept: set[int], sentence: DocSpan) -> set[int]:
    """Punctuation inside kept words comes back (the hyphen of "North-South", the comma of "Russia, China
    and Iran"); quotation marks only in pairs, so a quoted word stays quoted and nothing opens unclosed."""
    result = set(kept)
    quotes: list[int] = []
    for token in sentence:
        if not token.is_punct or token.i in kept:
            continue
        if token.text in _QUOTE_MARKS:
            opens = token.whitespace_ == "" and token.i + 1 in kept
            closes = _closes_on_kept(doc, token, sentence, kept)
            if opens or closes:
                quotes.append(token.i)
        elif token.text in _INNER_MARKS and {token.i - 1, token.i + 1, token.head.i} <= kept:
            result.add(token.i)
    if len(quotes) % 2 == 0:
        result.update(quotes)
    return result


def _closes_on_kept(doc: Doc, mark: Token, sentence: DocSpan, kept: set[int]) -> bool:
    """A closing quotation mark right after a kept word, or after the comma that ends it ("normal,\"")."""
    at = mark.i - 1
    while at >= sentence.start and doc[at].is_punct and doc[at].whitespace_ == "" and at not in kept:
        at -= 1
    return at >= sentence.start and at in kept and doc[at].whitespace_ == "" and at < mark.i


def _word_count(doc: Doc, doc_text: str, kept: set[int]) -> int:
    """Words as the gist will show them: "last-minute" is one, as its hyphen comes back."""
    hyphens = {
        i + 1
        for i in kept
        if i + 2 in kept and doc[i + 1].text in _INNER_MARKS and not doc[i].whitespace_ and not doc[i + 1].whitespace_
    }
    return len(gist_words(doc_text, _spans(doc, sorted(kept | hyphens))).split()) if kept else 0


def _spans(doc: Doc, ordered: list[int]) -> list[Span]:
    """Runs of consecutive tokens as character spans (a run keeps the text's own spacing: "Korea's")."""
    spans: list[Span] = []
    run_start = run_end = -1
    previous = -2
    for index in ordered:
        token = doc[index]
        if index == previous + 1 and run_start >= 0:
            run_end = token.idx + len(token.text)
        else:
            if run_start >= 0:
                spans.append(Span(start=run_start, end=run_end))
            run_start, run_end = token.idx, token.idx + len(token.text)
        previous = index
    if run_start >= 0:
        spans.append(Span(start=run_start, end=run_end))
    return spans
