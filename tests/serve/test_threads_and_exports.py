"""Following a topic and taking the stories away: the story list grouped by day and thread with its filters,
the thread page's timeline, the story list as CSV and the Atom feed of new stories (parsed by feedparser),
on both backends."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import feedparser
import httpx
import pytest
from playwright.sync_api import BrowserContext

from newsfuse.serve import create_app
from newsfuse.store import Store
from tests.browser import OVERFLOWS, SHOTS, WIDTHS
from tests.live import live_server
from tests.pg import create_database
from tests.serve.auth import AUTH, OPTIONS
from tests.store.fakes import FakeProcessor
from tests.store.texts import BRIDGE_A, BRIDGE_B, BRIDGE_FOLLOW_UP, FESTIVAL

FORMULA_TITLE = (
    'title: =HYPERLINK("http://example.invalid","open")\noutlet: Arts Weekly\ndate: 2025-02-20\n\n'
    "Gallery visitors queued along the river for the opening of a new glass pavilion on Thursday.\n"
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One store per backend for the module: every test here only reads."""
    folder = tmp_path_factory.mktemp("threads")
    db = str(folder / "news.db") if request.param == "sqlite" else create_database(request.getfixturevalue("postgres"))
    processor = FakeProcessor(threshold=0.6, thread_threshold=0.3)
    with Store(db) as store, live_server(create_app(store, processor, options=OPTIONS)) as base:
        for text in (FORMULA_TITLE, FESTIVAL, BRIDGE_A, BRIDGE_B, BRIDGE_FOLLOW_UP):
            response = httpx.post(
                f"{base}/articles",
                content=text.encode(),
                headers={"content-type": "text/plain", **AUTH},
                params={"wait": "20"},  # answered once analysed
                timeout=30,
            )
            assert response.status_code == 201, response.text
        yield base


def _listed(html: str) -> list[str]:
    return re.findall(r'class="story-link" href="/story/[^"]+">([^<]+)<', html)


def _days(html: str) -> list[str]:
    return re.findall(r'<h2 class="day">([^<]+)</h2>', html)


def test_the_story_list_is_grouped_by_day_and_names_each_story_s_thread(site: str) -> None:
    page = httpx.get(site + "/").text
    assert _days(page) == [
        "Tuesday 11 March 2025",
        "Wednesday 5 March 2025",
        "Saturday 1 March 2025",
        "Thursday 20 February 2025",
    ]
    assert _listed(page)[:2] == ["Harbour bridge cable supplier questioned", "Harbour bridge reopens after repairs"]
    # both bridge stories name their thread by its first story, and link to it; a lone story names none
    threads = re.findall(r'Thread: <a href="(/thread/[^"]+)">([^<]+)</a>', page)
    assert [name for _, name in threads] == ["Harbour bridge reopens after repairs"] * 2
    assert threads[0][0] == threads[1][0]


FILTER_CASES: list[tuple[dict[str, str], list[str]]] = [
    (
        {"outlet": "coast daily"},
        ["Harbour bridge cable supplier questioned", "Harbour bridge reopens after repairs"],
    ),
    (  # an outlet matches with or without "The", in any case
        {"outlet": "The COAST Daily"},
        ["Harbour bridge cable supplier questioned", "Harbour bridge reopens after repairs"],
    ),
    ({"entity": "okafor"}, ["Jazz festival sells out"]),
    ({"q": '"six weeks"'}, ["Harbour bridge reopens after repairs"]),
    ({"since": "2025-03-05", "until": "2025-03-10"}, ["Harbour bridge reopens after repairs"]),
    (
        {"until": "2025-03-01", "outlet": "Arts Weekly"},
        ["Jazz festival sells out", '=HYPERLINK("http://example.invalid","open")'],
    ),
    ({"q": "cables", "outlet": "Valley Herald"}, ["Harbour bridge reopens after repairs"]),
    ({"entity": "nobody-by-that-name"}, []),
]


@pytest.mark.parametrize(("query", "expected"), FILTER_CASES)
def test_the_story_list_filters_by_date_range_outlet_entity_and_text(
    site: str, query: dict[str, str], expected: list[str]
) -> None:
    response = httpx.get(site + "/", params=query)
    assert response.status_code == 200
    assert [title.replace("&#34;", '"') for title in _listed(response.text)] == expected
    if not expected:
        assert "No story matches these filters." in response.text


def test_a_bad_filter_says_why_on_the_page(site: str) -> None:
    backwards = httpx.get(site + "/", params={"since": "2025-03-10", "until": "2025-03-01"})
    assert backwards.status_code == 422 and "the date range ends before it starts" in backwards.text
    assert "text/html" in backwards.headers["content-type"]
    not_a_date = httpx.get(site + "/", params={"since": "March"})
    assert not_a_date.status_code == 422 and "dates are YYYY-MM-DD" in not_a_date.text


def test_the_thread_page_is_a_timeline_of_its_stories_linked_from_the_story_page(site: str) -> None:
    stories = {item["headline"]: item for item in httpx.get(site + "/stories").json()["items"]}
    first, later = stories["Harbour bridge reopens after repairs"], stories["Harbour bridge cable supplier questioned"]
    story_page = httpx.get(f"{site}/story/{later['id']}").text
    link = re.search(r'class="thread-link" href="(/thread/[^"]+)"', story_page)
    assert link is not None, "the story page's 'Same thread' links the thread page"
    thread = httpx.get(site + link.group(1))
    assert thread.status_code == 200
    entries = re.findall(
        r'<li class="thread-story">\s*<time>([^<]+)</time>.*?href="/story/([^"]+)">([^<]+)</a>\s*'
        r'<span class="meta">([^<]+)</span>\s*<p class="lead">([^<]+)',
        thread.text,
        re.S,
    )
    assert [(day, story, headline) for day, story, headline, _, _ in entries] == [
        ("2025-03-04", first["id"], first["headline"]),
        ("2025-03-11", later["id"], later["headline"]),
    ]
    assert entries[0][3].startswith("2 outlets · 2 articles") and entries[1][3].startswith("1 outlet · 1 article")
    # each story's lead: here its first article's first sentence (no brief computed yet)
    assert entries[0][4].startswith("The harbour bridge reopened on Tuesday after six weeks of repairs")
    assert "Jazz festival" not in thread.text


def test_an_unknown_thread_is_a_404_page(site: str) -> None:
    response = httpx.get(site + "/thread/no-such-thread")
    assert response.status_code == 404 and "No such thread" in response.text


def test_the_story_list_as_csv_keeps_the_filters_and_defuses_formulas(site: str) -> None:
    response = httpx.get(site + "/stories.csv", params={"outlet": "Arts Weekly"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["headline"] for row in rows] == [
        "Jazz festival sells out",
        '\'=HYPERLINK("http://example.invalid","open")',
    ]
    assert rows[0]["outlets"] == "Arts Weekly" and rows[0]["articles"] == "1" and rows[0]["first date"] == "2025-03-01"
    assert httpx.get(rows[0]["page"]).status_code == 200, "each row links its story page"
    bridge = list(csv.DictReader(io.StringIO(httpx.get(site + "/stories.csv", params={"q": "bridge"}).text)))
    assert {row["thread"] for row in bridge} == {"Harbour bridge reopens after repairs"}


def test_the_atom_feed_parses_and_lists_the_stories_latest_first(site: str) -> None:
    response = httpx.get(site + "/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.entries[0].title == "Harbour bridge cable supplier questioned"
    assert len(feed.entries) == 4
    for entry in feed.entries:
        assert entry.id == entry.link and httpx.get(entry.link).status_code == 200
        assert entry.updated_parsed is not None
    assert "2 outlets (Coast Daily, Valley Herald) · 2 articles · 2025-03-04 to 2025-03-05" in {
        entry.summary for entry in feed.entries
    }
    page = httpx.get(site + "/").text
    assert '<link rel="alternate" type="application/atom+xml"' in page, "browsers find the feed from any page"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_list_with_its_filters_and_the_thread_page_fit_the_screen(
    site: str, width: str, browser: BrowserContext
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    page.set_viewport_size({"width": WIDTHS[width][0], "height": WIDTHS[width][1]})
    try:
        page.goto(site + "/?outlet=Coast+Daily")
        assert page.locator(".story-item").count() == 2
        assert page.evaluate(OVERFLOWS.replace(".brief, .pane", "main")) == [], "the story list overflows"
        page.screenshot(path=str(SHOTS / f"threads-list-{width}.png"), full_page=True)
        page.locator(".thread-of a").first.click()
        page.wait_for_selector(".thread-story")
        assert page.locator(".thread-story").count() == 2
        assert page.evaluate(OVERFLOWS.replace(".brief, .pane", "main")) == [], "the thread page overflows"
        page.screenshot(path=str(SHOTS / f"threads-thread-{width}.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize(("query", "expected"), FILTER_CASES)
def test_the_story_list_in_json_takes_the_same_filters(site: str, query: dict[str, str], expected: list[str]) -> None:
    response = httpx.get(site + "/listing", params=query)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    listing = response.json()
    stories = [s for day in listing["days"] for thread in day["threads"] for s in thread["stories"]]
    assert [s["headline"] for s in stories] == expected
    assert listing["total"] == len(expected)


def test_the_story_list_in_json_is_grouped_by_day_and_thread(site: str) -> None:
    listing = httpx.get(site + "/listing").json()
    assert [day["day"] for day in listing["days"]] == ["2025-03-11", "2025-03-05", "2025-03-01", "2025-02-20"]
    named = [t for day in listing["days"] for t in day["threads"] if t["thread"]]
    assert [t["headline"] for t in named] == ["Harbour bridge reopens after repairs"] * 2
    assert named[0]["thread"] == named[1]["thread"]
    alone = [t for day in listing["days"] for t in day["threads"] if t["thread"] is None]
    assert all(t["headline"] is None and len(t["stories"]) == 1 for t in alone)
    page = httpx.get(site + "/listing", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 4 and page["offset"] == 1 and page["limit"] == 1


def test_a_bad_filter_in_json_is_a_422_with_the_reason(site: str) -> None:
    backwards = httpx.get(site + "/listing", params={"since": "2025-03-10", "until": "2025-03-01"})
    assert backwards.status_code == 422
    assert backwards.json() == {"error": "the date range ends before it starts"}
    assert httpx.get(site + "/listing", params={"since": "March"}).json() == {"error": "dates are YYYY-MM-DD"}


def test_the_thread_in_json_is_the_thread_page_s_timeline(site: str) -> None:
    named = [t for day in httpx.get(site + "/listing").json()["days"] for t in day["threads"] if t["thread"]]
    thread_id = named[0]["thread"]
    timeline = httpx.get(f"{site}/threads/{thread_id}").json()
    assert timeline["thread"] == thread_id and timeline["title"] == "Harbour bridge reopens after repairs"
    assert [e["story"]["headline"] for e in timeline["entries"]] == [
        "Harbour bridge reopens after repairs",
        "Harbour bridge cable supplier questioned",
    ]
    assert timeline["first"] == "2025-03-04" and timeline["last"] == "2025-03-11"
    assert timeline["outlets"] == ["Coast Daily", "Valley Herald"]
    assert timeline["entries"][0]["lead"].startswith("The harbour bridge reopened on Tuesday after six weeks")
    assert all(isinstance(e["changes"], list) for e in timeline["entries"])
    missing = httpx.get(site + "/threads/no-such-thread")
    assert missing.status_code == 404 and missing.json() == {"error": "no thread 'no-such-thread'"}


def test_the_json_listing_and_thread_are_in_the_api_schema(site: str) -> None:
    paths = httpx.get(site + "/openapi.json").json()["paths"]
    assert "/listing" in paths and "/threads/{thread_id}" in paths
    parameters = {p["name"] for p in paths["/listing"]["get"]["parameters"]}
    assert {"since", "until", "outlet", "entity", "q", "offset", "limit"} <= parameters
