"""The Python API: ``marsad.extract(text, published=...)``.

The extractor (lexicons, matchers, gazetteer) is built once per settings
object and reused; it holds no state that depends on earlier calls.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.document import Document, content_id
from marsad.events import Event
from marsad.settings import Settings, load_settings

if TYPE_CHECKING:
    from marsad.extraction import Extractor


@lru_cache(maxsize=4)
def extractor_for(settings: Settings) -> Extractor:
    """The extractor for ``settings`` (built on first use)."""
    from marsad.extraction import Extractor

    return Extractor(settings)


def extract(
    text: str,
    published: date | str | None = None,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
) -> list[Event]:
    """Events coded from one Arabic report; relative dates resolve against ``published``."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    document = Document(doc_id or content_id(text), text, source=source, published=published)
    return extractor_for(settings or load_settings()).extract(document)
