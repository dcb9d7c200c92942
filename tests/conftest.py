"""Shared fixtures: where the reference material in ../shared lives."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ID = "000_43be742b00fee8f7"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data not available: {path} (../shared is not beside the checkout)")
    return path


def assert_folded_word_list(name: str, loaded: Collection[str], word: str) -> None:
    """A word list loaded from a data file: non-empty, holding ``word``, every
    entry already in the text's matching form."""
    from marsad.normalize import match_key

    assert loaded and word in loaded, name
    for key in loaded:
        assert key and match_key(key) == key, (name, key)


@pytest.fixture
def seed_text() -> str:
    return shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")


def _hypothesis_profiles() -> None:
    # CI replays a fixed sequence of examples so that a green main stays green;
    # local runs keep drawing new examples and so keep finding new cases.
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()
