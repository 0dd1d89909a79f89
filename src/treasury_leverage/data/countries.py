"""Holder names: one canonical spelling per holder, and forgiving look-ups for users.

The canonical spelling of a holder is the one the TIC "Major Foreign Holders" table (MFH, now SLT
Table 5) prints, minus quotes and footnote markers: ``"China, Mainland"``, ``"Korea, South"``,
``"United Kingdom"``, ``"Carib Bnkng Ctrs"``, ``"Grand Total"``. The "Of which" rows of that table
are ``"Foreign Official"``, ``"Foreign Official: Treasury Bills"`` and
``"Foreign Official: T-Bonds & Notes"``. Other TIC files that spell a holder differently (the
annual survey history prints ``"China (20)"`` and ``"Total"``) are mapped onto these spellings by
:func:`canonical_country`, so one name finds the same holder in every dataset.

:func:`resolve_country` is what the public API uses to turn what a user typed (``"china"``,
``"South Korea"``, ``"uk"``) into one of the names actually present in a dataset; unknown names
raise :class:`~treasury_leverage.errors.UnknownNameError` listing the closest valid names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from treasury_leverage.errors import UnknownNameError

__all__ = [
    "CUSTODIAL_CENTRES",
    "canonical_country",
    "clean_published_name",
    "is_custodial",
    "name_key",
    "resolve_country",
]

# Footnote markers as the publishers print them: "United Kingdom 2/" (MFH), "China (20)",
# "Guadeloupe ... (12), (22)", "Middle Eastern Oil Exporters(19)" (survey history). Only purely
# numeric parentheses are markers; "Burma (Myanmar)" and "Congo (Brazzaville)" keep theirs.
_FOOTNOTE_RE: Final = re.compile(r"(?:\s*\(\d+(?:\s*,\s*\d+)*\)\s*,?)+$|\s+\d+/$")
_SPACES_RE: Final = re.compile(r"\s+")
_NON_ALNUM_RE: Final = re.compile(r"[^0-9a-z]+")

#: Publisher spellings (after :func:`clean_published_name`) that differ from the canonical
#: MFH spelling of the same holder. The survey's "China" is defined exactly like the MFH's
#: "China, Mainland" (survey footnote 20: "Excludes Hong Kong, Macau, and Taiwan, which are
#: reported separately"); the survey's "Total" (code 99996) is the MFH "Grand Total" (both
#: include international and regional organisations); the survey's "Belgium and Luxembourg"
#: is the MFH's "Belgium-Luxembourg" (MFH footnote 5, survey footnote 5).
_PUBLISHED_TO_CANONICAL: Final[dict[str, str]] = {
    "China": "China, Mainland",
    "Total": "Grand Total",
    "Belgium and Luxembourg": "Belgium-Luxembourg",
}

# What users type -> canonical names to try, in order (the first one present in the dataset
# wins). Keys are compared after name_key() normalisation.
_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "china": ("China, Mainland", "China"),
    "mainland china": ("China, Mainland",),
    "prc": ("China, Mainland",),
    "peoples republic of china": ("China, Mainland",),
    "uk": ("United Kingdom",),
    "u k": ("United Kingdom",),
    "gb": ("United Kingdom",),
    "britain": ("United Kingdom",),
    "great britain": ("United Kingdom",),
    "korea": ("Korea, South",),
    "south korea": ("Korea, South",),
    "republic of korea": ("Korea, South",),
    "rok": ("Korea, South",),
    "caribbean banking centers": ("Carib Bnkng Ctrs",),
    "caribbean banking centres": ("Carib Bnkng Ctrs",),
    "caribbean banking center": ("Carib Bnkng Ctrs",),
    "carib banking centers": ("Carib Bnkng Ctrs",),
    "total": ("Grand Total",),
    "all": ("Grand Total",),
    "world": ("Grand Total",),
    "all foreigners": ("Grand Total",),
    "official": ("Foreign Official",),
    "foreign official institutions": ("Foreign Official",),
    "foi": ("Foreign Official",),
    "official bills": ("Foreign Official: Treasury Bills",),
    "official notes and bonds": ("Foreign Official: T-Bonds & Notes",),
    "official bonds and notes": ("Foreign Official: T-Bonds & Notes",),
    "private": ("Foreign Non-Official",),
    "non official": ("Foreign Non-Official",),
    "uae": ("United Arab Emirates",),
    "emirates": ("United Arab Emirates",),
    "hk": ("Hong Kong",),
    "chinese taipei": ("Taiwan",),
    "saudi": ("Saudi Arabia",),
    "ksa": ("Saudi Arabia",),
    "cayman": ("Cayman Islands",),
    "caymans": ("Cayman Islands",),
    "bvi": ("British Virgin Islands",),
    "holland": ("Netherlands",),
    "the netherlands": ("Netherlands",),
    "russian federation": ("Russia",),
    "viet nam": ("Vietnam",),
    "turkiye": ("Turkey",),
    "belgium luxembourg": ("Belgium-Luxembourg",),
    "euro area": ("Memo: Euro Area",),
    "eurozone": ("Memo: Euro Area",),
    "eu": ("Memo: European Union",),
    "european union": ("Memo: European Union",),
    "oil exporters": ("Oil Exporters",),
    "rest of world": ("All Other",),
    "others": ("All Other",),
}

#: Jurisdictions whose TIC holdings are known to be largely *custody* for owners elsewhere, so
#: that the country attribution says little about who would sell. Sources: the TIC survey
#: release and TIC FAQ #7 name the United Kingdom, Switzerland, Belgium (Euroclear) and
#: Luxembourg (Clearstream) as custodial centres; Setser (CFR, 2016-2023) treats the UK,
#: Belgium, the Cayman Islands, Luxembourg, Switzerland and Ireland as financial/custodial
#: centres rather than end holders (see our literature review); Treasury's own
#: MFH aggregate "Caribbean Banking Centers" (MFH footnote 4: Bahamas, Bermuda, Cayman Islands,
#: Netherlands Antilles, Panama and, from June 2006, British Virgin Islands) groups the
#: offshore booking centres, so its members are included. Hong Kong and Singapore are *not*
#: included: none of these sources lists them, and their holdings are largely their own
#: monetary authorities' reserves.
CUSTODIAL_CENTRES: Final[frozenset[str]] = frozenset(
    {
        "United Kingdom",
        "Switzerland",
        "Belgium",
        "Luxembourg",
        "Belgium-Luxembourg",
        "Ireland",
        "Cayman Islands",
        "Bermuda",
        "Bahamas",
        "British Virgin Islands",
        "Netherlands Antilles",
        "Panama",
        "Carib Bnkng Ctrs",
    }
)


def clean_published_name(name: str) -> str:
    """Strip quotes, footnote markers and extra spaces from a name as a TIC file prints it.

    Examples: ``'"Korea, South "'`` -> ``"Korea, South"``; ``"United Kingdom 2/"`` ->
    ``"United Kingdom"``; ``"China (20)"`` -> ``"China"``; ``"Australia "`` -> ``"Australia"``.
    """
    text = name.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    text = _SPACES_RE.sub(" ", text).strip()
    text = _FOOTNOTE_RE.sub("", text).strip()
    return text.strip('"').strip()


def canonical_country(published: str) -> str:
    """Map a holder name as printed in any TIC file to its canonical (MFH) spelling.

    Applies :func:`clean_published_name`, then the few known spelling differences between TIC
    files (survey ``"China"`` -> ``"China, Mainland"``, ``"Total"`` -> ``"Grand Total"``,
    ``"Belgium and Luxembourg"`` -> ``"Belgium-Luxembourg"``). Other names pass through.
    """
    cleaned = clean_published_name(published)
    return _PUBLISHED_TO_CANONICAL.get(cleaned, cleaned)


def name_key(name: str) -> str:
    """Case-, space- and punctuation-insensitive key of a name (``"&"`` reads as ``"and"``)."""
    low = name.casefold().replace("&", " and ").replace("'", "")
    return _NON_ALNUM_RE.sub(" ", low).strip()


def _token_key(name: str) -> frozenset[str]:
    # Word order differs between spellings ("Korea, South" / "South Korea").
    return frozenset(name_key(name).split())


def resolve_country(name: str, available: Iterable[str]) -> str:
    """Return the holder name in ``available`` that the user meant by ``name``.

    Matching is forgiving but never a guess: an exact match ignoring case, spaces and
    punctuation; then the aliases (``"china"``/``"prc"``/``"mainland china"`` ->
    ``"China, Mainland"``, ``"uk"``/``"britain"`` -> ``"United Kingdom"``, ``"korea"`` ->
    ``"Korea, South"``, ``"caribbean banking centers"`` -> ``"Carib Bnkng Ctrs"``,
    ``"total"``/``"all"`` -> ``"Grand Total"``, ``"official"`` -> ``"Foreign Official"``, ...);
    then the same words in another order (``"Mainland China"``). Spelling mistakes are not
    corrected silently; they raise with suggestions.

    Parameters
    ----------
    name
        What the user typed.
    available
        The holder names present in the dataset being queried.

    Returns
    -------
    str
        An element of ``available``.

    Raises
    ------
    UnknownNameError
        If nothing matches; the message lists the closest available names.
    """
    pool = list(dict.fromkeys(available))
    key = name_key(name)
    if key:
        by_key: dict[str, str] = {}
        for candidate in pool:
            by_key.setdefault(name_key(candidate), candidate)
        if key in by_key:
            return by_key[key]
        for target in _ALIASES.get(key, ()):
            hit = by_key.get(name_key(target))
            if hit is not None:
                return hit
        tokens = _token_key(name)
        same_words = [c for c in pool if _token_key(c) == tokens]
        if len(same_words) == 1:
            return same_words[0]
    raise UnknownNameError("country", name, pool)


def is_custodial(name: str) -> bool:
    """Whether ``name`` (any spelling :func:`resolve_country` accepts) is a custodial centre.

    See :data:`CUSTODIAL_CENTRES` for the list and its sources.
    """
    try:
        resolve_country(name, CUSTODIAL_CENTRES)
    except UnknownNameError:
        return False
    return True
