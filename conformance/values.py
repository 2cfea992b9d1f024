"""JavaScript values that Python lacks — ``undefined``, ``null``, Symbol, BigInt — one class each.

Both sides of the contract use these classes: the reference (``nodespec.reference``, which re-exports
them from ``nodespec.reference.types``) and the harness (``nodespec.protocol`` and the steps). This
module imports nothing, so the harness reaches the reference only through an adapter, and the reference
needs nothing of the harness but these four names (docs/architecture.md, "JavaScript values").

What Python's ``None`` means is each side's convention, translated in one place (the in-process
interpreter): in the reference, a Python API, ``None`` is ``undefined`` (an omitted argument) and
:data:`NULL` is ``null``; on the contract's side, where values are JSON, ``None`` is ``null`` and
:data:`UNDEFINED` is ``undefined``.
"""

from __future__ import annotations

import itertools


class _Singleton:
    _instance: _Singleton | None = None
    _text = ""

    def __new__(cls) -> _Singleton:
        if cls._instance is None:  # one per subclass: ``Undefined() is UNDEFINED``
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return self._text

    def __bool__(self) -> bool:
        return False


class Undefined(_Singleton):
    """JavaScript ``undefined`` where ``None`` means something else (JSON ``null`` on the contract's side)."""

    _instance = None
    _text = "undefined"


class Null(_Singleton):
    """JavaScript ``null`` where ``None`` means ``undefined`` (the reference's Python API)."""

    _instance = None
    _text = "null"


UNDEFINED = Undefined()
NULL = Null()


class BigInt(int):
    """A JavaScript BigInt (``5n``): an ``int`` that computes like one and remembers it is not a
    Number. Python's ``==`` stays int's (``BigInt(5) == 5``, as ``5n == 5``); the steps compare as
    ``===`` does, where a BigInt is never a Number (``steps.common.same``)."""

    def __repr__(self) -> str:
        return f"{int(self)}n"

    @property
    def value(self) -> int:
        """The integer (``BigInt(5).value == 5``)."""
        return int(self)


class Symbol:
    """A JavaScript Symbol: unique by identity (``Symbol('d') !== Symbol('d')``), with a description.

    The contract carries a symbol as its description, and within a scenario one description names one
    symbol: :meth:`named` is that symbol on the harness's side (the codec and the steps use it)."""

    _ids = itertools.count()
    _named: dict[str, Symbol] = {}  # noqa: RUF012 - the contract's registry, one per process

    def __init__(self, description: str | None = "") -> None:
        self.description = description
        self._id = next(self._ids)

    @classmethod
    def named(cls, description: str) -> Symbol:
        """The symbol the contract means by ``description`` (the same object for the same description)."""
        found = cls._named.get(description)
        if found is None:
            found = cls._named[description] = cls(description)
        return found

    def __repr__(self) -> str:
        return f"Symbol({'' if self.description is None else self.description})"
