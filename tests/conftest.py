"""Shared fixtures: the seed corpus, and ``--update-golden`` to rewrite golden files after a reviewed change."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """The tests keep the place table (``consistency._cache``) in a folder of their own, not the user's cache:
    the session builds it once, and every run the tests start reads it from there."""
    import tempfile

    from consistency._cache import CACHE_ENV

    folder = tempfile.mkdtemp(prefix="consistency-test-cache-")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ[CACHE_ENV] = folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files (reports/ and tests/golden/) from the current code; review the diff.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seeds_result():  # type: ignore[no-untyped-def]
    import consistency

    return consistency.check([SEEDS])


def case_params(cases: list[dict[str, Any]]) -> list[Any]:
    """One pytest param per case of a JSON case table: its ``id`` as the test id, and a case carrying an
    ``xfail`` reason marked as a strict expected failure (a known gap, not a deleted case)."""
    return [
        pytest.param(
            case,
            id=case["id"],
            marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else [],
        )
        for case in cases
    ]


@pytest.fixture(params=[0o022, 0o077, 0o002], ids=["umask022", "umask077", "umask002"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under each of these umasks: what the tool writes must get the mode a normal write gives."""
    mask: int = request.param
    previous = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(previous)
