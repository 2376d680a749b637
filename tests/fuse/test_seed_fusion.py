"""Quality gate: the seed pair through the real stages must stay at or above the floors that
benchmarks/seed_pair.py records (quotation variants, fact groups, the brief's coverage tiers, timeline)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "seed_pair.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_pair_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_scores(seed_paths: tuple[Path, Path], gold: dict[str, Any]) -> Any:
    benchmark = _benchmark()
    run = benchmark.run_seed_pair(seed_paths[0].parent)
    return benchmark, benchmark.score(run, gold)


def test_all_gold_quotation_variants_are_grouped(seed_scores: Any) -> None:
    benchmark, scores = seed_scores
    assert scores.counts["quote_variants"] >= benchmark.FLOORS["quote_variants"], scores.misses


def test_no_quotation_group_mixes_speakers(seed_scores: Any) -> None:
    _, scores = seed_scores
    assert scores.counts["mixed_speaker_groups"] == 0, scores.misses


def test_facts_both_report_are_in_one_fact_group(seed_scores: Any) -> None:
    benchmark, scores = seed_scores
    assert scores.counts["reported_by_both"] >= benchmark.FLOORS["reported_by_both"], scores.misses


def test_facts_one_reports_have_no_support_in_the_other_report(seed_scores: Any) -> None:
    benchmark, scores = seed_scores
    assert scores.counts["reported_by_one"] >= benchmark.FLOORS["reported_by_one"], scores.misses


def test_the_brief_shows_facts_both_report_as_one_fact_citing_both(seed_scores: Any) -> None:
    benchmark, scores = seed_scores
    assert scores.counts["brief_shared_tier"] >= benchmark.FLOORS["brief_shared_tier"], scores.misses


def test_the_brief_shows_facts_one_reports_in_that_reports_own_tier(seed_scores: Any) -> None:
    benchmark, scores = seed_scores
    assert scores.counts["brief_own_tier"] >= benchmark.FLOORS["brief_own_tier"], scores.misses


def test_timeline_has_the_summit_the_earlier_summit_and_the_invasion(seed_scores: Any) -> None:
    benchmark, scores = seed_scores
    assert scores.counts["timeline"] >= benchmark.FLOORS["timeline"], scores.misses
