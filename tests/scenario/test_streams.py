"""Named random streams (issue 15): no two collide, and the engine and the game draw the same numbers."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.impact.registry import MODELS
from treasury_leverage.scenario import streams


def test_the_named_streams_keep_their_numbers() -> None:
    # the keys every released result was drawn with: changing one changes every band
    assert streams.FX_STREAM == 1000 and streams.US_BILL_STREAM == 2000
    assert streams.TRADE_STREAM == 3000 and streams.GAME_QUANTILE == 7919
    assert streams.model_stream("beltran2013") == (1596316468,)  # zlib.crc32(b"beltran2013")
    assert streams.us_bill_stream("pooled") == (2000, *streams.model_stream("pooled"))
    assert streams.trade_stream(2) == (3002,)
    with pytest.raises(ValueError, match="actor_index"):
        streams.trade_stream(streams.MAX_ACTORS)


@pytest.mark.parametrize("seed", [0, 1, 2**32 - 1])
def test_no_two_named_streams_collide(seed: int) -> None:
    named = streams.named_streams(MODELS)
    words = {label: streams.entropy_words(seed, key) for label, key in named.items()}
    seen: dict[tuple[int, ...], str] = {}
    for label, w in words.items():
        assert w not in seen, f"{label} and {seen[w]} are the same stream {w}"
        seen[w] = label
    # and the padding rule is NumPy's: [s, k] and [s, k, 0] draw the same numbers
    a = streams.generator(seed, (5,)).random(3)
    b = np.random.default_rng([seed, 5, 0]).random(3)
    assert np.array_equal(a, b)
    assert streams.entropy_words(seed, (5,)) == streams.entropy_words(seed, (5, 0))


def test_a_lone_run_and_an_all_models_run_draw_a_model_alike() -> None:
    """A model's draws are keyed by its name: the same with or without other models beside it."""
    from treasury_leverage.scenario import run, sell_spec

    one = run(sell_spec("japan", 100, days=20, models=["habitat"], draws=25, seed=4))
    two = run(sell_spec("japan", 100, days=20, models=["beltran2013", "habitat"], draws=25, seed=4))
    assert one.bill_draws("habitat").parameter_digest == two.bill_draws("habitat").parameter_digest


def test_engine_draws_come_from_the_named_streams() -> None:
    """The engine's parameter and FX draws are those of the named streams (recomputed here)."""
    from treasury_leverage.presets import sample_presets
    from treasury_leverage.scenario import run, sell_spec
    from treasury_leverage.scenario.bills import _draws_digest
    from treasury_leverage.scenario.seller import FX_PRESETS

    seed, n = 7, 30
    res = run(sell_spec("japan", 100, days=20, models=["beltran2013"], draws=n, seed=seed))
    model = MODELS["beltran2013"]()
    rng = streams.generator(seed, streams.model_stream("beltran2013"))
    params = sample_presets(model.preset_names, n, seed=rng)
    fx = sample_presets(FX_PRESETS, n, seed=streams.generator(seed, (streams.FX_STREAM,)))
    assert res.bill_draws("beltran2013").parameter_digest == _draws_digest(params, fx)


def test_engine_and_game_draw_the_same_trade_channel() -> None:
    """The game reads the trade channel at each engine draw from the stream the engine used."""
    from treasury_leverage.scenario.engine import gather_inputs
    from treasury_leverage.scenario.plans import build_plans
    from treasury_leverage.scenario.trade import trade_shortfall

    seed, n, months = 3, 25, 24
    spec = {"actors": [{"holder": "china", "hold": {}}, {"holder": "japan", "pause": {"months": 6}}],
            "trade": {"tariff_pct": {"japan": 10, "china": 20}, "months": months}, "draws": n, "seed": seed,
            "models": ["beltran2013"]}
    plans, _, _ = build_plans(gather_inputs(spec))
    for i, plan in enumerate(plans):
        assert plan.trade_deviation_usd_bn is not None
        tariff = plan.details["tariff_pct"]
        central = trade_shortfall(plan.holder, tariff, months=months).purchase_shortfall_usd_bn.reshape(-1)
        # what game.payoffs.coalition_cells draws for member i
        rng = streams.generator(seed, streams.trade_stream(i))
        drawn = trade_shortfall(plan.holder, tariff, months=months, draws=n, seed=rng)
        drawn = drawn.purchase_shortfall_usd_bn
        assert np.array_equal(plan.trade_deviation_usd_bn, drawn - central[None, :])
