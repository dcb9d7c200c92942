"""marsad: Arabic conflict reports to geocoded, ACLED-coded event data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract"]

if TYPE_CHECKING:
    from marsad.api import extract


def __getattr__(name: str) -> Any:
    # Importing marsad must stay cheap: the extractor loads only when used.
    if name == "extract":
        from marsad.api import extract

        return extract
    raise AttributeError(f"module 'marsad' has no attribute {name!r}")
