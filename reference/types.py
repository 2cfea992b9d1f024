"""JavaScript values that Python lacks, as the reference represents them."""

from __future__ import annotations

import itertools


class BigInt(int):
    """A JavaScript BigInt (``5n``): an ``int`` that remembers it is not a Number."""

    def __repr__(self) -> str:
        return f"{int(self)}n"


class Symbol:
    """A JavaScript Symbol: unique by identity, with a description."""

    _ids = itertools.count()

    def __init__(self, description: str = "") -> None:
        self.description = description
        self._id = next(self._ids)

    def __repr__(self) -> str:
        return f"Symbol({self.description})"


class _Null:
    """JavaScript ``null``, where the reference must tell it from ``undefined`` (which is ``None``)."""

    def __repr__(self) -> str:
        return "null"

    def __bool__(self) -> bool:
        return False


NULL = _Null()
