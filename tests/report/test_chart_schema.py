"""Every chart of the brief is a valid Vega-Lite spec.

The brief draws its charts without Altair's run-time JSON-schema validation
(:func:`treasury_leverage.report.html.chart_spec` calls ``to_dict(validate=False)``, which saved
about a third of the charts' time), so this test is where an invalid spec is caught: each chart is
validated against the Vega-Lite schema that Altair ships (the version Altair would validate with).
"""

from __future__ import annotations

import functools
from typing import Any

import jsonschema
import pytest
from altair.vegalite.v6.schema.core import load_schema

from treasury_leverage.report.brief import build_brief


@functools.cache
def _validator() -> Any:
    schema = load_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def _errors(spec: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in _validator().iter_errors(spec)]


@pytest.mark.parametrize(("holder", "draws"), [("japan", 20), ("cayman islands", 0)])
def test_every_brief_chart_is_a_valid_vega_lite_spec(holder: str, draws: int) -> None:
    brief = build_brief(holder, draws=draws, seed=1)
    keys = [c.key for c in brief.charts]
    assert {"holdings", "maturity_profile", "runoff"} <= set(keys)
    if holder == "japan":  # every section available: all eight charts
        assert keys == ["holdings", "maturity_profile", "runoff", "flows", "term_premium", "episode",
                        "scenarios", "game"]
    for chart in brief.charts:
        assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
        assert _errors(chart.spec) == [], chart.key


def test_the_validator_rejects_an_invalid_spec() -> None:
    good = {"data": {"values": [{"x": 1}]}, "mark": "point",
            "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    assert _errors(good) == []
    assert _errors({**good, "mark": "lline"})  # no such mark
    assert _errors({**good, "encoding": {"x": {"field": "x", "type": "quantitive"}}})  # misspelt type
