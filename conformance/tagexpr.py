"""``--tags``: Cucumber's tag expressions over a scenario's tags (its own, its rule's, its feature's).

``events and not program``, ``@events and (@slow or @vector)``, ``claim:events-23``: tags with or
without ``@``, ``and``, ``or``, ``not`` and parentheses. A tag that the vocabulary does not know is an
error, so a typo selects nothing silently never."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection

_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")

Predicate = Callable[[Collection[str]], bool]


class TagExpressionError(ValueError):
    pass


def parse(text: str, known: Collection[str] | None = None) -> Predicate:
    tokens = [m.group(1) for m in _TOKEN.finditer(text)]
    if not tokens or "".join(tokens) != re.sub(r"\s+", "", text):
        raise TagExpressionError(f"--tags {text!r}: not a tag expression (e.g. 'events and not program')")
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise TagExpressionError(f"--tags {text!r}: ends too early")
        pos += 1
        return tokens[pos - 1]

    def expr() -> Predicate:
        left = term()
        while peek() == "or":
            take()
            right = term()
            left = (lambda a, b: lambda tags: a(tags) or b(tags))(left, right)
        return left

    def term() -> Predicate:
        left = factor()
        while peek() == "and":
            take()
            right = factor()
            left = (lambda a, b: lambda tags: a(tags) and b(tags))(left, right)
        return left

    def factor() -> Predicate:
        token = take()
        if token == "not":
            inner = factor()
            return lambda tags: not inner(tags)
        if token == "(":
            inner = expr()
            if peek() != ")":
                raise TagExpressionError(f"--tags {text!r}: a '(' is not closed")
            take()
            return inner
        if token in ("and", "or", ")"):
            raise TagExpressionError(f"--tags {text!r}: {token!r} where a tag was expected")
        tag = token.removeprefix("@")
        if known is not None and tag not in known:
            close = difflib.get_close_matches(tag, list(known), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(close)}?)" if close else " (the tags are listed in features/tags.toml)"
            raise TagExpressionError(f"--tags {text!r}: unknown tag {tag!r}{hint}")
        return lambda tags: tag in tags

    result = expr()
    if pos != len(tokens):
        raise TagExpressionError(f"--tags {text!r}: unexpected {tokens[pos]!r}")
    return result
