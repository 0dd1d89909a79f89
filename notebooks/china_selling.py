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
# # Is China quietly selling?
#
# Reported holdings fall when China sells *and* when bond prices fall. The flows estimator splits
# the monthly change into valuation (reported by TIC where available, else estimated from yield
# changes and the holder's maturity profile) and net purchases, with a band from its calibration
# error. Custody matters too: Treasuries held for China in Belgium (Euroclear) are counted as
# Belgium's.

# %%
from treasury_leverage.holdings import flows

china = flows("china", "2023-01", "2025-12")
columns = ["holdings_usd_bn", "change_usd_bn", "valuation_usd_bn", "net_purchases_usd_bn", "band_usd_bn"]
china[columns].tail(12)

# %% [markdown]
# The change in holdings is valuation plus net purchases, month by month (an identity the
# estimator keeps exactly).

# %%
import numpy as np

gap = china["change_usd_bn"] - china["valuation_usd_bn"] - china["net_purchases_usd_bn"]
assert np.nanmax(np.abs(gap.to_numpy())) < 1e-6
print(china.attrs["verdict"])

# %% [markdown]
# ## The custody question
#
# An explicit assumption: add Belgium's changes since 2015-12 to China's holdings.

# %%
from treasury_leverage.holdings import CustodyAdjustment, custody_adjusted

adjusted = custody_adjusted(CustodyAdjustment(holder="China, Mainland"), "2024-01", "2025-12")
adjusted.tail(6)

# %%
print("\n".join(adjusted.attrs["assumptions"]))
