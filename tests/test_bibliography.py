"""Citations shipped with the package: every preset's source resolves to a bibliography entry."""

from __future__ import annotations

import json

import pytest

from treasury_leverage.bibliography import (
    OWN_CHOICE,
    REFERENCES,
    get_reference,
    reader_source,
    references_for,
)
from treasury_leverage.errors import UnknownNameError
from treasury_leverage.presets import PRESETS


def test_every_preset_source_resolves_to_a_reference() -> None:
    missing = {name: p.source for name, p in PRESETS.items() if not references_for(p.source)}
    assert not missing, (
        "presets whose source names no work in treasury_leverage/bibliography.py; add a Reference "
        f"(with a pattern matching the source) for each: {json.dumps(missing, indent=1)}")


def test_named_papers_resolve_to_their_entries() -> None:
    keys = {r.key for r in references_for(PRESETS["beltran2013_short_run_bp_per_100bn"].source)}
    assert keys == {"beltran2013"}
    keys = {r.key for r in references_for(PRESETS["flow_decay_half_life_months"].source)}
    assert keys == {"beltran2013", OWN_CHOICE.key}  # our assumption, informed by the paper
    keys = {r.key for r in references_for(PRESETS["duration_supply_bp_per_pct_gdp"].source)}
    assert {"crawley2022", "li_wei2013"} <= keys


def test_entries_are_complete_and_keys_unique() -> None:
    keys = [r.key for r in REFERENCES]
    assert len(keys) == len(set(keys))
    for ref in REFERENCES:
        assert ref.authors and ref.title and ref.venue and 1950 < ref.year < 2030 and ref.patterns, ref.key
        assert not ref.url or ref.url.startswith("https://"), ref.key


def test_no_reader_text_points_at_a_file_outside_the_package() -> None:
    for preset in PRESETS.values():
        for text in (preset.source, preset.notes):
            assert "literature.md" not in reader_source(text), preset.name
    assert reader_source("docs/literature.md section 1.7: modified durations") == \
        "Our literature review: modified durations"


def test_unknown_reference_names_the_nearest() -> None:
    with pytest.raises(UnknownNameError, match="warnock2009"):
        get_reference("warnock2008")
