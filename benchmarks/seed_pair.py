"""Fusion and brief quality on the seed pair: quotation variants, fact groups, timeline, conflict.

    .venv/bin/python benchmarks/seed_pair.py

Runs the real stages on ../shared/corpora/seeds (ingest → analyse → stories → entities → fuse → brief) and
scores them against the hand annotation gold.json, following its "notes" (text matched after whitespace
collapse; a fact is located through the sentence holding its ``evidence``):

* quotation variants: a gold ``quote_variants`` pair is found when both renderings overlap quotations of one
  QuoteGroup; also counted: quote groups whose renderings name two different speakers (must be 0);
* reported by both: some fact group (one per sentence: the sentence, then its best supporter in each other
  independent source) holds both evidence sentences (floor 9 of 10);
* reported by one: the group the evidence sentence states has no other source (floor 15 of 17: sub-claims
  state the invitation to Moscow apart from the welcoming ceremony in the same sentence, which the other outlet
  reports too, and a supporter holding little of every part of a claim (the US troops beside a Ukraine
  quotation) is no supporter; the two left are judged supported by a sentence sharing the topic's words, the UN
  and Western sanctions);
* brief tiers: the same facts as the brief shows them: a "both" fact is one multi-source fact citing both
  evidence sentences (floor 9 of 10), a "one" fact is in its source's own tier (floor 15 of 17);
* timeline: the brief has an event for 2024-06-19, 2023-09 and 2022-02, citing the sentence of the gold
  evidence (also reported, unscored: the other gold dates);
* conflict: the gold conflict is found when a Conflict has one side in each evidence sentence.

Every miss is printed. Writes benchmarks/results/seed_pair.json.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.analyse import resolve_times
from newsfuse.brief import make_brief
from newsfuse.embed import get_encoder
from newsfuse.entities import link_entities
from newsfuse.fuse import fuse
from newsfuse.ingest import ingest_paths
from newsfuse.model import AnnotatedArticle, Brief, Citation, Fusion, SentenceRef, Settings, Story
from newsfuse.pipeline import annotate

BENCHMARKS = Path(__file__).resolve().parent
SEEDS = BENCHMARKS.parent / ".." / "shared" / "corpora" / "seeds"
RESULTS = BENCHMARKS / "results" / "seed_pair.json"
SEED_FILES = ("000_1ee9f4010e00c887.txt", "004_20f75d47f5764936.txt")
FLOORS = {
    "quote_variants": 4, "reported_by_both": 9, "reported_by_one": 15, "brief_shared_tier": 9, "brief_own_tier": 15,
    "timeline": 3, "mixed_speaker_groups": 0,
}
SCORED_DATES = ("2024-06-19", "2023-09", "2022-02")


@dataclass
class SeedRun:
    """The real pipeline's output on the seed pair, with each seed file's annotated article."""

    fusion: Fusion
    brief: Brief
    by_file: dict[str, AnnotatedArticle]


@dataclass
class SeedScores:
    counts: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    conflict_found: bool = False
    seconds: float = 0.0


def collapse(text: str) -> str:
    return " ".join(text.split())


def run_seed_pair(seeds: Path = SEEDS) -> SeedRun:
    """Ingest, analyse, group, link, fuse and brief the two seed reports as the pipeline does."""
    report = ingest_paths([seeds / name for name in SEED_FILES])
    if report.rejected or len(report.articles) != len(SEED_FILES):
        raise RuntimeError(f"the seed pair did not ingest cleanly: {report.rejected}")
    settings = Settings()
    annotated = annotate(report.articles, settings)
    encoder = get_encoder()
    story = _story_of_both(annotated, encoder)
    reference = story.first_published or min(
        (a.article.published for a in annotated if a.article.published), default=None
    )
    if reference is not None:
        annotated = [a if a.reference_date else resolve_times(a, reference) for a in annotated]
    entities, linked = link_entities(annotated)
    fusion = fuse(story, linked, entities, encoder)
    brief = make_brief(fusion, linked, encoder, settings)
    by_source = {Path(a.article.source or "").name: a for a in linked}
    return SeedRun(fusion=fusion, brief=brief, by_file={name: by_source[name] for name in SEED_FILES})


def _story_of_both(annotated: list[AnnotatedArticle], encoder: Any) -> Story:
    """The stories stage's story holding both seeds; the two as one story while that stage is unfinished."""
    ids = [a.article.id for a in annotated]
    try:
        from newsfuse.stories import group_stories

        for story in group_stories(annotated, encoder):
            if set(ids) <= set(story.article_ids):
                return story
        raise RuntimeError("the stories stage put the two seed reports in different stories")
    except NotImplementedError:
        published = [a.article.published for a in annotated if a.article.published]
        return Story(
            id="seed-pair", article_ids=ids, first_published=min(published, default=None),
            last_published=max(published, default=None),
        )


def _sentence_of(article: AnnotatedArticle, evidence: str) -> int | None:
    wanted = collapse(evidence)
    for index in range(len(article.sentences)):
        if wanted in collapse(article.sentence_text(index)):
            return index
    return None


def score(run: SeedRun, gold: dict[str, Any]) -> SeedScores:
    started = time.perf_counter()
    scores = SeedScores()
    _score_quotes(run, gold, scores)
    _score_facts(run, gold, scores)
    _score_timeline(run, gold, scores)
    _score_conflict(run, gold, scores)
    scores.seconds = time.perf_counter() - started
    return scores


def _score_quotes(run: SeedRun, gold: dict[str, Any], scores: SeedScores) -> None:
    quotation_of = {q.id: q for a in run.by_file.values() for q in a.quotations}
    found = 0
    for variant in gold["quote_variants"]:
        hit = False
        for group in run.fusion.quote_groups:
            texts = {(r.article_id, collapse(r.text)) for r in group.renderings}
            if all(
                any(
                    article_id == run.by_file[r["doc"]].article.id
                    and (collapse(r["text"]).strip(",. ") in text or text in collapse(r["text"]))
                    for article_id, text in texts
                )
                for r in variant["renderings"]
            ):
                hit = True
        found += hit
        if not hit:
            scores.misses.append(f"quote variant not grouped: {variant['speaker']}: {variant['what']}")
    scores.counts["quote_variants"], scores.totals["quote_variants"] = found, len(gold["quote_variants"])
    mixed = 0
    for group in run.fusion.quote_groups:
        speakers = {
            quotation_of[r.quotation_id].speaker_entity or quotation_of[r.quotation_id].speaker
            for r in group.renderings
            if r.quotation_id in quotation_of
        }
        if len(speakers) > 1:
            mixed += 1
            scores.misses.append(f"quote group with several speakers: {sorted(map(str, speakers))}")
    scores.counts["mixed_speaker_groups"] = mixed


def _score_facts(run: SeedRun, gold: dict[str, Any], scores: SeedScores) -> None:
    """Fact groups overlap (one per claim: the claim, then its best supporter in each other source), so a
    "both" fact is found when some group holds both evidence spans, and a "one" fact when every claim its
    evidence lies in states a group with no other source. The brief's coverage tiers are scored the same
    way: a "both" fact shown in a tier of two or more sources citing both; a "one" fact in its source's own
    tier."""
    shared_cited, own_cited = _tier_citations(run)
    both = both_shown = 0
    for fact in gold["reported_by_both"]:
        spans = [_evidence_span(run.by_file[name], evidence) for name, evidence in fact["evidence"].items()]
        if any(all(_overlaps(span, g.members) for span in spans) for g in run.fusion.fact_groups):
            both += 1
        else:
            scores.misses.append(f"reported by both, in no one group: {fact['fact']}")
        if any(all(_overlaps(span, cited) for span in spans) for cited in shared_cited):
            both_shown += 1
        else:
            scores.misses.append(f"reported by both, not one multi-source fact of the brief: {fact['fact']}")
    total_both = len(gold["reported_by_both"])
    scores.counts["reported_by_both"], scores.totals["reported_by_both"] = both, total_both
    scores.counts["brief_shared_tier"], scores.totals["brief_shared_tier"] = both_shown, total_both
    one = one_shown = total = 0
    for name, facts in gold["reported_by_one"].items():
        article = run.by_file[name]
        for fact in facts:
            total += 1
            span = _evidence_span(article, fact["evidence"])
            stated = [g for g in run.fusion.fact_groups if _overlaps(span, [g.statement])]
            if stated and all(len(g.family_ids) == 1 for g in stated):
                one += 1
            else:
                others = max((len(g.members) - 1 for g in stated), default=0)
                where = f"supported by {others} other claim(s)" if stated else "claim not found"
                scores.misses.append(f"reported by one ({name[:3]}), {where}: {fact['fact']}")
            if _overlaps(span, own_cited):
                one_shown += 1
            else:
                scores.misses.append(f"reported by one ({name[:3]}), not in its source's own tier: {fact['fact']}")
    scores.counts["reported_by_one"], scores.totals["reported_by_one"] = one, total
    scores.counts["brief_own_tier"], scores.totals["brief_own_tier"] = one_shown, total


Span = tuple[str, int, int]


def _evidence_span(article: AnnotatedArticle, evidence: str) -> Span:
    """(article id, start, end) of the evidence in the article's text (whitespace and quote marks loose)."""
    pattern = r"\s+".join(re.escape(word) for word in collapse(evidence).split())
    pattern = pattern.replace('\\"', '["“”]').replace("'", "['‘’]")
    match = re.search(pattern, article.article.text.replace("“", '"').replace("”", '"'))
    if match is None:
        return article.article.id, -1, -1
    return article.article.id, match.start(), match.end()


def _overlaps(span: Span, refs: Sequence[SentenceRef | Citation]) -> bool:
    article_id, start, end = span
    return start >= 0 and any(r.article_id == article_id and r.start < end and start < r.end for r in refs)


def _tier_citations(run: SeedRun) -> tuple[list[list[Citation]], list[Citation]]:
    """(the citations of each multi-source fact of the brief, the citations of the one-source tiers)."""
    shared: list[list[Citation]] = []
    own: list[Citation] = []
    for tier in run.brief.coverage:
        for fact in tier.facts:
            if tier.sources >= 2:
                shared.append(list(fact.citations))
            else:
                own.extend(fact.citations)
    return shared, own


def _score_timeline(run: SeedRun, gold: dict[str, Any], scores: SeedScores) -> None:
    events = {e.date: e for e in run.brief.timeline}
    found = 0
    for entry in gold["timeline"]:
        event = events.get(entry["date"])
        evidence = collapse(entry["evidence"].split(" (")[0])
        ok = event is not None and any(evidence in collapse(c.text) for c in event.citations)
        if entry["date"] in SCORED_DATES:
            found += ok
        if not ok:
            label = "scored" if entry["date"] in SCORED_DATES else "unscored"
            problem = "no event" if event is None else "event lacks the evidence sentence"
            scores.misses.append(f"timeline ({label}) {entry['date']} {entry['what']}: {problem}")
    scores.counts["timeline"], scores.totals["timeline"] = found, len(SCORED_DATES)


def _score_conflict(run: SeedRun, gold: dict[str, Any], scores: SeedScores) -> None:
    for expected in gold["conflicts"]:
        wanted = {}
        for name, evidence in expected["evidence"].items():
            article = run.by_file[name]
            index = _sentence_of(article, evidence)
            if index is not None:
                sentence = article.sentences[index]
                wanted[article.article.id] = (sentence.start, sentence.end)
        for conflict in run.fusion.conflicts:
            sides = {s.article_id: s for s in conflict.sides}
            if set(wanted) <= set(sides) and all(
                wanted[a][0] <= sides[a].start < wanted[a][1] for a in wanted
            ):
                scores.conflict_found = True
        if not scores.conflict_found:
            scores.misses.append(f"conflict not found: {expected['fact']}")


def main() -> None:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    run = run_seed_pair()
    elapsed = time.perf_counter() - started
    scores = score(run, gold)
    print("Seed pair (../shared/corpora/seeds, gold.json): fusion and brief")
    print(f"{'measure':<24}{'found':>8}{'of':>6}{'floor':>8}")
    for name, count in scores.counts.items():
        print(f"{name:<24}{count:>8}{scores.totals.get(name, 0):>6}{FLOORS[name]:>8}")
    print(f"{'gold conflict found':<24}{'yes' if scores.conflict_found else 'no':>8}")
    print(f"fact groups {len(run.fusion.fact_groups)}, quote groups {len(run.fusion.quote_groups)}, "
          f"conflicts {len(run.fusion.conflicts)}; pipeline {elapsed:.1f} s")
    for conflict in run.fusion.conflicts:
        print(f"  conflict ({conflict.kind}): {conflict.description}")
    for miss in scores.misses:
        print(f"  miss: {miss}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "corpus": "seed pair (../shared/corpora/seeds, the user's two wire reports; gold.json)",
                "counts": scores.counts,
                "totals": scores.totals,
                "floors": FLOORS,
                "gold_conflict_found": scores.conflict_found,
                "conflicts": [c.model_dump(mode="json") for c in run.fusion.conflicts],
                "fact_groups": len(run.fusion.fact_groups),
                "quote_groups": len(run.fusion.quote_groups),
                "misses": scores.misses,
                "pipeline_seconds": round(elapsed, 2),
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"wrote {RESULTS.relative_to(BENCHMARKS.parent)}")


if __name__ == "__main__":
    main()
