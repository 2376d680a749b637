from newsfuse.fuse.text import clause_spans, clauses, containment, content_stems, dice


def test_content_stems_drop_stop_words_and_reporting_verbs() -> None:
    assert content_stems("The ministers said they were signing treaties") == {"minist", "sign", "treati"}


def test_clauses_split_a_long_sentence_at_clause_boundaries() -> None:
    parts = clauses("The council approved the new budget for schools; the mayor vetoed the plan for roads later.")
    assert parts == ["The council approved the new budget for schools", "the mayor vetoed the plan for roads later."]


def test_clauses_keep_a_short_sentence_whole() -> None:
    assert clauses("The mayor resigned on Monday.") == []


def test_overlap_measures() -> None:
    assert dice(frozenset({"a", "b"}), frozenset({"b", "c"})) == 0.5
    assert containment(frozenset({"a", "b"}), frozenset({"a", "b", "c"})) == 1.0
    assert containment(frozenset(), frozenset({"a"})) == 0.0


def _spans(text: str, finer: bool) -> list[str]:
    return [text[a:b] for a, b in clause_spans(text, 0, len(text), finer=finer)]


def test_finer_cuts_split_relative_subordinate_and_participle_clauses() -> None:
    text = ("The council opened the new bridge over the river on Tuesday, after which the mayor announced "
            "a festival, pointing to the crowds that had come from every village")
    assert _spans(text, finer=False) == [text]
    assert _spans(text, finer=True) == [
        "The council opened the new bridge over the river on Tuesday",
        "after which the mayor announced a festival",
        "pointing to the crowds that had come from every village",
    ]


def test_finer_cuts_leave_prepositions_ending_in_ing_in_place() -> None:
    text = "The ferry service resumed on the northern route on Friday, according to the harbour office staff"
    assert _spans(text, finer=True) == [text]


def test_a_name_spelt_with_and_without_accents_has_one_stem() -> None:
    assert content_stems("near the bridge to Île d'Orléans") == content_stems("near the bridge to Ile d'Orleans")
    assert content_stems("Milanović told parliament") == content_stems("Milanovic told parliament")


def test_finer_cuts_part_two_counts_joined_by_and() -> None:
    text = "The bomb blew up in the crowded market on Friday morning, killing two people and wounding 21 shoppers"
    assert _spans(text, finer=True) == [
        "The bomb blew up in the crowded market on Friday morning, killing two people",
        "wounding 21 shoppers",
    ]
    toll = "Two people were killed and at least 21 others were injured when the car exploded near the gate"
    assert _spans(toll, finer=True)[0] == "Two people were killed"


def test_finer_cuts_keep_and_whole_where_no_second_count_follows() -> None:
    text = "The ferry crew lived and worked on the island for 20 years and two months before the service closed"
    assert _spans(text, finer=True) == [text]
