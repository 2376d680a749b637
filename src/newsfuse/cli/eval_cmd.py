"""``newsfuse eval summaries``: score the cited summaries on a public benchmark and print a table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli.app import app, err_console, fail, in_range
from newsfuse.cli.progress import stage_progress

eval_app = typer.Typer(help="Measure newsfuse against public benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command()
def summaries(
    corpus: Annotated[str, typer.Option("--corpus", help="duc2004, multinews or allsides.")] = "duc2004",
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N clusters.")] = None,
    words: Annotated[
        int | None, typer.Option("--words", help="Summary length (default: 100 for DUC, else the reference's).")
    ] = None,
    corpora: Annotated[
        Path | None, typer.Option("--corpora", help="Folder holding the corpora (default ../shared/corpora).")
    ] = None,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="Where annotated articles are cached between runs.")
    ] = Path("benchmarks/results/cache"),
    samples: Annotated[bool, typer.Option("--samples", help="Also print 20 sampled sentences with citations.")] = False,
    output: Annotated[Path | None, typer.Option("--json", help="Also write the figures to this JSON file.")] = None,
) -> None:
    """Summarize each cluster of a benchmark with newsfuse, LexRank and First-3 (and, for DUC 2004, score
    the published systems' summaries), all with rouge-score, and print a table with citation precision.

    Example: newsfuse eval summaries --corpus duc2004 --limit 10
    """
    from newsfuse.evaluate import CORPORA, evaluate_summaries, format_samples, format_table

    if corpus not in CORPORA:
        fail(f"--corpus must be one of {', '.join(CORPORA)}; got {corpus!r}")
    if limit is not None:
        in_range("--limit", limit, 1)
    if words is not None:
        in_range("--words", words, 1, 5_000)
    with stage_progress(err_console) as bars:
        evaluation = evaluate_summaries(
            corpus,
            limit=limit,
            words=words,
            root=corpora,
            cache_dir=cache,
            progress=lambda done, total: bars.update(corpus, done, total),
        )
    typer.echo(format_table(evaluation))
    if samples:
        typer.echo(format_samples(evaluation))
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(evaluation.to_json(), indent=2), encoding="utf-8")
        err_console.print(f"wrote {output}", highlight=False)
