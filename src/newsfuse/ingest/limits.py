"""Caps on what one input may cost. Past a cap an article is trimmed (and the report says how) or rejected.

Each cap is far above what real news needs and well below what makes a later stage slow or large:
spaCy's tokenizer is quadratic in the length of one whitespace-free token (10,000 closing quotation
marks take 15 s), parsing is per paragraph, and every later stage is per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestLimits:
    # spaCy's default max_length; above it an article is refused before the cleaning passes.
    max_article_chars: int = 1_000_000
    # after cleaning: a longer article keeps its first paragraphs up to this length (about 8,500 words; the
    # longest of 1,324 DUC, AllSides, Multi-News and seed articles has 31,289). spaCy reads 4,000 to 6,000
    # characters a second on a loaded shared core, so this bounds one article's analysis to about 10 s
    max_clean_chars: int = 50_000
    # spaCy pays a few milliseconds per paragraph whatever its length (2,000 one-line paragraphs: 9 s)
    max_paragraphs: int = 1_000
    # sentence ends (". ", "? ", "! "): every later stage works per sentence, and "A. " * 30,000 is 100 kB
    max_sentences: int = 3_000
    # words and punctuation marks (about spaCy's tokens), whose number is what parsing costs: 50,000
    # characters of news are about 10,000 of them, of punctuation-dense text up to 40,000 (19,000 took 7.5 s
    # of CPU to parse). The longest of 1,249 DUC, ECB+ and seed articles has 5,921
    max_tokens: int = 8_000
    # raw lines read at all: ten per kept paragraph is far more than hard-wrapped text needs, and it keeps
    # 200,000 one-word lines from costing seconds before the paragraph cap cuts them
    max_lines: int = 10_000
    # a longer paragraph is broken at a sentence end (else a space): real ones run to a few thousand
    # characters, and a whole article without paragraph marks (DUC's NYT files) to 31,000; at the article
    # cap by default, it matters when that cap is raised (spaCy parses a paragraph as one document)
    max_paragraph_chars: int = 50_000
    # runs of punctuation or symbols ("!!!", "......", "-----"): longer runs are shortened to this
    max_punctuation_run: int = 20
    # one whitespace-free token (a long URL is a few hundred characters): longer ones are cut
    max_token_chars: int = 500
    # tags of one HTML page given to trafilatura, whose cost grows faster than the page (20,000: 5 s;
    # 100,000: 58 s); a news page has a few thousand
    max_html_tags: int = 20_000
    max_title_chars: int = 500
    max_outlet_chars: int = 200
    max_url_chars: int = 2_000
    # the publication dates a news article can have; others are refused with a reason
    earliest_year: int = 1800
    latest_year: int = 2100


LIMITS = IngestLimits()
