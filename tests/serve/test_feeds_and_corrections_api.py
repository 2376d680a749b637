"""The API's feeds (register, list with the last poll) and corrections (PATCH an article's metadata: the
change is recorded and the story's brief recomputed), on a live server over a real store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from newsfuse.ingest import ingest_bytes
from newsfuse.serve import create_app
from newsfuse.store import Store
from newsfuse.store.held import hold
from newsfuse.store.watching import WatchState
from tests.live import live_server
from tests.pg import create_database
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B


@dataclass
class Served:
    client: httpx.Client
    store: Store
    article_id: str
    story_id: str


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    """A live server over a store of two stored bridge reports (one story), on both backends."""
    processor = FakeProcessor()
    sqlite = request.param == "sqlite"
    db = str(tmp_path / "news.db") if sqlite else create_database(request.getfixturevalue("postgres"))
    with Store(db) as store:
        articles = [ingest_bytes(t.encode(), source=n).articles[0] for n, t in (("a", BRIDGE_A), ("b", BRIDGE_B))]
        added = store.ingest(articles, processor).added
        assert len({a.story_id for a in added}) == 1
        app = create_app(store, processor, options=OPTIONS)
        with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
            yield Served(client, store, added[0].article_id, added[0].story_id)


def test_feeds_are_registered_and_listed_with_their_last_poll(served: Served) -> None:
    feeds = ["https://news.example.org/world.rss", "https://news.example.org/news-sitemap.xml"]
    refused = served.client.post("/feeds", json={"urls": feeds})
    assert refused.status_code == 401, "registering a feed is a write: it needs the token"
    first = served.client.post("/feeds", json={"urls": feeds}, headers=AUTH)
    assert first.status_code == 201 and first.json() == {"added": feeds, "known": []}
    again = served.client.post("/feeds", json={"urls": feeds[:1]}, headers=AUTH)
    assert again.status_code == 200 and again.json() == {"added": [], "known": feeds[:1]}

    WatchState(served.store).save_poll(feeds[0], "304 not modified")  # as `newsfuse watch` records a poll
    listed = served.client.get("/feeds").json()
    assert listed["total"] == 2
    by_url = {item["url"]: item for item in listed["items"]}
    assert by_url[feeds[0]]["last_status"] == "304 not modified" and by_url[feeds[0]]["last_polled_at"]
    assert by_url[feeds[1]]["last_polled_at"] is None


@pytest.mark.parametrize(
    "urls", [["ftp://example.org/feed.xml"], ["not a url"], ["https://example.org/a b"], [], ["https://x.org/"] * 101]
)
def test_a_bad_feed_url_is_refused_with_the_reason(served: Served, urls: list[str]) -> None:
    answer = served.client.post("/feeds", json={"urls": urls}, headers=AUTH)
    assert answer.status_code == 422 and answer.json()["error"]
    assert WatchState(served.store).feeds() == []


def test_an_article_is_corrected_and_its_brief_recomputed(served: Served) -> None:
    client, article_id = served.client, served.article_id
    before = client.get(f"/stories/{served.story_id}/brief").json()
    assert {s["outlet"] for s in before["sources"]} == {"Coast Daily", "Valley Herald"}

    correction = {"outlet": "Coast Daily News", "published": "2025-03-03"}
    assert client.patch(f"/articles/{article_id}", json=correction).status_code == 401
    answer = client.patch(f"/articles/{article_id}", json=correction, headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert answer.json()["changes"] == [
        {"field": "outlet", "old": "Coast Daily", "new": "Coast Daily News"},
        {"field": "published", "old": "2025-03-04", "new": "2025-03-03"},
    ]
    after = client.get(f"/stories/{served.story_id}/brief").json()
    assert {s["outlet"] for s in after["sources"]} == {"Coast Daily News", "Valley Herald"}
    story = client.get(f"/stories/{served.story_id}").json()
    assert story["summary"]["first_published"] == "2025-03-03"
    assert "Coast Daily" not in story["summary"]["outlets"]

    same = client.patch(f"/articles/{article_id}", json=correction, headers=AUTH)
    assert same.status_code == 200 and same.json()["changes"] == []
    history = client.get(f"/articles/{article_id}/corrections").json()
    assert [(c["field"], c["old"], c["new"], c["source"]) for c in history] == [
        ("outlet", "Coast Daily", "Coast Daily News", "api"),
        ("published", "2025-03-04", "2025-03-03", "api"),
    ]


def test_a_bad_correction_is_refused_and_changes_nothing(served: Served) -> None:
    client, article_id = served.client, served.article_id
    assert client.patch("/articles/nope", json={"outlet": "X"}, headers=AUTH).status_code == 404
    assert client.patch(f"/articles/{article_id}", json={"text": "new"}, headers=AUTH).status_code == 422
    assert client.patch(f"/articles/{article_id}", json={"published": "yesterday"}, headers=AUTH).status_code == 422
    assert client.get(f"/articles/{article_id}/corrections").json() == []
    annotated = served.store.article(article_id)
    assert annotated is not None and annotated.article.outlet == "Coast Daily"


# Written for this test.
FRENCH = (
    "Le terminal des ferries du port a rouvert lundi après trois mois de travaux, a indiqué l'autorité "
    "portuaire. Les usagers ont salué le retour des traversées matinales vers le centre-ville."
)


def test_held_articles_are_listed_with_their_language(served: Served) -> None:
    french = ingest_bytes(f"title: Le terminal rouvre\n\n{FRENCH}\n".encode(), source="fr.txt").articles[0]
    assert french.language == "fr"
    assert hold(served.store, [french]) == ([french], [])
    assert hold(served.store, [french]) == ([], ["fr.txt"]), "held once"
    listed = served.client.get("/held-articles").json()
    assert listed["total"] == 1 and listed["items"][0]["language"] == "fr"
    assert listed["items"][0]["title"] == "Le terminal rouvre"
    assert served.client.get("/held-articles", params={"language": "de"}).json()["total"] == 0
    assert served.client.get(f"/articles/{french.id}").status_code == 404, "never analysed"
    assert served.store.count_articles() == 2


def test_posting_a_stored_text_again_with_other_metadata_corrects_it(served: Served) -> None:
    client, article_id = served.client, served.article_id
    fixed = BRIDGE_A.replace("outlet: Coast Daily", "outlet: Coast Daily News")
    answer = client.post("/articles", content=fixed.encode(), headers={**AUTH, "content-type": "text/plain"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["duplicates"] == [] and body["queued"] == []
    assert body["corrected"] == [
        {
            "article_id": article_id,
            "source": "upload:post",
            "changes": [{"field": "outlet", "old": "Coast Daily", "new": "Coast Daily News"}],
        }
    ]
    history = client.get(f"/articles/{article_id}/corrections").json()
    assert [(c["field"], c["new"], c["source"]) for c in history] == [("outlet", "Coast Daily News", "upload:post")]
    same = client.post("/articles", content=fixed.encode(), headers={**AUTH, "content-type": "text/plain"})
    assert same.status_code == 200 and same.json()["corrected"] == [] and len(same.json()["duplicates"]) == 1


def test_posting_an_article_in_another_language_holds_it(served: Served) -> None:
    answer = served.client.post(
        "/articles", content=f"{FRENCH}\n".encode(), headers={**AUTH, "content-type": "text/plain"}
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["held"] == ["upload:post"] and answer.json()["queued"] == []
    assert served.client.get("/held-articles").json()["items"][0]["language"] == "fr"
    assert served.store.count_articles() == 2, "not analysed, not in a story"
