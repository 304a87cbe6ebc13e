"""Countries for the world-wide sets (``world``, ``pitf``): ISO3 code, name, region group, the
name variants datasets and gazetteers use, and an admin-name comparison for non-Pakistani units.

Data only plus a few look-ups; nothing here reads an evaluation file.
"""

from __future__ import annotations

import re
from typing import Any

from .common import admin_match, fold

OTHER = "Other"

# Region groups used in the per-group tables, then "ISO3 Name" entries. The grouping follows
# ACLED's regions, coarsened: North Africa is in Africa, Turkey and Iran in the Middle East,
# Afghanistan in South Asia, Russia in Europe, the Caribbean in the Americas. Countries not
# listed (East Asia, Oceania) are reported as "Other".
_TABLE = """
Africa: DZA Algeria; AGO Angola; BEN Benin; BWA Botswana; BFA Burkina Faso; BDI Burundi;
  CMR Cameroon; CPV Cape Verde; CAF Central African Republic; TCD Chad; COM Comoros;
  COG Republic of Congo; COD Democratic Republic of Congo; CIV Ivory Coast; DJI Djibouti;
  EGY Egypt; GNQ Equatorial Guinea; ERI Eritrea; SWZ eSwatini; ETH Ethiopia; GAB Gabon;
  GMB Gambia; GHA Ghana; GIN Guinea; GNB Guinea-Bissau; KEN Kenya; LSO Lesotho; LBR Liberia;
  LBY Libya; MDG Madagascar; MWI Malawi; MLI Mali; MRT Mauritania; MUS Mauritius; MAR Morocco;
  MOZ Mozambique; NAM Namibia; NER Niger; NGA Nigeria; RWA Rwanda; STP Sao Tome and Principe;
  SEN Senegal; SYC Seychelles; SLE Sierra Leone; SOM Somalia; ZAF South Africa; SSD South Sudan;
  SDN Sudan; TZA Tanzania; TGO Togo; TUN Tunisia; UGA Uganda; ESH Western Sahara; ZMB Zambia;
  ZWE Zimbabwe
Middle East: BHR Bahrain; IRN Iran; IRQ Iraq; ISR Israel; JOR Jordan; KWT Kuwait; LBN Lebanon;
  OMN Oman; PSE Palestine; QAT Qatar; SAU Saudi Arabia; SYR Syria; TUR Turkey;
  ARE United Arab Emirates; YEM Yemen
South Asia: AFG Afghanistan; BGD Bangladesh; BTN Bhutan; IND India; MDV Maldives; NPL Nepal;
  PAK Pakistan; LKA Sri Lanka
Southeast Asia: BRN Brunei; KHM Cambodia; IDN Indonesia; LAO Laos; MYS Malaysia; MMR Myanmar;
  PHL Philippines; SGP Singapore; THA Thailand; TLS Timor-Leste; VNM Vietnam
Caucasus/Central Asia: ARM Armenia; AZE Azerbaijan; GEO Georgia; KAZ Kazakhstan;
  KGZ Kyrgyzstan; TJK Tajikistan; TKM Turkmenistan; UZB Uzbekistan
Europe: ALB Albania; AUT Austria; BLR Belarus; BEL Belgium; BIH Bosnia and Herzegovina;
  BGR Bulgaria; HRV Croatia; CYP Cyprus; CZE Czech Republic; DNK Denmark; EST Estonia;
  FIN Finland; FRA France; DEU Germany; GRC Greece; HUN Hungary; ISL Iceland; IRL Ireland;
  ITA Italy; XKX Kosovo; LVA Latvia; LTU Lithuania; LUX Luxembourg; MLT Malta; MDA Moldova;
  MNE Montenegro; NLD Netherlands; MKD North Macedonia; NOR Norway; POL Poland; PRT Portugal;
  ROU Romania; RUS Russia; SRB Serbia; SVK Slovakia; SVN Slovenia; ESP Spain; SWE Sweden;
  CHE Switzerland; UKR Ukraine; GBR United Kingdom
Americas: ARG Argentina; BHS Bahamas; BRB Barbados; BLZ Belize; BOL Bolivia; BRA Brazil;
  CAN Canada; CHL Chile; COL Colombia; CRI Costa Rica; CUB Cuba; CUW Curacao;
  DOM Dominican Republic; ECU Ecuador; SLV El Salvador; GLP Guadeloupe; GTM Guatemala;
  GUY Guyana; HTI Haiti; HND Honduras; JAM Jamaica; MTQ Martinique; MEX Mexico; NIC Nicaragua;
  PAN Panama; PRY Paraguay; PER Peru; PRI Puerto Rico; SUR Suriname; TTO Trinidad and Tobago;
  USA United States; URY Uruguay; VEN Venezuela
Other: CHN China; JPN Japan; KOR South Korea; PRK North Korea; MNG Mongolia; TWN Taiwan;
  PNG Papua New Guinea; AUS Australia; NZL New Zealand; FJI Fiji
"""

# Name variants (datasets, gazetteers, UN style) -> the table's name. Compared after ``fold``
# (case and accents), so "Curaçao" / "Curacao" and "Eswatini" / "eSwatini" need no entry.
COUNTRY_ALIASES = {
    "Ivory Coast": ["Cote d'Ivoire", "Côte d’Ivoire"],
    "Republic of Congo": ["Congo", "Congo (Brazzaville)", "Congo-Brazzaville", "Republic of the Congo"],
    "Democratic Republic of Congo": ["DR Congo", "DRC", "Congo (Kinshasa)", "Congo, The Democratic Republic of the",
                                     "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "Russia": ["Russian Federation"],
    "Iran": ["Islamic Republic of Iran", "Iran, Islamic Republic of"],
    "Syria": ["Syrian Arab Republic"],
    "Vietnam": ["Viet Nam"],
    "Laos": ["Lao People's Democratic Republic", "Lao PDR"],
    "South Korea": ["Korea, Republic of", "Republic of Korea", "Korea"],
    "North Korea": ["Korea, Democratic People's Republic of"],
    "Tanzania": ["United Republic of Tanzania", "Tanzania, United Republic of"],
    "Palestine": ["Palestinian Territory", "State of Palestine", "Palestinian Territories"],
    "Turkey": ["Turkiye", "Türkiye"],
    "Czech Republic": ["Czechia"],
    "eSwatini": ["Swaziland"],
    "Myanmar": ["Burma"],
    "North Macedonia": ["Macedonia", "Republic of North Macedonia"],
    "Curacao": ["Curaçao"],
    "Cape Verde": ["Cabo Verde"],
    "Timor-Leste": ["East Timor"],
    "Gambia": ["The Gambia"],
    "Bahamas": ["The Bahamas"],
    "Moldova": ["Republic of Moldova"],
    "Bolivia": ["Plurinational State of Bolivia"],
    "Venezuela": ["Bolivarian Republic of Venezuela"],
    "United States": ["United States of America", "USA", "US"],
    "United Kingdom": ["UK", "Great Britain"],
}

# Codes the PITF atrocities file uses that are not ISO 3166 alpha-3 (read from its rows).
ISO3_FIXES = {"BRZ": "BRA", "ALG": "DZA", "BAH": "BHS", "THL": "THA", "ELS": "SLV", "KUW": "KWT"}


def _parse(table: str) -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}  # ISO3 -> name
    regions: dict[str, str] = {}  # ISO3 -> region
    for block in re.split(r"\n(?=\S)", table.strip()):
        region, _, body = block.partition(":")
        for entry in body.split(";"):
            code, _, name = " ".join(entry.split()).partition(" ")
            names[code] = name
            regions[code] = region.strip()
    return names, regions


NAMES, REGIONS = _parse(_TABLE)
_KEY = {fold(n): n for n in NAMES.values()}
_KEY.update({fold(v): n for n, vs in COUNTRY_ALIASES.items() for v in vs})
_ISO3_BY_NAME = {n: c for c, n in NAMES.items()}


def country_name(name: Any) -> str:
    """The table's name for a country name or variant; an unknown name comes back folded."""
    k = fold(name).replace("’", "'")
    return _KEY.get(k, k)


def country_match(pred: Any, gold: Any) -> bool:
    return bool(fold(pred)) and country_name(pred) == country_name(gold)


def iso3_of(name: Any) -> str | None:
    return _ISO3_BY_NAME.get(country_name(name))


def fix_iso3(code: Any) -> str:
    c = str(code or "").strip().upper()
    return ISO3_FIXES.get(c, c)


def region_of_name(name: Any) -> str:
    code = iso3_of(name)
    return REGIONS.get(code, OTHER) if code else OTHER


def region_of_iso3(code: Any) -> str:
    return REGIONS.get(fix_iso3(code), OTHER)


REGION_ORDER = ["Africa", "Middle East", "South Asia", "Southeast Asia", "Caucasus/Central Asia",
                "Europe", "Americas", OTHER]

# Unit words other countries' admin names carry ("Borno State", "Diyala Governorate",
# "Oromia Region", GeoNames' "Heilongjiang Sheng", "Xinjiang Uygur Zizhiqu", "Muhafazat Wasit")
# and the Arabic article GeoNames writes ("Al Basrah", "An Najaf"); admin_match already removes
# Pakistan's unit words (province, district, agency...) and absorbs spelling.
_UNIT_SUFFIX = re.compile(r"\s+(?:state|governorate|region|county|prefecture|oblast|department|"
                          r"municipality|regency|city|sheng|(?:uygur |zhuangzu |huizu )?zizhiqu)$")
_PREFIX = re.compile(r"^(?:muhafazat|wilayat|provincia de|province of|state of)\s+|^(?:al|an|as|ash|ar|ad|el)[ -]")


# English names for GeoNames' transliterations, where spelling tolerance does not reach.
_ADMIN_VARIANTS = {"ninawa": "nineveh", "babil": "babylon", "corse": "corsica"}


def _admin_base(name: Any) -> str:
    s = fold(name)
    for _ in range(2):
        s = _PREFIX.sub("", _UNIT_SUFFIX.sub("", s)).strip()
    return _ADMIN_VARIANTS.get(s, s)


def event_iso2(ev: Any) -> str | None:
    """A predicted event's country code, to compare admin units within that country."""
    if ev is None or not getattr(ev, "iso3", None):
        return None
    from ..geo import get_gazetteer

    unit = get_gazetteer().country(ev.iso3)
    return unit.country if unit else None


def admin_match_world(pred: Any, gold: Any, country: str | None = None, level: int = 1) -> bool:
    """``common.admin_match``, also after removing unit words and a leading article (above),
    or, given the ``country`` (ISO2), when the gazetteer finds the gold name to be another name
    of the predicted unit ("West Java" is GeoNames' "Jawa Barat"): the same unit, however the
    two datasets spell it."""
    if admin_match(pred, gold) or admin_match(_admin_base(pred), _admin_base(gold)):
        return True
    if not (pred and gold and country):
        return False
    from ..geo import get_gazetteer

    gaz = get_gazetteer()
    unit = gaz.admin1(country, str(gold)) if level == 1 else gaz.admin2(country, None, str(gold))
    return unit is not None and fold(unit.admin1 if level == 1 else unit.admin2) == fold(pred)


def admin1_as_admin2(pred_admin2: Any, gold_admin1: Any, country: str | None) -> bool:
    """ACLED's admin1 is GeoNames' admin2 in some countries (Uganda's districts under
    GeoNames' four regions): a gold admin1 that names no admin1 of the country but the
    predicted admin2 is the same unit."""
    if not (pred_admin2 and gold_admin1 and country):
        return False
    from ..geo import get_gazetteer

    if get_gazetteer().admin1(country, str(gold_admin1)) is not None:
        return False
    return admin_match_world(pred_admin2, gold_admin1, country, 2)
