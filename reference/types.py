"""JavaScript values that Python lacks, as the reference represents them: the classes of
:mod:`nodespec.values`, the same on both sides of the contract. :data:`NULL` is ``null``; ``undefined`` is
:data:`UNDEFINED`, and also ``None`` where a Python API has nothing else to say it with (an omitted
argument's default, a function that returns nothing: :mod:`nodespec.values`)."""

from __future__ import annotations

from nodespec.values import NULL, UNDEFINED, BigInt, Null, Symbol, Undefined

__all__ = ["NULL", "UNDEFINED", "BigInt", "Null", "Symbol", "Undefined"]
