"""Presets of the cost basis and of official holders' choices (issue 13).

One basis for both sides (DESIGN.md): the present-value horizon, the game's basis switch and
U.S. view, the foreign-held share of the debt for the national view; and what an official
holder does: the share of its sale it converts, the share of TIC holdings it controls, the
baseline a pause forgoes and how the Treasury refinances a run-off.
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The cost-basis and official-holder presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
    Preset(
        "cost_horizon_years", 10.0, 5.0, 30.0, "years", "fixed",
        "Our choice [C], the budget window of CBO's baseline and of its interest rule of thumb "
        "(CBO 2025, publication 61249: ten years); DESIGN.md 'One basis for both sides'",
        "C",
        "Horizon of the present-value basis of both sides' costs: the holder's horizon total return "
        "(concession, carry and reinvestment at the new yields, mark-to-market of what it still "
        "holds at the horizon, FX) and the U.S. extra interest, both discounted at the start day's "
        "par curve.",
    ),
    Preset(
        "official_sale_convert_share", 1.0, 0.0, 1.0, "fraction", "fixed",
        "Japan's Ministry of Finance, 'Foreign Exchange Intervention Operations': the 2022 and 2024 "
        "yen-buying interventions were paid for from dollar reserves (see "
        "fx_intervention_jpy_per_100bn); docs/literature.md section 8.4",
        "C",
        "Share of an official holder's sale proceeds converted to home currency by default: an "
        "official seller's motive is to buy its own currency. Private holders default to 0 (they keep "
        "dollars). A run-off's default is official_runoff_convert_share. --convert overrides.",
    ),
    Preset(
        "pause_baseline_months", 24.0, 24.0, 36.0, "months", "fixed",
        "Our choice [C]: a window long enough that one intervention or one month's estimation error "
        "does not set the baseline (issue 13); the flow detective's net purchases are unbiased against "
        "reported valuation changes (holdings/flows.py, vintage coupons)",
        "C",
        "Trailing window of the average net purchases that a pause forgoes.",
    ),
    Preset(
        "official_share_of_tic_japan", 0.65, 0.5, 0.8, "fraction", "uniform",
        "Japan's Ministry of Finance reserve securities USD 962-988bn in 2023 (docs/literature.md "
        "section 0 table, MOF releases [V]); IMF IFS total reserves excluding gold USD 1,201bn on "
        "average in 2023 (FRED TRESEGJPM052N, ../shared/data/macro); TIC 'Japan' held USD 1,104bn of "
        "Treasuries on average in 2023 (TIC MFH)",
        "C",
        "Our estimate: 60-90% of the reserve securities in Treasuries (the MoF does not publish the "
        "split) = USD 580-890bn, over TIC Japan's USD 1,104bn = 0.53-0.81; central 0.65. Only this "
        "official part can be paused by the government; insurers, banks and pensions are not.",
    ),
    Preset(
        "official_share_of_tic_china", 0.9, 0.8, 1.0, "fraction", "uniform",
        "Setser (CFR, 2016 and ~2023), via docs/literature.md section 7: China's Treasuries are held "
        "by SAFE (about 40% of reserves); Chinese private holdings of Treasuries are small",
        "C",
        "Share of TIC 'China, Mainland' that the government can pause.",
    ),
    Preset(
        "runoff_refinance_bills_share", 0.8, 0.2, 1.0, "fraction", "uniform",
        "TBAC guidance keeps the bill share of the stock at 15-20% [V2] (docs/literature.md section 6), "
        "but Treasury's quarterly refunding statements (2024-2025) keep coupon auction sizes unchanged "
        "'for at least the next several quarters', so a change in borrowing needs is met first with "
        "bills [R: recalled wording]",
        "R",
        "Share of the maturing amounts a holder lets run off that the Treasury refinances in bills (the "
        "rest in coupons, in the holder's own coupon mix): the marginal issuance mix within two years.",
    ),
    Preset(
        "game_cost_basis_pv", 1.0, 0.0, 1.0, "switch (1 = present value, 0 = cash)", "fixed",
        "Our choice [C], DESIGN.md 'One basis for both sides': both players' payoffs in present value "
        "over cost_horizon_years at the start day's par curve (issue 13)",
        "C",
        "1: the holder's horizon total return and the U.S. extra interest, both PV over "
        "cost_horizon_years; trade flows discounted the same way. 0: the earlier cash sums over "
        "game_horizon_years with the holder's bill struck at the end of its action.",
    ),
    Preset(
        "game_us_view", 0.0, 0.0, 3.0, "code: 0 fiscal, 1 national, 2 households, 3 all", "fixed",
        "Our choice [C], issue 13: the game takes the Treasury's (fiscal) view by default: extra federal "
        "interest net of tariff revenue; mortgage costs and interest paid to U.S. residents are "
        "transfers within the United States, counted only in the households / all views",
        "C",
        "Which U.S. cost the game's U.S. payoff uses (tlev game --us-view).",
    ),
    Preset(
        "us_debt_foreign_held_share", 0.31, 0.28, 0.34, "fraction", "fixed",
        "Treasury International Capital, Major Foreign Holders of Treasury Securities (grand total about "
        "USD 9.2tn in 2025) over marketable debt held by the public in the Monthly Statement of the Public "
        "Debt (about USD 29tn, 2025): our arithmetic [C]",
        "C",
        "The national view counts only the extra interest paid to foreign holders: this share of it.",
    ),
)
