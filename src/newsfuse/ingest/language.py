"""The language of an article's text, by py3langid (langid.py's model, shipped inside the package: nothing is
downloaded). An ISO 639-1 code; "und" when the text is too short or too mixed to tell."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsfuse.model import ANALYSED_LANGUAGES


@dataclass(frozen=True)
class LanguageSettings:
    # the first thousand characters say the language as well as the whole text (the cost grows with the length)
    sample_chars: int = 1_000
    # below this many letters a text is too short to tell (a headline, a caption)
    min_letters: int = 20
    # normalised probability the best language must reach, else "und"
    min_probability: float = 0.5


LANGUAGE = LanguageSettings()
UNDETERMINED = "und"


def is_analysed(language: str) -> bool:
    """Whether an article in ``language`` goes through the (English) analysis."""
    return language in ANALYSED_LANGUAGES


def not_analysed_reason(language: str) -> str:
    return f"language {language}, not English: kept out of the English analysis (not parsed, not in any story)"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, settings: LanguageSettings = LANGUAGE) -> str:
    sample = text[: settings.sample_chars]
    if sum(char.isalpha() for char in sample) < settings.min_letters:
        return UNDETERMINED
    language, probability = _identifier().classify(sample)
    return str(language) if float(probability) >= settings.min_probability else UNDETERMINED
