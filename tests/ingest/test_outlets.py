"""The outlet registry: a listed domain gives its outlet's one name whatever the page calls itself, an alias
gives the same name to metadata that uses it, an unlisted site keeps its own name (else its domain), and the
user's own file (NEWSFUSE_OUTLETS) adds entries and replaces bundled ones. Pages and texts written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.errors import InputError
from newsfuse.ingest import ingest_bytes
from newsfuse.ingest.outlets import USER_FILE_VARIABLE, outlet_registry

BODY = (
    "The harbour ferry terminal reopened on Monday after three months of repairs, the port authority said. "
    "Commuters welcomed the return of the early morning crossings to the city centre."
)


def _page(site_name: str, url: str) -> bytes:
    return (
        f"<html><head><title>Ferry terminal reopens</title><meta property='og:site_name' content='{site_name}'>"
        f"<link rel='canonical' href='{url}'></head><body><article><h1>Ferry terminal reopens</h1><p>{BODY}</p>"
        "</article></body></html>"
    ).encode()


def _outlet(data: bytes, source: str = "page.html") -> str | None:
    (article,) = ingest_bytes(data, source=source).articles
    return article.outlet


def test_a_listed_domain_gives_the_outlets_one_name() -> None:
    assert _outlet(_page("NYTimes", "https://www.nytimes.com/2024/06/19/world/ferry.html")) == "The New York Times"
    assert _outlet(_page("Sky", "https://news.sky.com/story/ferry-123")) == "Sky News", "a host under a domain"
    assert _outlet(_page("BBC News", "https://www.bbc.co.uk/news/uk-123")) == "BBC News"


def test_an_alias_in_the_metadata_gives_the_same_name() -> None:
    assert _outlet(f"outlet: AP\n\n{BODY}\n".encode(), "a.txt") == "Associated Press"
    assert _outlet(f"outlet: wall street journal\n\n{BODY}\n".encode(), "b.txt") == "The Wall Street Journal"


def test_an_unlisted_site_keeps_its_own_name_else_its_domain() -> None:
    assert _outlet(_page("Harbour Gazette", "https://www.harbourgazette.example.org/ferry")) == "Harbour Gazette"
    record = {"text": BODY, "url": "https://news.harbour-gazette.co.uk/ferry"}
    assert _outlet(json.dumps(record).encode(), "feed.json") == "harbour-gazette.co.uk"
    assert _outlet(f"outlet: Harbour Gazette\n\n{BODY}\n".encode(), "c.txt") == "Harbour Gazette"


def test_the_users_file_adds_and_replaces_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "outlets.toml"
    own.write_text(
        '["harbourgazette.example.org"]\nname = "The Harbour Gazette"\naliases = ["HG"]\ncountry = "NZ"\n\n'
        '["nytimes.com"]\nname = "NYT"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(USER_FILE_VARIABLE, str(own))
    page = _page("Harbour Gazette", "https://www.harbourgazette.example.org/ferry")
    assert _outlet(page) == "The Harbour Gazette"
    assert _outlet(f"outlet: HG\n\n{BODY}\n".encode(), "d.txt") == "The Harbour Gazette"
    assert _outlet(_page("NYTimes", "https://www.nytimes.com/2024/06/19/world/ferry.html")) == "NYT"
    listed = outlet_registry().for_url("https://harbourgazette.example.org/")
    assert listed is not None and listed.country == "NZ"


def test_a_broken_user_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "outlets.toml"
    own.write_text('["example.org"]\ncountry = "GB"\n', encoding="utf-8")
    monkeypatch.setenv(USER_FILE_VARIABLE, str(own))
    with pytest.raises(InputError, match=r"\['example.org'\] needs a name"):
        outlet_registry()
    broken = tmp_path / "broken.toml"
    broken.write_text("[broken\n", encoding="utf-8")
    monkeypatch.setenv(USER_FILE_VARIABLE, str(broken))
    with pytest.raises(InputError, match="is not valid TOML"):
        outlet_registry()
    monkeypatch.setenv(USER_FILE_VARIABLE, str(tmp_path / "missing.toml"))
    with pytest.raises(InputError, match="cannot read the outlet registry"):
        outlet_registry()
    report = ingest_bytes(f"{BODY}\n".encode(), source="e.txt")
    assert report.articles == [] and "outlet registry" in report.rejected[0].reason
