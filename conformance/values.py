"""JavaScript values that Python lacks — ``undefined``, ``null``, Symbol, BigInt — one class each, and
the one notation of a Number (:func:`number_to_string`, ECMAScript's Number::toString).

Both sides of the contract use these classes: the reference (``nodespec.reference``, which re-exports
them from ``nodespec.reference.types``) and the harness (``nodespec.protocol`` and the steps). This
module imports no other module, so the harness reaches the reference only through an adapter, and the
reference needs nothing of the harness but these names (docs/architecture.md, "JavaScript values").

``null`` is :data:`NULL` and ``undefined`` is :data:`UNDEFINED` on both sides. Python's ``None`` is no
JavaScript value on the contract's side (``protocol.encode`` refuses it, JSON ``null`` decodes to
``NULL``). In the reference, a Python API, ``None`` is also undefined where Python has nothing else to
say it with: the default of an omitted argument, what a function that returns nothing returns, an
attribute that is not there; the in-process interpreter translates it (docs/architecture.md,
"JavaScript values").
"""

from __future__ import annotations

import math


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
    """JavaScript ``undefined`` (falsy, like it)."""

    _instance = None
    _text = "undefined"


class Null(_Singleton):
    """JavaScript ``null`` (falsy, like it)."""

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

    _named: dict[str, Symbol] = {}  # noqa: RUF012 - the contract's registry, one per process

    def __init__(self, description: str | None = "") -> None:
        self.description = description

    @classmethod
    def named(cls, description: str) -> Symbol:
        """The symbol the contract means by ``description`` (the same object for the same description)."""
        found = cls._named.get(description)
        if found is None:
            found = cls._named[description] = cls(description)
        return found

    def __repr__(self) -> str:
        return f"Symbol({'' if self.description is None else self.description})"


def number_to_string(x: float | int) -> str:
    """ECMAScript Number::toString(10) of ``x`` (``String(x)``).

    A Python ``int`` is a Number, so it is first rounded to the nearest double as JavaScript would
    (``2**60`` → ``'1152921504606847000'``). For convenience a ``bool`` gives ``'true'``/``'false'``
    and a :class:`BigInt` its exact digits (``String(5n)`` is ``'5'``).
    """
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, BigInt):
        return str(int(x))
    if isinstance(x, int):
        try:
            x = float(x)
        except OverflowError:
            x = math.inf if x > 0 else -math.inf
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"  # also -0
    sign = "-" if x < 0 else ""
    # repr gives the shortest round-trip digits; find s (digits), k = len(s), n such that
    # x = 0.s × 10**n, i.e. s × 10**(n - k), as in the specification.
    mantissa, _, exp = repr(abs(x)).partition("e")
    whole, _, frac = mantissa.partition(".")
    raw = whole + frac
    n = len(whole) + (int(exp) if exp else 0)
    digits = raw.lstrip("0")
    n -= len(raw) - len(digits)
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        tail = f"e{'+' if e >= 0 else '-'}{abs(e)}"
        text = (digits if k == 1 else digits[0] + "." + digits[1:]) + tail
    return sign + text
