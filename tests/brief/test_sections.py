"""Brief sections on hand-annotated articles: whom a sentence opening on a pronoun is about, and what one
opening on a link word leans on."""

from newsfuse.brief.sections import leans_on, subject_of
from newsfuse.model import AnnotatedArticle, QuoteKind, SentenceRef
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


def test_it_is_the_thing_the_sentence_before_opens_on_not_the_last_one_named() -> None:
    article = build(ENGINEER, "Harbour Post", mentions=MENTIONS)
    assert subject_of(article, 3) == "Tarn Bridge"  # not Saint Anne Hospital, named last


def test_it_after_a_sentence_that_names_a_thing_only_further_in_is_about_no_name() -> None:
    text = ("The councillors voted to hold a referendum on joining the Northern League. "
            "It will be held in May.")
    article = build(text, "Harbour Post", mentions=[("Northern League", "ORG", "org-league")])
    assert subject_of(article, 1) is None  # the referendum, which no name stands for: the bullet shows the sentence


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


FERRY = (
    "The harbour authority had promised that the night ferry to the islands would run again by the spring. "
    "But the ferry stayed in dock all summer. "
    "Both captains resigned in June. "
    "The council met on Monday."
)


def _ref(article: AnnotatedArticle, index: int) -> SentenceRef:
    sentence = article.sentences[index]
    return SentenceRef(article_id=article.article.id, sentence=index, start=sentence.start, end=sentence.end)


def test_a_sentence_opening_on_a_link_word_shows_the_end_of_the_sentence_it_leans_on() -> None:
    article = build(FERRY, "Harbour Post")
    assert leans_on(article, _ref(article, 1)) == "…the islands would run again by the spring."
    assert leans_on(article, _ref(article, 2)) == "But the ferry stayed in dock all summer."
    assert leans_on(article, _ref(article, 3)) is None  # stands on its own
    assert leans_on(article, _ref(article, 0)) is None  # nothing before it


def _ref(article: AnnotatedArticle, sentence: int) -> SentenceRef:
    span = article.sentences[sentence]
    return SentenceRef(article_id=article.article.id, sentence=sentence, start=span.start, end=span.end)


def test_an_agencys_reworded_version_of_a_stated_fact_is_not_stated_again() -> None:
    from newsfuse.brief.sections import coverage
    from newsfuse.model import FactGroup, Fusion, Story

    morning = build("Lund edited a small harbour weekly in the seventies and spent nine years in exile in Oslo. "
                    "The council met on Tuesday.", "Wire")
    evening = build("Lund, 61, edited a radical harbour weekly in the seventies and was exiled for nine years, "
                    "mostly in Oslo. The ferry ran late.", "Wire")
    daily = build("Lund first came to notice through a harbour weekly of the seventies, then lived nine years "
                  "in exile in Oslo. The port reopened.", "Daily")
    articles = {a.article.id: a for a in (morning, evening, daily)}
    source_of = {morning.article.id: "wire", evening.article.id: "wire", daily.article.id: "daily"}

    def group(name: str, *refs: SentenceRef) -> FactGroup:
        return FactGroup(id=name, members=list(refs), article_ids=[r.article_id for r in refs],
                         family_ids=list(dict.fromkeys(source_of[r.article_id] for r in refs)))

    fusion = Fusion(
        story=Story(id="s", article_ids=list(articles)), source_of=source_of,
        fact_groups=[group("a", _ref(morning, 0), _ref(daily, 0)), group("b", _ref(evening, 0), _ref(daily, 0)),
                     group("c", _ref(daily, 0), _ref(morning, 0))],
    )
    shared = [fact for tier in coverage(fusion, articles) if tier.sources == 2 for fact in tier.facts]
    # the evening version rewords the morning's sentence, and the Daily's sentence supports both: one fact
    assert [fact.fact_group_id for fact in shared] == ["a"]
    own = [fact.text for tier in coverage(fusion, articles) if tier.sources == 1 for fact in tier.facts]
    assert not any("nine years" in text for text in own)  # nor is the reworded version "only in" the wire


def test_a_sentence_opening_on_he_is_not_about_a_woman_named_last() -> None:
    text = (
        "Tomas Brandt wrote the play about the harbour strike. "
        "Its heroine, Mary Lindqvist, leads the dockers out in the first act. "
        "He said the strike of 1921 had haunted his family."
    )
    mentions = [("Tomas Brandt", "PERSON", "person-brandt"), ("Mary Lindqvist", "PERSON", "person-lindqvist")]
    article = build(text, "Harbour Post", mentions=mentions)
    assert subject_of(article, 2) == "Tomas Brandt"
    assert subject_of(build(text.replace("He said", "She said"), "Harbour Post", mentions=mentions), 2) == (
        "Mary Lindqvist"
    )
