"""The outlet registry: which outlet a site is (``data/outlets.toml``, plus the user's own file named by
``NEWSFUSE_OUTLETS``). A listed domain gives its outlet's one name whatever a page's metadata calls it, so
every report of one outlet carries one name; a listed alias ("AP", "NYT") gives the same name to an input
whose metadata uses it. A site not listed keeps the name its page gives, else its domain."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from newsfuse.errors import InputError
from newsfuse.ingest.pagemeta import letters, registered_domain

BUNDLED = Path(__file__).resolve().parent / "data" / "outlets.toml"
USER_FILE_VARIABLE = "NEWSFUSE_OUTLETS"


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str | None = None
    agency: bool = False


@dataclass(frozen=True)
class OutletRegistry:
    by_domain: dict[str, Outlet]
    by_alias: dict[str, Outlet]  # letters of a name or alias -> the outlet

    def for_url(self, url: str | None) -> Outlet | None:
        """The outlet of a URL's host or of the nearest listed domain above it (news.sky.com, then sky.com)."""
        if not url:
            return None
        host = (urlsplit(url if "://" in url else "//" + url).hostname or "").lower().removeprefix("www.")
        domain = registered_domain(url)
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            if host == domain or "." not in host:
                return None
            host = host.split(".", 1)[1]
        return None

    def for_name(self, name: str | None) -> Outlet | None:
        return self.by_alias.get(letters(name or "")) if name else None

    def outlet(self, named: str | None, url: str | None) -> str | None:
        """The outlet's name: the registry's for the URL's site, else the registry's for the name given (an
        alias), else the name given, else the URL's registered domain."""
        found = self.for_url(url) or self.for_name(named)
        if found is not None:
            return found.name
        return named or registered_domain(url)


def _entries(path: Path) -> list[tuple[str, Outlet, list[str]]]:
    """(domain, outlet, aliases) for each entry of a registry file; InputError naming a bad one."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the outlet registry {path}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"outlet registry {path} is not valid TOML: {error}") from None
    entries: list[tuple[str, Outlet, list[str]]] = []
    for domain, entry in document.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise InputError(f'outlet registry {path}: [{domain!r}] needs a name = "..."')
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(f"outlet registry {path}: [{domain!r}] aliases must be a list of names")
        country = entry.get("country")
        outlet = Outlet(
            name=entry["name"].strip(),
            country=country if isinstance(country, str) else None,
            agency=entry.get("agency") is True,
        )
        entries.append((domain.lower().removeprefix("www."), outlet, aliases))
    return entries


@lru_cache(maxsize=4)
def _registry(user_file: str | None) -> OutletRegistry:
    bundled = {domain: (outlet, aliases) for domain, outlet, aliases in _entries(BUNDLED)}
    own = {domain: (o, a) for domain, o, a in _entries(Path(user_file).expanduser())} if user_file else {}
    # the user's entry replaces the bundled one for its domain, and takes its names and aliases
    listed = {domain: entry for domain, entry in bundled.items() if domain not in own} | own
    by_alias: dict[str, Outlet] = {}
    for outlet, aliases in listed.values():
        for name in [outlet.name, *aliases]:
            by_alias[letters(name)] = outlet
    return OutletRegistry(by_domain={domain: outlet for domain, (outlet, _) in listed.items()}, by_alias=by_alias)


def outlet_registry() -> OutletRegistry:
    """The bundled registry with the user's file (``NEWSFUSE_OUTLETS``) over it; read once per file."""
    return _registry(os.environ.get(USER_FILE_VARIABLE) or None)
