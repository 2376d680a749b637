"""The language of an article's text, by py3langid (langid.py's model, shipped inside the package: nothing is
downloaded). An ISO 639-1 code; "und" when the text is too short or too mixed to tell."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsfuse.model import ANALYSED_LANGUAGES, Article, IngestReport, Rejected


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


def other_languages(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    """(the articles the English analysis reads, the ones in other languages), each in order."""
    return [a for a in articles if is_analysed(a.language)], [a for a in articles if not is_analysed(a.language)]


def english_only(report: IngestReport) -> IngestReport:
    """The report with its articles in other languages moved to ``rejected``, each with a one-line notice:
    the analysis is English-only, and would turn them into garbage entities and quotations."""
    kept, others = other_languages(report.articles)
    notices = [Rejected(source=a.source or a.id, reason=not_analysed_reason(a.language)) for a in others]
    return report.model_copy(update={"articles": kept, "rejected": report.rejected + notices})


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
