"""Generated hostile inputs, one function per kind of attack, each scaled by ``n``.

Shared by the fuzz tests (small ``n``: the structure is what they check) and by benchmarks/fuzz.py
(large ``n``: the time and memory). Nothing hostile is committed as a file; every input is built here.
"""

from __future__ import annotations

import json
from collections.abc import Callable

_SENTENCE = "The council approved the harbour budget on Tuesday after a long debate."
_BODY = "\n\n".join([_SENTENCE, "Officials said the work would start in the spring.", "Residents welcomed it."])


def docno_spaces(n: int) -> str:
    """A DUC header whose DOCNO is followed by ``n`` spaces and never closed."""
    return f"<DOC>\n<DOCNO>{' ' * n}APW19981016.0001\n<TEXT>\n{_BODY}\n</TEXT>\n</DOC>\n"


def docno_spaces_closed(n: int) -> str:
    """The same spaces inside a closed DOCNO, in a document without a closing DOC tag."""
    return f"<DOC>\n<DOCNO>{' ' * n}APW19981016.0001{' ' * n}</DOCNO>\n<TEXT>\n{_BODY}\n"


def open_tags_in_text(n: int) -> str:
    """``'<A' * n`` inside ``<TEXT>``: tags that never close."""
    return f"<DOC>\n<DOCNO>APW19981016.0002</DOCNO>\n<TEXT>\n{_BODY}\n{'<A' * n}\n</TEXT>\n</DOC>\n"


def open_tags_in_headline(n: int) -> str:
    return (
        f"<DOC>\n<DOCNO>APW19981016.0003</DOCNO>\n<HEADLINE>{'<A' * n}</HEADLINE>\n<TEXT>\n{_BODY}\n</TEXT>\n</DOC>\n"
    )


def closing_quotes(n: int) -> str:
    """``n`` closing quotation marks in a row inside a sentence."""
    marks = "”" * n
    return f'{_SENTENCE}\n\n"We will build it,{marks} the mayor said.\n\n{_BODY}\n'


def straight_quotes(n: int) -> str:
    marks = '"' * n
    return f"{_SENTENCE}\n\nShe said {marks} and left.\n\n{_BODY}\n"


def punctuation_run(n: int) -> str:
    """A long run of mixed punctuation with no space in it."""
    return f"{_SENTENCE}\n\nThe crowd shouted {'!?.,;:' * (n // 6)} at the council.\n\n{_BODY}\n"


def long_word(n: int) -> str:
    """One ``n``-letter word: no punctuation, no space."""
    return f"{_SENTENCE}\n\nThe sign read {'a' * n} in red.\n\n{_BODY}\n"


def dates_text(n: int) -> str:
    """``n`` sentences thick with date expressions (every one a candidate)."""
    line = "On Monday, January 5, 2001, and in 1999 and last week, since 2006, on Tuesday in March 2003."
    return "\n\n".join([line] * n)


def numeric_dates(n: int) -> str:
    """``n`` sentences, each with a different numeric date (read by dateparser, milliseconds each), and one
    odd date text repeated ``n`` times (the mutation of the 10,000-input run that took 20 s)."""
    lines = [f"The vote on {1 + i % 12}/{1 + i % 28}/{1900 + i % 200} was close." for i in range(n)]
    return "\n\n".join(lines + ["date: 2022024-06-19"] * n)


def nested_quotes(n: int) -> str:
    """``"she said 'they said …'"`` nested ``n`` deep."""
    text = "the vote was fair"
    for level in range(n):
        mark_open, mark_close = ("'", "'") if level % 2 else ('"', '"')
        text = f"{mark_open}{text},{mark_close} she said, {mark_open}and more{mark_close}"
    return f"{_SENTENCE}\n\n{text}.\n\n{_BODY}\n"


def dated_text(value: str) -> str:
    """A plain text whose header gives ``value`` as its date, which says "on Wednesday"."""
    return f"title: Harbour vote\ndate: {value}\n\nThe council met on Wednesday and approved the budget.\n\n{_BODY}\n"


def long_title(n: int) -> str:
    return f"title: {'Harbour ' * (n // 8)}\noutlet: Gazette\n\n{_BODY}\n"


def long_title_json(n: int) -> str:
    return json.dumps({"text": _BODY, "title": "T" * n, "outlet": "O" * n, "url": "https://x.test/" + "u" * n})


def tiny_paragraphs(n: int) -> str:
    """``n`` one-word paragraphs."""
    return "\n\n".join(["Yes."] * n)


def repeated_line(n: int) -> str:
    """One short line ``n`` times as paragraphs: every sentence the same (the fact-grouping bomb)."""
    return "\n\n".join(["RED CARPET ARRIVES NOW"] * n)


def long_sentence(n: int) -> str:
    """One sentence of ``n`` words, no full stop."""
    return "The " + " ".join(["council"] * n) + "\n"


def entity_feed(n: int) -> str:
    """An RSS feed whose internal entities expand each level tenfold, ``n`` levels deep (a small billion
    laughs: 400 bytes at ``n=4`` become 550,000 characters)."""
    levels = ['<!ENTITY e0 "' + "harbour " * 7 + '">']
    for level in range(1, n + 1):
        reference = f"&e{level - 1};"
        levels.append(f'<!ENTITY e{level} "{reference * 10}">')
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(levels)}]><rss version="2.0"><channel><title>Gazette</title>'
        f"<item><title>Vote</title><description>&e{n};</description></item></channel></rss>\n"
    )


def jsonl_with_bad_lines(n: int) -> str:
    """``n`` JSONL lines: good objects, with a list, a number, null and broken JSON among them."""
    bad = ["[1, 2]", "42", "null", '{"text": ', '"just a string"']
    lines = []
    for index in range(n):
        if index % 3 == 1:
            lines.append(bad[index % len(bad)])
        else:
            lines.append(json.dumps({"text": f"Line {index}: {_SENTENCE}", "title": f"Item {index}"}))
    return "\n".join(lines) + "\n"


def jsonl_first_line_not_object(n: int) -> str:
    return "[1, 2, 3]\n" + "\n".join(json.dumps({"text": f"Article {i}. {_SENTENCE}"}) for i in range(n)) + "\n"


def deep_json(n: int) -> str:
    return "[" * n + "]" * n


def huge_number_json(n: int) -> str:
    return '{"text": "' + _SENTENCE + '", "title": ' + "9" * n + "}"


def long_text_json(n: int) -> str:
    """One JSON article whose text is about ``n`` characters (past 4,096 the old API stored the JSON itself)."""
    paragraphs = [f"{_SENTENCE} Item {index} of the plan was read out." for index in range(max(1, n // 64))]
    return json.dumps({"text": "\n\n".join(paragraphs), "title": "Harbour vote", "outlet": "Gazette"})


def json_list(n: int) -> str:
    """A JSON list of ``n`` article objects (the old API stored the list as one article's text)."""
    return json.dumps([{"text": f"Report {index}. {_SENTENCE}", "title": f"Report {index}"} for index in range(n)])


def pretty_json(n: int) -> str:
    """One article object, indented, its text ``n`` paragraphs: JSON over several lines."""
    return json.dumps({"text": "\n\n".join([_SENTENCE] * max(1, n)), "title": "Harbour vote"}, indent=2)


def json_scalar(n: int) -> str:
    """A JSON document that is no article: null, a boolean, a number of ``n`` digits, or a string."""
    return ["null", "true", "9" * max(1, n), json.dumps(_SENTENCE * max(1, n // 70))][n % 4]


def out_of_range_dates(n: int) -> str:
    """``n`` JSONL articles: dated 0001-01-01 or 9999-12-31, and undated ones that say "on Wednesday" (the
    pair that made the whole ``brief`` run exit with an OverflowError)."""
    lines = []
    for index in range(max(3, n)):
        record: dict[str, str] = {"text": f"The council met on Wednesday, meeting {index}. {_SENTENCE}"}
        if index % 3 < 2:
            record["published"] = ("0001-01-01", "9999-12-31")[index % 3]
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


def header_date_out_of_range(n: int) -> str:
    """A plain text whose header date is just outside, or far outside, the years a news article can have."""
    return dated_text(["0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01"][n % 4])


def long_article(n: int) -> str:
    """An ordinary-looking article of about ``n`` characters (900 KB once peaked at 6.6 GB)."""
    sentences = [_SENTENCE, "Officials said the work would start in the spring.", "Residents welcomed it."]
    paragraphs: list[str] = []
    length = index = 0
    while length < n or not paragraphs:
        paragraphs.append(f"{sentences[index % 3]} It was point {index}.")
        length += len(paragraphs[-1]) + 2
        index += 1
    return "\n\n".join(paragraphs)


def line_separators(n: int) -> str:
    """Sentences with U+2028, U+2029 and U+0085 inside them (a summary once showed a space in their place)."""
    marks = ["\u2028", "\u2029", "\x85"]
    lines = [f"The council{marks[index % 3]}approved item {index} of the budget on Tuesday." for index in range(n)]
    return "title: Harbour vote\n\n" + "\n\n".join(lines) + "\n"


def dateline_commas(n: int) -> str:
    """An opening sentence that starts like a wire dateline ("UN, a, a, …") with ``n`` commas and no dash."""
    return f"UN{', a' * n} agreed on Tuesday.\n\n{_BODY}\n"


# Inputs for the freeze benchmark: name -> (generator, the size that froze the old code).
FREEZES: dict[str, tuple[Callable[[int], str], int]] = {
    "docno_spaces": (docno_spaces, 6_000),
    "docno_spaces_closed": (docno_spaces_closed, 6_000),
    "open_tags_in_text": (open_tags_in_text, 50_000),
    "open_tags_in_headline": (open_tags_in_headline, 50_000),
    "closing_quotes": (closing_quotes, 10_000),
    "straight_quotes": (straight_quotes, 10_000),
    "punctuation_run": (punctuation_run, 50_000),
    "long_word": (long_word, 200_000),
    "dates_text": (dates_text, 1_200),
    "numeric_dates": (numeric_dates, 1_000),
    "long_title": (long_title, 2_000_000),
    "tiny_paragraphs": (tiny_paragraphs, 200_000),
    "long_sentence": (long_sentence, 100_000),
    "entity_feed": (entity_feed, 4),
    "nested_quotes": (nested_quotes, 400),
    "repeated_line": (repeated_line, 20_000),
}

# The other cases of issue 16, and inputs that froze code written since, for the fuzz benchmark:
# name -> (generator, the size the issue reported or that froze).
UPLOADS: dict[str, tuple[Callable[[int], str], int]] = {
    "long_text_json": (long_text_json, 20_000),
    "json_list": (json_list, 100),
    "pretty_json": (pretty_json, 50),
    "json_scalar": (json_scalar, 5_000),
    "jsonl_with_bad_lines": (jsonl_with_bad_lines, 300),
    "jsonl_first_line_not_object": (jsonl_first_line_not_object, 50),
    "deep_json": (deep_json, 5_000),
    "huge_number_json": (huge_number_json, 5_000),
    "long_title_json": (long_title_json, 100_000),
    "out_of_range_dates": (out_of_range_dates, 30),
    "header_date_out_of_range": (header_date_out_of_range, 3),
    "long_article": (long_article, 900_000),
    "line_separators": (line_separators, 30),
    # froze code written since the issue (a dateline pattern: 25 commas took 43 s)
    "dateline_commas": (dateline_commas, 2_000),
}
# Every generated case of the issue.
CASES = {**FREEZES, **UPLOADS}
