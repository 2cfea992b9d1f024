"""The Python ports' adapters (conformance/adapters/pyca.py, pydes.py, pymitter.py, glue.py): the glue
maps what the library offers, passes the library's own errors through, and raises NotCovered — with a
capability the adapter declares — only where the library has no counterpart.

pyca's mapping is checked differentially: every cipher mode it maps must give Node's bytes."""

from __future__ import annotations

import importlib.util

import pytest

from nodespec import registry
from nodespec.protocol import Bytes, NotCovered

needs_cryptography = pytest.mark.skipif(importlib.util.find_spec("cryptography") is None, reason="cryptography not installed")
needs_pydes = pytest.mark.skipif(importlib.util.find_spec("pyDes") is None, reason="pyDes not installed")
needs_pymitter = pytest.mark.skipif(importlib.util.find_spec("pymitter") is None, reason="pymitter not installed")

KEY16, KEY24, KEY32 = b"0123456789abcdef", b"0123456789abcdef01234567", b"0123456789abcdef0123456789abcdef"
IV16, IV8 = b"fedcba9876543210", b"12345678"
TEXT = b"The quick brown fox jumps over the lazy dog"

CASES = [  # (Node's name, key, iv): one per mode the adapter maps, under each key size
    ("aes-128-ecb", KEY16, b""), ("aes-192-ecb", KEY24, b""), ("aes-256-ecb", KEY32, b""),
    ("aes-128-cbc", KEY16, IV16), ("aes-192-cbc", KEY24, IV16), ("aes-256-cbc", KEY32, IV16),
    ("aes-128-ctr", KEY16, IV16), ("aes-256-ctr", KEY32, IV16), ("aes-128-cfb", KEY16, IV16),
    ("aes-192-cfb8", KEY24, IV16), ("aes-256-ofb", KEY32, IV16), ("aes-128-gcm", KEY16, IV16[:12]),
    ("aes128", KEY16, IV16), ("des-ede3-cbc", KEY24, IV8), ("des-ede-cbc", KEY16, IV8), ("des-ede3", KEY24, b""),
    ("des-ede3-cfb", KEY24, IV8), ("des-ede3-ofb", KEY24, IV8), ("des-ede3-cfb8", KEY24, IV8),
    ("des-ecb", KEY16[:8], b""), ("des-cbc", KEY16[:8], IV8),
]


def _node(session, name: str, key: bytes, iv: bytes, data: bytes, decrypt: bool = False, tag: bytes | None = None):
    crypto = session.module("crypto")
    obj = session.call(crypto, "createDecipheriv" if decrypt else "createCipheriv", name, Bytes(key.hex()), Bytes(iv.hex()))
    if tag is not None:
        session.call(obj, "setAuthTag", Bytes(tag.hex()))
    out = bytes.fromhex(session.call(obj, "update", Bytes(data.hex())).hex) + bytes.fromhex(session.call(obj, "final").hex)
    tag_out = bytes.fromhex(session.call(obj, "getAuthTag").hex) if name.endswith("gcm") and not decrypt else None
    return out, tag_out


def _pyca(name: str, key: bytes, iv: bytes, data: bytes, decrypt: bool = False, tag: bytes | None = None):
    from nodespec.adapters.pyca import CRYPTO

    obj = (CRYPTO.create_decipheriv if decrypt else CRYPTO.create_cipheriv)(name, key, iv)
    if tag is not None:
        obj.set_auth_tag(tag)
    out = obj.update(data) + obj.final()
    return out, (obj.get_auth_tag() if name.endswith("gcm") and not decrypt else None)


@needs_cryptography
@pytest.mark.parametrize(("name", "key", "iv"), CASES, ids=[c[0] for c in CASES])
def test_pyca_gives_nodes_bytes_for_every_mode_it_maps(node_legacy_session, name, key, iv) -> None:
    expected = _node(node_legacy_session, name, key, iv, TEXT)
    assert _pyca(name, key, iv, TEXT) == expected
    assert _pyca(name, key, iv, expected[0], decrypt=True, tag=expected[1])[0] == TEXT


@needs_cryptography
def test_pyca_streams_as_cryptography_does_and_keeps_the_last_block_for_the_unpadder() -> None:
    from nodespec.adapters.pyca import CRYPTO

    cipher = CRYPTO.create_cipheriv("aes-128-cbc", KEY16, IV16)
    assert [cipher.update(b"hello"), cipher.update(b" world, hello").hex(), cipher.final().hex()] == [
        b"", "e8ecbef871a408c0c1f05fb02c7b8135", "9a2e45a48259b5f4002779a448165c4f"]
    decipher = CRYPTO.create_decipheriv("aes-128-cbc", KEY16, IV16)
    assert decipher.update(bytes.fromhex("e8ecbef871a408c0c1f05fb02c7b8135")) == b""


@needs_cryptography
def test_pyca_hashes_and_hmac_match_node(node_session) -> None:
    from nodespec.adapters.pyca import CRYPTO

    crypto = node_session.module("crypto")
    for alg in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3-256", "sha512-256", "blake2b512"):
        node = node_session.call(node_session.call(node_session.call(crypto, "createHash", alg), "update", "abc"), "digest", "hex")
        assert CRYPTO.create_hash(alg).update("abc").digest("hex") == node, alg
        node_mac = node_session.call(node_session.call(node_session.call(crypto, "createHmac", alg, "key"), "update", "abc"),
                                     "digest", "hex")
        assert CRYPTO.create_hmac(alg, "key").update("abc").digest("hex") == node_mac, alg
    node_xof = node_session.call(node_session.call(node_session.call(crypto, "createHash", "shake256", {"outputLength": 8}),
                                                   "update", "abc"), "digest", "hex")
    assert CRYPTO.create_hash("shake256", {"outputLength": 8}).update("abc").digest("hex") == node_xof


@needs_cryptography
def test_pyca_passes_cryptographys_own_errors_through() -> None:
    from cryptography.exceptions import AlreadyFinalized, InvalidTag

    from nodespec.adapters.pyca import CRYPTO

    with pytest.raises(ValueError, match="Invalid key size"):
        CRYPTO.create_cipheriv("aes-128-ecb", b"short", b"")
    with pytest.raises(TypeError):  # a number is not turned into bytes by the glue
        CRYPTO.create_cipheriv("aes-128-ecb", 5, b"")
    with pytest.raises(ValueError, match="between 8 and 128 bytes"):  # Node accepts a 1-byte GCM IV
        CRYPTO.create_cipheriv("aes-256-gcm", KEY32, b"\0")
    digest = CRYPTO.create_hash("md5")
    digest.digest()
    with pytest.raises(AlreadyFinalized):
        digest.digest()
    decipher = CRYPTO.create_decipheriv("aes-128-gcm", KEY16, IV16[:12])
    decipher.set_auth_tag(bytes(16))
    decipher.update(b"x")
    with pytest.raises(InvalidTag):
        decipher.final()


@needs_cryptography
@pytest.mark.parametrize(("call", "capability"), [
    (lambda c: c.random_bytes(16), "random"),
    (lambda c: c.get_hashes(), "algorithm-names"),
    (lambda c: c.create_hash("RSA-SHA256"), "algorithm-names"),
    (lambda c: c.create_cipheriv("DES-ECB", KEY16[:8], b""), "algorithm-names"),
    (lambda c: c.create_hash("ripemd160"), "ripemd160"),
    (lambda c: c.create_hash("md4"), "md4"),
    (lambda c: c.create_hash("shake128"), "xof-length"),
    (lambda c: c.create_hash("shake128", {"outputLength": 4}).copy(), "xof-length"),  # Node: the copy gets the default
    (lambda c: c.create_hash("shake128", {"outputLength": 4}).copy({"outputLength": 8}), "xof-length"),
    (lambda c: c.create_cipheriv("aes-128-ecb", KEY16, IV16), "ecb-iv"),
    (lambda c: c.create_cipheriv("aes-128-gcm", KEY16, IV16[:12], {"authTagLength": 8}), "gcm-tag-length"),
    (lambda c: c.create_cipheriv("aes-128-ecb", KEY16, b"").update("abc", "hex"), "string-encodings"),
    (lambda c: c.create_cipheriv("aes-128-ecb", KEY16, b"").update("a" * 16, "utf8", "base64"), "string-encodings"),
    (lambda c: c.Hash, "node-classes"),
])
def test_pyca_raises_not_covered_only_for_what_it_declares(call, capability) -> None:
    from nodespec.adapters.pyca import CRYPTO, PycaImplementation

    with pytest.raises(NotCovered) as caught:
        call(CRYPTO)
    assert caught.value.capability == capability
    assert capability in PycaImplementation.lacks


@needs_cryptography
def test_pyca_copies_a_shake_hash_that_keeps_its_output_length() -> None:
    from nodespec.adapters.pyca import CRYPTO

    digest = CRYPTO.create_hash("shake128", {"outputLength": 4}).update(b"abc")
    assert digest.copy({"outputLength": 4}).digest("hex") == digest.digest("hex") == "5881092d"


@needs_cryptography
def test_pyca_padding_switched_off_after_data_is_not_covered() -> None:
    from nodespec.adapters.pyca import CRYPTO

    cipher = CRYPTO.create_cipheriv("aes-128-ecb", KEY16, b"")
    assert cipher.set_auto_padding(False) is cipher
    cipher = CRYPTO.create_cipheriv("aes-128-ecb", KEY16, b"")
    cipher.update(b"a")
    with pytest.raises(NotCovered):
        cipher.set_auto_padding(False)


def test_glue_converts_one_call_at_a_time_and_leaves_non_bytes_alone() -> None:
    from nodespec.adapters.glue import Outputs, as_bytes, as_output

    assert as_bytes("é") == b"\xc3\xa9" and as_bytes("616263", "hex") == b"abc" and as_bytes(bytearray(b"x")) == b"x"
    assert as_bytes(5) == 5 and as_bytes(None) is None
    assert as_output(b"abc", "base64") == "YWJj" and as_output(b"abc", None) == b"abc"
    outputs = Outputs()
    assert outputs.convert(b"\xe2\x82\xac", "utf8", last=False) == "€"
    with pytest.raises(NotCovered):
        outputs.convert(b"a\xe2\x82", "utf8", last=False)
    with pytest.raises(NotCovered):
        outputs.convert(b"abc", "hex", last=True)  # switching encodings is Node's decoder's business
    with pytest.raises(NotCovered):
        as_output(b"abc", "bogus")


@needs_pydes
@pytest.mark.parametrize(("name", "key", "iv"), [c for c in CASES if c[0] in ("des-ecb", "des-cbc", "des-ede3-cbc", "des-ede-cbc", "des-ede3")],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_pydes_gives_nodes_bytes_for_every_cipher_it_maps(node_legacy_session, name, key, iv) -> None:
    from nodespec.adapters.pydes import CRYPTO

    expected = _node(node_legacy_session, name, key, iv, TEXT)[0]
    cipher = CRYPTO.create_cipheriv(name, key, iv)
    assert cipher.update(TEXT) == b"" and cipher.final() == expected  # one-shot: everything comes from final
    decipher = CRYPTO.create_decipheriv(name, key, iv)
    assert decipher.update(expected) + decipher.final() == TEXT


@needs_pydes
def test_pydes_passes_its_errors_through_and_declares_what_it_lacks() -> None:
    from nodespec.adapters.pydes import CRYPTO, PyDesImplementation

    with pytest.raises(ValueError, match="Invalid DES key size"):
        CRYPTO.create_cipheriv("des-ecb", b"1234567", b"")
    for call, capability in [(lambda: CRYPTO.create_cipheriv("aes-128-ecb", KEY16, b""), "aes"),
                             (lambda: CRYPTO.create_cipheriv("des-ede3-cfb", KEY24, IV8), "des-modes"),
                             (lambda: CRYPTO.create_cipheriv("DES-ECB", KEY16[:8], b""), "algorithm-names"),
                             (lambda: CRYPTO.get_ciphers(), "algorithm-names"),
                             (lambda: CRYPTO.create_hash("md5"), "hash"), (lambda: CRYPTO.create_hmac("md5", "k"), "hash"),
                             (lambda: CRYPTO.random_bytes(16), "random")]:
        with pytest.raises(NotCovered) as caught:
            call()
        assert caught.value.capability == capability and capability in PyDesImplementation.lacks


@needs_pymitter
def test_pymitter_reaches_pymitter_by_node_names_and_aliases() -> None:
    from nodespec.adapters.pymitter import names

    assert names("addListener") == ["on"] and names("removeListener") == ["off"]
    assert names("prependListener") == ["prepend_listener", "prependListener"]
    impl = registry.get("pymitter")
    assert impl.availability().available and impl.modules == frozenset({"events"})
    assert impl.version() == "1.1.3"


def test_a_python_attribute_error_is_reported_as_python_not_by_its_missing_name() -> None:
    from nodespec.interpreter import PythonInterpreter

    interpreter = PythonInterpreter(modules={})
    try:
        None.split  # noqa: B018
    except AttributeError as error:
        assert interpreter.error_of(error)["name"] == "PythonAttributeError"


def test_a_global_a_python_port_lacks_is_not_covered_and_declared() -> None:
    from nodespec.interpreter import PythonInterpreter

    with pytest.raises(NotCovered) as caught:
        PythonInterpreter(modules={}).execute({"op": "global", "name": "process"})
    assert caught.value.capability == "process"
    for name in ("pyee", "pymitter"):
        assert "process" in registry.get(name).lacks


def test_a_polyfill_runs_on_the_pinned_node_of_its_target_line_and_says_when_it_falls_back(monkeypatch) -> None:
    from nodespec.adapters import javascript

    impl = javascript.npm_events()
    line = javascript.line_node(impl.target())
    if line is None:
        pytest.skip("the pinned Node.js lines are not installed (nodespec install)")
    assert impl.executable == line and impl.target() == 26
    assert "from PATH" not in impl.version()
    impl.target_override = 22  # npm-events@22 is judged against Node 22, so it runs on node22
    assert impl.executable == javascript.line_node(22)
    monkeypatch.setattr(javascript, "line_node", lambda line: None)
    assert impl.executable == javascript.shutil.which("node")
    assert "from PATH: the pinned node22 is not installed" in impl.version()
