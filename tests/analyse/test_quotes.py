"""Quotation detection and speaker attribution, one rule per test, on small texts written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsfuse.analyse.quote_marks import marked_spans
from newsfuse.analyse.quote_settings import QuoteSettings
from newsfuse.analyse.speakers import SpeakerIndex
from newsfuse.model import AnnotatedArticle, Quotation, QuoteKind

from .conftest import Annotate


def _only(annotated: AnnotatedArticle) -> Quotation:
    assert len(annotated.quotations) == 1, [q.text for q in annotated.quotations]
    return annotated.quotations[0]


def _by_text(annotated: AnnotatedArticle, start_of_text: str) -> Quotation:
    return next(q for q in annotated.quotations if q.text.startswith(start_of_text))


def test_quotation_text_is_the_words_inside_the_marks_with_trailing_comma(annotate: Annotate) -> None:
    text = '"We will rebuild the bridge before the spring floods," Maria Lopez said on Tuesday.'
    quote = _only(annotate(text))
    assert quote.text == "We will rebuild the bridge before the spring floods,"
    assert text[quote.start : quote.end] == quote.text
    assert quote.kind is QuoteKind.speech


def test_speaker_is_subject_of_said_after_the_quotation(annotate: Annotate) -> None:
    quote = _only(annotate('"The budget is balanced for the first time in a decade," Maria Lopez said.'))
    assert quote.speaker == "Maria Lopez"
    assert quote.cue == "said"
    assert quote.speaker_span is not None


def test_speaker_given_after_said_with_apposition(annotate: Annotate) -> None:
    text = '"The harbour will be closed until the storm passes," said Tomas Berg, a spokesman for the port authority.'
    assert _only(annotate(text)).speaker == "Tomas Berg"


def test_speaker_before_the_quotation(annotate: Annotate) -> None:
    text = 'Maria Lopez said: "Nobody in this city will be left without shelter tonight."'
    assert _only(annotate(text)).speaker == "Maria Lopez"


def test_curly_quotation_marks(annotate: Annotate) -> None:
    quote = _only(annotate("“We have counted every single ballot twice,” Anna Weber said."))
    assert quote.text == "We have counted every single ballot twice,"
    assert quote.speaker == "Anna Weber"


def test_duc_style_backtick_quotation_marks(annotate: Annotate) -> None:
    quote = _only(annotate("``The river has never risen this fast before,'' Peter Olsen said."))
    assert quote.text == "The river has never risen this fast before,"
    assert quote.speaker == "Peter Olsen"


def test_single_quotes_nested_in_a_quotation_stay_part_of_it(annotate: Annotate) -> None:
    text = "\"They keep calling it 'a minor delay' but it is a disaster,\" Anna Weber said."
    quote = _only(annotate(text))
    assert "'a minor delay'" in quote.text
    assert quote.speaker == "Anna Weber"


def test_told_someone_speaker_is_the_teller(annotate: Annotate) -> None:
    text = '"We are ready to sign the agreement tomorrow," Maria Lopez told Peter Olsen.'
    assert _only(annotate(text)).speaker == "Maria Lopez"


def test_according_to_names_the_speaker(annotate: Annotate) -> None:
    text = 'The mine will "stay closed until every tunnel has been inspected", according to Peter Olsen.'
    quote = _only(annotate(text))
    assert quote.speaker == "Peter Olsen"
    assert quote.cue == "according to"


def test_quoted_as_saying_gives_speaker_and_relay(annotate: Annotate) -> None:
    text = '"We will not accept these terms under any circumstances," the Tass agency quoted Ivan Petrov as saying.'
    quote = _only(annotate(text))
    assert quote.speaker == "Ivan Petrov"
    assert quote.via is not None and "Tass" in quote.via


def test_outer_reporting_verb_becomes_the_relay(annotate: Annotate) -> None:
    text = (
        '"It is a historic day for both nations," Ivan Petrov said at a press conference, adding that the deal '
        'would "open the border to trade again," local news agencies said.'
    )
    annotated = annotate(text)
    assert len(annotated.quotations) == 2
    for quote in annotated.quotations:
        assert quote.speaker == "Ivan Petrov"
    assert _by_text(annotated, "open the border").via == "local news agencies"


def test_quotation_spanning_two_sentences_is_one_quotation(annotate: Annotate) -> None:
    text = '"The water is clean again. People can drink it without boiling it first," Anna Weber said.'
    annotated = annotate(text)
    quote = _only(annotated)
    assert quote.text.startswith("The water is clean again.")
    assert quote.text.endswith("first,")
    assert quote.speaker == "Anna Weber"
    assert quote.sentence == 0


def test_partial_quotation_after_called(annotate: Annotate) -> None:
    text = 'Maria Lopez called the new bridge a "monument to years of careful planning".'
    quote = _only(annotate(text))
    assert quote.speaker == "Maria Lopez"
    assert quote.kind is QuoteKind.speech


def test_partial_quotation_in_reported_speech(annotate: Annotate) -> None:
    text = 'Ivan Petrov said his country "will never give up its claim to the islands".'
    assert _only(annotate(text)).speaker == "Ivan Petrov"


def test_pronoun_speaker_resolves_to_last_named_speaker(annotate: Annotate) -> None:
    text = (
        '"We will open three new schools this year," Maria Lopez told Peter Olsen.\n\n'
        '"The money is already in the budget," she said.'
    )
    assert _by_text(annotate(text), "The money").speaker == "Maria Lopez"


def test_pronoun_speaker_resolves_to_previous_person_when_no_one_spoke(annotate: Annotate) -> None:
    text = 'Peter Olsen visited the flooded village on Monday. "This is the worst flood I have seen," he said.'
    assert _only(annotate(text)).speaker == "Peter Olsen"


def test_pronoun_does_not_reach_beyond_the_previous_paragraph(annotate: Annotate) -> None:
    text = (
        '"The vote was fair," Peter Olsen said.\n\nThe results were published later.\n\n'
        "Many voters stayed at home because of the rain.\n\n"
        '"It was a long night for all of us," he said.'
    )
    assert _by_text(annotate(text), "It was a long night").speaker is None


def test_short_name_takes_its_fuller_earlier_form(annotate: Annotate) -> None:
    text = (
        "Foreign Minister Anna Weber arrived in the capital on Monday.\n\n"
        '"Our talks were open and very useful," Weber said.'
    )
    assert _only(annotate(text)).speaker == "Anna Weber"


def test_quotation_continuing_in_next_sentence_keeps_the_speaker(annotate: Annotate) -> None:
    text = '"We did everything we could," Peter Olsen said. "The storm was simply too strong for the old dam."'
    assert _by_text(annotate(text), "The storm").speaker == "Peter Olsen"


def test_short_quoted_phrase_without_verb_is_a_term(annotate: Annotate) -> None:
    text = 'Maria Lopez said the reform was a "historic step" for the city.'
    quote = _only(annotate(text))
    assert quote.kind is QuoteKind.term
    assert quote.speaker == "Maria Lopez"


def test_short_quoted_clause_with_verb_is_speech(annotate: Annotate) -> None:
    quote = _only(annotate('"We won," Maria Lopez said.'))
    assert quote.kind is QuoteKind.speech


def test_heading_is_not_a_quotation(annotate: Annotate) -> None:
    text = "'Bridges and tunnels'\n\nThe city will build two new bridges, Maria Lopez said."
    assert annotate(text, headings=["'Bridges and tunnels'"]).quotations == []


def test_quoted_line_standing_alone_is_a_subhead(annotate: Annotate) -> None:
    text = 'The talks ended late.\n\n"A long night"\n\nThe ministers left at dawn, Maria Lopez said.'
    assert annotate(text).quotations == []


def test_all_caps_quoted_subhead_is_not_a_quotation(annotate: Annotate) -> None:
    text = "Ministers met again on Friday. 'A NEW TRADE ROUTE'\n\nThe port will reopen next month."
    assert annotate(text).quotations == []


def test_words_on_a_sign_are_not_a_quotation(annotate: Annotate) -> None:
    text = 'The town hall was decorated with a huge banner "Welcome Home Sailors" for the parade.'
    assert annotate(text).quotations == []


def test_title_of_a_work_is_not_a_quotation(annotate: Annotate) -> None:
    text = 'Maria Lopez was reading the novel "The Long Winter Road" on the train.'
    assert annotate(text).quotations == []


def test_noun_phrase_subject_speaks_when_no_name_is_given(annotate: Annotate) -> None:
    text = 'The report warned of "a growing risk of floods in the coastal towns over the next decade".'
    assert _only(annotate(text)).speaker == "report"


def test_quotation_without_any_speaker_has_none(annotate: Annotate) -> None:
    text = 'Life in the village has been "quiet and slow for as long as anyone remembers".'
    quote = _only(annotate(text))
    assert quote.speaker is None
    assert quote.speaker_span is None


def test_quotation_ids_are_article_id_and_start(annotate: Annotate) -> None:
    annotated = annotate('"We are ready," Maria Lopez said. "So are we," Peter Olsen replied.')
    assert [q.id for q in annotated.quotations] == [f"{annotated.article.id}:{q.start}" for q in annotated.quotations]
    assert [q.speaker for q in annotated.quotations] == ["Maria Lopez", "Peter Olsen"]


def test_pronoun_binds_to_the_person_subject_of_its_own_sentence(annotate: Annotate) -> None:
    text = (
        '"We will win the vote," Peter Olsen said.\n\n'
        'Maria Lopez later dismissed what she called "a wild fantasy of the opposition".'
    )
    assert _by_text(annotate(text), "a wild fantasy").speaker == "Maria Lopez"


def test_fuller_form_skips_place_names_built_on_a_person_name(annotate: Annotate) -> None:
    text = (
        "Peter Olsen arrived on Monday. Crowds gathered in Peter Olsen Square to greet him.\n\n"
        '"I am grateful to everyone," Olsen said.'
    )
    assert _by_text(annotate(text), "I am grateful").speaker == "Peter Olsen"


def test_quoted_pronoun_object_resolves(annotate: Annotate) -> None:
    text = (
        "Peter Olsen visited the border town on Sunday.\n\n"
        '"We will reopen the crossing next week," his office quoted him as saying.'
    )
    quote = _only(annotate(text))
    assert quote.speaker == "Peter Olsen"
    assert quote.via == "his office"


def test_passive_reporting_verb_takes_its_agent(annotate: Annotate) -> None:
    text = 'The visit was described by European diplomats as "a last chance for the peace talks".'
    assert _only(annotate(text)).speaker == "European diplomats"


def test_person_in_apposition_beats_the_organisation(annotate: Annotate) -> None:
    text = '"The vote was fair," a Labour spokesman, Peter Olsen, said.'
    assert _only(annotate(text)).speaker == "Peter Olsen"


def test_infinitive_cue_climbs_to_the_clause_subject(annotate: Annotate) -> None:
    text = 'The mayor was right to say the budget was "not the one any of us wanted."'
    assert _only(annotate(text)).speaker == "mayor"


def test_partial_quotation_under_a_non_reporting_verb_takes_its_named_subject(annotate: Annotate) -> None:
    text = 'Vetrani accused the ministers of having "given up on the northern valleys" far too early.'
    assert _only(annotate(text)).speaker == "Vetrani"


def test_elided_year_apostrophe_does_not_open_a_quotation(annotate: Annotate) -> None:
    text = "In the early '90s he ran the clinic. The Smiths' house was next door."
    assert annotate(text).quotations == []


def test_top_level_single_quotes_are_a_quotation(annotate: Annotate) -> None:
    quote = _only(annotate("Maria Lopez said the deal was 'a fair price for a hard winter'."))
    assert quote.text == "a fair price for a hard winter"
    assert quote.speaker == "Maria Lopez"


def test_quotation_running_over_paragraphs_keeps_its_speaker(annotate: Annotate) -> None:
    text = (
        'Maria Lopez said: "The first part of the plan is to rebuild the schools.\n\n'
        '"The second part is to pay the teachers what they are owed."'
    )
    assert _by_text(annotate(text), "The second part").speaker == "Maria Lopez"


# ---------------------------------------------------------------- who speaks: names, roles, pronouns, signatures


def test_title_before_a_name_gives_the_person(annotate: Annotate) -> None:
    text = '"The fire is under control," Deputy Chief of Harbour Fire Department Tomas Berg said on Monday.'
    assert _only(annotate(text)).speaker == "Tomas Berg"


def test_role_noun_goes_to_the_person_it_described_earlier(annotate: Annotate) -> None:
    text = (
        "Chief Justice Maria Lopez opened the session on Monday.\n\n"
        '"The court will hear every appeal this year," the chief justice said.'
    )
    assert _by_text(annotate(text), "The court").speaker == "Maria Lopez"


def test_unnamed_speaker_keeps_its_description(annotate: Annotate) -> None:
    text = (
        "Maria Lopez, the mayor, visited the flooded streets on Monday.\n\n"
        '"We lost everything in one night," a resident of the old town said.'
    )
    quote = _by_text(annotate(text), "We lost")
    assert quote.speaker is not None and "resident of the old town" in quote.speaker
    assert "Lopez" not in quote.speaker


def test_pronoun_skips_a_person_of_the_other_gender_named_in_between(annotate: Annotate) -> None:
    text = (
        "Peter Olsen waited outside the hospital with his daughter, Anna, for six hours. "
        '"Nobody told us anything all night," he said.'
    )
    assert _by_text(annotate(text), "Nobody").speaker == "Peter Olsen"


def test_pronoun_agrees_with_an_honorific(annotate: Annotate) -> None:
    text = (
        "Ms. Weber won the vote on Sunday, succeeding Peter Olsen, who had led the council for ten years. "
        '"We will open the books on day one," she said.'
    )
    assert _by_text(annotate(text), "We will").speaker == "Weber"


def test_dash_signature_names_the_speaker(annotate: Annotate) -> None:
    text = "“The new bridge changed how I get to work every day.” ― Anna Weber\n\nMore letters follow below."
    assert _by_text(annotate(text), "The new bridge").speaker == "Anna Weber"


def test_subject_inside_the_quotation_never_speaks(annotate: Annotate) -> None:
    text = '"My reaction was simple: this is wrong," the former campaign manager said in an interview.'
    quote = _only(annotate(text))
    assert quote.speaker is not None and "campaign manager" in quote.speaker


def test_quotation_of_three_sentences_is_one_quotation(annotate: Annotate) -> None:
    text = '"We waited. We counted every vote. We are done," Maria Lopez said.'
    quote = _only(annotate(text))
    assert quote.text == "We waited. We counted every vote. We are done,"
    assert quote.speaker == "Maria Lopez"


def test_lowercase_title_compounded_onto_the_name_gives_the_person(annotate: Annotate) -> None:
    text = '"We have no deal yet," city chief of staff Tomas Berg, the mayor\'s negotiator, said on Tuesday.'
    assert _only(annotate(text)).speaker == "Tomas Berg"


def test_honorific_before_a_pronoun_shaped_surname_is_a_name(annotate: Annotate) -> None:
    text = 'Peter Olsen spoke first. "All this week we felt something was wrong," Ms. He said.'
    quote = _by_text(annotate(text), "All this week")
    assert quote.speaker == "Ms. He"


def test_honorific_before_a_surname_keeps_the_full_name(annotate: Annotate) -> None:
    text = 'Dorothy Hayes runs the shelter on the hill. "We are full every night," Mrs. Hayes said.'
    assert _by_text(annotate(text), "We are full").speaker == "Dorothy Hayes"


def test_bare_role_noun_prefers_the_person_it_plainly_described(annotate: Annotate) -> None:
    text = (
        "President Maria Lopez met Danish President Peter Olsen on Monday.\n\n"
        '"We agreed on the harbour treaty," the president said.'
    )
    assert _by_text(annotate(text), "We agreed").speaker == "Maria Lopez"


def test_possessive_name_before_a_role_noun_is_not_the_speaker(annotate: Annotate) -> None:
    text = '"That was outrageous," Olsen\'s former campaign manager said in an interview.'
    quote = _only(annotate(text))
    assert quote.speaker is not None and "campaign manager" in quote.speaker


def test_pronoun_prefers_the_subject_of_the_sentence_before_to_the_last_speaker(annotate: Annotate) -> None:
    text = (
        '"The pier is ready," Peter Olsen said.\n\n'
        "Mayor Tomas Berg thanked the crew in a short speech. "
        'He said: "We will build two more before the winter."'
    )
    assert _by_text(annotate(text), "We will build").speaker == "Tomas Berg"


def test_according_to_an_outlet_before_the_speaker_is_the_relay(annotate: Annotate) -> None:
    text = 'According to Harbour Radio, port spokesman Tomas Berg said the pier was "safe for every ship".'
    quote = _only(annotate(text))
    assert quote.speaker == "Tomas Berg"
    assert quote.via is not None and "Harbour Radio" in quote.via


def test_quoted_by_an_agency_is_the_relay(annotate: Annotate) -> None:
    text = 'Ivan Petrov, quoted by the Tass agency, said the talks were "going nowhere fast at all".'
    quote = _only(annotate(text))
    assert quote.speaker == "Ivan Petrov"
    assert quote.via is not None and "Tass" in quote.via


def test_role_noun_needs_every_qualifier_of_the_earlier_description(annotate: Annotate) -> None:
    text = (
        "Prime Minister Anna Weber met Foreign Minister Peter Olsen on Monday.\n\n"
        "Olsen left early. "
        '"We have a deal on the harbour," the prime minister said.'
    )
    assert _by_text(annotate(text), "We have a deal").speaker == "Anna Weber"


def test_it_said_speaks_for_the_organisation_the_sentence_before_is_about(annotate: Annotate) -> None:
    text = (
        'The Harbour Authority closed the north pier on Monday. It said the pier was "no longer safe for heavy ships".'
    )
    assert _only(annotate(text)).speaker == "Harbour Authority"


def test_short_sentence_after_the_quotation_names_the_speaker(annotate: Annotate) -> None:
    text = '"Does anybody here know what the harbour plan is?" Berg asked. The meeting went on.'
    assert _by_text(annotate(text), "Does anybody").speaker == "Berg"


def test_sentence_after_the_quotation_that_reports_something_else_is_no_attribution(annotate: Annotate) -> None:
    text = '"It was chaos and everybody ran for the doors." Ambulances were called in from three towns.'
    assert _only(annotate(text)).speaker is None


def test_plural_role_noun_is_not_the_one_person_named_before(annotate: Annotate) -> None:
    text = (
        "Author Maria Lopez wrote the book with a colleague.\n\n"
        'The authors write that the city "never planned for a flood of this size".'
    )
    quote = _only(annotate(text))
    assert quote.speaker != "Maria Lopez"


def test_quotation_after_reported_speech_takes_its_speaker(annotate: Annotate) -> None:
    text = (
        '"The pier is closed," Anna Weber said on Monday. '
        "The council may wait for the survey, Tomas Berg said. "
        '"Nobody wants to decide before the engineers have spoken."'
    )
    assert _by_text(annotate(text), "Nobody wants").speaker == "Tomas Berg"


# ---------------------------------------------------------------- cost on hostile nesting (structural, not timed)


def _nested(depth: int) -> str:
    return "She said 'they said " * depth + "no" + "'" * depth + "."


def _resolution_calls(annotate: Annotate, monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    calls = 0

    def counting(method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            return method(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as patch:
        for name in ("speaker_of", "full_name", "pronoun_antecedent", "persons_before", "gender"):
            patch.setattr(SpeakerIndex, name, counting(getattr(SpeakerIndex, name)))
        annotate(text)
    return calls


def test_nested_reported_speech_costs_work_linear_in_its_depth(
    annotate: Annotate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'She said "they said ..."' n deep once cost n**3 (12 KB took a minute): twice as deep is now about twice
    the speaker lookups, not four or eight times."""
    shallow = _resolution_calls(annotate, monkeypatch, _nested(60))
    deep = _resolution_calls(annotate, monkeypatch, _nested(120))
    assert shallow > 100 and deep <= 2.5 * shallow, (shallow, deep)


def test_quotation_candidates_are_capped() -> None:
    text = " ".join(f'"Quote number {index} here," she said.' for index in range(50))
    assert len(marked_spans(text, [0], QuoteSettings(max_candidates=7))) == 7
