"""Holder-name resolution: aliases, forgiving matching, errors, custodial centres."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treasury_leverage.data import countries
from treasury_leverage.data.countries import (
    CUSTODIAL_CENTRES,
    canonical_country,
    clean_published_name,
    is_custodial,
    resolve_country,
)
from treasury_leverage.errors import InputError, UnknownNameError

# Series ids of the MFH dataset (a subset; spelled as the parser emits them).
MFH_NAMES = [
    "Japan", "China, Mainland", "United Kingdom", "Belgium", "Luxembourg", "Cayman Islands",
    "Korea, South", "Taiwan", "Hong Kong", "Switzerland", "Carib Bnkng Ctrs", "Oil Exporters",
    "Belgium-Luxembourg", "United Arab Emirates", "Saudi Arabia", "All Other", "Grand Total",
    "Foreign Official", "Foreign Official: Treasury Bills", "Foreign Official: T-Bonds & Notes",
]


def test_public_names() -> None:
    assert set(countries.__all__) == {
        "CUSTODIAL_CENTRES", "canonical_country", "clean_published_name", "is_custodial",
        "name_key", "resolve_country",
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("china", "China, Mainland"),
        ("Mainland China", "China, Mainland"),
        ("PRC", "China, Mainland"),
        ("china,mainland", "China, Mainland"),
        ("  CHINA  MAINLAND ", "China, Mainland"),
        ("uk", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("great britain", "United Kingdom"),
        ("united-kingdom", "United Kingdom"),
        ("korea", "Korea, South"),
        ("South Korea", "Korea, South"),
        ("korea south", "Korea, South"),
        ("Caribbean Banking Centers", "Carib Bnkng Ctrs"),
        ("caribbean banking centres", "Carib Bnkng Ctrs"),
        ("total", "Grand Total"),
        ("ALL", "Grand Total"),
        ("grand total", "Grand Total"),
        ("official", "Foreign Official"),
        ("foreign official: treasury bills", "Foreign Official: Treasury Bills"),
        ("Foreign official T-Bonds and Notes", "Foreign Official: T-Bonds & Notes"),
        ("japan", "Japan"),
        ("UAE", "United Arab Emirates"),
        ("belgium luxembourg", "Belgium-Luxembourg"),
    ],
)
def test_resolve_country_aliases(typed: str, expected: str) -> None:
    assert resolve_country(typed, MFH_NAMES) == expected


def test_china_alias_falls_back_to_a_plain_china() -> None:
    assert resolve_country("china", ["Japan", "China"]) == "China"
    assert resolve_country("China, Mainland", ["Japan", "China, Mainland"]) == "China, Mainland"


def test_exact_match_beats_alias() -> None:
    # A dataset that has its own "Total" row keeps it; "all" still means the grand total.
    assert resolve_country("total", ["Total", "Grand Total"]) == "Total"
    assert resolve_country("all countries", ["All Countries", "Grand Total"]) == "All Countries"


def test_unknown_country_raises_with_close_matches() -> None:
    with pytest.raises(UnknownNameError) as info:
        resolve_country("atlantis", MFH_NAMES)
    err = info.value
    assert err.kind == "country" and err.name == "atlantis"
    assert "unknown country 'atlantis'" in str(err)
    assert isinstance(err, InputError) and isinstance(err, KeyError)
    with pytest.raises(UnknownNameError, match="Japan"):
        resolve_country("Japn", MFH_NAMES)
    with pytest.raises(UnknownNameError, match="Cayman Islands"):
        resolve_country("cayman island", MFH_NAMES)


@pytest.mark.parametrize("typed", ["us", "usa", "", "   ", "korea north", "china taiwan"])
def test_no_guessing(typed: str) -> None:
    with pytest.raises(UnknownNameError):
        resolve_country(typed, MFH_NAMES)


def test_alias_to_a_name_not_in_the_dataset_raises() -> None:
    with pytest.raises(UnknownNameError):
        resolve_country("uk", ["Japan", "China, Mainland"])
    with pytest.raises(UnknownNameError):
        resolve_country("japan", [])


_VARIANT = st.sampled_from(MFH_NAMES).flatmap(
    lambda name: st.tuples(
        st.just(name),
        st.lists(st.booleans(), min_size=len(name), max_size=len(name)),
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(["", " ", "\t"]),
    )
)


@given(_VARIANT)
def test_case_and_space_variants_resolve_to_the_name(
    variant: tuple[str, list[bool], str, str],
) -> None:
    name, upper, before, after = variant
    typed = before + "".join(c.upper() if u else c.lower() for c, u in zip(name, upper,
                                                                          strict=True)) + after
    assert resolve_country(typed, MFH_NAMES) == name


@given(st.text(max_size=30))
def test_resolve_country_never_raises_anything_else(typed: str) -> None:
    with contextlib.suppress(UnknownNameError):
        assert resolve_country(typed, MFH_NAMES) in MFH_NAMES


@pytest.mark.parametrize(
    ("published", "canonical"),
    [
        ("China (20)", "China, Mainland"),
        ('"Korea, South "', "Korea, South"),
        ("United Kingdom 2/", "United Kingdom"),
        ("Belgium  5/", "Belgium"),
        ("Belgium and Luxembourg (5)", "Belgium-Luxembourg"),
        ("Total", "Grand Total"),
        ("Australia ", "Australia"),
        ("Anguilla (7)", "Anguilla"),
        ('"Guadeloupe excl St. Martin and St. Barthelemy (12), (22)"',
         "Guadeloupe excl St. Martin and St. Barthelemy"),
        ("Middle Eastern Oil Exporters(19)", "Middle Eastern Oil Exporters"),
        ("Congo (Kinshasa) (formerly Zaire)", "Congo (Kinshasa) (formerly Zaire)"),
        ("Burma (Myanmar)", "Burma (Myanmar)"),
        ('"Bonaire, St Eustatius and Saba (21)"', "Bonaire, St Eustatius and Saba"),
        ("Japan", "Japan"),
    ],
)
def test_canonical_country(published: str, canonical: str) -> None:
    assert canonical_country(published) == canonical


def test_clean_published_name_keeps_the_publishers_spelling() -> None:
    assert clean_published_name("China (20)") == "China"
    assert clean_published_name("Carib Bnkng Ctrs 4/") == "Carib Bnkng Ctrs"
    assert clean_published_name('"China, Mainland"') == "China, Mainland"


@pytest.mark.parametrize(
    "name",
    ["Belgium", "Luxembourg", "uk", "United Kingdom", "Cayman Islands", "caymans", "Ireland",
     "Switzerland", "Bermuda", "Bahamas", "caribbean banking centers", "Carib Bnkng Ctrs",
     "BVI", "Belgium-Luxembourg"],
)
def test_custodial_centres(name: str) -> None:
    assert is_custodial(name)


@pytest.mark.parametrize(
    "name", ["Japan", "china", "China, Mainland", "Hong Kong", "Singapore", "Grand Total",
             "Foreign Official", "Saudi Arabia", "Irelnd", ""]
)
def test_not_custodial(name: str) -> None:
    assert not is_custodial(name)


def test_custodial_centres_use_canonical_spellings() -> None:
    assert isinstance(CUSTODIAL_CENTRES, frozenset)
    for name in CUSTODIAL_CENTRES:
        assert canonical_country(name) == name
        assert resolve_country(name.lower(), CUSTODIAL_CENTRES) == name
