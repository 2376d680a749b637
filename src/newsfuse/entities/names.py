"""Name normalisation: surface forms → comparison keys (titles, possessives, acronyms, common aliases)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rapidfuzz import fuzz

# Words that precede a person's name without being part of it ("Russian President Vladimir Putin").
_TITLES = {
    "president", "vice", "prime", "minister", "premier", "chancellor", "leader", "chairman", "chairwoman", "chair",
    "secretary", "general", "gen", "foreign", "defence", "defense", "state", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "king", "queen", "prince", "princess", "pope", "mr", "mrs", "ms", "miss", "dr",
    "professor", "prof", "deputy", "chief", "supreme", "commander", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "judge", "justice", "sir", "dame", "lord", "lady", "sheikh", "sheik", "emir",
    "sultan", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt", "admiral", "adm",
    "sergeant", "sgt", "analyst", "researcher", "director", "ceo", "executive", "officer", "founder", "head",
    "speaker", "leaders", "lawmaker", "senior", "former", "late", "new", "then", "acting", "interim", "opposition",
    "coach", "striker", "pastor", "rev", "reverend", "bishop", "archbishop", "cardinal", "rabbi", "imam",
    "comrade", "dictator",
}  # fmt: skip
# Head words that make a capitalised phrase a place or an organisation, whatever the NER says.
PLACE_HEADS = {
    "square", "street", "st", "avenue", "road", "airport", "palace", "hotel", "stadium", "bridge", "river", "park",
    "station", "hall", "house", "tower", "building", "church", "cathedral", "mosque", "temple", "museum", "port",
    "island", "islands", "mountain", "mountains", "lake", "sea", "ocean", "peninsula", "valley", "centre", "center",
}  # fmt: skip
ORG_HEADS = {
    "media", "agency", "agencies", "news", "ministry", "government", "office", "newspaper", "newspapers", "paper",
    "television", "tv", "radio", "outlet", "outlets", "channel", "committee", "council", "party", "army", "military",
    "police", "company", "corporation", "corp", "inc", "group", "service", "services", "union", "court",
    "parliament", "embassy", "administration", "department", "university", "institute", "foundation", "bank",
    "association", "organisation", "organization", "commission", "kremlin", "pentagon", "press", "daily", "times",
    "post", "journal", "network", "broadcaster", "authorities", "forces", "navy", "command", "board", "club",
}  # fmt: skip
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "this", "that"}
_STOP = {"of", "the", "and", "for", "on", "in", "at", "to", "&"}
# Very common country and body abbreviations; anything else needs an explicit "Name (ABBR)" in the text.
_ALIASES = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "un": "united nations", "eu": "european union", "dprk": "north korea", "rok": "south korea",
    "prc": "china", "people's republic of china": "china", "uae": "united arab emirates",
    "ussr": "soviet union", "north atlantic treaty organization": "nato",
}  # fmt: skip
# Spelled-out names the alias table leads to, for naming an entity seen only as "UN" or "DPRK".
EXPANSIONS = {name for name in _ALIASES.values() if " " in name}
COUNTRIES = {"united states", "united kingdom", "north korea", "south korea", "china", "united arab emirates",
             "soviet union"}  # fmt: skip
_PREFIX_ALIASES = {"us": "united states", "un": "united nations", "eu": "european union", "uk": "united kingdom"}


def clean_form(text: str) -> str:
    """The surface form without surrounding noise: "the", a trailing possessive, quotes, extra spaces."""
    form = " ".join(text.replace("’", "'").split()).strip(" ,.;:\"'()")
    if text.strip().endswith(".") and re.search(r"\b[A-Z]\.[A-Z]$", form):
        form += "."  # keep the last dot of "U.S."
    form = re.sub(r"(?:'s|')$", "", form)
    form = re.sub(r"^(?:the|The)\s+", "", form)
    return form


_HONORIFICS = {
    "president", "prime", "minister", "premier", "chancellor", "secretary", "senator", "sen", "rep", "governor", "gov",
    "mayor", "king", "queen", "prince", "princess", "pope", "mr", "mrs", "ms", "dr", "professor", "prof", "sir",
    "dame", "lord", "lady", "sheikh", "sheik", "emir", "sultan", "ambassador", "spokesman", "spokeswoman", "judge",
}  # fmt: skip


def is_honorific(word: str) -> bool:
    """Whether the word is a personal title ("Mrs", "Dr.", "President") that stands before a person's name only."""
    return word.lower().strip(".") in _HONORIFICS


def has_honorific(text: str) -> bool:
    """Whether the name is introduced by a personal title ("Prince Norodom Ranariddh"): a person, whatever the
    NER says. "General Motors" is not: what would be left is a single word."""
    form = clean_form(text)
    if "'s " in form:
        form = form.rsplit("'s ", 1)[1]
    bare = person_form(form)
    stripped = form[: len(form) - len(bare)].lower().replace(".", "").split()
    return len(bare.split()) >= 2 and any(word in _HONORIFICS for word in stripped)


_GENERATIONAL = re.compile(r"^[A-Z][\w'-]+(?:\s+[A-Z][\w.'-]*)+,?\s+(?:Jr|Sr)\.?$")


def has_generational_suffix(text: str) -> bool:
    """Whether the name ends on Jr. or Sr. after a given name and a surname ("Gregory Jean Sr."): only a
    person's name does, whatever the NER says (it reads a father's name as an organisation often)."""
    return bool(_GENERATIONAL.match(" ".join(text.split()).strip(" ,;:\"'()")))


def person_form(text: str) -> str:
    """A person's name as it would be written bare: no possessor ("North Korea's"), no titles."""
    form = clean_form(text)
    if "'s " in form:
        form = form.rsplit("'s ", 1)[1]
    form = re.sub(r"^(?i:pro|anti|ex|non|post|pre|neo)-(?=[A-Z])", "", form)  # "pro-Anwar" names Anwar
    tokens = form.split()
    last_title = -1
    for index, token in enumerate(tokens[:-1]):
        if token.lower().strip(".") in _TITLES:
            last_title = index
    if last_title >= 0:
        tokens = tokens[last_title + 1 :]
    while len(tokens) > 1 and tokens[0].lower().strip(".") in _TITLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def name_tokens(form: str) -> tuple[str, ...]:
    """Lower-cased tokens for comparison: hyphens split ("Jong-un" = "Jong Un"), dots dropped."""
    folded = unicodedata.normalize("NFKD", form)
    folded = "".join(character for character in folded if not unicodedata.combining(character)).lower()
    folded = folded.replace(".", "").replace("'s", "")
    return tuple(token for token in re.split(r"[\s\-‐–]+", folded) if token)


_GENERATIONAL_WORDS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def family_name(text: str) -> str:
    """The last word of a person's bare name, folded as ``name_tokens`` folds it: outlets write and shorten
    first names differently ("Joseph R. Biden Jr." and "Joe Biden": "biden")."""
    tokens = [token for token in name_tokens(person_form(text)) if token not in _GENERATIONAL_WORDS]
    return tokens[-1] if tokens else " ".join(text.lower().split())


def thing_key(form: str) -> str:
    """Comparison key of a non-person name, with the small alias table applied ("U.N." → "united nations")."""
    tokens = name_tokens(form)
    key = " ".join(tokens)
    if key in _ALIASES:
        return _ALIASES[key]
    if len(tokens) > 1 and tokens[0] in _PREFIX_ALIASES:
        return " ".join((_PREFIX_ALIASES[tokens[0]], *tokens[1:]))
    return key


def acronym_of(key: str) -> str:
    """Initials of a multi-word key, skipping small words: "korean central news agency" → "kcna"."""
    words = [word for word in key.split() if word not in _STOP]
    return "".join(word[0] for word in words) if len(words) > 1 else ""


def abbreviates(acronym: str, key: str) -> bool:
    """Whether ``acronym`` can stand for the name ``key``: it starts with the name's first letter and its letters
    appear in order in the name ("KCNA" for Korean Central News Agency; not "AP" for Germany)."""
    letters = acronym.replace(".", "").lower()
    name = key.replace(" ", "")
    if not letters or not name or letters[0] != name[0] or len(key.split()) < 2:
        return False
    position = 0
    for letter in letters:
        position = name.find(letter, position) + 1
        if position == 0:
            return False
    return True


def looks_like_acronym(form: str) -> bool:
    letters = form.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in _PRONOUNS


def head_word(form: str) -> str:
    tokens = name_tokens(form)
    return tokens[-1] if tokens else ""


def tokens_match(left: str, right: str) -> bool:
    """Same name token, allowing near-spellings of longer tokens ("Zelensky" / "Zelenskiy")."""
    if left == right:
        return True
    return min(len(left), len(right)) >= 5 and fuzz.ratio(left, right) >= 85


def is_token_subset(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    remaining = list(whole)
    for token in part:
        match = next((candidate for candidate in remaining if tokens_match(token, candidate)), None)
        if match is None:
            return False
        remaining.remove(match)
    return True


def entity_id(name: str, label: str) -> str:
    """A stable id from the canonical name and label: readable slug plus a short hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:48]
    digest = hashlib.sha1(f"{label}|{name}".encode()).hexdigest()[:6]
    return f"{label.lower()}-{slug}-{digest}" if slug else f"{label.lower()}-{digest}"
