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
# # The April 2025 episode: term premium or expected rates?
#
# In the week after the 2 April 2025 tariff announcement the 10-year yield rose by almost 50 bp
# while the Fed was expected to cut. The ACM model (Adrian, Crump & Moench 2013) splits the move
# into expected short rates and the term premium.

# %%
from treasury_leverage.termpremium import decompose

episode = decompose("2025-04-04", "2025-04-11")
episode.yields[["yield_start_pct", "yield_end_pct", "change_bp", "expected_rates_bp", "term_premium_bp"]]

# %% [markdown]
# The 10-year par yield rose 47 bp (4.01% to 4.48%, Treasury's published par yields); the split
# adds up to the change up to the fitting residual.

# %%
ten = episode.yields.loc[10]
assert round(ten["change_bp"]) == 47
assert abs(ten["expected_rates_bp"] + ten["term_premium_bp"] + ten["residual_bp"] - ten["change_bp"]) < 1e-6
print(episode.headline())

# %% [markdown]
# ## The term premium over time (in bp)

# %%
from treasury_leverage.termpremium import term_premium_series

tp = term_premium_series(10, start="2024-01")
(tp["term_premium_pct"] * 100).round(0).tail(8)
