"""Page furniture in text that arrives already extracted (pasted text, JSONL bodies, feed summaries, a web
page's main text): credit and byline lines, captions that end on a photo credit, video-player and paywall
notes, related-link lines, lines that are only a time or a headline glued to a site name and a date, and
the dateline before a report's first words ("WASHINGTON (AP) —", "(CNN)", "PYONGYANG, June 19. /TASS/.").

Runs after ``text.strip_boilerplate`` (which drops whole lines of share buttons, ads and cookie notes) and
on the same terms: a line is judged on its own shape, never on the site it came from, and a long line is
prose, whatever it matches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.ingest.pagemeta import DATE_PATTERN, date_line


@dataclass(frozen=True)
class FurnitureSettings:
    # furniture is short; a line longer than this is read as prose whatever it matches
    max_line_chars: int = 300
    # a byline or credit after a dash ("— KENNETH CHANG") has at most this many words
    max_credit_words: int = 8
    # a call to share or read on with its link ("Read or Share this story: https://…") has at most this many
    # words, the link one of them
    max_link_call_words: int = 10
    # the dateline is looked for in the first lines that have words
    dateline_lines: int = 3
    # a lone date line is taken as the article's date when it stands among the first lines
    date_line_search: int = 6


FURNITURE = FurnitureSettings()

_TIME = r"\d{1,2}[:.]\d\d\s*([ap]\.?m\.?)?(\s+[a-z]{2,4})?"
_AGE = r"((updated|posted|published)\s+)?(\d+|an?)\s+(seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago"
_CASELESS_LINES = re.compile(
    "|".join(
        [
            # credits
            r".{0,200}\bcontributed (reporting |research )?(to )?(this|the) (report|story|article)\b.*",
            r"(additional )?(reporting|editing|writing|research) (by|from) .{1,150}",
            r"h/t\b.{0,120}",
            # video players and embeds
            r"media playback is (not supported|unsupported) on (this|your) device\b.*",
            r"your browser does not support (the )?(html5 )?(video|audio)( tag| element)?\b.{0,80}",
            r"(just watched|must watch)\b.*",
            r".{0,120}\breplay more videos\b.*",
            r"add this video to your (website|blog|site)\b.*",
            r"#more#",
            r"\S+@\S+\.[a-z]{2,}",  # a lone e-mail address (the writer's)
            # the outlet's call to its readers, in its own voice ("… want to share your experience, email us at
            # tips@…"): a request, not a fact of the story, and every copy of the outlet's reports carries it
            r".{0,200}\b(e-?mail|contact|write to|reach|tell) us\b.{0,40}\S+@\S+\.[a-z]{2,}\W*",
            r"like this: like loading\W*",
            r"loading\W*",
            # paywalls and subscriptions
            r"you have (reached|read|used) (your|all|the)? ?(limit|maximum|\d+|all)\b.{0,80}\b(articles|stories)\b.*",
            r"(already a (subscriber|member)|already have an account)\b.{0,120}",
            r"(log|sign) ?in (to|or subscribe to) (continue|read|keep reading|access|comment)\b.{0,120}",
            r"(this|the) (article|story|content|page) is (only )?(available|reserved|for) (only )?(to )?"
            r"(paid |digital )?(subscribers|members)\b.{0,120}",
            r"(subscribe|subscription)\b.{0,120}\b(to (continue|keep) reading|unlimited (access|digital)|"
            r"full access|read the full)\b.{0,120}",
            r".{0,160}\bnewsletter\b.{0,160}\b(sign up|subscribe|click here)\b.{0,80}",
            r".{0,160}\b(sign up|subscribe|click here)\b.{0,160}\bnewsletter\b.{0,80}",
            r"\([^().!?]{1,60}\)",  # a credit alone on its line: "(The Washington Post)", "(Getty Images)"
            # a line wholly in square brackets that is no sentence is the page's insert, not the report: a related
            # link ("[New threat on the refugee trail: land mines]"), a gallery or video slot ("[ Photos ]"); a
            # bracketed sentence ("[Update 2:15 p.m.: Police say the suspect was arrested.]") is a note that reports
            r"\[[^\[\]]{0,199}[^\[\].!?…\s]\s*\]",
            r"@\w{1,30}",  # a lone handle
            r"this (story|article|post|report) (has been|was) (updated|corrected)\b.{0,120}",
            r"thanks? (you )?for signing up\W*",
            r"keep an eye on your inbox\b.{0,120}",
            r"(like|enjoy(ed)?) this (story|article)\? share it\b.{0,80}",
            r"also on [\w-]+\.(com|org|net|co\.uk|ru)\b.{0,160}",
            r"this copy is for your personal,? non-commercial use only\b.*",
            r"(order|buy|purchase) (reprints|a reprint)\W*",
            r"print (this )?(article|story|page)\W*",
            r"(comment|comments) on this (story|article)\W*",
            # a lone time ("8:20 a.m.", "Updated 11:41 a.m. ET")
            r"((updated|posted|published|last updated)\s*:?\s*)?\d{1,2}[:.]\d\d\s*([ap]\.?m\.?)?(\s+[a-z]{2,4})?\W*",
            r"((updated|posted|published|last updated)\s*:?\s*)?\d{1,2}\s*[ap]\.?m\.?(\s+[a-z]{2,4})?\W*",
            r"\d{1,2}:\d\d\s*/\s*\d{1,2}:\d\d\b.{0,40}",  # a media player's clock: "00:00 / 00:40 SD HD Share"
            # a date with its times and age: "November 19, 2019 / 12:21 AM / Updated 14 hours ago"
            rf"{DATE_PATTERN}(\s*[/|•·]\s*({_TIME}|{_AGE}))+\W*",
            # a headline glued to a site name and a date: "… defence treaty The Citizen|June 20, 2024"
            rf"(?=(.*?[^\W\d_]{{2,}}\b){{3}}).{{5,200}}\|\s*{DATE_PATTERN}.{{0,40}}",
        ]
    ),
    re.IGNORECASE,
)
# Case matters here: a capitalised label ("NEWS: …", "READ MORE: …") or a bullet before a linked headline.
_LABELLED_LINK = re.compile(
    r"(NEWS|READ|READ MORE|MORE|RELATED|WATCH|LISTEN|SEE|SEE ALSO|ALSO|ALSO READ|PHOTOS|VIDEO|RECOMMENDED|"
    r"TRENDING|LATEST|MORE FROM [A-Z ]+)\s*:\s*.{1,160}"
    r"|[►▶»]\s*.{1,160}"
)
# "— KENNETH CHANG", "─ Johns Hopkins News-Letter": a name or outlet after a dash, no sentence.
# A hyphen or en dash opens a list item, and a tweet's signature ("— Name (@handle) date") is quoted content.
_DASH_CREDIT = re.compile(r"[—─]+\s*[A-Z][^.!?@()]*")
# "By Jane Doe", "By JANE DOE and JOHN ROE, Associated Press"
_BYLINE = re.compile(r"by\s+[A-Z][\w.'’-]*(\s+(and\s+)?[A-Z][\w.'’-]*){0,5}(,\s*[A-Z][\w .'’-]{1,60})?", re.IGNORECASE)
# A caption ending on its credit: "… in 2010. (INFPhoto.com)", "… (Photo: Boyd Huppert, KARE 11)"
_CREDIT_PARENTHESIS = re.compile(
    r".{3,240}\((?i:photo|image|picture|credit|courtesy|file|getty|source)\b[^)]{0,80}\)"
    r"|.{3,240}\([^()\s]*\.(com|net|org|co\.uk)\)"
    r"|.{3,240}\([A-Z][\w&'’.-]*(\s+[A-Z][\w&'’.-]*){0,3}\s*/\s*[A-Z][\w&'’. -]*\)"
    r"|.{3,240}\([A-Z][\w&'’-]*(\s+[A-Z][\w&'’-]*){0,2}\)",
)
# A dateline before a report's first words; the parenthesis is a wire or outlet name of a few words.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.' -]{1,30}){0,2}"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*)?"
    r"\((?:[A-Z][A-Za-z.&]{1,20})(?:\s+[A-Z][A-Za-z.&]{1,20}){0,2}\)\s*(?:[—–-]+\s*|:\s*)?(?=[\"“A-Z])"
    r"|^[A-Z][A-Z .'’-]{1,40},\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\.?\s*/[A-Z][A-Za-z-]{1,20}/\.?\s*(?=[\"“A-Z])"
)
# A call to share, follow or read on whose object is a link: "Read or Share this story: https://…", "Follow us
# on Twitter: https://…", "Read more at www.…". The words before the link are few; the link may be long.
_LINK_CALL = re.compile(
    r"(?:[^\s.!?]+\s+){0,8}?(?:read|share|follow|watch|listen|see|view|subscribe|download|visit|click|tweet|"
    r"like|more|originally (?:published|appeared))\b[^.!?]{0,80}?(?:[:|]|\bat|\bon|\bhere)?\s*"
    r"(?:https?://|www\.)\S{1,1000}",
    re.IGNORECASE,
)
# A subtitle track pasted with a video player: its header ("WEBVTT", and whatever caption text the page glued to
# that line), a cue's timing ("00:00:01.000 --> 00:00:04.000") with the caption lines under it, and an SRT
# cue's number before its timing.
_SUBTITLE_HEADER = re.compile(r"\s*WEBVTT\b")
_CUE_TIMING = re.compile(r"\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\b")
_CUE_NUMBER = re.compile(r"\s*\d{1,6}\s*")
# The messages of a newsletter sign-up form or a subscription pitch, each a sentence: a page's extractor often
# flattens the whole form into one line of prose length ("Newsletter Sign Up Continue reading the main story
# Please verify you're not a robot by clicking the box. Invalid email address. Please re-enter. …"), past the
# length at which a line is prose. A line is the form only when every sentence of it is one of these: prose
# quoting one ("'Please try again later,' the airline's site said.") has others.
_FORM_MESSAGE = re.compile(
    "|".join(
        [
            r".{0,80}\bplease verify (that )?you('re| are) (not a robot|a human)\b.{0,80}",
            r"invalid (e-?mail|email address|e-mail address)\W*",
            r"please (re-?enter|try again( later)?|enter a valid e-?mail( address)?)\W*",
            r"(an error has occurred|an error occurred|something went wrong)\W*",
            r"(thank you|thanks) for (subscribing|signing up)\b.{0,80}",
            r"you must (select|choose) (a|at least one) newsletter\b.{0,80}",
            r"(sign up\s+)?you (agree to|will) receive\b.{0,120}\b(e-?mails?|updates|offers|newsletters?)\b.{0,120}",
            r"you (may|can) (opt[- ]out|unsubscribe)( of these)? at any time\W*",
            r"view all\b.{0,60}\bnewsletters\W*",
            r"(newsletter\s+)?sign up\W*",
            r"continue reading the main story\W*",
            # a subscription pitch: "Get push notifications with news, features and more.", "Never miss a local
            # story. Sign up today for a free 30 day free trial … SUBSCRIBE NOW"
            r"(get|turn on|enable) (push |breaking news )?(notifications|alerts)\b.{0,80}",
            r"never miss (a|an|another) (local |breaking )?(story|update|headline)\W*",
            r"(sign up|subscribe) (today|now)\b.{0,160}",
        ]
    ),
    re.IGNORECASE,
)
_FORM_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])")
# A page's insert glued after a paragraph's last sentence: a related link or a credit in square brackets
# ("… available online. [Infographic: Tracking the World's E-Waste]", "[WWD, NYDN, image via Splash]"), or one the
# extractor cut before its closing bracket ("[ See full-size infographic Credit: …"). Like the whole bracketed
# line, it is no sentence: a bracket holding one ("[Update: police say …]") stays.
_TRAILING_INSERT = re.compile(
    r"(?<=[.!?\"”’])[ \t]+\[(?:[^\[\]\n]{0,150}[^\[\].!?…\s][ \t]*\]|[^\[\]\n.!?…]{1,150})[ \t]*$"
)
# A caption or credit line ending on a photo credit with slashes, the way picture desks write it: "Kevin
# Mazur/Getty Images", "Axelle/Bauer-Griffin/FilmMagic", "REUTERS/Stringer", "… in Kharkiv April 6, 2014.
# REUTERS/Stringer". The part before the first slash is a name of two words, or there are two slashes, or it is a
# wire's name in capitals before a photographer's ("AC/DC" ending a line of prose is neither).
_NAME = r"[A-Z][\w.'’-]*"
_SLASH_CREDIT = re.compile(
    rf"(?:^|\s)(?:(?P<two>{_NAME}\s+{_NAME}(?:\s+{_NAME}){{0,2}})|(?P<one>{_NAME}))"
    rf"/(?P<rest>{_NAME}(?:\s+{_NAME}){{0,2}}(?:/{_NAME}(?:\s+{_NAME}){{0,2}}){{0,2}})\s*$"
)
_LIST_ITEM = re.compile(r"([-–•*]|\d{1,3}[.)])\s")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def is_furniture(line: str, settings: FurnitureSettings = FURNITURE) -> bool:
    collapsed = " ".join(line.split())
    if not collapsed:
        return False
    # before the length cap: the link alone may be longer than a line of prose
    if len(collapsed.split()) <= settings.max_link_call_words and _LINK_CALL.fullmatch(collapsed):
        return True
    if _is_sign_up_form(collapsed):
        return True
    if len(collapsed) > settings.max_line_chars:
        return False
    if _CASELESS_LINES.fullmatch(collapsed) or _LABELLED_LINK.fullmatch(collapsed) or date_line(collapsed):
        return True
    short = len(collapsed.split()) <= settings.max_credit_words and not _SENTENCE_END.search(collapsed)
    if short and (_DASH_CREDIT.fullmatch(collapsed) or _BYLINE.fullmatch(collapsed)):
        return True
    if _LIST_ITEM.match(collapsed) is not None:
        return False  # a list item ("- Roger Waters – The Wall (DVD)", "12) …") is content, whatever it ends on
    return _CREDIT_PARENTHESIS.fullmatch(collapsed) is not None or _ends_on_slash_credit(collapsed)


def _ends_on_slash_credit(collapsed: str) -> bool:
    match = None if _SENTENCE_END.search(collapsed) else _SLASH_CREDIT.search(collapsed)
    if match is None:  # a sentence ends on its full stop ("… than Royal Dutch/Shell Group."), a credit on a name
        return False
    rest = match.group("rest")
    if match.group("two") is not None or "/" in rest:
        return True
    wire = match.group("one")
    return wire.isupper() and len(wire) >= 2 and any(c.islower() for c in rest)


def _is_sign_up_form(collapsed: str) -> bool:
    """Every sentence of the line is a sign-up form's message (a form line may be of any length)."""
    sentences = _FORM_SENTENCE_BREAK.split(collapsed)
    return all(_FORM_MESSAGE.fullmatch(sentence) for sentence in sentences)


def strip_dateline(line: str) -> str:
    """The line without a dateline before its first words ("WASHINGTON (AP) — The…" → "The…")."""
    match = _DATELINE.match(line.lstrip())
    if match is None:
        return line
    rest = line.lstrip()[match.end() :]
    return rest if len(rest.split()) >= 3 else line


def first_date_line(text: str, settings: FurnitureSettings = FURNITURE) -> str | None:
    """The first line near the top that is nothing but a date ("DECEMBER 16, 2008"): furniture in the body,
    but the article's date when its metadata gives none."""
    seen = 0
    for line in text.split("\n"):
        collapsed = " ".join(line.split())
        if not collapsed:
            continue
        if date_line(collapsed):
            return collapsed
        seen += 1
        if seen >= settings.date_line_search:
            return None
    return None


def strip_subtitles(lines: list[str]) -> list[str]:
    """The lines without a subtitle track: a "WEBVTT" header line, and each cue from its timing line to the blank
    line that ends it (with an SRT cue's number just before the timing)."""
    kept: list[str] = []
    in_cue = False
    for line in lines:
        if in_cue and line.strip():
            continue
        in_cue = False
        if _SUBTITLE_HEADER.match(line):
            continue
        if _CUE_TIMING.match(line):
            in_cue = True
            if kept and _CUE_NUMBER.fullmatch(kept[-1]):
                kept.pop()
            continue
        kept.append(line)
    return kept


def strip_furniture(text: str, settings: FurnitureSettings = FURNITURE) -> str:
    """The text without furniture lines, subtitle tracks and inserts after a paragraph's last sentence, and its
    first line of words without its dateline."""
    kept: list[str] = []
    lines_with_words = 0
    for line in strip_subtitles(text.split("\n")):
        if is_furniture(line, settings):
            continue
        line = _TRAILING_INSERT.sub("", line)
        if line.strip() and lines_with_words < settings.dateline_lines:
            # a headline or a standfirst may stand before the dateline's paragraph
            lines_with_words += 1
            line = strip_dateline(line)
        kept.append(line)
    return "\n".join(kept)
