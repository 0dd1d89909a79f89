"""The game's words pick the right threats: free ones, the most leveraged costly one, and the
strongest deterrent (the lowest belief in the holder's resolve that deters the tariff)."""

from __future__ import annotations

from treasury_leverage.game.words import ThreatRow, classify_threat, game_paragraph, game_summary


def _row(response: str, share: float, holder: float, us: float, threshold: float | None,
         inaction: float = 0.0) -> ThreatRow:
    ratio = us / holder if holder > 0 and us > 0 else None
    return ThreatRow(response=response, credible_share_of_draws=share, holder_cost_usd_bn=holder,
                     holder_cost_p5_usd_bn=holder, holder_cost_p95_usd_bn=holder, us_cost_usd_bn=us,
                     us_cost_p5_usd_bn=us, us_cost_p95_usd_bn=us, leverage_ratio=ratio,
                     resolve_needed_usd_bn=max(holder, 0.0), deterrence_threshold_prob=threshold,
                     deterred_share_of_draws_at_even_odds=0.0,
                     deterred_without_threat_share_of_draws=inaction,
                     undeterrable_share_of_draws=0.0, verdict=classify_threat(share))


ROWS = (
    _row("runoff 24m", 1.0, -0.3, 44.8, None),
    _row("sell 300bn", 0.02, 74.8, 126.1, 0.63),
    _row("sell 100bn", 0.03, 30.4, 42.0, 0.91),
    _row("counter-tariff 10%", 0.25, 2.1, 7.7, None),
)


def test_the_summary_names_the_strongest_deterrent_not_the_most_leveraged() -> None:
    text = game_summary("Japan", "tariff 10%", ROWS)
    assert "Most leveraged: 'counter-tariff 10%'" in text  # 3.7x beats 1.7x and 1.4x
    assert "Deterred by 'sell 300bn'" in text and "0.63" in text and "0.91" not in text


def test_the_paragraph_says_which_threats_are_free() -> None:
    text = game_paragraph("Japan", "10% tariff", ROWS, us_share=1.0, horizon_years=10)
    assert "Free to carry out: 'runoff 24m'" in text
    assert "63% chance that Japan would carry out 'sell 300bn'" in text


def test_inaction_comes_first_when_the_tariff_loses_money_anyway() -> None:
    rows = (*ROWS[:1], _row("sell 300bn", 0.02, 74.8, 126.1, 0.63, inaction=0.95))
    assert "even if Japan just holds (95% of draws)" in game_summary("Japan", "tariff 10%", rows)
    none = (_row("sell 300bn", 0.02, 74.8, 126.1, None),)
    assert "No belief in Japan's resolve deters" in game_paragraph("Japan", "10% tariff", none, 1.0, 10)


def test_small_costs_keep_a_decimal_and_no_negative_zero() -> None:
    from treasury_leverage.game.result import _bn

    assert [_bn(v) for v in (-0.3, -0.04, 0.04, 5.17, 74.76, 1234.2)] == [
        "-0.3", "0.0", "0.0", "5.2", "75", "1,234"]
