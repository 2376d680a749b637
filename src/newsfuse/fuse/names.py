"""Name conflicts: the same common noun about the same place, qualified by different proper names in related
sentences of different sources ("U.S.-led Western sanctions on Russia" against "UN sanctions on Moscow")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.fuse.text import clauses, content_stems, stem
from newsfuse.model import AnnotatedArticle, Conflict, ConflictSide, ConflictValue, Mention

_PREMODIFIER_WORDS = 4
# The reporting verbs' forms that end neither in -ed nor look like anything but a verb: "Interfax said" is who
# said it, not a noun qualified by a name (past forms in -ed are verbs already, see ``_qualified_nouns``)
_REPORTING_FORMS = frozenset({"said", "says", "told", "tells", "wrote", "writes"})
_TOKEN = re.compile(r"\S+")
# A capital stands for its country in news copy ("Moscow said"): the same target either way.
_CAPITALS = {
    "moscow": "russia", "kyiv": "ukraine", "kiev": "ukraine", "washington": "united states", "beijing": "china",
    "pyongyang": "north korea", "seoul": "south korea", "tokyo": "japan", "london": "united kingdom",
    "paris": "france", "berlin": "germany", "tehran": "iran", "jerusalem": "israel", "ankara": "turkey",
    "new delhi": "india", "islamabad": "pakistan", "kabul": "afghanistan", "damascus": "syria",
    "baghdad": "iraq", "cairo": "egypt", "riyadh": "saudi arabia", "caracas": "venezuela", "havana": "cuba",
    "minsk": "belarus", "taipei": "taiwan", "hanoi": "vietnam", "brussels": "european union",
}
_COUNTRY_ALIASES = {"us": "united states", "usa": "united states", "uk": "united kingdom", "dprk": "north korea"}
# A nationality word names the same side as that nation's own bodies: "American troops" and "U.S. Army troops"
# are one army said more or less precisely, not two who might be behind the troops.
_NATIONALITIES = {
    "american": "united states", "british": "united kingdom", "russian": "russia", "chinese": "china",
    "french": "france", "german": "germany", "japanese": "japan", "israeli": "israel", "palestinian": "palestine",
    "iranian": "iran", "iraqi": "iraq", "syrian": "syria", "turkish": "turkey", "ukrainian": "ukraine",
    "indian": "india", "pakistani": "pakistan", "afghan": "afghanistan", "egyptian": "egypt", "saudi": "saudi arabia",
    "canadian": "canada", "mexican": "mexico", "brazilian": "brazil", "italian": "italy",
    "spanish": "spain", "polish": "poland", "dutch": "netherlands", "swedish": "sweden", "australian": "australia",
    "hungarian": "hungary", "serbian": "serbia", "croatian": "croatia", "greek": "greece", "cuban": "cuba",
    "venezuelan": "venezuela", "belarusian": "belarus", "taiwanese": "taiwan", "vietnamese": "vietnam",
}  # fmt: skip






@dataclass(frozen=True)
class _Qualified:
    """A common noun qualified by proper names ("U.S.-led Western sanctions"), with the places its clause names."""

    article_index: int
    sentence: int
    noun: str
    modifiers: tuple[str, ...]  # in text order: initials are read left to right ("United Nations" → "un")
    modifier_start: int
    noun_end: int
    targets: frozenset[str]
    names_body: bool = False  # a qualifier is an organisation (UN, EU, NATO)
    noun_text: str = ""


def name_conflicts(
    articles: Sequence[AnnotatedArticle],
    source_of: dict[str, str],
    names: dict[str, str],
    related: Callable[[int, int, int, int], bool],
    outlet: Callable[[AnnotatedArticle], str],
) -> Iterator[Conflict]:
    """``related(article, sentence, other_article, other_sentence)`` says whether two sentences speak of the
    same matter (the support search judged them alike)."""
    qualified = [q for index, a in enumerate(articles) for q in _qualified_nouns(index, a, names)]
    for i, x in enumerate(qualified):
        for y in qualified[i + 1 :]:
            a, b = articles[x.article_index], articles[y.article_index]
            if source_of[a.article.id] == source_of[b.article.id]:
                continue
            if x.noun != y.noun or not (x.targets & y.targets) or _same_names(x.modifiers, y.modifiers):
                continue
            if not (x.names_body or y.names_body):
                continue  # nationality words alone ("British officials") describe people, not who acted
            if not related(x.article_index, x.sentence, y.article_index, y.sentence):
                continue
            left = a.article.text[x.modifier_start : x.noun_end]
            right = b.article.text[y.modifier_start : y.noun_end]
            yield Conflict(
                id="",
                kind="name",
                slot=f"who is behind the {x.noun_text}",
                fact_group_id=None,
                description=f"{outlet(a)} says {left!r}, {outlet(b)} says {right!r}",
                values=[
                    ConflictValue(value=left, family_ids=[source_of[a.article.id]], published=a.article.published,
                                  sides=[ConflictSide(article_id=a.article.id, start=x.modifier_start,
                                                      end=x.noun_end, value=left)]),
                    ConflictValue(value=right, family_ids=[source_of[b.article.id]], published=b.article.published,
                                  sides=[ConflictSide(article_id=b.article.id, start=y.modifier_start,
                                                      end=y.noun_end, value=right)]),
                ],
            )


def _qualified_nouns(article_index: int, annotated: AnnotatedArticle, names: dict[str, str]) -> Iterator[_Qualified]:
    text = annotated.article.text
    by_sentence: dict[int, list[Mention]] = {}
    for mention in annotated.mentions:  # once, not once per sentence: an article may have thousands of both
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for index, sentence in enumerate(annotated.sentences):
        mentions = by_sentence.get(index, [])
        sentence_clauses: list[tuple[int, int]] | None = None  # cut once per sentence, when first needed
        # looked up by offset, not scanned per word: a hostile sentence has thousands of words and mentions
        in_person = {offset for m in mentions if m.label == "PERSON" for offset in range(m.start, m.end)}
        places = sorted((m for m in mentions if m.label == "GPE"), key=lambda m: m.start)
        place_starts = [m.start for m in places]
        organisation_starts = sorted(m.start for m in mentions if m.label == "ORG")
        tokens = [(m.start() + sentence.start, m.end() + sentence.start, m.group())
                  for m in _TOKEN.finditer(text[sentence.start : sentence.end])]
        for position, (start, end, token) in enumerate(tokens):
            noun = token.strip(".,;:!?\"'“”‘’()")
            # a past form ("Russia signed") is a verb after its subject, not a qualified noun
            if len(noun) < 4 or not noun.isalpha() or not noun.islower() or noun.endswith("ed"):
                continue
            if noun in _REPORTING_FORMS:
                continue
            if not content_stems(noun):
                continue
            modifiers: list[tuple[int, str]] = []
            for before_start, _, before in reversed(tokens[max(0, position - _PREMODIFIER_WORDS) : position]):
                word = before.strip("\"'“”‘’()")
                if not _is_qualifier(word, before, before_start, in_person):
                    break
                modifiers.append((before_start, word))
            if not modifiers:
                continue
            modifier_start = min(s for s, _ in modifiers)
            if sentence_clauses is None:
                sentence_clauses = _clause_spans(text, sentence.start, sentence.end)
                clause_starts = [clause_start for clause_start, _ in sentence_clauses]
            clause = _clause_at(sentence_clauses, clause_starts, start) or (sentence.start, sentence.end)
            targets = frozenset(
                _place(m, names)
                for m in places[bisect_left(place_starts, clause[0]) : bisect_left(place_starts, clause[1])]
                if not modifier_start <= m.start < end
            )
            first_organisation = bisect_left(organisation_starts, modifier_start)
            organisations = (
                first_organisation < len(organisation_starts) and organisation_starts[first_organisation] < start
            )
            if targets:
                head, head_end = _compound_head(tokens, position)
                yield _Qualified(
                    article_index=article_index,
                    sentence=index,
                    noun=stem(head),
                    modifiers=tuple(_normal_name(w) for _, w in sorted(modifiers)),
                    modifier_start=modifier_start,
                    noun_end=head_end,
                    targets=targets,
                    names_body=organisations,
                    noun_text=head,
                )


def _compound_head(tokens: Sequence[tuple[int, int, str]], position: int) -> tuple[str, int]:
    """The head of the noun compound starting at ``tokens[position]`` ("trade sanctions" → "sanctions") and
    where it ends: following lower-case content words extend it, up to two, until punctuation."""
    last = position
    while last + 1 < len(tokens) and last - position < 2 and tokens[last][2][-1:].isalpha():
        word = tokens[last + 1][2].rstrip(".,;:!?\"'“”‘’()")
        if (
            not word.isalpha() or not word.islower() or word.endswith(("ed", "ly")) or word in ENGLISH_STOP_WORDS
            or word in _REPORTING_FORMS
        ):
            break
        last += 1
    start, _, token = tokens[last]
    head = token.rstrip(".,;:!?\"'“”‘’()")
    return head, start + len(head)


def _is_qualifier(word: str, token: str, start: int, in_person: set[int]) -> bool:
    """A proper name used as a qualifier: capitalised, no function word, no possessive or person (a subject
    or an owner, not the body the noun belongs to), and no clause punctuation after it."""
    if not word or not word[0].isupper() or token[-1:] in ",;:":
        return False
    if word.lower() in ENGLISH_STOP_WORDS and not word.isupper():  # "UN" is a body, "Un" would not be
        return False
    if word.endswith(("'s", "’s")):
        return False
    return start not in in_person


def _clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The character ranges of the clauses of ``text[start:end]``, in order (the sentence is cut once, not once
    per noun in it: a sentence of thousands of words has thousands of nouns)."""
    sentence = text[start:end]
    cursor = 0
    spans: list[tuple[int, int]] = []
    for clause in clauses(sentence) or [sentence]:
        found = sentence.find(clause.split(" ")[0], cursor)
        clause_start = start + (found if found >= 0 else cursor)
        clause_end = clause_start + len(clause)
        spans.append((clause_start, clause_end))
        cursor = max(cursor, clause_end - start)
    return spans


def _clause_at(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int] | None:
    """The clause that holds ``offset`` (clauses are in order and do not overlap)."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return None


def _place(mention: Mention, names: dict[str, str]) -> str:
    name = names.get(mention.entity_id or "", mention.text)
    normal = " ".join(name.lower().replace(".", "").split())
    normal = _COUNTRY_ALIASES.get(normal, normal)
    return _CAPITALS.get(normal, normal)


def _normal_name(word: str) -> str:
    word = re.sub(r"-(led|backed|based|sponsored|brokered)$", "", word, flags=re.IGNORECASE)
    return word.replace(".", "").lower()


def _same_names(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two runs of qualifying names can name the same body: shared name, an acronym of the other, or
    one nation's name and its nationality word ("US Army" and "American")."""
    if set(first) & set(second) or _nations(first) & _nations(second):
        return True
    first_initials = "".join(w[0] for w in first if w)
    second_initials = "".join(w[0] for w in second if w)
    return any(w == second_initials for w in first) or any(w == first_initials for w in second)


def _nations(names: tuple[str, ...]) -> set[str]:
    """The nations the qualifying names stand for: a country's name or alias, or its nationality word."""
    nations = set()
    for name in names:
        normal = _COUNTRY_ALIASES.get(name, name)
        if normal in _NATIONALITIES.values():
            nations.add(normal)
        elif name in _NATIONALITIES:
            nations.add(_NATIONALITIES[name])
    return nations
