"""What an upload (``POST /articles``) becomes besides queued articles: a text already stored, posted again
with other metadata, corrects the stored article; an article in a language the analysis does not read is
held (stored and listed, never analysed nor placed in a story)."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from newsfuse.model import ANALYSED_LANGUAGES, Article
from newsfuse.serve.corrections_api import FieldChange
from newsfuse.store import Processor, Store
from newsfuse.store.amendments import correct_reposted
from newsfuse.store.held import hold


class CorrectedArticle(BaseModel):
    article_id: str
    source: str | None
    changes: list[FieldChange] = Field(description="What the upload corrected in the stored article.")


def sort_upload(
    store: Store, processor: Processor, articles: Sequence[Article]
) -> tuple[list[Article], list[CorrectedArticle], list[str]]:
    """(the articles to queue, the stored articles the upload corrected, the sources held out of analysis)."""
    corrected = [
        CorrectedArticle(
            article_id=article.id,
            source=article.source,
            changes=[FieldChange(field=c.field, old=c.old, new=c.new) for c in changes],
        )
        for article, changes in correct_reposted(store, list(articles), processor)
    ]
    done = {c.article_id for c in corrected}
    analysed = [a for a in articles if a.language in ANALYSED_LANGUAGES and a.id not in done]
    others = [a for a in articles if a.language not in ANALYSED_LANGUAGES and not store.has_article(a.id)]
    held, _ = hold(store, others)
    return analysed, corrected, [a.source or a.id for a in held]
