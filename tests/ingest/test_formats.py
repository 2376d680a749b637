"""HTML, RSS, Atom, JSON(L), DUC/TREC SGML and stdin bytes: each becomes clean articles with metadata."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsfuse.ingest import ingest_bytes, ingest_paths
from newsfuse.ingest.sniff import sniff_format

_PARAGRAPHS = [
    "The harbour bridge in Portmere was closed to traffic on Monday after engineers found cracks in two of its "
    "supporting cables during a routine inspection.",
    "City officials said the closure would last at least three weeks while a specialist team assesses the damage "
    "and designs a repair plan for the ageing structure.",
    '"We are not taking any risks with public safety," the mayor, Ellen Varga, told reporters outside the town hall.',
    "Commuters were advised to use the ferry service, which will run every fifteen minutes during peak hours.",
]

_HTML_PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Harbour bridge closed after cracks found | Portmere Gazette</title>
<meta property="og:site_name" content="Portmere Gazette">
<meta property="article:published_time" content="2023-03-06T09:00:00Z">
<link rel="canonical" href="https://gazette.example/bridge-closed">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour bridge closed after cracks found</h1>
{"".join(f"<p>{p}</p>" for p in _PARAGRAPHS)}
</article>
<footer>Copyright 2023 Portmere Gazette. All rights reserved.</footer>
</body></html>"""

_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Portmere Gazette</title><link>https://gazette.example/</link><description>Local news</description>
<item><title>Bridge closed</title><link>https://gazette.example/bridge</link>
<pubDate>Mon, 06 Mar 2023 09:00:00 GMT</pubDate>
<description><![CDATA[<p>The harbour bridge was closed on Monday.</p>
<p>Repairs will take three weeks.</p>]]></description>
</item>
<item><title>Ferry timetable changed</title><link>https://gazette.example/ferry</link>
<pubDate>Tue, 07 Mar 2023 10:00:00 GMT</pubDate>
<description>Ferries now run every fifteen minutes at peak hours.</description>
</item>
</channel></rss>"""

_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley Courier</title><id>urn:uuid:1</id><updated>2023-03-07T10:00:00Z</updated>
<entry><title>Flood warning lifted</title><id>urn:uuid:2</id>
<link href="https://courier.example/flood"/>
<published>2023-03-07T08:30:00Z</published><updated>2023-03-07T10:00:00Z</updated>
<content type="html">&lt;p&gt;The flood warning for the valley was lifted on Tuesday.&lt;/p&gt;</content>
</entry>
</feed>"""


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "bridge.html"
    page.write_text(_HTML_PAGE, encoding="utf-8")
    report = ingest_paths([page])
    assert not report.rejected
    (article,) = report.articles
    assert article.title is not None and "Harbour bridge closed" in article.title
    assert article.outlet == "Portmere Gazette"
    assert article.published == date(2023, 3, 6)
    assert article.url == "https://gazette.example/bridge-closed"
    for paragraph in _PARAGRAPHS:
        assert paragraph in article.text.split("\n\n")
    assert "Home" not in article.text


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(_RSS, encoding="utf-8")
    report = ingest_paths([feed])
    assert not report.rejected
    first, second = report.articles
    assert first.text == "The harbour bridge was closed on Monday.\n\nRepairs will take three weeks."
    assert first.title == "Bridge closed"
    assert first.outlet == "Portmere Gazette"
    assert first.url == "https://gazette.example/bridge"
    assert first.published == date(2023, 3, 6)
    assert second.published == date(2023, 3, 7)
    assert "<" not in second.text


def test_atom_feed_entry_becomes_an_article() -> None:
    report = ingest_bytes(_ATOM.encode(), source="atom")
    (article,) = report.articles
    assert article.text == "The flood warning for the valley was lifted on Tuesday."
    assert article.outlet == "Valley Courier"
    assert article.published == date(2023, 3, 7)
    assert article.url == "https://courier.example/flood"


def test_jsonl_broken_line_is_rejected_by_number_and_the_rest_go_through(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": "The bridge closed on Monday.",
                "title": "Bridge",
                "outlet": "Gazette",
                "url": "https://g.example/1",
                "published": "2023-03-06",
            }
        ),
        '{"text": "broken',
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Ferries run every fifteen minutes."}),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_paths([path], outlet="Default")
    assert [a.text for a in report.articles] == ["The bridge closed on Monday.", "Ferries run every fifteen minutes."]
    first, second = report.articles
    assert (first.title, first.outlet, first.url, first.published) == (
        "Bridge",
        "Gazette",
        "https://g.example/1",
        date(2023, 3, 6),
    )
    assert second.outlet == "Default"
    reasons = {r.source: r.reason for r in report.rejected}
    assert set(reasons) == {f"{path}:2", f"{path}:3"}
    assert reasons[f"{path}:2"].startswith("line 2:")
    assert "text" in reasons[f"{path}:3"]


def test_json_document_with_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"text": "First story."}, {"text": "Second story."}], indent=2), encoding="utf-8")
    report = ingest_paths([path])
    assert [a.text for a in report.articles] == ["First story.", "Second story."]


def test_duc_sgml_file_is_unwrapped_with_outlet_date_and_straight_quotes(corpora: Path) -> None:
    path = sorted((corpora / "duc2004" / "docs").glob("*/APW*"))[0]
    raw = path.read_text(encoding="utf-8")
    report = ingest_paths([path])
    assert not report.rejected
    (article,) = report.articles
    assert article.outlet == "Associated Press"
    digits = path.name[3:11]
    assert article.published == date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    assert all(p and "\n" not in p for p in article.text.split("\n\n"))
    assert "``" not in article.text and "''" not in article.text
    if "``" in raw:
        assert '"' in article.text
    assert "<" not in article.text
    assert article.text.split()[:5] == raw.split("<TEXT>")[1].split()[:5]


def test_duc_nyt_docno_gives_new_york_times(corpora: Path) -> None:
    path = sorted((corpora / "duc2004" / "docs").glob("*/NYT*"))[0]
    (article,) = ingest_paths([path]).articles
    assert article.outlet == "The New York Times", "the docno's 'New York Times', as the outlet registry names it"


def test_sgml_with_several_docs_and_xinhua_prefix() -> None:
    data = (
        "<DOC>\n<DOCNO> XIE19990101.0001 </DOCNO>\n<TEXT>\nThe port reopened on\nFriday, officials said.\n</TEXT>\n"
        "</DOC>\n<DOC>\n<DOCNO> XIE19990102.0002 </DOCNO>\n<TEXT>\n<P>\nA second report.\n</P>\n</TEXT>\n</DOC>\n"
    )
    report = ingest_bytes(data.encode(), source="sgml")
    first, second = report.articles
    assert first.text == "The port reopened on Friday, officials said."
    assert first.outlet == second.outlet == "Xinhua"
    assert first.published == date(1999, 1, 1)
    assert second.text == "A second report."


def test_stdin_bytes_plain_text_with_defaults() -> None:
    report = ingest_bytes(b" date 2023-03-06 The bridge closed on Monday.\n", source="stdin", outlet="Gazette")
    (article,) = report.articles
    assert article.source == "stdin"
    assert article.text == "The bridge closed on Monday."
    assert article.published == date(2023, 3, 6)
    assert article.outlet == "Gazette"


def test_format_is_sniffed_from_content_not_extension(tmp_path: Path) -> None:
    misnamed = tmp_path / "page.txt"
    misnamed.write_text(_HTML_PAGE, encoding="utf-8")
    (article,) = ingest_paths([misnamed]).articles
    assert "<p>" not in article.text and article.outlet == "Portmere Gazette"
    assert sniff_format(_RSS) == "feed"
    assert sniff_format(_ATOM) == "feed"
    assert sniff_format('{"text": "x"}\n') == "jsonl"
    assert sniff_format("<DOC>\n<DOCNO> APW1 </DOCNO>") == "sgml"
    assert sniff_format("A plain sentence about <b> tags.") == "text"


def test_folders_are_walked_recursively_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article body.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden article body.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("Hidden folder body.", encoding="utf-8")
    report = ingest_paths([tmp_path])
    assert [a.text for a in report.articles] == ["First article body.", "Second article body."]
    reasons = {r.source: r.reason for r in report.rejected}
    assert reasons == {
        str(tmp_path / ".git"): "skipped: a hidden folder",
        str(tmp_path / ".hidden.txt"): "skipped: a hidden file",
    }
