"""A web page's metadata made readable: the outlet's name (site name, else the domain), the headline without
the site name glued to it, and the body without the metadata lines a page repeats above it (the headline,
a date line, a bare link)."""

from __future__ import annotations

import re

import tld

# What pages put between a headline and the site name, or between a site name and its tagline.
_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")
# What joins a whole site name to the headline it is glued to: "Site | Tagline: Headline", "Headline - Site".
_GLUE = re.compile(r"\s*[|\-–—:·•»]\s+")
_GLUE_END = re.compile(r"\s+[|\-–—:·•»]\s*$")
_NOT_LETTERS = re.compile(r"[\W_]+")
_COPYRIGHT = re.compile(r"^(©|\(c\)|copyright\b)", re.IGNORECASE)
_BARE_LINK = re.compile(r"(https?://|www\.)\S+")
_MONTHS = (
    "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?"
    "|dec(ember)?"
)
_WEEKDAYS = "mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?"
# A date as pages write it: "October 12, 2017", "12 Oct 2017", "05/10/2018", "2017-10-12".
DATE_PATTERN = (
    rf"((({_MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+(19|20)\d\d)"
    rf"|(\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})\.?,?\s+(19|20)\d\d)"
    r"|(\d{1,2}[./-]\d{1,2}[./-](19|20)\d\d)|((19|20)\d\d-\d\d-\d\d))"
)
# A line that is only a date and time ("October 12, 2017", "Nov 20, 2019 11:04 AM ET", "05/10/2018 14:00"),
# possibly behind "Published"/"Updated": page furniture, the date is metadata.
_DATE_LINE = re.compile(
    rf"((published|updated|posted|last updated|date)( on)?:?\s+)?(({_WEEKDAYS}),?\s+)?{DATE_PATTERN}"
    r"([,\s]+(at\s+)?\d{1,2}[:.]\d\d(\s*[ap]\.?m\.?)?(\s+[a-z]{2,4})?)?\W*",
    re.IGNORECASE,
)


def date_line(line: str) -> bool:
    """Whether a (collapsed) line is nothing but a date, perhaps with a time and a Published/Updated label."""
    return _DATE_LINE.fullmatch(line) is not None


_HEADLINE_WORDS_MIN = 3


def letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text.lower())


def registered_domain(url: str | None) -> str | None:
    """``bbc.co.uk`` for https://www.bbc.co.uk/news/…, from the public suffix list the ``tld`` package ships
    (offline); None for an address with no registered domain (an IP address, localhost)."""
    if not url:
        return None
    parsed = tld.get_tld(url, as_object=True, fail_silently=True, fix_protocol=True)
    domain = getattr(parsed, "fld", None)
    return str(domain) if domain else None


def _domain_name(url: str | None) -> str | None:
    parsed = tld.get_tld(url, as_object=True, fail_silently=True, fix_protocol=True) if url else None
    name = getattr(parsed, "domain", None)
    return str(name).lower() if name else None


def site_outlet(site_name: str | None, url: str | None) -> str | None:
    """The outlet: the page's site name (its brand, without a tagline after a separator), else the page's
    registered domain. A copyright line or a handle is no site name."""
    name = " ".join((site_name or "").split())
    if name and _SEPARATOR.search(name):
        name = _SEPARATOR.split(name, maxsplit=1)[0].strip()
    if name.startswith("@"):
        name = ""
    if name and not _COPYRIGHT.match(name) and letters(name):
        return name
    return registered_domain(url)


def _names_site(segment: str, site_name: str | None, url: str | None) -> bool:
    """Whether a title segment is the site's name: the same letters as the site name or the domain name,
    or one inside the other."""
    segment_letters = letters(segment)
    if len(segment_letters) < 2:
        return False
    for name in (letters(site_name or ""), _domain_name(url) or ""):
        if name and (
            segment_letters == name or (len(name) >= 4 and (name in segment_letters or segment_letters in name))
        ):
            return True
    return False


def headline(title: str | None, site_name: str | None, url: str | None) -> str | None:
    """The title without the site name a page glues before or after it ("… - The Paradigm",
    "LinkNaija | …"). A title that is nothing but the site name is kept."""
    if not title:
        return title
    full_site = " ".join((site_name or "").split())
    if full_site and _SEPARATOR.search(full_site):
        # a site name with its tagline, glued whole before or after the headline ("Site | Tagline: …")
        after = title[len(full_site) :] if title.startswith(full_site) else ""
        if after and (glue := _GLUE.match(after)):
            title = after[glue.end() :]
        before = title[: -len(full_site)] if title.endswith(full_site) else ""
        if before and (glue_end := _GLUE_END.search(before)):
            title = before[: glue_end.start()]
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _names_site(parts[-1], site_name, url):
        parts.pop()
    while len(parts) > 1 and _names_site(parts[0], site_name, url):
        parts.pop(0)
    return _rejoin(title, parts)


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of ``title`` from the first kept part to the last, separators included."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def drop_metadata_lines(text: str, title: str | None) -> str:
    """The body without the lines that only repeat metadata: the headline (before the body starts), a line
    that is only a date, a line that is only a link."""
    title_letters = letters(title or "")
    kept: list[str] = []
    for line in text.split("\n"):
        collapsed = " ".join(line.split())
        if (
            not any(k.strip() for k in kept)
            and title_letters
            and len(collapsed.split()) >= _HEADLINE_WORDS_MIN
            and letters(collapsed) == title_letters
        ):
            continue
        if collapsed and (date_line(collapsed) or _BARE_LINK.fullmatch(collapsed)):
            continue
        kept.append(line)
    return "\n".join(kept)
