"""Presets of what a sale's or run-off's dollars do (issue 13), and the JGB side of a repatriation.

Whether an official run-off converts its proceeds, what kept dollars earn, the game's
indifference margin (added with them), and the JGB yield fall and mark-to-market when converted
proceeds buy JGBs (reported, not netted).
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The proceeds and JGB presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
    # -- the run-off's proceeds (issue 13) -------------------------------------------------------
    Preset(
        "official_runoff_convert_share", 0.0, 0.0, 1.0, "fraction", "fixed",
        "Our choice [C], issue 13: an official sale converts because official sales have been "
        "interventions (Japan 2022, 2024; official_sale_convert_share); a run-off used as leverage is not "
        "an intervention, and the redeemed dollars can stay in dollar assets (deposits, the Fed's foreign "
        "repo pool, agencies). Japan's Ministry of Finance says its holdings are for intervention "
        "liquidity (docs/literature.md section 8.2): converting a run-off is an intervention decision, "
        "taken when the yen needs support (China's 2015-16 reserve run-down is such a case)",
        "C",
        "Share of an official holder's run-off proceeds converted to home currency by default. 0: the "
        "run-off keeps dollars (no FX effect); 1: it funds an intervention (the earlier default). "
        "--convert overrides per scenario.",
    ),
    Preset(
        "game_indifference_usd_bn", 1.0, 0.0, 5.0, "USD bn", "fixed",
        "Our choice [C], issue 13: below about USD 1bn in present value over ten years the game's payoff "
        "differences are inside the models' precision (a pause's or run-off's holder item is a few tenths "
        "of a bn with a band wider than itself) and under any government's cost of changing course; "
        "without it, a USD 0.3bn horizon gain made Japan 'run off' with no tariff in 76% of draws. "
        "Fudenberg & Tirole (1991) section 3.5 for the tie-breaking of backward induction",
        "C",
        "Payoff differences (USD bn) within which a player of the leverage game keeps its status quo "
        "(hold; no tariff) in the equilibrium. Credibility (is a threat no worse than holding) is judged "
        "without it.",
    ),
    Preset(
        "kept_proceeds_yield_shift_share", 0.0, 0.0, 1.0, "fraction", "fixed",
        "Our choice [C], issue 13: dollars a holder keeps from a sale or run-off leave the Treasury "
        "market (deposits, the Fed's foreign repo pool, agencies), whose yields its own action does not "
        "move by the Treasury shift; reinvesting them in Treasuries at the raised yields (share 1) would "
        "undo the action and credit the holder with the very yield rise it caused. Share 1 is the upper "
        "bound (all proceeds back in Treasuries at the new yields)",
        "C",
        "Share of the Treasury yield shift that a holder's kept dollar proceeds earn until the cost "
        "horizon (carry). 0: they earn the baseline curve; 1: they earn the shifted Treasury yields.",
    ),
    # -- the JGB side of a repatriation (issue 13; reported, not netted) --------------------------
    Preset(
        "jgb_10y_bp_per_jpy_tn", 0.35, 0.1, 0.6, "bp fall in the 10-year JGB yield per JPY 1tn bought",
        "triangular",
        "Bank of Japan (2016), 'Comprehensive Assessment ... The Background' (21 September 2016): the JGB "
        "purchases of QQE lowered the 10-year JGB yield by about 1 percentage point while the Bank's JGB "
        "holdings rose by about JPY 250-300tn (April 2013 - mid-2016) [R: recalled]; Fukunaga, Kato & "
        "Koeda (2015), 'Maturity Structure and Supply Factors in Japanese Government Bond Markets', IMES "
        "Monetary and Economic Studies 33: net supply of JGBs has significant effects on long-term yields, "
        "stronger at the zero bound",
        "R",
        "About 100 bp / JPY 280tn = 0.35 bp per JPY 1tn, a stock (lasting) effect of duration-weighted "
        "purchases; range 0.1 (model-based net-supply estimates, away from the zero bound) to 0.6 "
        "(announcement effects included). Applied as a parallel shift of the holder's JGBs.",
    ),
    Preset(
        "official_proceeds_jgb_purchase_share", 0.0, 0.0, 0.25, "fraction of converted proceeds", "fixed",
        "Japan's Ministry of Finance, Foreign Exchange Fund Special Account: yen-selling interventions are "
        "financed by issuing Financing Bills, and the yen from yen-buying interventions go to the "
        "Account's yen balance and fewer Financing Bills (3-month discount bills), not to purchases of "
        "long JGBs [R: the Account's published mechanics, recalled]",
        "C",
        "Share of an official holder's converted proceeds that buys JGBs: none by default, so an "
        "intervention by itself does not push long JGB yields down.",
    ),
    Preset(
        "private_repatriation_jgb_purchase_share", 0.6, 0.3, 0.9, "fraction of repatriated proceeds",
        "triangular",
        "Our assumption [C]: Japanese life insurers and pension funds that repatriate buy mostly long JGBs "
        "(docs/literature.md section 8.1: insurers cut foreign bonds as JGB yields rose); banks hold part "
        "as reserves or loans",
        "C",
        "Share of a private Japanese holder's repatriated (converted) proceeds that buys JGBs; the "
        "report's repatriation case uses it.",
    ),
    Preset(
        "japan_private_jgb_holdings_jpy_tn", 550.0, 450.0, 650.0, "JPY tn (market value)", "fixed",
        "Bank of Japan, Flow of Funds Accounts and JGB holders (2024): JGBs and T-bills outstanding about "
        "JPY 1,100-1,200tn, of which the Bank of Japan about half; insurers, banks, pension funds and "
        "others the rest [R: recalled]",
        "R",
        "JGBs held by Japanese private investors: whose mark-to-market the repatriation case reports. "
        "The Ministry of Finance holds none (it is the issuer's side).",
    ),
    Preset(
        "jgb_holdings_modified_duration_years", 7.0, 4.0, 10.0, "years", "fixed",
        "Ministry of Finance of Japan, Debt Management Report (2024): average remaining maturity of JGBs "
        "about 9 years [R]; banks hold shorter, life insurers longer",
        "C",
        "Modified duration of the private JGB holdings (mark-to-market per bp of yield).",
    ),
)
