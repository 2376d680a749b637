"""Property-based tests (hypothesis) over ingest, analysis and the API, seeded (``derandomize``) and bounded
so CI runs a few hundred cases in about a minute; benchmarks/fuzz.py runs 10,000+ and times them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.analyse import analyse
from newsfuse.ingest import ingest_bytes
from newsfuse.serve import create_app
from newsfuse.store import Store
from tests.fuzz.properties import annotation_problems, report_problems
from tests.fuzz.strategies import hostile_bytes, hostile_text
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeProcessor

pytestmark = pytest.mark.timeout(600)


def _bounded(examples: int) -> settings:
    """Seeded and bounded: the same cases on every run, no example database, no per-case deadline."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


@_bounded(300)
@given(data=hostile_bytes())
def test_ingest_never_raises_drops_silently_or_passes_a_cap(data: bytes) -> None:
    report = ingest_bytes(data, source="fuzz")
    assert report_problems(report, data) == []


@_bounded(40)
@given(text=hostile_text())
def test_analysis_spans_stay_verbatim(text: str) -> None:
    report = ingest_bytes(text.encode("utf-8", "surrogatepass"), source="fuzz")
    for annotated in analyse(report.articles):
        assert annotation_problems(annotated) == []


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = Store(str(tmp_path_factory.mktemp("fuzz") / "news.db"))
    options = replace(OPTIONS, allowed_hosts=("testserver",))
    with TestClient(create_app(store, FakeProcessor(), max_body_bytes=200_000, options=options)) as test_client:
        yield test_client
    store.close()


_CONTENT_TYPES = ["text/plain", "text/html", "application/json", "text/markdown", "image/png", "", "text/plain; x"]


@_bounded(150)
@given(
    body=hostile_bytes(),
    content_type=st.sampled_from(_CONTENT_TYPES),
    query=st.dictionaries(
        st.sampled_from(["outlet", "published", "source", "offset", "limit"]),
        st.one_of(st.text(max_size=30), st.integers().map(str)),
        max_size=3,
    ),
)
def test_the_api_answers_every_upload_below_500_in_its_json_format(
    client: TestClient, body: bytes, content_type: str, query: dict[str, str]
) -> None:
    answer = client.post("/articles", content=body, headers={"content-type": content_type, **AUTH}, params=query)
    assert answer.status_code < 500, answer.text
    payload = answer.json()
    if answer.status_code >= 400:
        assert isinstance(payload["error"], str) and payload["error"]
    else:
        assert not any(a["source"] is None for a in payload["added"] + payload.get("queued", []))


@_bounded(150)
@given(
    path=st.sampled_from(["/stories", "/search", "/", "/find", "/stories/x", "/articles/x", "/stories/x/brief"]),
    query=st.dictionaries(
        st.sampled_from(["offset", "limit", "entity", "speaker", "quote", "q", "by", "format"]),
        st.one_of(st.text(max_size=20), st.integers(min_value=-(2**70), max_value=2**70).map(str)),
        max_size=3,
    ),
)
def test_the_api_answers_every_read_below_500(client: TestClient, path: str, query: dict[str, str]) -> None:
    answer = client.get(path, params=query)
    assert answer.status_code < 500, answer.text
    assert answer.headers["x-content-type-options"] == "nosniff"
    if answer.status_code >= 400 and answer.headers["content-type"].startswith("application/json"):
        assert answer.json()["error"]


def test_hostile_inputs_through_the_cli_give_reasons_not_tracebacks(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsfuse.cli import app
    from tests.fuzz import hostile

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {
        "docno.sgml": hostile.docno_spaces(6_000),
        "quotes.txt": hostile.closing_quotes(10_000),
        "old.txt": hostile.dated_text("0001-01-01"),
        "future.txt": hostile.dated_text("9999-12-31"),
        "feed.xml": hostile.entity_feed(4),
        "list.jsonl": hostile.jsonl_first_line_not_object(2),
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["stories", str(folder)])
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert "outside 1800-2100" in result.output and "entities" in result.output
