# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Could Japan use its Treasuries as leverage?
#
# A worked example on the bundled snapshot (no network): Japan's holdings, what a sale would do to
# yields and cost each side, and whether the threat is credible in the leverage game. Every number
# comes from the library functions the `tlev` command line and the dashboard also call.

# %%
from treasury_leverage.holdings import holder_history, ranking, runoff_schedule

top = ranking("2025-12", top=5).reset_index()
top[["rank", "holder", "holdings_usd_bn", "share_of_foreign_pct"]]

# %% [markdown]
# Japan is the largest foreign holder (TIC, December 2025). How much of it matures within a year
# (the "run-off" Japan could simply not reinvest)?

# %%
assert top.iloc[0]["holder"] == "Japan" and top.iloc[0]["holdings_usd_bn"] == 1185.5
runoff = runoff_schedule("Japan")
runoff.head(3)

# %%
history = holder_history("japan", "2024-01")
history[["holdings_usd_bn", "change_12m_usd_bn"]].tail(6)

# %% [markdown]
# ## A sale of $300bn over 60 business days
#
# Eight impact models side by side; 200 parameter draws give each a p5-p95 band.

# %%
from treasury_leverage.scenario import run, sell_spec

result = run(sell_spec("japan", 300, days=60, draws=200, seed=0))
result

# %%
frame = result.summary_frame()
assert (frame["shift_10y_bp"] > 0).all()  # a sale raises yields in every model
frame[["model", "shift_10y_bp", "japan_cost_usd_bn", "us_extra_interest_10y_usd_bn"]]

# %% [markdown]
# ## Is the threat credible?
#
# The leverage game: the U.S. sets a tariff, Japan holds, pauses, runs off or sells. A threat is
# credible when carrying it out leaves Japan better off than holding.

# %%
from treasury_leverage.game import leverage_game

game = leverage_game("japan", tariff_pct=10.0, responses=["hold", "sell 300bn"], draws=0)
game

# %%
credible = game.summary_frame()
assert credible["response"].tolist() == ["sell 300bn"]
credible.T

# %% [markdown]
# Where do the elasticities come from? Every preset cites its source (`tlev cite PRESET`).

# %%
from treasury_leverage.bibliography import cite_preset
from treasury_leverage.presets import get_preset

cite_preset(get_preset("beltran2013_short_run_bp_per_100bn"))["references"][0]
