from collections import Counter

from newsfuse.fuse import fuse
from newsfuse.model import AnnotatedArticle, QuoteKind

from .fuse_helpers import HashedWordsEncoder, build, story_of

SPEECH = QuoteKind.speech
TERM = QuoteKind.term

LONG = (
    'The minister defended the budget on Tuesday. '
    '"We will raise teacher salaries by a fair margin and rebuild every rural school," Varga said. '
    'Varga called the opposition plan "a fantasy". '
    '"Nobody here will pay more tax," Orsolya Kende said.'
)
SHORT = (
    'Minister Varga presented the budget. '
    'He promised to "rebuild every rural school" while raising teacher salaries. '
    '"Nobody here will pay more tax," said Peter Toth, a union leader.'
)


def _articles() -> tuple[AnnotatedArticle, AnnotatedArticle]:
    first = build(LONG, "Daily One", quotes=[
        ("We will raise teacher salaries by a fair margin and rebuild every rural school,", "person-varga", SPEECH),
        ("a fantasy", "person-varga", TERM),
        ("Nobody here will pay more tax,", "person-kende", SPEECH),
    ])
    second = build(SHORT, "Evening Two", quotes=[
        ("rebuild every rural school", "person-varga", SPEECH),
        ("Nobody here will pay more tax,", "person-toth", SPEECH),
    ])
    return first, second


def test_a_partial_quote_inside_a_longer_rendering_is_one_group() -> None:
    first, second = _articles()
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    group = next(g for g in fusion.quote_groups if any(r.text == "rebuild every rural school" for r in g.renderings))
    assert {r.article_id for r in group.renderings} == {first.article.id, second.article.id}
    assert group.is_variant and group.speaker_entity == "person-varga"


def test_the_same_words_from_different_speakers_are_never_grouped() -> None:
    first, second = _articles()
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    for group in fusion.quote_groups:
        entities = {q.speaker_entity for a in (first, second) for q in a.quotations
                    if q.id in {r.quotation_id for r in group.renderings}}
        assert len(entities) == 1


def test_every_quotation_is_in_exactly_one_group() -> None:
    first, second = _articles()
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    placed = Counter(r.quotation_id for g in fusion.quote_groups for r in g.renderings)
    assert set(placed) == {q.id for a in (first, second) for q in a.quotations}
    assert set(placed.values()) == {1}


def test_fragments_quoted_in_one_sentence_form_one_utterance() -> None:
    text = 'Varga called the plan "bold" and "long overdue" at the launch. Nothing else was said.'
    other = 'Varga praised the "long overdue" plan. Critics disagreed.'
    first = build(text, "Daily One", quotes=[("bold", "person-varga", TERM), ("long overdue", "person-varga", TERM)])
    second = build(other, "Evening Two", quotes=[("long overdue", "person-varga", TERM)])
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    assert sorted(len(g.renderings) for g in fusion.quote_groups) == [3]


def test_quotations_without_a_speaker_join_only_a_verbatim_copy() -> None:
    first = build('A sign read "closed for repairs until spring" on Monday. It stayed.', "Daily One",
                  quotes=[("closed for repairs until spring", None, SPEECH)])
    second = build('The door said "closed for repairs" all week. Nobody came.', "Evening Two",
                   quotes=[("closed for repairs", None, SPEECH)])
    fusion = fuse(story_of(first, second), [first, second], [], HashedWordsEncoder())
    assert sorted(len(g.renderings) for g in fusion.quote_groups) == [1, 1]


class _RecordingEncoder(HashedWordsEncoder):
    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().encode(texts)


def test_only_quotations_with_a_same_speaker_rendering_elsewhere_are_encoded() -> None:
    first = build('A sign read "closed for repairs" on Monday. "We start soon," Varga said. "Later," Kende said.',
                  "Daily One", quotes=[("closed for repairs", None, SPEECH), ("We start soon,", "person-varga", SPEECH),
                                       ("Later,", "person-kende", SPEECH)])
    second = build('The door said "closed for repairs" all week. "We start very soon," said Varga.', "Evening Two",
                   quotes=[("closed for repairs", None, SPEECH), ("We start very soon,", "person-varga", SPEECH)])
    from newsfuse.fuse.quotes import quote_groups

    encoder = _RecordingEncoder()
    groups = quote_groups("story", [first, second], encoder)
    assert set(encoder.seen) >= {"We start soon,", "We start very soon,"}
    # a speakerless quotation joins only a verbatim copy, and Kende has no rendering in the other article
    assert not {"closed for repairs", "Later,"} & set(encoder.seen)
    assert sorted(len(g.renderings) for g in groups) == [1, 2, 2]
