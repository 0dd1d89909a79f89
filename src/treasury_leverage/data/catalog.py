"""What datasets exist: id, publisher, unit, frequency, and which raw files and parsers make them.

The catalog is the one place that ties a dataset id to the publisher's files. The snapshot builder
(:mod:`treasury_leverage.data.build`) and the live updater read it; the public accessors
(:mod:`treasury_leverage.data.api`) use it to name sources in what they return.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.errors import UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CATALOG", "Dataset", "RawFile", "dataset", "fred_raw_files"]

Frequency = Literal["daily", "monthly", "annual", "irregular", "mixed"]


@dataclass(frozen=True)
class RawFile:
    """One published file and the parser that reads it.

    ``path`` is relative to the raw-data folder (``../shared/data`` in a checkout); ``parser`` is
    ``"<module in data.sources>:<function>"``; ``kwargs`` are passed to the parser.
    """

    path: str
    parser: str
    kwargs: tuple[tuple[str, Any], ...] = ()
    binary: bool = False

    def parse(self, raw: bytes) -> pd.DataFrame:
        """Run the parser on the file's bytes."""
        return self.parser_function()(raw, source=Path(self.path).name, **dict(self.kwargs))

    def parser_function(self) -> Callable[..., pd.DataFrame]:
        """The parser, imported on demand."""
        module, func = self.parser.split(":")
        fn: Callable[..., pd.DataFrame] = getattr(
            importlib.import_module(f"treasury_leverage.data.sources.{module}"), func
        )
        return fn


@dataclass(frozen=True)
class Dataset:
    """A dataset of the store: what it is and where it comes from."""

    id: str
    title: str
    publisher: str
    frequency: Frequency
    unit: str
    raw: tuple[RawFile, ...] | Callable[[Path], tuple[RawFile, ...]]
    notes: str = ""
    url: str = ""
    series_hint: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def raw_files(self, raw_dir: Path) -> tuple[RawFile, ...]:
        """The raw files that make this dataset, in priority order (later files win on overlap)."""
        return self.raw(raw_dir) if callable(self.raw) else self.raw


def _fred_files_in(raw_dir: Path) -> tuple[RawFile, ...]:
    return fred_raw_files(raw_dir)


# FRED re-distributions in macro/ come first so that the longer, newer copies in rates/fred win where
# both cover a date (they are identical there; SOURCES.md checked 1,093 overlapping DEXJPUS days).
_MACRO_FRED: Final = (
    "macro/DEXJPUS.csv",
    "macro/DEXCHUS.csv",
    "macro/EXJPUS.csv",
    "macro/IMPJP.csv",
    "macro/IMPCH.csv",
    "macro/Japan_Foreign_Exchange_Reserves_Monthly_TRESEGJPM052N.csv",
    "macro/China_Foreign_Exchange_Reserves_Monthly_TRESEGCNM052N.csv",
)


def fred_raw_files(raw_dir: Path) -> tuple[RawFile, ...]:
    """Every FRED file in the raw folder, with its series id taken from the file name."""
    from treasury_leverage.data.sources.fred import series_id_from_filename

    paths = [p for p in _MACRO_FRED if (raw_dir / p).is_file()]
    paths += sorted(str(p.relative_to(raw_dir)) for p in (raw_dir / "rates" / "fred").glob("*.csv"))
    return tuple(
        RawFile(p, "fred:parse_fred_csv", (("series_id", series_id_from_filename(Path(p).name)),))
        for p in paths
    )


CATALOG: Final[dict[str, Dataset]] = {
    d.id: d
    for d in (
        Dataset(
            "holdings",
            "Major foreign holders of Treasury securities (TIC)",
            "U.S. Treasury, Treasury International Capital (TIC) system",
            "monthly",
            "USD bn",
            (RawFile("tic/mfhhis01.txt", "tic:parse_mfh"),),
            notes="Market value, by custodian country; before Dec 2011 survey-benchmarked estimates; "
            "series breaks every June (the new series is kept).",
            url="https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents/mfhhis01.txt",
            series_hint="country name, 'Grand Total', 'Foreign Official'",
            tags=("tic",),
        ),
        Dataset(
            "slt_table1",
            "U.S. long-term securities held by foreign residents: holdings, net purchases, valuation",
            "U.S. Treasury, TIC (SLT Table 1)",
            "monthly",
            "USD mn",
            (RawFile("tic/slt_table1.txt", "tic:parse_slt_table1"),),
            notes="Net purchases and valuation changes from 2023-02; long-term securities only (no bills).",
            url="https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents/slt_table1.txt",
            series_hint="'<country>|treas_pos', '<country>|treas_net', '<country>|treas_valchg'",
            tags=("tic",),
        ),
        Dataset(
            "shl_history",
            "Annual survey of foreign holdings of U.S. securities, by country (long- and short-term)",
            "U.S. Treasury / Federal Reserve Board, TIC (SHL/SHLA surveys)",
            "annual",
            "USD mn",
            (RawFile("tic/tic_historic_holdings.txt", "tic:parse_shl_history"),),
            series_hint="'<country>|lt_treasury', '<country>|st_treasury'",
            tags=("tic",),
        ),
        Dataset(
            "slt2d",
            "Foreign holdings of long-term Treasuries, official vs private (SLT Table 2D history)",
            "U.S. Treasury, TIC",
            "monthly",
            "USD mn",
            (RawFile("tic/slt2d_history.csv", "tic:parse_slt2d_history"),),
            tags=("tic",),
        ),
        Dataset(
            "bltype",
            "Liabilities to foreigners by type and holder, incl. short-term Treasuries held by official "
            "institutions",
            "U.S. Treasury, TIC (banking history)",
            "monthly",
            "USD mn",
            (RawFile("tic/bltype_history.csv", "tic:parse_bltype_history"),),
            tags=("tic",),
        ),
        Dataset(
            "bj_positions",
            "Foreign holdings of U.S. securities by country: positions, flows, valuation (Bertaut-Judson)",
            "Federal Reserve Board (Bertaut and Judson, IFDP 1113; final update July 2021)",
            "monthly",
            "USD mn",
            (RawFile("tic/bertaut_judson_positions_liabs_2021.csv", "fed:parse_bertaut_judson"),),
            series_hint="'<country>|treas_val_chg', '<country>|treas_net_flow'",
            tags=("fed", "tic"),
        ),
        Dataset(
            "bj_official",
            "Foreign official holdings of U.S. securities, all countries (Bertaut-Tryon)",
            "Federal Reserve Board (Bertaut and Tryon, IFDP 910)",
            "monthly",
            "USD mn",
            (RawFile("tic/ticdata.liabilities.foiadj.txt", "fed:parse_bertaut_tryon_official"),),
            tags=("fed", "tic"),
        ),
        Dataset(
            "par_curve",
            "Daily Treasury par yield curve rates (CMT)",
            "U.S. Treasury, Office of Debt Management",
            "daily",
            "percent",
            (
                RawFile("rates/treasury_par_yield_curve_1990-2023.csv", "treasury:parse_par_yield_curve"),
                RawFile("rates/treasury_par_yield_curve_2024.csv", "treasury:parse_par_yield_curve"),
                RawFile(
                    "rates/treasury_par_yield_curve_2025_through_0711.csv", "treasury:parse_par_yield_curve"
                ),
            ),
            notes="Bond-equivalent par yields; the bundled files end 2025-07-11 (FRED DGS* extend them).",
            url="https://home.treasury.gov/resource-center/data-chart-center/interest-rates/",
            series_hint="tenor label: '1M' ... '30Y'",
            tags=("treasury", "rates"),
        ),
        Dataset(
            "gsw_params",
            "Gurkaynak-Sack-Wright Svensson parameters of the nominal Treasury zero curve",
            "Federal Reserve Board (feds200628)",
            "daily",
            "percent / years",
            (RawFile("rates/gsw_parameters_daily_1961-2018.xls", "fed:parse_gsw_parameters", binary=True),),
            notes="The bundled copy ends 2018-04-20; TAU2 = -999.99 marks Nelson-Siegel days.",
            url="https://www.federalreserve.gov/data/yield-curve-tables/feds200628.csv",
            series_hint="BETA0..BETA3, TAU1, TAU2",
            tags=("fed", "rates"),
        ),
        Dataset(
            "gsw_refit",
            "Svensson parameters recovered from the GSW zero yields (SVENY) after the parameter workbook",
            "Federal Reserve Board (feds200628 zero yields, via Nasdaq Data Link FED/SVENY); refit by "
            "treasury-leverage",
            "daily",
            "percent / years",
            (RawFile("rates/gsw_zero_yields_SVENY_daily_1961-2023.csv", "fed:refit_sveny",
                     (("after", "2018-04-20"),)),),
            notes="Days 2018-04-23..2023-07-07: the six Svensson parameters fitted to SVENY01..30 "
            "(the Fed's own Svensson curves, so the refit reproduces them to rounding; FIT_RMSE_BP "
            "gives each day's error). Fills the gap between the workbook and the feds200628 excerpt.",
            url="https://www.federalreserve.gov/data/yield-curve-tables/feds200628.csv",
            series_hint="BETA0..BETA3, TAU1, TAU2, FIT_RMSE_BP",
            tags=("fed", "rates", "derived"),
        ),
        Dataset(
            "gsw_feds200628",
            "Gurkaynak-Sack-Wright Svensson parameters from the Fed's feds200628.csv (excerpt)",
            "Federal Reserve Board (feds200628)",
            "irregular",
            "percent / years",
            (RawFile("rates/feds200628_excerpt_2023-07_2026-08.csv", "fed:parse_gsw_csv",
                     (("keep", "parameters"),)),),
            notes="Rows of the publisher's file: month-ends 2023-07..2026-07, every day of April 2025 "
            "and the file's last row, 2026-08-21.",
            url="https://www.federalreserve.gov/data/yield-curve-tables/feds200628.csv",
            series_hint="BETA0..BETA3, TAU1, TAU2",
            tags=("fed", "rates"),
        ),
        Dataset(
            "gsw_zero",
            "Gurkaynak-Sack-Wright zero-coupon yields, 1-30 years (continuously compounded)",
            "Federal Reserve Board (feds200628, via Nasdaq Data Link FED/SVENY)",
            "daily",
            "percent",
            (
                RawFile("rates/gsw_zero_yields_SVENY_daily_1961-2023.csv", "fed:parse_sveny"),
                RawFile("rates/feds200628_excerpt_2023-07_2026-08.csv", "fed:parse_gsw_csv",
                        (("keep", "zero"),)),
            ),
            notes="Daily to 2023-07-07 (the FED/SVENY export), then the month-ends 2023-07..2026-07, "
            "every day of April 2025 and 2026-08-21 (an excerpt of feds200628.csv).",
            url="https://www.federalreserve.gov/data/yield-curve-tables/feds200628.csv",
            series_hint="SVENY01..SVENY30",
            tags=("fed", "rates"),
        ),
        Dataset(
            "acm",
            "Adrian-Crump-Moench term premia, fitted and risk-neutral yields (monthly)",
            "Federal Reserve Bank of New York",
            "monthly",
            "percent",
            (RawFile("rates/acm_term_premium_monthly_1961-2007.csv", "nyfed:parse_acm_csv"),),
            notes="The bundled copy holds 1961-06..2007-12 of the July 2025 vintage (for checking a "
            "re-implementation); later months come from the live workbook.",
            url="https://www.newyorkfed.org/research/data_indicators/term-premia-tabs",
            series_hint="ACMY01..10, ACMTP01..10, ACMRNY01..10",
            tags=("nyfed", "rates"),
        ),
        Dataset(
            "fred",
            "FRED series: CMT yields, TIPS, breakevens, fed funds, SOFR, Kim-Wright term premium, FX, "
            "imports, reserves",
            "Federal Reserve Bank of St. Louis (FRED), re-distributing the publishers named per series",
            "mixed",
            "per series",
            _fred_files_in,
            url="https://fred.stlouisfed.org/",
            series_hint="FRED id: DGS10, DFII10, T10YIE, THREEFYTP10, DFF, DEXJPUS, ...",
            tags=("fred", "rates", "macro"),
        ),
        Dataset(
            "mspd",
            "Monthly Statement of the Public Debt: Treasury securities outstanding by class",
            "U.S. Treasury, Bureau of the Fiscal Service (Fiscal Data)",
            "monthly",
            "USD mn",
            (RawFile("macro/MSPD_SumSecty_20010131_20260531.csv", "treasury:parse_mspd"),),
            url="https://fiscaldata.treasury.gov/datasets/monthly-statement-public-debt/",
            series_hint="'<class>|public', e.g. 'bills|public', 'total_marketable|public'",
            tags=("treasury", "macro"),
        ),
    )
}


def dataset(name: str) -> Dataset:
    """Look a dataset up by id (case-insensitive), with close matches in the error."""
    key = name.strip().lower().replace("-", "_")
    try:
        return CATALOG[key]
    except KeyError:
        raise UnknownNameError("dataset", name, CATALOG) from None
