"""docs/python.md, the page for library users, is a doctest: every example on it runs here."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from nodespec.reference import loop

PAGE = Path(__file__).parent.parent / "docs" / "python.md"


@pytest.fixture(autouse=True)
def fresh_loop() -> object:
    loop.default_loop.__init__()  # type: ignore[misc]
    yield
    loop.default_loop.__init__()  # type: ignore[misc]


def test_the_python_page_runs() -> None:
    result = doctest.testfile(
        str(PAGE), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.attempted > 40
    assert result.failed == 0
