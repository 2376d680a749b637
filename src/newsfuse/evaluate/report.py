"""Plain-text tables of a summary evaluation, shared by the CLI and the benchmark script."""

from __future__ import annotations

from newsfuse.evaluate.summaries import NEWSFUSE, SummaryEvaluation

_LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L"}


def format_table(evaluation: SummaryEvaluation) -> str:
    """Systems by ROUGE-2, newsfuse marked, then the citation figures."""
    lines = [
        f"{evaluation.corpus}: {evaluation.clusters} clusters, {evaluation.measure} at {evaluation.words} words "
        f"(rouge-score, stemmed) — {evaluation.source}",
        f"{'system':<24}" + "".join(f"{label:>8}" for label in _LABELS.values()),
    ]
    ranked = sorted(evaluation.systems.items(), key=lambda item: -item[1]["rouge2"])
    for name, scores in ranked:
        marker = "*" if name == NEWSFUSE else " "
        lines.append(f"{marker}{name:<23}" + "".join(f"{scores[key]:>8.2f}" for key in _LABELS))
    lines += [
        f"summary sentences: {evaluation.summary_sentences} (mean summary {evaluation.mean_summary_words:.1f} words), "
        f"citing more than one article: {evaluation.multi_source_sentences}",
        f"citation precision (every citation of the sentence passes the support check): "
        f"{evaluation.citation_precision:.3f}; among the {evaluation.grouped_sentences} sentences whose fact group "
        f"offered several citations: {evaluation.grouped_precision:.3f}; citations kept "
        f"{evaluation.citations_kept}/{evaluation.citations_total}",
        f"sentences verbatim in a cited source: {evaluation.verbatim_share:.3f}",
        f"documents rejected by ingest: {evaluation.rejected_documents}; clusters failed: {len(evaluation.failures)}; "
        f"{evaluation.seconds:.0f} s",
    ]
    lines += [f"  failed {failure}" for failure in evaluation.failures[:5]]
    return "\n".join(lines)


def format_samples(evaluation: SummaryEvaluation) -> str:
    """The sampled summary sentences with their citations, for a read by hand."""
    lines: list[str] = []
    for number, sample in enumerate(evaluation.samples, start=1):
        lines.append(f"[{number}] {sample.cluster}: {sample.sentence}")
        for citation in sample.citations:
            text = " ".join(str(citation["text"]).split())
            where = f"{citation['outlet'] or citation['article_id']} [{citation['start']}:{citation['end']}]"
            lines.append(f"      ↳ {where} {text}")
        if sample.dropped:
            lines.append(f"      ({sample.dropped} citation(s) dropped by the support check)")
    return "\n".join(lines)
