"""The agency an article carries: the wire service (or another outlet) whose report a site published, as its
text credits it. Read before furniture removal drops the credits, from their shape:

- the dateline before the first words: "WASHINGTON (AP) —", "LONDON (Reuters) -", "PYONGYANG, June 19. /TASS/.";
- a credit line: "By JANE DOE, Associated Press", "— Reuters", "Reuters contributed to this report";
- the agency's own idiom in the body: "… told AFP" (how a wire writes what it was told).

A name in a dateline is taken as written (the form says it is the report's source); a name elsewhere must be
an agency of the outlet registry (a credit line is short, and "(Getty Images)" is a credit too). A citation
("Reuters reported", "according to AFP") is not a carry: two outlets citing one wire are still two sources.
The agency is named as the registry names it; an article published by the agency itself carries none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.ingest.outlets import OutletRegistry, outlet_registry
from newsfuse.ingest.pagemeta import letters


@dataclass(frozen=True)
class AgencySettings:
    # the dateline and a byline stand in the first lines that have words
    first_lines: int = 3
    # credit lines are short: a longer line is prose
    max_credit_chars: int = 120
    # "told AFP" is looked for in the body's first characters (the wire's own copy says it early)
    idiom_chars: int = 5_000


AGENCY = AgencySettings()

_NAME = r"[A-Z][A-Za-z0-9.&'’]{1,20}(?:[ -][A-Z][A-Za-z0-9.&'’]{1,20}){0,3}"
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ /-]{1,40}(?:,\s*[A-Z][A-Za-z.' -]{1,30}){0,2}"  # the place
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*)?"  # the date
    rf"\((?P<paren>{_NAME})(?:/{_NAME})*\)\s*(?:[—–_-]+\s*|:\s*)?(?=[\"“A-Z])"
    rf"|^[A-Z][A-Z .'’-]{{1,40}},\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}\.?\s*/(?P<slash>{_NAME})/"
)
_CREDIT_LINE = re.compile(
    rf"(?:by\s+.{{1,80}}?,\s*|[—─-]+\s*|\(|copyright\s+|©\s*)?(?P<name>{_NAME})\)?\W*"
    rf"|(?P<contributor>{_NAME})\s+contributed(?:\s+\w+){{0,2}}\s+to\s+(?:this|the)\s+(?:report|story|article)\W*",
    re.IGNORECASE,
)
_TOLD = re.compile(rf"\btold\s+(?P<name>{_NAME})\b")


def carried_agency(
    text: str, outlet: str | None, registry: OutletRegistry | None = None, settings: AgencySettings = AGENCY
) -> str | None:
    """The agency ``text`` credits as its report's source, or None (none credited, or ``outlet`` is it)."""
    registry = registry or outlet_registry()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    found = None
    for line in lines[: settings.first_lines]:
        match = _DATELINE.match(line)
        if match:
            found = _named(match.group("paren") or match.group("slash"), registry, any_outlet=True)
            break
    if found is None:
        for line in lines:
            if len(line) <= settings.max_credit_chars and (credit := _CREDIT_LINE.fullmatch(line)):
                name = credit.group("name") or credit.group("contributor")
                if (found := _named(name, registry, any_outlet=False)) is not None:
                    break
    own = registry.for_name(outlet)
    # an agency's own report telling what someone "told Interfax" relays another agency: no carry
    if found is None and not (own is not None and own.agency):
        for told in _TOLD.finditer(text[: settings.idiom_chars]):
            if (found := _named(told.group("name"), registry, any_outlet=False)) is not None:
                break
    if found is None or (outlet and _same(found, outlet, registry)):
        return None
    return found


def _named(name: str | None, registry: OutletRegistry, *, any_outlet: bool) -> str | None:
    """The registry's name for ``name``; a name it does not list only when ``any_outlet`` (a dateline)."""
    if not name:
        return None
    listed = registry.for_name(name)
    if listed is not None and (listed.agency or any_outlet):
        return listed.name
    return name if any_outlet and listed is None else None


def _same(agency: str, outlet: str, registry: OutletRegistry) -> bool:
    listed = registry.for_name(outlet)
    return letters(agency) == letters(listed.name if listed else outlet)
