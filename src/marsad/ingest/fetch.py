"""HTTP for URLs the user gives and pages a feed links to: timeouts, retries, a clear UA."""

from __future__ import annotations

import time

import httpx

from marsad.errors import InputError

#: Statuses worth another try; any other error status fails at once.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BYTES = 20 * 1024 * 1024


class Fetcher:
    """One HTTP client for a run; close it (or use ``with``) when done."""

    def __init__(self, user_agent: str, timeout: float, retries: int, backoff: float = 0.5) -> None:
        self.retries = max(0, retries)
        self.backoff = backoff
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=timeout,
            follow_redirects=True,
        )

    def get(self, url: str) -> tuple[bytes, str]:
        """``(body, final url)``; raise :class:`InputError` naming the URL after the last try."""
        problem = "no attempt made"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._client.get(url)
            except httpx.TimeoutException:
                problem = "timed out"
                continue
            except httpx.TransportError as exc:
                problem = f"unreachable ({type(exc).__name__})"
                continue
            except httpx.InvalidURL as exc:
                raise InputError(f"invalid URL: {exc}", source=url) from None
            if response.status_code in RETRY_STATUSES:
                problem = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code}", source=url)
            if len(response.content) > MAX_BYTES:
                raise InputError(f"response larger than {MAX_BYTES} bytes", source=url)
            return response.content, str(response.url)
        tries = self.retries + 1
        raise InputError(f"{problem} after {tries} attempt(s)", source=url)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
