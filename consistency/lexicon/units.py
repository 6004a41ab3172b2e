"""Units of measure: each unit's family and its factor to the family's base unit (data, and one function).

:mod:`consistency.extract.quantities` owns the surface forms ("kilometres", "km", "kms" -> ``km``); this table
owns what a unit symbol is worth, so that two reports written in different units can be compared:

>>> normalize(5, 5, "GB") == normalize(5000, 5000, "MB")
True
>>> normalize(24, 24, "h") == normalize(2, 2, "day")
False
>>> normalize(10, None, "km")
(10000.0, None, 'm')

A calendar month or year is not a fixed number of seconds, so it normalizes to the interval it may cover
(28..31 days, 365..366 days); "30 days" lies inside "a month":

>>> normalize(1, 1, "month")
(2419200.0, 2678400.0, 's')
>>> normalize(30, 30, "day")
(2592000.0, 2592000.0, 's')

Temperatures are affine; units without a family (currencies, "%", counts) come back unchanged:

>>> normalize(212, 212, "°F")
(100.0, 100.0, '°C')
>>> normalize(3, 4, "USD")
(3, 4, 'USD')
"""

from __future__ import annotations

import math
from typing import NamedTuple

__all__ = ["SCALES", "Scale", "normalize"]


class Scale(NamedTuple):
    """How to express a unit in its family's base unit: ``base_value = (value + offset) * factor``.

    ``low``/``high`` are the smallest and largest factor (equal unless the unit is a calendar interval).
    """

    family: str
    low: float
    high: float
    offset: float = 0.0


def _exact(family: str, factor: float) -> Scale:
    return Scale(family, factor, factor)


_DAY = 86400.0
_DECIMAL = {"k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
_BINARY = {"Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40, "Pi": 2.0**50, "Ei": 2.0**60}

# fmt: off
#: Unit symbol (as :mod:`consistency.extract.quantities` writes it) -> family and factor to the base unit.
SCALES: dict[str, Scale] = {
    # length -> metre
    "m": _exact("m", 1.0), "km": _exact("m", 1e3), "cm": _exact("m", 1e-2), "mm": _exact("m", 1e-3),
    "nm": _exact("m", 1e-9), "pm": _exact("m", 1e-12), "mile": _exact("m", 1609.344), "nmi": _exact("m", 1852.0),
    "ft": _exact("m", 0.3048), "inch": _exact("m", 0.0254), "yd": _exact("m", 0.9144),
    # mass -> kilogram ("t" is the metric tonne)
    "kg": _exact("kg", 1.0), "g": _exact("kg", 1e-3), "mg": _exact("kg", 1e-6), "t": _exact("kg", 1e3),
    "lb": _exact("kg", 0.45359237), "oz": _exact("kg", 0.028349523125),
    # time -> second; calendar units are intervals (a month is 28..31 days, a year 365..366 days, a decade
    # holds two or three leap years, a century 24 or 25)
    "s": _exact("s", 1.0), "min": _exact("s", 60.0), "h": _exact("s", 3600.0), "day": _exact("s", _DAY),
    "week": _exact("s", 7 * _DAY), "fortnight": _exact("s", 14 * _DAY),
    "month": Scale("s", 28 * _DAY, 31 * _DAY), "year": Scale("s", 365 * _DAY, 366 * _DAY),
    "decade": Scale("s", 3652 * _DAY, 3653 * _DAY), "century": Scale("s", 36524 * _DAY, 36525 * _DAY),
    # speed -> metre per second
    "m/s": _exact("m/s", 1.0), "km/h": _exact("m/s", 1 / 3.6), "mph": _exact("m/s", 0.44704),
    "kn": _exact("m/s", 1852 / 3600),
    # temperature -> degree Celsius (affine)
    "°C": _exact("°C", 1.0), "°F": Scale("°C", 5 / 9, 5 / 9, -32.0),
    # area -> square metre; volume -> cubic metre
    "m2": _exact("m2", 1.0), "km2": _exact("m2", 1e6), "mi2": _exact("m2", 1609.344**2),
    "ft2": _exact("m2", 0.3048**2), "ha": _exact("m2", 1e4), "acre": _exact("m2", 4046.8564224),
    "m3": _exact("m3", 1.0), "km3": _exact("m3", 1e9), "l": _exact("m3", 1e-3), "ml": _exact("m3", 1e-6),
    "cl": _exact("m3", 1e-5), "gal": _exact("m3", 3.785411784e-3), "bbl": _exact("m3", 0.158987294928),
    "cup": _exact("m3", 2.365882365e-4), "tbsp": _exact("m3", 1.478676478125e-5),
    "tsp": _exact("m3", 4.92892159375e-6),
    # data: decimal prefixes (a "KB" is read as 1000 bytes, as storage vendors state it), binary prefixes
    "B": _exact("B", 1.0), "KB": _exact("B", 1e3),
    **{p + "B": _exact("B", f) for p, f in _DECIMAL.items()}, **{p + "B": _exact("B", f) for p, f in _BINARY.items()},
    "bit": _exact("bit", 1.0), **{p + "bit": _exact("bit", f) for p, f in _DECIMAL.items()},
    "bit/s": _exact("bit/s", 1.0), **{p + "bit/s": _exact("bit/s", f) for p, f in _DECIMAL.items()},
    # power, energy, frequency, voltage, radiation dose
    "W": _exact("W", 1.0), **{p + "W": _exact("W", f) for p, f in _DECIMAL.items()},
    "J": _exact("J", 1.0), "Wh": _exact("J", 3600.0),
    **{p + "Wh": _exact("J", 3600.0 * f) for p, f in _DECIMAL.items()},
    "eV": _exact("J", 1.602176634e-19), **{p + "eV": _exact("J", 1.602176634e-19 * f) for p, f in _DECIMAL.items()},
    "cal": _exact("J", 4.184), "kcal": _exact("J", 4184.0),
    "Hz": _exact("Hz", 1.0), **{p + "Hz": _exact("Hz", f) for p, f in _DECIMAL.items()},
    "V": _exact("V", 1.0), "kV": _exact("V", 1e3),
    "Gy": _exact("Gy", 1.0), "mGy": _exact("Gy", 1e-3),
}
# fmt: on


def normalize(low: float | None, high: float | None, unit: str) -> tuple[float | None, float | None, str]:
    """The interval [low, high] stated in ``unit``, in the base unit of its family, and that base unit.

    An unknown unit returns the bounds and the unit unchanged; a bound that is None stays None.  A calendar
    unit widens the interval to every length the unit may have:

    >>> normalize(2, 3, "week")
    (1209600.0, 1814400.0, 's')
    >>> normalize(None, 2, "year")
    (None, 63244800.0, 's')
    >>> normalize(60, 60, "km/h") == normalize(1000 / 60, 1000 / 60, "m/s")
    True
    >>> normalize(1, 1, "KiB"), normalize(1, 1, "kB")
    ((1024.0, 1024.0, 'B'), (1000.0, 1000.0, 'B'))
    >>> normalize(-40, 32, "°F")
    (-40.0, 0.0, '°C')
    """
    scale = SCALES.get(unit)
    if scale is None:
        return low, high, unit
    lo = None if low is None else min((low + scale.offset) * scale.low, (low + scale.offset) * scale.high)
    hi = None if high is None else max((high + scale.offset) * scale.low, (high + scale.offset) * scale.high)
    if (lo is not None and not math.isfinite(lo)) or (hi is not None and not math.isfinite(hi)):
        return low, high, unit
    return lo, hi, scale.family
