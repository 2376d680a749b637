"""Word lists of coreferee (a spaCy coreference library, MIT) that pronoun agreement reads: the first names it holds
to be only male or only female (from public registers of given names: the U.S. Social Security Administration's
and others, listed in the package's data licence), and the English nouns that name people ("official",
"protester", "resident"). Only the lists are read, from the installed package's files; coreferee's neural ranker
needs a model that is not on PyPI, so it is not used.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newsfuse.errors import ModelError


def _word_list(*parts: str) -> frozenset[str]:
    try:
        path = resources.files("coreferee").joinpath("lang", *parts)
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:  # a broken install, not bad input
        raise ModelError("the package coreferee (its English word lists) is not installed") from error
    return frozenset(line.strip() for line in text.splitlines() if len(line.strip()) > 1 and line[:1] != "#")


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    male = _word_list("common", "data", "male_names.dat")
    female = _word_list("common", "data", "female_names.dat")
    return {**dict.fromkeys(male - female, "m"), **dict.fromkeys(female - male, "f")}


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return _word_list("en", "data", "person_words.dat")


def first_name_gender(word: str) -> str | None:
    """ "m" or "f" for a first name given to one sex only ("Donald", "Hillary"), else None ("Leslie" is both in
    some registers, "Chan" is no first name)."""
    return _first_names().get(word)


def names_people(lemma: str) -> bool:
    """Whether a noun's lemma names people ("official", "senator", "family"), not things ("talks", "prices")."""
    return lemma in _person_nouns()
