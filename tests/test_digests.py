"""crypto's hot path in C (``_digests.c``: createHash of a plain digest, update of bytes or a Buffer, the
first digest) against crypto.py's own Hash, call for call: the same results, the same errors."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import inspect
import weakref
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nodespec.reference import crypto
from nodespec.reference.buffer import Buffer


@pytest.fixture(autouse=True)
def _c_built() -> None:
    pytest.importorskip("nodespec.reference._digests", reason="the C digests were not built here (no C compiler or no Python headers): crypto.py's path runs")


def _outcome(call: Any) -> Any:
    """What a call gives: a Buffer's bytes, another value, or the error's class and code."""
    try:
        value = call()
    except Exception as error:  # noqa: BLE001 - the error is the outcome compared
        return ("error", type(error).__name__, getattr(error, "code", None), str(error))
    if isinstance(value, crypto.Hash):
        return "a Hash"
    if isinstance(value, Buffer):
        return ("Buffer", bytes(value))
    return value


_DATA = st.one_of(
    st.binary(max_size=200),
    st.binary(max_size=200).map(Buffer.from_),
    st.text(max_size=50),
    st.sampled_from([0, None, 1.5, [1, 2], {"a": 1}, bytearray(b"ab"), memoryview(b"cd")]),
)
_ENCODINGS = st.sampled_from([None, "utf8", "hex", "base64", "latin1", "bogus", 0])
_CALLS = st.lists(st.one_of(
    st.tuples(st.just("update"), _DATA, st.one_of(st.none(), _ENCODINGS)),
    st.tuples(st.just("update1"), _DATA, st.none()),  # one argument
    st.tuples(st.just("digest"), _ENCODINGS, st.none()),
    st.tuples(st.just("digest0"), st.none(), st.none()),  # no argument
    st.tuples(st.just("copy"), st.none(), st.none()),
), max_size=8)


def _run(h: Any, calls: list[tuple[str, Any, Any]]) -> list[Any]:
    seen = []
    for name, a, b in calls:
        if name == "update":
            seen.append(_outcome(lambda a=a, b=b: h.update(a, b)))
        elif name == "update1":
            seen.append(_outcome(lambda a=a: h.update(a)))
        elif name == "digest":
            seen.append(_outcome(lambda a=a: h.digest(a)))
        elif name == "digest0":
            seen.append(_outcome(h.digest))
        else:
            seen.append(_outcome(lambda: h.copy().digest()))
    return seen


@given(name=st.sampled_from(sorted(crypto._PLAIN_HASHES)), calls=_CALLS)
@settings(max_examples=400, deadline=None)
def test_the_c_hash_answers_every_call_as_crypto_py(name: str, calls: list[tuple[str, Any, Any]]) -> None:
    fast = crypto.create_hash(name)
    slow = crypto.Hash._create(name)
    assert type(fast) is crypto._PlainHash and type(slow) is crypto.Hash
    assert _run(fast, calls) == _run(slow, calls)


def test_create_hash_takes_the_c_shortcut_only_for_a_plain_digest_without_options() -> None:
    assert type(crypto.create_hash("md5")) is crypto._PlainHash
    assert type(crypto.create_hash("sha256", None)) is crypto._PlainHash
    for args in [("md5", {}), ("shake128",), ("sha256", {"outputLength": 32})]:
        assert type(crypto.create_hash(*args)) is crypto.Hash, args
    # another spelling goes to crypto.py, which adds it to the table once it knows it is plain
    assert bytes(crypto.create_hash("MD5").update(b"a").digest()) == bytes(crypto.Hash._create("md5").update(b"a").digest())
    assert type(crypto.create_hash("MD5")) is crypto._PlainHash
    assert _outcome(lambda: crypto.create_hash(5)) == _outcome(lambda: crypto.Hash._create(5))
    assert _outcome(lambda: crypto.create_hash("nope")) == _outcome(lambda: crypto.Hash._create("nope"))


def test_the_c_hash_is_a_hash_by_every_name() -> None:
    h = crypto.create_hash("md5")
    # a class of C registered as Hash (a Python subclass's instances cost a fifth of the call)
    assert isinstance(h, crypto.Hash) and issubclass(type(h), crypto.Hash) and not isinstance(h, crypto.Hmac)
    assert (type(h).__name__, type(h).__module__) == ("Hash", "nodespec.reference.crypto")
    assert type(h.copy()) is crypto.Hash and bytes(h.copy().digest()) == bytes(h.digest())
    assert str(inspect.signature(crypto.create_hash)) == "(algorithm: 'Any', options: 'Any' = None) -> 'Hash'"
    assert crypto.create_hash.__name__ == "create_hash" and "createHash" in crypto.create_hash.__doc__


def test_the_c_hash_takes_properties_weak_references_and_is_collected_in_a_cycle() -> None:
    h = crypto.create_hash("md5")
    assert not gc.is_tracked(h)  # nothing it holds can hold it: no collector's work for each hash
    h.label = "mine"  # a JavaScript object takes any property, as crypto.py's Hash does
    assert (h.label, vars(h), gc.is_tracked(h)) == ("mine", {"label": "mine"}, True)
    h.me = h
    gone = weakref.ref(h)
    del h
    gc.collect()
    assert gone() is None
    other = crypto.create_hash("sha1")
    other.__dict__ = {"x": other}
    assert gc.is_tracked(other) and bytes(other.update(b"a").digest()) == hashlib.sha1(b"a").digest()


_ON_OPENSSL = pytest.mark.skipif(not crypto._HASHES_ON_OPENSSL, reason="OpenSSL's functions were not found here "
                                 "(no _hashlib file, or no dlsym): the specs' factories are the engines")


@_ON_OPENSSL
def test_a_digest_with_an_openssl_name_has_openssl_for_engine_and_one_without_its_factory() -> None:
    from nodespec.reference import _digests
    openssl = [n for n, spec in crypto._PLAIN_HASHES.items() if spec.openssl]
    assert {"md5", "sha1", "sha256", "sha512", "sha3-256"} <= set(openssl)
    for name in openssl:
        assert type(crypto.create_hash(name)._state) is _digests.Engine, name
    # blake2 is hashlib's own code, not OpenSSL's: its factory's engine
    assert type(crypto.create_hash("blake2b512")._state) is not _digests.Engine


@_ON_OPENSSL
def test_the_openssl_engine_digests_as_hashlib_copies_and_refuses_calls_once_finalized() -> None:
    h = crypto.create_hash("sha256").update(b"ab")
    engine = h._state
    twin = engine.copy()
    assert engine.digest() == engine.digest() == hashlib.sha256(b"ab").digest()  # digest() copies the context
    engine.update(Buffer.from_(b"c"))
    twin.update(memoryview(b"x"))
    assert (engine.digest(), twin.digest()) == (hashlib.sha256(b"abc").digest(), hashlib.sha256(b"abx").digest())
    assert bytes(h.digest()) == hashlib.sha256(b"abc").digest()  # finalizes the context into the Buffer
    for call in (engine.digest, engine.copy, lambda: engine.update(b"")):
        with pytest.raises(ValueError, match="finalized"):
            call()
    assert twin.copy().digest() == hashlib.sha256(b"abx").digest()


@_ON_OPENSSL
@given(data=st.lists(st.binary(max_size=3000), max_size=4))
@settings(max_examples=200, deadline=None)
def test_a_digest_is_the_same_from_openssl_and_from_the_factory(data: list[bytes]) -> None:
    # the C path over the spec's factory: a table whose spec has no OpenSSL name (a Python without
    # _hashlib's OpenSSL goes this way), the factory hashlib's constructor, which takes the first data
    from nodespec.reference._digests import CreateHash
    spec = crypto._PLAIN_HASHES["sha256"]
    by_factory = CreateHash(crypto.create_hash, {"sha256": dataclasses.replace(spec, openssl=None)})
    fast, slow = crypto.create_hash("sha256"), by_factory("sha256")
    assert type(fast._state) is not type(slow._state)
    for chunk in data:
        fast.update(chunk)
        slow.update(Buffer.from_(chunk))
    assert bytes(fast.digest()) == bytes(slow.digest()) == hashlib.sha256(b"".join(data)).digest()


def test_openssl_is_looked_up_once_and_only_in_a_module_already_loaded() -> None:
    from nodespec.reference._digests import load_openssl
    # once found, it stays: a Digest may hold an EVP_MD of the functions in use
    assert load_openssl("/nonexistent/libcrypto.so") is crypto._HASHES_ON_OPENSSL
    assert load_openssl("/tmp/\udcff.so") is crypto._HASHES_ON_OPENSSL  # a file name that is not UTF-8


def test_the_digests_buffer_class_must_be_a_view() -> None:
    from nodespec.reference import _digests
    with pytest.raises(TypeError, match="_views.View"):
        _digests.set_paths(crypto.Hash.update, crypto.Hash.digest, crypto.Hash.copy, crypto._out, bytes)
