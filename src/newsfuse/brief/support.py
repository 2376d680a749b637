"""Citation support: does each cited span really carry the fact of the sentence it is cited for?

Fusion groups sentences by meaning, and meaning-alike sentences can still disagree on what matters in
news: "64 seats" against "65 seats", or the same claim about another person. So a citation passes only
when three signals agree: the span says something close (encoder cosine), none of its numbers
contradicts the fact's numbers (same unit, other value), and it carries enough of the fact's key items
(the entities and numbers the fact names). The sentence's own source always passes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsfuse.model import AnnotatedArticle, Citation, SentenceRef, TextEncoder

MIN_COSINE = 0.5
MIN_KEY_COVERAGE = 0.5

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def check_support(
    fact: SentenceRef, citations: Sequence[Citation], articles: Sequence[AnnotatedArticle], encoder: TextEncoder
) -> list[Citation]:
    """The citations whose span carries the fact stated by sentence ``fact``; the others are dropped."""
    by_id = {a.article.id: a for a in articles}
    source = by_id.get(fact.article_id)
    if source is None:
        return list(citations)
    fact_text = source.article.text[fact.start : fact.end]
    fact_entities = _entity_keys(source, fact.start, fact.end)
    fact_numbers = _numbers(source, fact.start, fact.end)
    others = [c for c in citations if not _is_fact_itself(c, fact)]
    cosines = _cosines(fact_text, [c.text for c in others], encoder)
    kept: list[Citation] = []
    for citation in citations:
        if _is_fact_itself(citation, fact):
            kept.append(citation)
            continue
        cited = by_id.get(citation.article_id)
        if cited is None:
            continue
        cosine = cosines[others.index(citation)]
        if _supports(fact_entities, fact_numbers, cited, citation, cosine):
            kept.append(citation)
    return kept


def _is_fact_itself(citation: Citation, fact: SentenceRef) -> bool:
    return citation.article_id == fact.article_id and citation.start == fact.start and citation.end == fact.end


def _supports(
    fact_entities: dict[str, str],
    fact_numbers: set[tuple[float, str | None]],
    cited: AnnotatedArticle,
    citation: Citation,
    cosine: float,
) -> bool:
    if cosine < MIN_COSINE:
        return False
    span_numbers = _numbers(cited, citation.start, citation.end)
    if _contradicts(fact_numbers, span_numbers):
        return False
    span_text = " ".join(citation.text.lower().split())
    span_entities = _entity_keys(cited, citation.start, citation.end)
    fact_values = {value for value, _ in fact_numbers}
    span_values = {value for value, _ in span_numbers}
    keys = len(fact_entities) + len(fact_values)
    if keys == 0:
        return True
    carried = sum(1 for key, text in fact_entities.items() if key in span_entities or text in span_text)
    carried += len(fact_values & span_values)
    return carried / keys >= MIN_KEY_COVERAGE


def _contradicts(fact: set[tuple[float, str | None]], span: set[tuple[float, str | None]]) -> bool:
    """The span gives a quantity of the fact a value the fact does not state ("three yachts missing" for
    "two yachts") and leaves the fact's own out. Numbers are compared with their units, so "two crew
    members" in the span does not vouch for "two yachts"; a span that states one of the fact's values of a
    unit and leaves out another ("3.5 percent" of "3.5 percent from 3.6 percent") is not a contradiction."""
    for value, unit in fact:
        if unit is None or (value, unit) in span:
            continue
        if any(other_unit == unit and (other, other_unit) not in fact for other, other_unit in span):
            return True
    return False


def _entity_keys(annotated: AnnotatedArticle, start: int, end: int) -> dict[str, str]:
    """Entities named in ``[start, end)``: key (canonical id when linked, else the text) → lowercased text."""
    keys: dict[str, str] = {}
    for mention in annotated.mentions:
        if mention.start >= start and mention.end <= end:
            text = " ".join(mention.text.lower().split())
            keys[mention.entity_id or text] = text
    return keys


def _numbers(annotated: AnnotatedArticle, start: int, end: int) -> set[tuple[float, str | None]]:
    """(value, unit) of each number stated in ``[start, end)``, from the analysis, else from the digits."""
    found = {(n.value, n.unit) for n in annotated.numbers if n.start >= start and n.end <= end}
    if not found:
        for match in _DIGITS.finditer(annotated.article.text[start:end]):
            try:
                found.add((float(match.group().replace(",", "")), None))
            except ValueError:
                continue
    return found


def _cosines(fact_text: str, texts: list[str], encoder: TextEncoder) -> list[float]:
    if not texts:
        return []
    vectors = encoder.encode([fact_text, *texts])
    return [float(x) for x in np.asarray(vectors[1:] @ vectors[0])]
