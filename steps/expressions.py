"""The JavaScript-like expression language that every step text is written in.

``e.on("x", A)``, ``Buffer.from([257, 257.5, -255, '1'])``, ``cipher.update(hex 00ff, undefined, 'hex')``:
the text is read into a small tree, then a :class:`Language` turns the tree into Session operations
(``spec.get``/``call``/``new``/``instanceof``/``typeof``/``inspect``) on the names the scenario bound in
``spec.state``; ``steps/names.py`` resolves every other name.

An expression is a literal (numbers with ``0x``/``0b``/``0o``, ``.5``, ``1e3``, ``-0``, ``10n``;
``'strings'`` or ``"strings"`` with JavaScript escapes; ``true``/``false``, ``undefined``, ``null``,
``NaN``, ``Infinity``, ``-Infinity``; ``[arrays]``; ``{objects}``; ``hex 00ff`` for a fresh Buffer of those
bytes), ``Symbol("d")``, ``new Error("m")`` (any Error class: a new Error value), ``wrapper(A)`` (a once
wrapper of recorder A, in expected values) or a name, then any chain of ``.property``, ``.method(args)``
and ``[index]``; or ``new X(args)``, ``typeof expr``, ``expr instanceof X``.

Trees: ``('lit', v)`` ``('name', n)`` ``('arr', [..])`` ``('obj', {..})`` ``('sym', d)``
``('err', cls, msg)`` ``('wrapper', n)`` ``('get', t, prop)`` ``('index', t, expr)``
``('call', t, method, [args])`` ``('new', ctor, [args])`` ``('typeof', t)`` ``('instanceof', t, cls)``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from nodespec import protocol
from nodespec.protocol import UNDEFINED, BigInt, Bytes, JSError, Symbol, Wrapper
from nodespec.steps.common import js_value

Node = tuple

_TOKEN = re.compile(r"""
    \s*(?:
      (?P<hex>hex(?:\ [0-9a-fA-F]+)*(?![\w$(]))
    | (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<num>-?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)n?)
    | (?P<name>-?[A-Za-z_$][\w$]*)
    | (?P<punct>[.()\[\],{}:=;+]|-(?=\s))
    )""", re.VERBOSE)

_LITERALS = {"undefined", "null", "true", "false", "NaN", "Infinity", "-Infinity"}
ERROR_CLASSES = {"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError"}


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read {text[pos:]!r} in {text!r}")
        tokens.append((m.lastgroup, m.group(m.lastgroup)))
        pos = m.end()
    return tokens


def unquote(text: str) -> str:
    """A quoted JavaScript string literal (``'…'`` or ``"…"``, with escapes) → its value."""
    return js_value(text)


class Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self, value: str | None = None) -> tuple[str, str] | None:
        if self.i >= len(self.tokens):
            return None
        tok = self.tokens[self.i]
        return tok if value is None or tok[1] == value else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek(value)
        if tok is None:
            raise ValueError(f"expected {value or 'more'} at token {self.i} of {self.text!r}")
        self.i += 1
        return tok

    def items(self, close: str) -> list[Any]:
        """Comma-separated expressions up to ``close`` (the opening bracket is already taken)."""
        out = []
        while not self.peek(close):
            out.append(self.expr())
            if not self.peek(close):
                self.take(",")
        self.take(close)
        return out

    def args(self) -> list[Any]:
        self.take("(")
        return self.items(")")

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "hex":
            return ("lit", Bytes("".join(value[3:].split()).lower()))
        if kind == "name" and value == "typeof":
            return ("typeof", self.expr())
        if kind == "str":
            return ("lit", unquote(value))
        if kind == "num":
            return ("lit", BigInt(int(value[:-1], 0)) if value.endswith("n") else js_value(value))
        if kind == "punct" and value == "[":
            return ("arr", self.items("]"))
        if kind == "punct" and value == "{":
            obj = {}
            while not self.peek("}"):
                k_kind, key = self.take()
                self.take(":")
                obj[unquote(key) if k_kind == "str" else key] = self.expr()
                if not self.peek("}"):
                    self.take(",")
            self.take("}")
            return ("obj", obj)
        if kind != "name":
            raise ValueError(f"unexpected {value!r} in {self.text!r}")
        if value in _LITERALS:
            return ("lit", js_value(value))
        if value in ("Symbol", "wrapper") and self.peek("("):
            (arg,) = self.args()
            return ("sym" if value == "Symbol" else "wrapper", arg[1])
        if value == "new":
            ctor = self.take()[1]
            args = self.args()
            if ctor in ERROR_CLASSES:
                return ("err", ctor, args[0][1] if args else "")
            return ("new", ("name", ctor), args)
        return ("name", value)

    def expr(self) -> Node:
        node = self.primary()
        while True:
            if self.peek("."):
                self.take(".")
                prop = self.take()[1]
                node = ("call", node, prop, self.args()) if self.peek("(") else ("get", node, prop)
            elif self.peek("["):
                self.take("[")
                index = self.expr()
                self.take("]")
                node = ("index", node, index)
            else:
                return node

    def whole(self) -> Node:
        node = self.expr()
        while self.peek("+") or self.peek("-"):
            # ``fresh.byteOffset + 4096``: a sum or difference of numbers, computed by the harness.
            op = self.take()[1]
            node = ("arith", op, node, self.expr())
        if self.peek("instanceof"):
            self.take()
            node = ("instanceof", node, self.expr())
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return node


# A step text is read once per run, not once per implementation's cell: the same text reads the same,
# so the trees (and the pieces) are shared — nothing changes one after it is made.
@functools.cache
def parse(text: str) -> Node:
    return Parser(text).whole()


@functools.cache
def split(text: str, sep: str = ";") -> tuple[str, ...]:
    """``a; b(1; 2); 'c;'`` → the statements separated by ``sep`` outside brackets and quotes."""
    parts, depth, quote, cur = [], 0, "", ""
    for c in text:
        if quote:
            if c == quote and not cur.endswith("\\"):
                quote = ""
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += c
    if cur.strip():
        parts.append(cur.strip())
    return tuple(parts)


# Computed by the harness on a string it already holds (a test vector's input, the text util.inspect gave),
# so that they need no operation of the implementation under test.
_HARNESS_STRING_METHODS: dict[str, Callable[..., Any]] = {
    "repeat": lambda s, n: s * int(n),
    "endsWith": lambda s, tail: s.endswith(tail),
}

# Where a name is being resolved: "now" (operations run), "actions" (inside a recorder's actions: nothing
# may run now), "expected" (the right side of a comparison).
Resolver = Callable[[Any, str, str], Any]


class Language:
    """The evaluator of the steps: ``names_key`` is the ``spec.state`` entry holding the names
    the scenario bound; ``resolve(spec, name, where)`` gives every other name (or raises ValueError)."""

    def __init__(self, names_key: str, resolve: Resolver) -> None:
        self.names_key = names_key
        self._resolve = resolve

    def names(self, spec: Any) -> dict[str, Any]:
        return spec.state.setdefault(self.names_key, {})

    def bind(self, spec: Any, name: str, value: Any) -> None:
        self.names(spec)[name] = value

    def resolve(self, spec: Any, name: str, where: str = "now") -> Any:
        names = self.names(spec)
        return names[name] if name in names else self._resolve(spec, name, where)

    def evaluate(self, spec: Any, node: Node, expected: bool = False) -> Any:
        """Run ``node`` now through the Session (``expected``: the right side of a comparison)."""
        kind = node[0]
        if kind == "lit":
            return node[1]
        if kind == "name":
            return self.resolve(spec, node[1], "expected" if expected else "now")
        if kind == "arr":
            return [self.evaluate(spec, n, expected) for n in node[1]]
        if kind == "obj":
            return {k: self.evaluate(spec, n, expected) for k, n in node[1].items()}
        if kind == "sym":
            return Symbol.named(node[1])  # one description, one symbol (the contract's rule)
        if kind == "wrapper":
            return Wrapper(node[1])
        if kind == "err":
            return JSError(node[1], node[2])
        if kind == "get":
            if node[1] == ("name", "globalThis"):
                return spec.global_(node[2])
            target = self.evaluate(spec, node[1])
            if isinstance(target, dict):  # a plain object came back as a value: read it here
                return target.get(node[2], UNDEFINED)
            if isinstance(target, list) and node[2] == "length":
                return len(target)
            return spec.get(target, node[2])
        if kind == "index":
            index = self.evaluate(spec, node[2])
            return spec.get(self.evaluate(spec, node[1]), index)
        if kind == "call":
            if node[1] == ("name", "util") and node[2] == "inspect":
                return spec.inspect(self.evaluate(spec, node[3][0]))
            target = self.evaluate(spec, node[1])
            args = [self.evaluate(spec, a) for a in node[3]]
            if isinstance(target, str) and node[2] in _HARNESS_STRING_METHODS:
                return _HARNESS_STRING_METHODS[node[2]](target, *args)
            return spec.call(target, node[2], *args)
        if kind == "instanceof":
            return spec.instanceof(self.evaluate(spec, node[1]), self.evaluate(spec, node[2]))
        if kind == "typeof":
            return spec.typeof(self.evaluate(spec, node[1]))
        if kind == "new":
            return spec.new(self.evaluate(spec, node[1]), *[self.evaluate(spec, a) for a in node[2]])
        if kind == "arith":
            left, right = self.evaluate(spec, node[2], expected), self.evaluate(spec, node[3], expected)
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right)):
                raise ValueError(f"{node[1]} takes two numbers, not {left!r} and {right!r}")
            return left + right if node[1] == "+" else left - right
        raise ValueError(kind)

    def value(self, spec: Any, text: str, expected: bool = False) -> Any:
        return self.evaluate(spec, parse(text), expected)

    def static(self, spec: Any, node: Node) -> Any:
        """A value inside a recorder's actions (no operation may run now)."""
        kind = node[0]
        if kind == "name":
            return self.resolve(spec, node[1], "actions")
        if kind in ("lit", "sym", "err", "wrapper"):
            return self.evaluate(spec, node)
        if kind == "index" and node[1] == ("name", "arguments") and node[2][0] == "lit":
            return protocol.ArgValue(int(node[2][1]))  # the listener's own argument, when it runs
        if kind == "arr":
            return [self.static(spec, n) for n in node[1]]
        if kind == "obj":
            return {k: self.static(spec, n) for k, n in node[1].items()}
        raise ValueError(f"{kind} cannot be an argument inside a listener's actions")

    def call_op(self, spec: Any, node: Node, static: bool = False) -> dict[str, Any]:
        """A ``call`` tree → the contract operation (for a batch, or a recorder's actions when ``static``)."""
        if node[0] != "call":
            raise ValueError(f"not a call: {node!r}")
        value = self.static if static else self.evaluate
        return protocol.call(value(spec, node[1]), node[2], *[value(spec, a) for a in node[3]])
