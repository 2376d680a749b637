from newsfuse.fuse.text import clauses, containment, content_stems, dice


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
