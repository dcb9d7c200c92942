"""marsad: Arabic conflict reports to geocoded, ACLED-coded event data."""

from __future__ import annotations

__version__ = "0.1.0"
