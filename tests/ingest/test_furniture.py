"""Page furniture in already-extracted text is kept out of the article, and the body is not: small texts
written for these tests, each line of a kind the Multi-News sample's raw web text has."""

from __future__ import annotations

import pytest

from newsfuse.ingest import ingest_text
from newsfuse.ingest.furniture import is_furniture, strip_dateline

BODY = [
    "The harbour authority said on Monday that the ferry terminal would reopen in March.",
    "By all accounts, the repairs went faster than the engineers had planned.",
    "- Ferries every twenty minutes at peak hours",
    "12) Terminal 2 – Ticket office (North Entrance)",
    "“We are ready,” the harbour master said. “The ships are not.”",
    "— Port of Westhaven (@westhavenport) March 3, 2024",
    "11 a.m. is when the ferry leaves.",
    "March 4, 2024 / The terminal reopened to cheers from the crowd.",
    "The timetable is posted at https://westhaven.example/ferries.",
    "Readers shared the story widely after the harbour master's speech: www.westhaven.example is still down.",
    "[The harbour master] said the ferries would run all night, a spokesman confirmed.",
    # a form's messages quoted in prose, on a line longer than a line of furniture
    "The booking page failed all morning. An error has occurred. Please try again later. That was all travellers "
    "saw until noon, when the harbour authority took the page down and said that tickets would be sold at the "
    "terminal instead, for cash only, until the contractor had found what broke the site on the first day of sale.",
    "The ferry [pictured] leaves every twenty minutes.",
    "[Update 2:15 p.m.: The harbour master says the night ferry will run again on Friday.]",
    "Police asked anyone who saw the collision to contact detectives at tips@westhaven-police.example.",
    "Never miss a tide: the harbour master told sailors to sign up today for the new alerts.",
    "The band on the harbour stage played AC/DC",
    "The ferry is bigger than the old Westhaven/Tarn Line.",
]
FURNITURE = [
    "Jane Roe and John Doe contributed to this report.",
    "(Additional reporting by Jane Roe; editing by John Doe)",
    "— MARIA SANTOS",
    "By Jane Roe",
    "The new terminal building at dusk. (Photo: Jane Roe, Westhaven Gazette)",
    "The new terminal building at dusk (Harbour Archive)",
    "(The Westhaven Gazette)",
    "Media playback is not supported on this device",
    "Your browser does not support HTML5 video.",
    "JUST WATCHED Ferry terminal reopens Replay More Videos ... MUST WATCH Ferry terminal reopens 02:13",
    "You have reached your limit of free articles this month.",
    "Already a subscriber? Log in",
    "RELATED: Ferry fares to rise in spring",
    "► March 1: Ferry strike called off",
    "8:20 a.m.",
    "11 a.m.",
    "00:00 / 00:40 SD HD Share",
    "Published March 4, 2024",
    "Harbour terminal reopens early Westhaven Gazette|March 4, 2024",
    "reporter@westhaven.example",
    "This story has been updated.",
    "March 4, 2024 / 8:20 AM / Updated 14 hours ago",
    "March 4, 2024 | 5:00 pm EDT",
    "Read or Share this story: https://www.westhaven.example/story/news/local/2024/03/04/ferry-terminal-reopens-"
    "after-two-years-of-repairs-and-a-strike/1234567890/",
    "Follow us on Twitter: https://twitter.example/westhavenport",
    "Read more at www.westhaven.example/ferries",
    "[New timetable on the island route: night ferries]",
    "[ Photos ]",
    "If you work at the terminal and want to tell your story, email us at tips@westhaven.example.",
    "Get push notifications with harbour news, features and more.",
    "The harbour master at the reopened terminal Jane Roe/Westhaven Gazette",
    "Ferries wait at the new pier on Monday, March 3, 2024. WESTHAVEN/Tomas Berg",
    "Anna Weber/Harbour Archive/Getty Images",
    "Never miss a local story. Sign up today for a free 30 day trial of the Gazette. SUBSCRIBE NOW",
    # a newsletter sign-up form flattened into one line longer than any furniture line
    "Gazette Newsletter Sign Up Please verify you are not a robot by clicking the box. Invalid e-mail address. "
    "Please re-enter. You must choose at least one newsletter to sign up. Sign Up You will receive e-mails with "
    "the harbour news, offers and updates from the Westhaven Gazette. You can unsubscribe at any time. Thank you "
    "for signing up. Something went wrong. Please try again. View all Westhaven Gazette newsletters.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", BODY)
def test_body_lines_are_kept(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("WESTHAVEN (AP) — The ferry terminal reopened on Monday.", "The ferry terminal reopened on Monday."),
        ("WESTHAVEN, Maine (Reuters) - The ferry terminal reopened.", "The ferry terminal reopened."),
        ("(CNN) The ferry terminal reopened on Monday.", "The ferry terminal reopened on Monday."),
        ("WESTHAVEN, March 4. /TASS/. The ferry terminal reopened.", "The ferry terminal reopened."),
        ("The (new) terminal reopened on Monday.", "The (new) terminal reopened on Monday."),
    ],
)
def test_datelines_leave_the_first_sentence(line: str, rest: str) -> None:
    assert strip_dateline(line) == rest


def test_an_article_keeps_its_body_and_loses_its_furniture() -> None:
    text = "\n\n".join([f"WESTHAVEN (AP) — {BODY[0]}", FURNITURE[4], *BODY[1:], FURNITURE[0], FURNITURE[9]])
    article = ingest_text(text, source="pasted.txt")
    for line in BODY[1:]:
        assert line.lstrip("- ") in article.text
    assert article.text.startswith(BODY[0])
    for line in (FURNITURE[0], FURNITURE[4], FURNITURE[9]):
        assert line not in article.text


def test_a_lone_date_line_dropped_from_the_text_still_dates_an_undated_article() -> None:
    from datetime import date

    from newsfuse.ingest import ingest_text

    text = ("DECEMBER 16, 2008\n\nA ferry ran aground off Cape Orrin on Tuesday, and all 40 passengers were "
            "taken ashore by lifeboats before noon, the coast guard said.")
    article = ingest_text(text)
    assert "DECEMBER 16" not in article.text
    assert article.published == date(2008, 12, 16)
    dated = ingest_text(text, published=date(2008, 12, 17))
    assert dated.published == date(2008, 12, 17)  # the metadata's date wins


def test_a_subtitle_track_goes_with_its_cues_and_the_text_around_it_stays() -> None:
    text = (
        "The ferry terminal reopened on Monday after two years of repairs.\n\n"
        "WEBVTT\n\n"
        "1\n00:00:01.000 --> 00:00:04.000\nTHE TERMINAL IS OPEN AGAIN.\n\n"
        "00:00:04.500 --> 00:00:07.250\n>> WE WAITED A LONG TIME\nFOR THIS DAY.\n\n"
        "The harbour master said the first ferry left at six."
    )
    article = ingest_text(text, source="pasted.txt")
    assert article.text.startswith("The ferry terminal reopened on Monday")
    assert article.text.endswith("The harbour master said the first ferry left at six.")
    for gone in ("WEBVTT", "-->", "TERMINAL IS OPEN", "WAITED", "FOR THIS DAY"):
        assert gone not in article.text


def test_a_caption_transcript_glued_to_its_subtitle_header_goes() -> None:
    text = (
        "The ferry terminal reopened on Monday after two years of repairs.\n\n"
        "WEBVTT HOST: WE ARE AT THE TERMINAL THIS MORNING.>> IT FEELS GOOD TO BE BACK.\n\n"
        "The harbour master said the first ferry left at six."
    )
    article = ingest_text(text, source="pasted.txt")
    assert "WEBVTT" not in article.text and "FEELS GOOD" not in article.text
    assert "first ferry left at six" in article.text


def test_an_insert_after_a_paragraphs_last_sentence_goes_and_the_sentence_stays() -> None:
    text = "\n\n".join([
        "The harbour authority published a map of the new ferry routes. [Map: The Westhaven Ferry Routes]",
        "Ferries will leave every twenty minutes at peak hours. [ See the full timetable Credit: Westhaven Gazette",
        "The terminal reopens on Friday. [Update: the harbour master says the night ferry will run too.]",
        "Tickets cost less than before [pictured] and sell fast.",
    ])
    article = ingest_text(text, source="pasted.txt")
    assert "[Map" not in article.text and "See the full timetable" not in article.text
    assert "published a map of the new ferry routes." in article.text
    assert "every twenty minutes at peak hours." in article.text
    assert "[Update: the harbour master says the night ferry will run too.]" in article.text  # a bracketed sentence
    assert "Tickets cost less than before [pictured] and sell fast." in article.text
