"""Loaders for the summarization benchmarks: each cluster's source documents, references and peer summaries.

Documents go through ``newsfuse.ingest`` exactly as a user's files would: cleaning the web boilerplate of
Multi-News is ingest's job, not the benchmark's.
"""

from __future__ import annotations

import ast
import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_paths, ingest_text
from newsfuse.model import Article, Rejected

CorpusName = Literal["duc2004", "multinews", "allsides"]
CORPORA: tuple[CorpusName, ...] = ("duc2004", "multinews", "allsides")

CITATIONS = {
    "duc2004": "DUC 2004 Task 2 (NIST); peer summaries from SumRepo (Hong et al., LREC 2014)",
    "multinews": "Multi-News test sample (Fabbri et al., ACL 2019)",
    "allsides": "AllSides neutral roundups, roundup-test split (NeuS, Lee et al., 2022)",
}


@dataclass
class Cluster:
    """One summarization problem: documents about one story and what they should be summarized as."""

    id: str
    references: list[str]
    peers: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # a folder to ingest (DUC)
    texts: list[tuple[str | None, str]] = field(default_factory=list)  # (title, raw text) to ingest

    def ingest(self) -> tuple[list[Article], list[Rejected]]:
        """The cluster's documents as clean articles, and those that gave none (with why)."""
        if self.path is not None:
            report = ingest_paths([self.path])
            return list(report.articles), list(report.rejected)
        articles: list[Article] = []
        rejected: list[Rejected] = []
        seen: set[str] = set()
        for index, (title, text) in enumerate(self.texts):
            source = f"{self.id}#{index}"
            try:
                article = ingest_text(text, source=source, title=title)
            except InputError as error:
                rejected.append(Rejected(source=source, reason=str(error)))
                continue
            if article.id not in seen:
                seen.add(article.id)
                articles.append(article)
        return articles, rejected


def default_root() -> Path:
    """``../shared/corpora`` beside the repository (the layout of the development machines)."""
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "corpora"


def load_corpus(name: CorpusName, root: Path | None = None, limit: int | None = None) -> list[Cluster]:
    """The first ``limit`` clusters of a corpus (all when None). Raises InputError if it is not there."""
    root = root or default_root()
    loaders = {"duc2004": _duc2004, "multinews": _multinews, "allsides": _allsides}
    clusters: list[Cluster] = []
    try:
        for cluster in loaders[name](root):
            if limit is not None and len(clusters) >= limit:
                break
            clusters.append(cluster)
    except FileNotFoundError as error:
        raise InputError(f"corpus {name} not found: {error.filename}") from error
    return clusters


def _duc2004(root: Path) -> Iterator[Cluster]:
    base = root / "duc2004"
    folders = sorted(p for p in (base / "docs").iterdir() if p.is_dir())
    for folder in folders:
        stem = folder.name.rstrip("t")  # d30001t → d30001, the prefix of models and peers
        models = sorted(base.glob(f"models-txt/{stem}.*"))
        references = [p.read_text(encoding="utf-8", errors="replace") for p in models]
        peers = {
            p.name.split(".", 1)[1]: p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((base / "peers-txt").glob(f"{stem}.*"))
        }
        yield Cluster(id=folder.name, references=references, peers=peers, path=folder)


def _multinews(root: Path) -> Iterator[Cluster]:
    csv.field_size_limit(sys.maxsize)
    with (root / "multinews" / "sample_test.csv").open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            documents = ast.literal_eval(row["documents"])
            reference = row["summary"].lstrip("– -").strip()
            yield Cluster(
                id=f"multinews-{index:03d}",
                references=[reference],
                texts=[(None, str(document)) for document in documents],
            )


def _allsides(root: Path) -> Iterator[Cluster]:
    base = root / "allsides"
    sources = (base / "roundup-test.source").read_text(encoding="utf-8").splitlines()
    targets = (base / "roundup-test.target").read_text(encoding="utf-8").splitlines()
    for index, (source, target) in enumerate(zip(sources, targets, strict=True)):
        texts: list[tuple[str | None, str]] = []
        for part in source.split("[SEP]"):
            heading, _, body = part.partition("ARTICLE=>")
            title = heading.replace("TITLE=>", "").strip() or None
            texts.append((title, body.strip()))
        # the roundup is stored as "TITLE=> headline. ARTICLE=> text": its text is the reference summary
        reference = target.partition("ARTICLE=>")[2].strip() or target.strip()
        yield Cluster(id=f"allsides-{index:03d}", references=[reference], texts=texts)
