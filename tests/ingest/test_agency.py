"""Agency credits recorded on the article (texts written for these tests): a dateline's credit, a credit line
naming an agency, an agency's "told AFP"; not a citation, a photo credit, or an agency's own report."""

from __future__ import annotations

import pytest

from newsfuse.ingest import ingest_bytes
from newsfuse.ingest.agency import carried_agency

BODY = "The ferry terminal reopened on Monday after three months of repairs, the port authority said."
MORE = "Commuters welcomed the return of the early morning crossings to the city centre on the first day."


@pytest.mark.parametrize(
    ("text", "outlet", "agency"),
    [
        (f"WESTHAVEN (AP) — {BODY}\n{MORE}", "Harbour Gazette", "Associated Press"),
        (f"WESTHAVEN, Maine (Reuters) - {BODY}", "Yahoo News", "Reuters"),
        (f"WESTHAVEN, March 4. /TASS/. {BODY}", "Harbour Gazette", "TASS"),
        (f"QUEBEC CITY/MONTREAL (AFP) - {BODY}", None, "AFP"),
        (f"(CNN) {BODY}", "WXYZ-TV", "CNN"),
        (f"WESTHAVEN (WXYZ13) — {BODY}", None, "WXYZ13"),
        (f"{BODY}\n{MORE}\nReuters contributed to this report.", "Harbour Gazette", "Reuters"),
        (f"{BODY}\nBy JANE ROE, Associated Press\n{MORE}", "Harbour Gazette", "Associated Press"),
        (f'{BODY} "We are back," the harbour master told AFP on Monday.', "Harbour Gazette", "AFP"),
    ],
)
def test_a_credit_is_recorded_as_the_agency(text: str, outlet: str | None, agency: str) -> None:
    assert carried_agency(text, outlet) == agency


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (f"WESTHAVEN (Reuters) - {BODY}", "Reuters"),  # the agency's own report
        (f"WESTHAVEN (AP) — {BODY}", "The Associated Press"),
        (f"{BODY} {MORE} Reuters reported.", "Harbour Gazette"),  # a citation, not a carry
        (f"{BODY}\nHarbour Gazette's Jo Bloggs contributed to this story.", "Harbour Gazette"),
        (f"A view of the terminal.\n(Getty Images)\n{BODY}", "Harbour Gazette"),
        (f"{BODY} The minister told Parliament the crossings would resume.", "Harbour Gazette"),
        (f'MOSCOW (AP) — {BODY} "It is done," the mayor told Interfax.', "Associated Press"),
        (f"(A) {BODY}", "Harbour Gazette"),  # a list item's letter
    ],
)
def test_no_agency_without_a_carried_credit(text: str, outlet: str | None) -> None:
    assert carried_agency(text, outlet) is None


def test_the_agency_reaches_the_article_and_its_credit_leaves_the_text() -> None:
    text = f"title: Ferry terminal reopens\noutlet: Harbour Gazette\n\nWESTHAVEN (AP) — {BODY}\n\n{MORE}\n"
    (article,) = ingest_bytes(text.encode(), source="a.txt").articles
    assert article.agency == "Associated Press" and article.outlet == "Harbour Gazette"
    assert article.text.startswith("The ferry terminal reopened")
    plain = ingest_bytes(f"outlet: Harbour Gazette\n\n{BODY}\n\n{MORE}\n".encode(), source="b.txt").articles[0]
    assert plain.agency is None
