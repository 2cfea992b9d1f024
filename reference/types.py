"""JavaScript values that Python lacks, as the reference represents them: the classes of
:mod:`nodespec.values`, the same on both sides of the contract. In the reference ``None`` is
``undefined`` and :data:`NULL` is ``null``."""

from __future__ import annotations

from nodespec.values import NULL, UNDEFINED, BigInt, Null, Symbol, Undefined

__all__ = ["NULL", "UNDEFINED", "BigInt", "Null", "Symbol", "Undefined"]
