"""The ordinary weapon: a holder's counter-tariff on U.S. exports (issue 13, item 4)."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.presets import preset_value
from treasury_leverage.scenario.retaliation import COUNTER_TARIFF_PRESETS, counter_tariff


def test_central_values_recomputed_by_hand() -> None:
    ct = counter_tariff("Japan", 10.0)
    e0 = preset_value("us_goods_exports_to_japan_2024_usd_bn")
    eps = preset_value("import_demand_elasticity")
    rho = preset_value("counter_tariff_passthrough_to_holder_prices")
    m = preset_value("us_exporter_surplus_share_of_lost_sales")
    k = preset_value("us_federal_tax_share_of_lost_income")
    p = 1 + rho * 0.1
    v = p**-eps
    sales = e0 * v * p / 1.1
    exporter = e0 * v * (1 - p / 1.1) + m * e0 * (1 - v)
    consumer = e0 * v * (p - 1) + 0.5 * (p - 1) * e0 * (1 - v)
    assert ct.us_exports_usd_bn == e0
    assert ct.us_export_sales_loss_usd_bn[0] == pytest.approx(e0 - sales)
    assert ct.us_exporter_loss_usd_bn[0] == pytest.approx(exporter)
    assert ct.us_tax_loss_usd_bn[0] == pytest.approx(k * exporter)
    assert ct.holder_consumer_cost_usd_bn[0] == pytest.approx(consumer)
    assert ct.holder_revenue_usd_bn[0] == pytest.approx(0.1 * sales)
    assert ct.holder_net_cost_usd_bn[0] == pytest.approx(consumer - 0.1 * sales)
    assert set(COUNTER_TARIFF_PRESETS) <= set(ct.presets_used)
    assert "us_goods_exports_to_japan_2024_usd_bn" in ct.presets_used


def test_economics_properties() -> None:
    # no counter-tariff, no effect
    zero = counter_tariff("Japan", 0.0)
    for a in (zero.us_exporter_loss_usd_bn, zero.holder_net_cost_usd_bn, zero.us_tax_loss_usd_bn):
        assert a[0] == pytest.approx(0.0)
    # complete pass-through: no terms-of-trade gain, the holder's net cost is the deadweight loss (> 0)
    full = counter_tariff("Japan", 10.0, overrides={"counter_tariff_passthrough_to_holder_prices": 1.0})
    assert full.holder_net_cost_usd_bn[0] > 0
    # the U.S. exporters' loss grows with the counter-tariff; the fiscal view sees only a part of it
    losses = [counter_tariff("Japan", t).us_exporter_loss_usd_bn[0] for t in (5.0, 10.0, 25.0)]
    assert losses == sorted(losses) and losses[0] > 0
    ct = counter_tariff("China, Mainland", 10.0, draws=500, seed=3)
    assert np.all(ct.us_tax_loss_usd_bn < ct.us_exporter_loss_usd_bn)
    assert np.all(ct.us_exporter_loss_usd_bn < ct.us_export_sales_loss_usd_bn)
    # same seed, same draws
    again = counter_tariff("China, Mainland", 10.0, draws=500, seed=3)
    np.testing.assert_array_equal(ct.us_exporter_loss_usd_bn, again.us_exporter_loss_usd_bn)


def test_phase_in_and_discounting() -> None:
    ct = counter_tariff("Japan", 10.0, overrides={"trade_adjustment_half_life_months": 6.0})
    months = np.arange(120)
    phase = 1 - 2.0 ** (-(months + 1) / 6.0)
    assert ct.phase_in_years(10)[0] == pytest.approx(phase.sum() / 12)
    disc = ct.phase_in_years(10, lambda t: float(np.exp(-0.04 * t)))[0]
    assert disc == pytest.approx(float((phase * np.exp(-0.04 * (months + 0.5) / 12)).sum() / 12))
    assert disc < ct.phase_in_years(10)[0] < 10


def test_holder_without_export_facts_and_bad_input() -> None:
    ct = counter_tariff("United Kingdom", 10.0)
    assert ct.us_exports_usd_bn == 0.0 and ct.us_exporter_loss_usd_bn[0] == 0.0
    assert any("no U.S. export facts" in n for n in ct.notes)
    with pytest.raises(InputError, match="counter-tariff"):
        counter_tariff("Japan", -5.0)
    with pytest.raises(InputError, match="counter-tariff"):
        counter_tariff("Japan", float("nan"))
    with pytest.raises(InputError, match="draws"):
        counter_tariff("Japan", 10.0, draws=-1)
