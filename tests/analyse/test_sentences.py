"""Sentences: spaCy's, repaired for news, bounded by paragraphs and headings."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsfuse.analyse.sentences import split_sentences

from .conftest import Annotate


def _doc_with_splits(nlp: Language, words: list[str], spaces: list[bool], starts: list[bool]) -> Doc:
    """A hand-built doc carrying the sentence splits spaCy gets wrong in news text."""
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)


def _texts(annotate: Annotate, text: str, headings: tuple[str, ...] = ()) -> list[str]:
    annotated = annotate(text, headings=headings)
    return [annotated.sentence_text(index) for index in range(len(annotated.sentences))]


def test_sentence_never_crosses_a_paragraph_break(annotate: Annotate) -> None:
    text = "The council met on Monday and the mayor\n\nspoke for an hour about the new budget."
    annotated = annotate(text)
    assert all("\n\n" not in annotated.sentence_text(i) for i in range(len(annotated.sentences)))
    assert [s.paragraph for s in annotated.sentences] == [0, 1]


def test_paragraph_index_counts_blank_lines(annotate: Annotate) -> None:
    text = "First paragraph here. It has two sentences.\n\nSecond paragraph.\n\n\n\nThird paragraph after a gap."
    assert [s.paragraph for s in annotate(text).sentences] == [0, 0, 1, 2]


def test_heading_is_not_a_sentence(annotate: Annotate) -> None:
    text = "The port reopened on Monday.\n\nRed tape\n\nCustoms checks will take longer."
    texts = _texts(annotate, text, headings=("Red tape",))
    assert texts == ["The port reopened on Monday.", "Customs checks will take longer."]


def test_heading_inside_a_paragraph_is_cut_out(annotate: Annotate) -> None:
    text = "The port reopened on Monday. 'NEW ROUTES'\n\nCustoms checks will take longer."
    texts = _texts(annotate, text, headings=("'NEW ROUTES'",))
    assert texts == ["The port reopened on Monday.", "Customs checks will take longer."]


def test_closing_quotation_mark_stays_with_its_sentence(annotate: Annotate) -> None:
    text = (
        'Anna Weber said relations had now reached "a new level of trust."\n\n'
        '"It is a good day for both countries," she said.'
    )
    texts = _texts(annotate, text)
    assert texts[0].endswith('trust."')
    assert all(not sentence.startswith('"\n') and sentence != '"' for sentence in texts)


def test_closing_mark_pushed_into_next_sentence_is_moved_back(nlp: Language) -> None:
    words = ["He", "said", "it", "was", '"', "a", "new", "start", ".", '"', "Then", "he", "left", "."]
    spaces = [True, True, True, True, False, True, True, False, False, True, True, True, False, False]
    starts = [True] + [False] * 8 + [True, True, False, False, False]
    doc = _doc_with_splits(nlp, words, spaces, starts)
    sentences = split_sentences(doc, doc.text)
    assert [doc.text[s.start : s.end] for s in sentences] == ['He said it was "a new start."', "Then he left."]


def test_split_before_lowercase_word_is_undone(nlp: Language) -> None:
    words = ['"', "We", "won", "!", '"', "she", "said", "."]
    spaces = [False, True, False, False, True, True, False, False]
    starts = [True, False, False, False, False, True, False, False]
    doc = _doc_with_splits(nlp, words, spaces, starts)
    assert len(split_sentences(doc, doc.text)) == 1


def test_split_after_a_title_is_undone(nlp: Language) -> None:
    words = ["They", "met", "Gen.", "Smith", "today", "."]
    spaces = [True, True, True, True, False, False]
    starts = [True, False, False, True, False, False]
    doc = _doc_with_splits(nlp, words, spaces, starts)
    assert len(split_sentences(doc, doc.text)) == 1


def test_split_inside_a_quotation_mid_clause_is_undone(nlp: Language) -> None:
    words = ["She", "said", "the", "plan", '"', "works", "for", "us", "and", "for", "Them", '"', "."]
    spaces = [True, True, True, True, False, True, True, True, True, True, False, False, False]
    starts = [True] + [False] * 9 + [True, False, False]
    doc = _doc_with_splits(nlp, words, spaces, starts)
    assert len(split_sentences(doc, doc.text)) == 1


def test_abbreviations_do_not_end_sentences(annotate: Annotate) -> None:
    text = "Mr. Smith met U.S. officials in Washington on Monday. Dr. Jones joined them later."
    assert _texts(annotate, text) == [
        "Mr. Smith met U.S. officials in Washington on Monday.",
        "Dr. Jones joined them later.",
    ]


def test_hard_wrapped_lines_do_not_break_sentences(annotate: Annotate) -> None:
    text = "The ministers signed the treaty on Wednesday\nafter talks that lasted\nwell into the night."
    assert len(annotate(text).sentences) == 1


def test_sentence_offsets_point_into_the_text(annotate: Annotate) -> None:
    text = '  "Yes," she said.\n\nThe vote passed. It was close.  '
    annotated = annotate(text)
    for sentence in annotated.sentences:
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip() and piece
