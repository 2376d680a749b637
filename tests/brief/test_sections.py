"""Brief sections on hand-annotated articles: whom a sentence opening on a pronoun is about."""

from newsfuse.brief.sections import subject_of
from newsfuse.model import QuoteKind
from tests.fuse.fuse_helpers import build

ENGINEER = (
    "Tomas Brandt, chief engineer of the Harbour Authority, said divers would inspect the piers on Thursday. "
    "He said the last inspection had found nothing wrong. "
    "The Tarn Bridge carries 40,000 vehicles a day past Saint Anne Hospital. "
    "It opened in 1962. "
    "They will report next week."
)
MENTIONS = [
    ("Tomas Brandt", "PERSON", "person-brandt"),
    ("Harbour Authority", "ORG", "org-authority"),
    ("Tarn Bridge", "FAC", "fac-tarn"),
    ("Saint Anne Hospital", "ORG", "org-hospital"),
]


def test_a_sentence_opening_on_he_is_about_the_last_person_named_not_an_organisation() -> None:
    article = build(ENGINEER, "Harbour Post", mentions=MENTIONS)
    assert subject_of(article, 1) == "Tomas Brandt"


def test_a_sentence_opening_on_it_is_about_a_thing_named_before_not_a_person() -> None:
    article = build(ENGINEER, "Harbour Post", mentions=MENTIONS[:3])
    assert subject_of(article, 3) == "Tarn Bridge"


def test_a_sentence_opening_on_they_may_be_about_an_organisation() -> None:
    article = build(ENGINEER, "Harbour Post", mentions=MENTIONS[:2])
    assert subject_of(article, 4) == "Harbour Authority"


def test_a_quoted_sentence_is_about_its_speaker_and_a_plain_one_about_no_one() -> None:
    text = 'The council met on Monday. "They were lucky," Anna Berg said.'
    article = build(text, "Harbour Post", mentions=[("Anna Berg", "PERSON", "person-berg")],
                    quotes=[("They were lucky,", "person-berg", QuoteKind.speech)])
    assert subject_of(article, 1) == "Berg"
    assert subject_of(article, 0) is None


def test_nobody_named_before_leaves_the_subject_unknown() -> None:
    article = build("He resigned on Monday. The council met.", "Harbour Post")
    assert subject_of(article, 0) is None
