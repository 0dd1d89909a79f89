"""The references behind the presets and the models, shipped with the package.

Every preset's ``source`` (:mod:`treasury_leverage.presets`) is free text naming its authors or
publisher; :func:`references_for` resolves it to the :class:`Reference` records below (authors,
year, title, venue, URL or DOI, and the table or page the number comes from), so ``tlev cite``,
the brief and the docs never point at a file the reader does not have.

Where a preset is our own choice or assumption, it resolves to :data:`OWN_CHOICE` (and to any
paper it also names). Fields we could not verify say so (``"not verified"``) rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage._format import reader_source
from treasury_leverage.errors import UnknownNameError

if TYPE_CHECKING:
    from treasury_leverage.presets import Preset

__all__ = [
    "OWN_CHOICE",
    "REFERENCES",
    "Reference",
    "cite_preset",
    "get_reference",
    "reader_source",
    "references_for",
]


@dataclass(frozen=True, slots=True)
class Reference:
    """One bibliography entry.

    Attributes
    ----------
    key
        Short stable key, ``author<year>``.
    authors
        As published ("Beltran, D. O., Kretchmer, M., ...") or the institution.
    year
        Publication year.
    title
        Title of the work.
    venue
        Journal (volume, issue, pages), working-paper series or publisher.
    url
        DOI (as ``https://doi.org/...``) or the publisher's URL.
    where
        The table, page or section the toolkit's numbers come from.
    patterns
        Regular expressions that find this work in a preset's free-text ``source``.
    """

    key: str
    authors: str
    year: int
    title: str
    venue: str
    url: str
    where: str
    patterns: tuple[str, ...]

    def text(self) -> str:
        """One-line citation: authors (year), "title", venue; where; url."""
        parts = [f'{self.authors} ({self.year}), "{self.title}", {self.venue}']
        if self.where:
            parts.append(self.where)
        if self.url:
            parts.append(self.url)
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON (without the matching patterns)."""
        out = asdict(self)
        out.pop("patterns")
        return out


OWN_CHOICE: Final = Reference(
    key="treasury_leverage",
    authors="treasury-leverage developers",
    year=2026,
    title="Modelling choices and assumptions of the treasury-leverage toolkit",
    venue="stated in each preset's notes (tlev cite PRESET) and on the methods page of the documentation",
    url="",
    where="the preset's notes",
    patterns=(r"\b[Oo]ur (assumption|choice|discretisation)", r"\bTypical\b", r"\bOn-the-run bid-ask",
              r"Implied by", r"\bDerived from\b", r"Monte Carlo device",
              r"modified durations at a 4\.5% par curve"),
)

REFERENCES: Final[tuple[Reference, ...]] = (
    Reference(
        "beltran2013", "Beltran, D. O., Kretchmer, M., Marquez, J. & Thomas, C. P.", 2013,
        "Foreign holdings of U.S. Treasuries and U.S. Treasury yields",
        "Journal of International Money and Finance 32(1); earlier as FRB International Finance "
        "Discussion Paper 1041 (2012)",
        "https://www.federalreserve.gov/pubs/ifdp/2012/1041/default.htm",
        "abstract: USD 100bn fall in foreign official inflows -> 5-year yield +40 to +60 bp short run, "
        "about +20 bp long run",
        (r"Beltran",),
    ),
    Reference(
        "warnock2009", "Warnock, F. E. & Warnock, V. C.", 2009,
        "International capital flows and U.S. interest rates",
        "Journal of International Money and Finance 28(6), 903-919; NBER Working Paper 12560 (2006)",
        "https://doi.org/10.3386/w12560",
        "abstract (NBER WP 12560): no foreign official flows over the past year -> 10-year yield +90 bp",
        (r"Warnock",),
    ),
    Reference(
        "ahmed_rebucci2022", "Ahmed, R. & Rebucci, A.", 2022,
        "Dollar reserves and U.S. yields: identifying the price impact of official flows",
        "NBER Working Paper 30476", "https://doi.org/10.3386/w30476",
        "abstract: more than 100 bp on 5-, 10- and 30-year yields per USD 100bn on impact",
        (r"Ahmed & Rebucci",),
    ),
    Reference(
        "martin2014", "Martin", 2014,
        "SSRN working paper 2534451 (title not recorded)",
        "Johns Hopkins University dissertation chapter; SSRN working paper 2534451",
        "https://ssrn.com/abstract=2534451",
        "abstract: a surprise USD 100bn foreign purchase lowers all yields for about two years",
        (r"Martin \(2014",),
    ),
    Reference(
        "kcfed2025", "Federal Reserve Bank of Kansas City", 2025,
        "The changing investor composition of US Treasuries, Part 1",
        "Kansas City Fed Economic Bulletin",
        "https://www.kansascityfed.org/research/economic-bulletin/",
        "synthesis: +57 bp average (25-101 bp) for a one-s.d. monthly foreign liquidation of about "
        "USD 141bn (1.87% of foreign holdings, March 2025)",
        (r"Kansas City Fed",),
    ),
    Reference(
        "crawley2022", "Crawley, E., Gagnon, E., Hebden, J. & Trevino, I.", 2022,
        "Substitutability between balance sheet reductions and policy rate hikes: some illustrations "
        "and a discussion", "FEDS Notes, Board of Governors of the Federal Reserve System, 3 June 2022",
        "https://www.federalreserve.gov/econres/notes/feds-notes/default.htm",
        "FRB/US balance-sheet rule: 1% of GDP of 10-year equivalents -> about 10 bp on the 10-year "
        "term premium (quoted by a secondary source)",
        (r"Crawley",),
    ),
    Reference(
        "li_wei2013", "Li, C. & Wei, M.", 2013,
        "Term structure modeling with supply factors and the Federal Reserve's large-scale asset "
        "purchase programs", "International Journal of Central Banking 9(1), 3-39",
        "https://www.ijcb.org/",
        "LSAP1, LSAP2 and MEP jointly about -100 bp on the 10-year yield",
        (r"Li & Wei",),
    ),
    Reference(
        "bea_nipa_1_1_5", "U.S. Bureau of Economic Analysis", 2025,
        "National Income and Product Accounts, Table 1.1.5: Gross Domestic Product",
        "BEA Interactive Data", "https://apps.bea.gov/iTable/?reqid=19&step=2&isuri=1&categories=survey",
        "Table 1.1.5, nominal GDP, 2025", (r"Bureau of Economic Analysis, NIPA",),
    ),
    Reference(
        "meyer_three_to_one", "Laurence H. Meyer & Co. (Macroeconomic Advisers)", 2017,
        "Notes on the Fed's balance sheet and the 'three-to-one' rule of thumb",
        "L. H. Meyer client notes (quoted)", "https://www.lhmeyer.com/",
        "short rates move about three times as much as long rates", (r"three-to-one",),
    ),
    Reference(
        "vasicek1977", "Vasicek, O.", 1977, "An equilibrium characterization of the term structure",
        "Journal of Financial Economics 5(2), 177-188", "https://doi.org/10.1016/0304-405X(77)90016-2",
        "the short-rate model whose typical U.S. fits set the presets' mean reversion and volatility",
        (r"Vasicek",),
    ),
    Reference(
        "sifma2025", "SIFMA", 2025, "US Fixed Income Securities: Issuance, Trading and Outstanding",
        "SIFMA Research, statistics and Capital Markets Fact Book (February 2025)",
        "https://www.sifma.org/resources/research/statistics/",
        "Treasury average daily volume USD 907.9bn in 2024", (r"SIFMA",),
    ),
    Reference(
        "almgren_chriss2000", "Almgren, R. & Chriss, N.", 2000, "Optimal execution of portfolio transactions",
        "Journal of Risk 3(2), 5-39", "https://doi.org/10.21314/JOR.2001.041",
        "section on parameter choice: trading 1% of daily volume costs one bid-ask spread",
        (r"Almgren & Chriss",),
    ),
    Reference(
        "cbo61249", "Congressional Budget Office", 2025,
        "How Changes in Economic Conditions Might Affect the Federal Budget: 2025 to 2035",
        "CBO publication 61249", "https://www.cbo.gov/publication/61249",
        "four adverse scenarios raise the 2026-35 deficit by USD 184-388bn; baseline deficit USD 21.8tn",
        (r"publication 61249", r"Congressional Budget Office \(2025\)"),
    ),
    Reference(
        "cbo60870", "Congressional Budget Office", 2025, "The Budget and Economic Outlook: 2025 to 2035",
        "CBO publication 60870 (January 2025)", "https://www.cbo.gov/publication/60870",
        "baseline deficits and nominal GDP growth, 2026-35", (r"Budget and Economic Outlook", r"60870"),
    ),
    Reference(
        "treasury_avg_rates", "U.S. Department of the Treasury, Bureau of the Fiscal Service", 2025,
        "Average Interest Rates on U.S. Treasury Securities", "Fiscal Data",
        "https://fiscaldata.treasury.gov/datasets/average-interest-rates-treasury-securities/",
        "total marketable, 2025", (r"Average Interest Rates",),
    ),
    Reference(
        "treasury_mspd", "U.S. Department of the Treasury, Bureau of the Fiscal Service", 2026,
        "Monthly Statement of the Public Debt of the United States (summary by security type)",
        "Fiscal Data", "https://fiscaldata.treasury.gov/datasets/monthly-statement-public-debt/",
        "total marketable debt, month-end (the bundled mspd dataset)",
        (r"Monthly Statement of the Public Debt", r"\bMSPD\b"),
    ),
    Reference(
        "treasury_wam", "U.S. Department of the Treasury", 2025,
        "Weighted average maturity of marketable debt (Treasury data, quoted in secondary summaries; "
        "Treasury blog 2012)", "U.S. Treasury", "https://home.treasury.gov/",
        "about 72 months in 2025; 63.9 months in May 2012", (r"Weighted average maturity",),
    ),
    Reference(
        "boj2016_comprehensive", "Bank of Japan", 2016,
        "Comprehensive Assessment: Developments in Economic Activity and Prices as well as Policy Effects "
        "since the Introduction of Quantitative and Qualitative Monetary Easing (QQE), The Background",
        "Bank of Japan, 21 September 2016", "",
        "JGB purchases lowered the 10-year JGB yield by about 1 percentage point (recalled, figure not "
        "verified)", (r"Comprehensive Assessment",),
    ),
    Reference(
        "fukunaga2015", "Fukunaga, I., Kato, N. & Koeda, J.", 2015,
        "Maturity Structure and Supply Factors in Japanese Government Bond Markets",
        "Monetary and Economic Studies 33, Institute for Monetary and Economic Studies, Bank of Japan", "",
        "net supply of JGBs affects long-term yields, more at the zero bound", (r"Fukunaga, Kato",),
    ),
    Reference(
        "boj_flow_of_funds", "Bank of Japan", 2024,
        "Flow of Funds Accounts: Japanese government bonds by holder",
        "Bank of Japan statistics", "",
        "the Bank of Japan about half of JGBs outstanding (recalled, figures not verified)",
        (r"Flow of Funds",),
    ),
    Reference(
        "fed_fima_repo", "Board of Governors of the Federal Reserve System", 2021,
        "FIMA repo facility: temporary facility announced 31 March 2020; standing facility established "
        "28 July 2021", "Federal Reserve press releases and FOMC implementation notes", "",
        "rate IOER + 25 bp (2020 terms); since 2021 the top of the FOMC's target range (recalled, URL "
        "and figures not verified)", (r"FIMA repo facility",),
    ),
    Reference(
        "fed_mortgage_spread", "Associated Press, reporting Federal Reserve data", 2025,
        "Spread of the 30-year mortgage rate over the 10-year Treasury yield",
        "news report (secondary source)",
        "",
        "historical average about 170 bp; 292 bp in October 2022", (r"Fed data via AP",),
    ),
    Reference(
        "mortgage_passthrough", "Secondary sources on mortgage spreads", 2025,
        "Pass-through of Treasury term-premium shocks to mortgage rates",
        "summary of secondary sources on mortgage spreads in disorderly sell-offs", "",
        "long run about 1:1; in disorderly sell-offs the spread widens 20-80 bp",
        (r"pass-through of a Treasury term-premium shock",),
    ),
    Reference(
        "census_ft900_2024", "U.S. Census Bureau & U.S. Bureau of Economic Analysis", 2025,
        "U.S. International Trade in Goods and Services, December and Annual 2024",
        "FT-900 release, 5 February 2025", "https://www.census.gov/foreign-trade/Press-Release/current_press_release/",
        "goods by country, Census basis", (r"FT-900",),
    ),
    Reference(
        "fajgelbaum2020", "Fajgelbaum, P. D., Goldberg, P. K., Kennedy, P. J. & Khandelwal, A. K.", 2020,
        "The Return to Protectionism", "Quarterly Journal of Economics 135(1), 1-55",
        "https://doi.org/10.1093/qje/qjz036", "U.S. import demand elasticity about 2.5 (2018 tariffs)",
        (r"Fajgelbaum",),
    ),
    Reference(
        "broda_weinstein2006", "Broda, C. & Weinstein, D. E.", 2006,
        "Globalization and the Gains from Variety",
        "Quarterly Journal of Economics 121(2), 541-585", "https://doi.org/10.1162/qjec.2006.121.2.541",
        "median product-level import elasticities", (r"Broda & Weinstein",),
    ),
    Reference(
        "soderbery2015", "Soderbery, A.", 2015,
        "Estimating import supply and demand elasticities: Analysis and implications",
        "Journal of International Economics 96(1), 1-17", "",
        "median product-level import elasticities", (r"Soderbery",),
    ),
    Reference(
        "amiti2019", "Amiti, M., Redding, S. J. & Weinstein, D. E.", 2019,
        "The Impact of the 2018 Tariffs on Prices and Welfare",
        "Journal of Economic Perspectives 33(4), 187-210",
        "https://doi.org/10.1257/jep.33.4.187", "complete pass-through of the 2018 tariffs to import prices",
        (r"Amiti",),
    ),
    Reference(
        "cavallo2021", "Cavallo, A., Gopinath, G., Neiman, B. & Tang, J.", 2021,
        "Tariff Pass-Through at the Border and at the Store: Evidence from US Trade Policy",
        "American Economic Review: Insights 3(1), 19-34", "https://doi.org/10.1257/aeri.20190536",
        "near-complete pass-through at the border", (r"Cavallo",),
    ),
    Reference(
        "mof_intervention", "Ministry of Finance, Japan", 2024, "Foreign Exchange Intervention Operations",
        "quarterly and monthly releases", "https://www.mof.go.jp/english/policy/international_policy/"
        "reference/feio/index.html",
        "yen-buying of JPY 2.84tn (22 Sep 2022), 5.62tn (21 Oct 2022), 9.79tn (29 Apr-1 May 2024), "
        "5.53tn (11-12 Jul 2024)", (r"Ministry of Finance",),
    ),
    Reference(
        "fred_dexjpus", "Board of Governors of the Federal Reserve System (via FRED)", 2025,
        "Japanese Yen to U.S. Dollar Spot Exchange Rate (DEXJPUS)", "FRED, Federal Reserve Bank of St. Louis",
        "https://fred.stlouisfed.org/series/DEXJPUS", "noon buying rates in New York, bundled snapshot",
        (r"DEXJPUS",),
    ),
    Reference(
        "imf_weo2024", "International Monetary Fund", 2024, "World Economic Outlook database, October 2024",
        "IMF", "https://www.imf.org/en/Publications/WEO/weo-database/2024/October",
        "nominal GDP in U.S. dollars, 2024", (r"IMF World Economic Outlook",),
    ),
    Reference(
        "mba_originations", "Mortgage Bankers Association", 2025, "Single-family mortgage originations",
        "MBA Mortgage Finance Forecast", "https://www.mba.org/news-and-research/forecasts-and-commentary",
        "about USD 1.7tn in 2024", (r"Mortgage Bankers Association",),
    ),
    Reference(
        "treasury_refunding", "U.S. Department of the Treasury", 2025, "Quarterly Refunding Statement",
        "Office of Debt Management, quarterly refunding documents",
        "https://home.treasury.gov/policy-issues/financing-the-government/quarterly-refunding",
        "coupon auction sizes held 'for at least the next several quarters'; changes in borrowing needs met "
        "with bills", (r"quarterly refunding statements?",),
    ),
    Reference(
        "setser_cfr", "Setser, B. W.", 2016,
        "Follow the Money (blog): China's reserves and Euroclear custody",
        "Council on Foreign Relations", "https://www.cfr.org/blog",
        "China's Treasuries held by SAFE, about 40% of reserves; Belgium's custodial holdings added to China",
        (r"Setser \(CFR",),
    ),
    # -- the models' own references (not preset sources) ---------------------------------------
    Reference(
        "acm2013", "Adrian, T., Crump, R. K. & Moench, E.", 2013, "Pricing the term structure with linear "
        "regressions", "Journal of Financial Economics 110(1), 110-138",
        "https://doi.org/10.1016/j.jfineco.2013.04.009", "the term premium model (tlev termpremium)",
        (r"Adrian, Crump",),
    ),
    Reference(
        "gsw2007", "Gurkaynak, R. S., Sack, B. & Wright, J. H.", 2007, "The U.S. Treasury yield curve: 1961 "
        "to the present", "Journal of Monetary Economics 54(8), 2291-2304",
        "https://doi.org/10.1016/j.jmoneco.2007.06.029", "the zero-coupon curves to April 2018",
        (r"G[uü]rkaynak",),
    ),
    Reference(
        "vayanos_vila2021", "Vayanos, D. & Vila, J.-L.", 2021,
        "A Preferred-Habitat Model of the Term Structure of Interest Rates", "Econometrica 89(1), 77-112",
        "https://doi.org/10.3982/ECTA17440", "the preferred-habitat model (impact model 'habitat')",
        (r"Vayanos",),
    ),
)

_BY_KEY: Final = {r.key: r for r in (*REFERENCES, OWN_CHOICE)}



def references_for(source: str) -> list[Reference]:
    """The bibliography entries a preset's free-text ``source`` names, in bibliography order.

    Parameters
    ----------
    source
        :attr:`treasury_leverage.presets.Preset.source`.
    """
    found = [r for r in REFERENCES if any(re.search(p, source) for p in r.patterns)]
    if any(re.search(p, source) for p in OWN_CHOICE.patterns):
        found.append(OWN_CHOICE)
    return found


def get_reference(key: str) -> Reference:
    """The entry with this key.

    Raises
    ------
    UnknownNameError
        No such key (the message lists the nearest).
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise UnknownNameError("reference", key, _BY_KEY) from None


def cite_preset(preset: Preset) -> dict[str, Any]:
    """A preset with its reader-facing source and resolved references (for ``tlev cite``)."""
    return {
        "preset": preset.name,
        "value": preset.value,
        "low": preset.low,
        "high": preset.high,
        "unit": preset.unit,
        "confidence": preset.confidence,
        "source": reader_source(preset.source),
        "notes": reader_source(preset.notes),
        "references": [r.to_dict() for r in references_for(preset.source)],
    }
