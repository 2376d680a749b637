"""Score newsfuse's cited summaries against reference summaries, beside baselines and published systems.

Each cluster goes through the real pipeline, treated as one story (grouping is measured elsewhere):
ingest → annotate → link entities → fuse → select_summary. With a cache folder, annotated articles are kept
on disk, keyed by the ingest and analyse source code, and so are sentence vectors, keyed by text and model,
because analysis and encoding dominate the run time.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsfuse import analyse as analyse_package
from newsfuse import ingest as ingest_package
from newsfuse.brief.summary import select_summary
from newsfuse.embed import get_encoder
from newsfuse.embed.encoder import MODEL_SHA256
from newsfuse.entities import link_entities
from newsfuse.evaluate.baselines import first_sentences, lexrank
from newsfuse.evaluate.corpora import CITATIONS, CorpusName, load_corpus
from newsfuse.evaluate.embeddings import CachedEncoder
from newsfuse.evaluate.scoring import ROUGE_TYPES, Measure, rouge
from newsfuse.fuse import fuse
from newsfuse.model import (
    AnnotatedArticle,
    Article,
    CitedSentence,
    Fusion,
    Settings,
    SourceFamily,
    Story,
    TextEncoder,
)
from newsfuse.pipeline import annotate

NEWSFUSE = "newsfuse"
# The baselines fill past the budget and are cut at it for scoring; this row gives newsfuse the same
# treatment (selection with room for one more sentence, then the same cut), beside its whole-sentence row.
NEWSFUSE_FILLED = "newsfuse, filled and cut as baselines"
FILL_ALLOWANCE = 40
DUC_WORDS = 100
SAMPLE_SIZE = 20

Progress = Callable[[int, int], None]


@dataclass
class CitedSample:
    cluster: str
    sentence: str
    citations: list[dict[str, str | int | None]]
    dropped: int


@dataclass
class SummaryEvaluation:
    corpus: str
    source: str
    clusters: int
    measure: str
    words: str
    systems: dict[str, dict[str, float]]
    summary_sentences: int = 0
    citation_precision: float = 0.0  # share of sentences whose every fact-group citation passed the check
    grouped_sentences: int = 0  # sentences whose fact group offered more than one citation
    grouped_precision: float = 0.0  # citation precision among those alone
    citations_kept: int = 0
    citations_total: int = 0
    multi_source_sentences: int = 0  # sentences citing more than one article after the check
    verbatim_share: float = 0.0
    mean_summary_words: float = 0.0
    failures: list[str] = field(default_factory=list)
    rejected_documents: int = 0
    seconds: float = 0.0
    samples: list[CitedSample] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def evaluate_summaries(
    corpus: CorpusName,
    *,
    limit: int | None = None,
    words: int | None = None,
    root: Path | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    seed: int = 0,
) -> SummaryEvaluation:
    """Summarize every cluster of ``corpus`` (the first ``limit``) with newsfuse and the baselines and score
    them all with the same scorer: DUC 2004 by ROUGE recall at ``words`` (100) words with its published
    peers; Multi-News and AllSides by ROUGE F1 at the reference's length (or ``words``)."""
    started = time.perf_counter()
    clusters = load_corpus(corpus, root, limit)
    measure: Measure = "recall" if corpus == "duc2004" else "f1"
    if corpus == "duc2004" and words is None:
        words = DUC_WORDS
    cache = _AnnotationCache(cache_dir, corpus)
    encoder: TextEncoder = get_encoder()
    if cache_dir is not None:  # vectors too: a re-run after a fusion or summary change encodes only new texts
        encoder = CachedEncoder(encoder, cache_dir / f"vectors-{corpus}-{MODEL_SHA256[:12]}.sqlite")
    per_system: dict[str, list[dict[str, float]]] = {}
    evaluation = SummaryEvaluation(
        corpus=corpus,
        source=CITATIONS[corpus],
        clusters=len(clusters),
        measure=f"ROUGE {measure}",
        words=str(words) if words is not None else "reference length",
        systems={},
    )
    sentences: list[tuple[str, CitedSentence, int]] = []
    verbatim = passed = grouped_passed = 0
    summary_words: list[int] = []
    for done, cluster in enumerate(clusters, start=1):
        budget = words if words is not None else len(cluster.references[0].split())
        articles, rejected = cluster.ingest()
        evaluation.rejected_documents += len(rejected)
        annotated = cache.get(cluster.id, articles)
        outputs: dict[str, str] = {}
        try:
            fusion, linked = _fuse_cluster(cluster.id, annotated, encoder)
            summary = select_summary(fusion, linked, encoder, budget)
            filled = select_summary(fusion, linked, encoder, budget + FILL_ALLOWANCE)
        except Exception as error:  # one failing cluster is counted and reported, never stops the run
            evaluation.failures.append(f"{cluster.id}: {type(error).__name__}: {error}")
            summary, filled, fusion, linked = [], [], Fusion(story=Story(id=cluster.id, article_ids=[])), annotated
        outputs[NEWSFUSE] = " ".join(s.text for s in summary)
        outputs[NEWSFUSE_FILLED] = " ".join(s.text for s in filled)
        outputs["LexRank (same run)"] = lexrank(annotated, budget)
        outputs["First-3 (same run)"] = first_sentences(annotated, budget)
        outputs["LexRank, whole sentences"] = lexrank(annotated, budget, whole=True)
        outputs["First-3, whole sentences"] = first_sentences(annotated, budget, whole=True)
        if corpus == "duc2004":
            outputs.update(cluster.peers)
        for name, text in outputs.items():
            per_system.setdefault(name, []).append(rouge(text, cluster.references, measure, budget))
        summary_words.append(len(outputs[NEWSFUSE].split()))
        by_id = {a.article.id: a for a in linked}
        for sentence in summary:
            total = _fact_citation_count(sentence, fusion)
            evaluation.citations_total += total
            evaluation.citations_kept += len(sentence.citations)
            passed += len(sentence.citations) >= total
            if total > 1:
                evaluation.grouped_sentences += 1
                grouped_passed += len(sentence.citations) >= total
            verbatim += _is_verbatim(sentence, by_id)
            evaluation.multi_source_sentences += len({c.article_id for c in sentence.citations}) > 1
            sentences.append((cluster.id, sentence, total - len(sentence.citations)))
        if progress:
            progress(done, len(clusters))
    if isinstance(encoder, CachedEncoder):
        encoder.close()
    evaluation.systems = {
        name: {rouge_type: sum(s[rouge_type] for s in scores) / len(scores) for rouge_type in ROUGE_TYPES}
        for name, scores in per_system.items()
    }
    evaluation.summary_sentences = len(sentences)
    evaluation.citation_precision = passed / len(sentences) if sentences else 0.0
    grouped = evaluation.grouped_sentences
    evaluation.grouped_precision = grouped_passed / grouped if grouped else 0.0
    evaluation.verbatim_share = verbatim / len(sentences) if sentences else 0.0
    evaluation.mean_summary_words = sum(summary_words) / len(summary_words) if summary_words else 0.0
    evaluation.samples = _samples(sentences, seed)
    evaluation.seconds = time.perf_counter() - started
    return evaluation


def _fuse_cluster(
    cluster_id: str, annotated: Sequence[AnnotatedArticle], encoder: TextEncoder
) -> tuple[Fusion, list[AnnotatedArticle]]:
    """The whole cluster as one story (each article its own source family), linked and fused."""
    dates = sorted(a.article.published for a in annotated if a.article.published)
    story = Story(
        id=cluster_id,
        article_ids=[a.article.id for a in annotated],
        families=[
            SourceFamily(id=a.article.id, article_ids=[a.article.id], representative=a.article.id) for a in annotated
        ],
        headline=next((a.article.title for a in annotated if a.article.title), None),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )
    entities, linked = link_entities(annotated)
    return fuse(story, linked, entities, encoder), linked


def _fact_citation_count(sentence: CitedSentence, fusion: Fusion) -> int:
    """How many citations the sentence had before the support check: one per article supporting any claim of
    the sentence (each claim states a fact group of its own)."""
    if not sentence.citations:
        return 1
    own = sentence.citations[0]
    articles = {c.article_id for c in sentence.citations}
    for group in fusion.fact_groups:
        statement = group.statement
        if statement.article_id == own.article_id and own.start <= statement.start < own.end:
            articles |= {m.article_id for m in group.members}
    return len(articles)


def _is_verbatim(sentence: CitedSentence, by_id: dict[str, AnnotatedArticle]) -> bool:
    text = " ".join(sentence.text.split())
    return any(
        text in " ".join(by_id[c.article_id].article.text.split()) for c in sentence.citations if c.article_id in by_id
    )


def _samples(sentences: list[tuple[str, CitedSentence, int]], seed: int) -> list[CitedSample]:
    picked = random.Random(seed).sample(sentences, min(SAMPLE_SIZE, len(sentences)))
    return [
        CitedSample(
            cluster=cluster,
            sentence=sentence.text,
            citations=[
                {"article_id": c.article_id, "outlet": c.outlet, "start": c.start, "end": c.end, "text": c.text}
                for c in sentence.citations
            ],
            dropped=dropped,
        )
        for cluster, sentence, dropped in picked
    ]


class _AnnotationCache:
    """Annotated articles on disk, one JSON-lines file per corpus and version of the ingest/analyse code."""

    def __init__(self, directory: Path | None, corpus: str) -> None:
        self._settings = Settings()
        self._entries: dict[str, list[AnnotatedArticle]] = {}
        self._path: Path | None = None
        if directory is None:
            return
        directory.mkdir(parents=True, exist_ok=True)
        self._path = directory / f"{corpus}-{annotation_version()}.jsonl"
        if self._path.exists():
            with self._path.open(encoding="utf-8") as handle:
                for line in handle:
                    entry = json.loads(line)
                    self._entries[entry["key"]] = [AnnotatedArticle.model_validate(a) for a in entry["articles"]]

    def get(self, cluster_id: str, articles: Sequence[Article]) -> list[AnnotatedArticle]:
        key = cluster_id + ":" + ",".join(a.id for a in articles)
        if key not in self._entries:
            annotated = annotate(articles, self._settings) if articles else []
            self._entries[key] = annotated
            if self._path is not None:
                with self._path.open("a", encoding="utf-8") as handle:
                    record = {"key": key, "articles": [a.model_dump(mode="json") for a in annotated]}
                    handle.write(json.dumps(record) + "\n")
        return self._entries[key]


def annotation_version() -> str:
    """A hash of the ingest and analyse sources: change either and the cache starts afresh."""
    digest = hashlib.sha256()
    for package in (ingest_package, analyse_package):
        folder = Path(package.__file__ or "").parent
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
