"""The REST API against a real uvicorn server on loopback, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json

import httpx

from tests.store.texts import BRIDGE_A, BRIDGE_B, FESTIVAL


def _post(api: httpx.Client, body: str, content_type: str = "text/plain", **params: str) -> httpx.Response:
    """POST and wait for the analysis (these tests read what it produced; test_ingest_queue.py covers 202)."""
    params = {"wait": "20", **params}
    return api.post("/articles", content=body.encode(), headers={"content-type": content_type}, params=params)


def test_post_text_then_read_stories_articles_and_brief(api: httpx.Client) -> None:
    first = _post(api, BRIDGE_A)
    assert first.status_code == 201, first.text
    added = first.json()["added"]
    assert len(added) == 1
    article_id, story_id = added[0]["article_id"], added[0]["story_id"]
    assert _post(api, BRIDGE_B).json()["added"][0]["story_id"] == story_id
    assert _post(api, FESTIVAL).status_code == 201

    stories = api.get("/stories").json()
    assert stories["total"] == 2 and stories["items"][0]["id"] == story_id
    assert stories["items"][0]["outlet_count"] == 2

    story = api.get(f"/stories/{story_id}").json()
    assert [a["outlet"] for a in story["articles"]] == ["Coast Daily", "Valley Herald"]

    article = api.get(f"/articles/{article_id}").json()
    assert article["story_id"] == story_id and article["annotated"]["article"]["outlet"] == "Coast Daily"

    brief = api.get(f"/stories/{story_id}/brief").json()
    assert brief["story_id"] == story_id and len(brief["sources"]) == 2
    markdown = api.get(f"/stories/{story_id}/brief", params={"format": "md"})
    assert markdown.headers["content-type"].startswith("text/markdown") and "# " in markdown.text
    page = api.get(f"/stories/{story_id}/brief", params={"format": "html"})
    assert page.headers["content-type"].startswith("text/html")


def test_reposting_the_same_text_is_a_duplicate(api: httpx.Client) -> None:
    assert _post(api, BRIDGE_A).status_code == 201
    again = _post(api, BRIDGE_A)
    assert again.status_code == 200 and again.json()["added"] == [] and len(again.json()["duplicates"]) == 1
    assert api.get("/stories").json()["total"] == 1


def test_post_json_and_html(api: httpx.Client) -> None:
    record = {
        "text": "The council approved the new tram line on Friday after a long debate about costs.",
        "title": "Tram line approved",
        "outlet": "City Paper",
        "published": "2025-02-07",
    }
    posted = _post(api, json.dumps(record), "application/json")
    assert posted.status_code == 201, posted.text
    article = api.get(f"/articles/{posted.json()['added'][0]['article_id']}").json()["annotated"]["article"]
    assert (article["title"], article["outlet"], article["published"]) == (
        "Tram line approved",
        "City Paper",
        "2025-02-07",
    )
    page = (
        "<html><head><title>Ferry timetable</title></head><body><article><h1>Ferry timetable</h1>"
        "<p>The island ferry will run every half hour from next month, the operator announced on Monday, "
        "after passengers complained about long waits at the harbour during the summer season.</p>"
        "<p>The operator said two more boats would join the fleet and that fares would stay the same "
        "for residents of the island for the rest of the year.</p></article></body></html>"
    )
    assert _post(api, page, "text/html", outlet="Island News").status_code == 201


def test_search_by_entity_speaker_and_quotation(api: httpx.Client) -> None:
    for text in (BRIDGE_A, BRIDGE_B, FESTIVAL):
        _post(api, text)
    by_speaker = api.get("/search", params={"speaker": "Marsh"}).json()
    assert by_speaker["total"] == 2
    by_quote = api.get("/search", params={"quote": "surprised"}).json()
    assert by_quote["total"] == 1 and by_quote["items"][0]["speaker"] == "Okafor"
    by_entity = api.get("/search", params={"entity": "Okafor", "limit": 1}).json()
    assert by_entity["limit"] == 1 and len(by_entity["items"]) == 1 and by_entity["total"] >= 1


def test_pagination(api: httpx.Client) -> None:
    for text in (BRIDGE_A, FESTIVAL):
        _post(api, text)
    first, second = (api.get("/stories", params={"offset": o, "limit": 1}).json() for o in (0, 1))
    assert first["total"] == second["total"] == 2
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert api.get("/stories", params={"offset": 2, "limit": 1}).json()["items"] == []


def test_clear_client_errors(api: httpx.Client) -> None:
    missing = api.get("/stories/nope")
    assert missing.status_code == 404 and missing.json() == {"error": "no story 'nope'"}
    assert api.get("/stories/nope/brief").status_code == 404
    assert api.get("/articles/nope").status_code == 404
    bad_limit = api.get("/stories", params={"limit": 100000})
    assert bad_limit.status_code == 422 and "limit" in bad_limit.json()["error"]
    assert api.get("/stories/x/brief", params={"format": "pdf"}).status_code == 422
    assert api.get("/search").status_code == 422
    assert api.get("/search", params={"entity": "a", "speaker": "b"}).status_code == 422
    unsupported = _post(api, "hello", "image/png")
    assert unsupported.status_code == 415 and "content type" in unsupported.json()["error"]
    empty = _post(api, "   ")
    assert empty.status_code == 422 and "empty" in empty.json()["error"]
    unreadable = _post(api, "{not json", "application/json")
    assert unreadable.status_code == 400 and unreadable.json()["error"].startswith("body is not valid JSON")


def test_oversized_body_is_413_with_json(api: httpx.Client) -> None:
    big = "word " * 10_000  # 50 kB, over the 20 kB limit this server was given
    declared = _post(api, big)
    assert declared.status_code == 413 and "limit" in declared.json()["error"]

    def chunks() -> object:
        for _ in range(10):
            yield b"word " * 1000

    streamed = api.post("/articles", content=chunks(), headers={"content-type": "text/plain"})  # type: ignore[arg-type]
    assert streamed.status_code == 413 and "limit" in streamed.json()["error"]
    assert api.get("/stories").json()["total"] == 0


def test_openapi_spec_is_served(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    for path in (
        "/articles",
        "/articles/{article_id}",
        "/stories",
        "/stories/{story_id}",
        "/stories/{story_id}/brief",
        "/search",
    ):
        assert path in spec["paths"], path
    assert "/story/{story_id}" not in spec["paths"], "HTML pages are not part of the API"
