"""The gazetteer: place names (Arabic and Latin) to candidate places.

>>> gazetteer = Gazetteer.open(load_settings())  # doctest: +SKIP
>>> [c.kind for c in gazetteer.lookup("إدلب")]  # doctest: +SKIP
['governorate', 'district', 'town']
"""

from __future__ import annotations

from marsad.gazetteer.embedded import iso_numeric
from marsad.gazetteer.index import Gazetteer
from marsad.gazetteer.records import KINDS, PlaceRecord

__all__ = ["KINDS", "Gazetteer", "PlaceRecord", "iso_numeric"]
