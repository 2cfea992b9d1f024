"""The wire codec: every tagged form survives encode → JSON → decode, and the interpreter and the
JavaScript driver encode the same values the same way."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nodespec import protocol
from nodespec.protocol import NULL, UNDEFINED, BigInt, Bytes, Function, Handle, JSError, Listener, Symbol
from nodespec.steps.common import same


def roundtrip(value):
    return protocol.decode(json.loads(protocol.dumps({"v": protocol.encode(value)}))["v"])


@pytest.mark.parametrize("value", [
    UNDEFINED, NULL, True, 0, -1, 2.5, "x", "技", "\ud800", [1, [2, UNDEFINED]], {"a": {"b": NULL}}, {"$": 1, "a": "b"},
    BigInt(2**70), Symbol.named("events.errorMonitor"), Bytes("0102", "Uint8Array"), Handle(3, "Buffer"),
])
def test_tagged_values_round_trip(value):
    assert roundtrip(value) == value


def test_an_error_round_trips_with_its_name_message_and_code():
    # JSError's equality leaves the message out (steps compare name and code), so compare every field
    back = roundtrip(JSError("TypeError", "the message", "ERR_X"))
    assert (back.name, back.message, back.code) == ("TypeError", "the message", "ERR_X")


def test_a_bigint_is_not_a_number_and_a_symbol_is_its_description_on_the_wire():
    assert type(roundtrip(BigInt(5))) is BigInt and roundtrip(BigInt(5)) == 5
    assert not same(roundtrip(BigInt(5)), 5) and same(roundtrip(BigInt(5)), BigInt(5))
    assert roundtrip(Symbol("d")) is Symbol.named("d") and Symbol("d") != Symbol("d")


def test_null_is_null_and_none_is_no_javascript_value():
    assert protocol.encode(NULL) is None and protocol.decode(None) is NULL
    assert protocol.decode([None, {"a": None}]) == [NULL, {"a": NULL}]
    with pytest.raises(TypeError, match="NULL is null, UNDEFINED is undefined"):
        protocol.encode([1, None])


@pytest.mark.parametrize("value", [math.inf, -math.inf, -0.0])
def test_special_numbers_round_trip(value):
    back = roundtrip(value)
    assert back == value and math.copysign(1, back) == math.copysign(1, value)


def test_nan_round_trips():
    assert math.isnan(roundtrip(math.nan))


def test_listener_carries_its_actions():
    action = protocol.log("hi")
    wire = protocol.encode(Listener("A", (action,), arrow=True))
    assert wire == {"$": "listener", "name": "A", "arrow": True, "actions": [{"op": "log", "value": "hi"}]}


def test_a_function_handle_is_sent_as_its_handle():
    assert protocol.encode(Function("EventEmitter", 4)) == {"$": "function", "name": "EventEmitter", "id": 4}
    with pytest.raises(TypeError):
        protocol.encode(Function("anonymous"))


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        protocol.decode({"$": "code", "source": "process.exit()"})


def test_an_error_is_compared_by_name_and_code_not_message():
    assert JSError("TypeError", "one", "ERR_X") == JSError("TypeError", "two", "ERR_X")
    assert JSError("TypeError", "one", "ERR_X") != JSError("RangeError", "one", "ERR_X")


json_values = st.recursive(
    st.just(NULL) | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, database=None)
@given(json_values)
def test_plain_json_is_its_own_wire_form(value):
    assert roundtrip(value) == value


def test_driver_and_interpreter_encode_alike(node_session, reference_session):
    """The same values, produced inside each executor, decode to the same Python values."""
    for session in (node_session, reference_session):
        session.reset()
    ops = [
        protocol.op("typeof", target=1),
        protocol.op("typeof", target="s"),
        protocol.op("typeof", target=UNDEFINED),
        protocol.op("typeof", target=BigInt(1)),
    ]
    got = [[o.value for o in s.batch(ops)] for s in (node_session, reference_session)]
    assert got[0] == got[1] == ["number", "string", "undefined", "bigint"]


def test_an_object_with_a_dollar_member_crosses_the_bridge_intact(node_session, reference_session):
    value = {"$": "handle", "id": 1, "nested": {"$": "x"}}
    for session in (node_session, reference_session):
        session.reset()
        outcome = session.batch([protocol.log(value)])
        assert outcome[0].ok
        assert session.trace() == [{"kind": "log", "value": value}]


def test_the_driver_and_the_interpreter_refuse_the_same_property_names():
    import re

    from nodespec import PACKAGE_DIR
    from nodespec.interpreter import PythonInterpreter

    source = (PACKAGE_DIR / "drivers" / "core.mjs").read_text()
    block = re.search(r"const BLOCKED = new Set\(\[(.*?)\]\);", source, re.S).group(1)
    assert set(re.findall(r"'([^']+)'", block)) == protocol.REFUSED_PROPERTIES
    on_process = re.search(r"const BLOCKED_ON_PROCESS = new Set\(\[(.*?)\]\);", source, re.S).group(1)
    assert set(re.findall(r"'([^']+)'", on_process)) == protocol.REFUSED_ON_PROCESS
    interpreter = PythonInterpreter(modules={})
    for name in [*protocol.REFUSED_PROPERTIES, "__class__", "__globals__"]:
        with pytest.raises(protocol.ProtocolError, match="refused"):
            interpreter.attribute(object(), name)
        with pytest.raises(protocol.ProtocolError, match="refused"):
            interpreter.set_attribute(object(), name, 1)
