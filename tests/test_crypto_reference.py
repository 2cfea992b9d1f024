"""Unit tests of ``nodespec.reference.crypto`` (plain pytest, no Node): the values and errors the
features specify, checked directly against the library, plus what the features cannot easily show
(stream splitting at every point, parity-insensitive DES keys, degenerate 3DES keys)."""

from __future__ import annotations

from functools import partial

import pytest

from nodespec.reference import crypto
from nodespec.reference.errors import NodeError
from nodespec.reference.types import NULL

KEY = "0123456789abcdef"
IV = "fedcba9876543210"
FOX = "The quick brown fox jumps over the lazy dog"


def raw(value: object) -> bytes:
    return bytes(value)  # a reference Buffer (or bytes)


@pytest.fixture
def legacy():
    crypto.set_legacy_provider(True)
    yield
    crypto.set_legacy_provider(False)


def encrypt(alg: str, key, iv, data, **kw) -> str:
    c = crypto.create_cipheriv(alg, key, iv)
    if kw.get("nopad"):
        c.set_auto_padding(False)
    return c.update(data, kw.get("enc"), "hex") + c.final("hex")


def code_of(fn) -> tuple[str, str | None]:
    with pytest.raises(NodeError) as info:
        fn()
    return info.value.name, info.value.code


# -- DES and the legacy provider -------------------------------------------------------------------

def test_des_is_refused_without_the_legacy_provider():
    assert code_of(lambda: crypto.create_cipheriv("des-ecb", "12345678", "")) == ("Error", "ERR_OSSL_EVP_UNSUPPORTED")
    assert code_of(lambda: crypto.create_decipheriv("des-cbc", "12345678", "12345678"))[1] == "ERR_OSSL_EVP_UNSUPPORTED"
    assert "des-ecb" not in crypto.get_ciphers()


def test_the_documents_des_example(legacy):
    assert encrypt("des-ecb", "12345678", "", "hello world !!!", enc="uft8") == "28dba02eb5f6dd478852f80ed9fa959e"
    assert "des-ecb" in crypto.get_ciphers()


def test_the_documents_printed_value_comes_from_the_md5_derived_key(legacy):
    key = bytes.fromhex("e10adc3949ba59ab")
    assert encrypt("des-ecb", key, "", "hello world ！！！") == "81c66a1d39d302205c55f0afac95c06bc985155d4ddb751c"


def test_fips81_vectors(legacy):
    pt = "Now is the time for all "
    assert encrypt("des-ecb", bytes.fromhex("0123456789abcdef"), b"", pt, nopad=True) == \
        "3fa40e8a984d48156a271787ab8883f9893d51ec4b563b53"
    assert encrypt("des-cbc", bytes.fromhex("0123456789abcdef"), bytes.fromhex("1234567890abcdef"), pt, nopad=True) == \
        "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6"


def test_des_ignores_parity_bits(legacy):
    a = encrypt("des-ecb", bytes(8), b"", bytes.fromhex("8000000000000000"), nopad=True)
    b = encrypt("des-ecb", bytes.fromhex("0101010101010101"), b"", bytes.fromhex("8000000000000000"), nopad=True)
    assert a == b == "95f8a5e5dd31d900"


@pytest.mark.parametrize("key", ["12345678" * 3, "12345678" + "12345678" + "87654321", "87654321" + "12345678" * 2])
def test_degenerate_triple_des_keys_are_single_des(key, legacy):
    k1, k2, k3 = key[:8], key[8:16], key[16:]
    single = k3 if k1 == k2 else k1
    assert encrypt("des-ede3", key, "", FOX) == encrypt("des-ecb", single, "", FOX)


def test_des_ede3_cbc_with_three_keys():
    key = bytes.fromhex("0123456789abcdef23456789abcdef01456789abcdef0123")
    out = encrypt("des-ede3-cbc", key, bytes.fromhex("1234567890abcdef"), "Now is the time for all ")
    assert out == "f3c0ff026c023089656fbb169def7edb30ba36075d6f0176c55961ed6a941845"


# -- AES, streaming, padding ------------------------------------------------------------------------

def test_each_ciphers_engine_is_what_pycryptodomes_new_makes():
    """new_block_cipher calls pycryptodome's per-mode constructors itself (AES.new, DES.new and
    DES3.new reach them through an import on every call): the same engine, mode by mode."""
    from Crypto.Cipher import AES, DES, DES3

    from nodespec.reference.crypto_algorithms import CIPHERS, new_block_cipher

    data = bytes(range(48))
    for spec in {spec.name: spec for spec in CIPHERS.values()}.values():
        key = bytes(range(1, 1 + spec.key_length))  # K1 != K2 != K3: the 3DES keys stay 3DES
        iv = bytes(range(100, 100 + spec.iv_length))
        module = {"aes": AES, "des": DES}.get(spec.family, DES3)
        mode = {"cfb8": "cfb"}.get(spec.mode, spec.mode)
        kw = {"ecb": {}, "ctr": {"nonce": b"", "initial_value": iv}, "gcm": {"nonce": iv, "mac_len": 16},
              "cfb": {"iv": iv, "segment_size": 8 if spec.mode == "cfb8" else module.block_size * 8}}.get(mode, {"iv": iv})
        public = module.new(key, getattr(module, f"MODE_{mode.upper()}"), **kw)
        engine = new_block_cipher(spec, key, iv)
        assert engine.encrypt(data) == public.encrypt(data), spec.name
        if spec.mode == "gcm":
            assert engine.digest() == public.digest(), spec.name


def test_fips197_c1():
    key = bytes(range(16))
    assert encrypt("aes-128-ecb", key, b"", bytes.fromhex("00112233445566778899aabbccddeeff"), nopad=True) == \
        "69c4e0d86a7b0430d8cdb78070b4c55a"


@pytest.mark.parametrize("alg", ["aes-128-ecb", "aes-128-cbc", "aes-128-ctr", "aes-128-cfb", "aes-128-cfb8",
                                 "aes-128-ofb", "des-ede3-cbc", "aes-128-gcm"])
def test_the_result_does_not_depend_on_the_split(alg):
    key = KEY + ("01234567" if alg.startswith("des-ede3") else "")
    iv = "" if alg.endswith("ecb") else ("12345678" if alg.startswith("des") else IV)
    whole = encrypt(alg, key, iv, FOX)
    data = FOX.encode()
    for cut in range(len(data) + 1):
        c = crypto.create_cipheriv(alg, key, iv)
        out = raw(c.update(data[:cut])) + raw(c.update(data[cut:])) + raw(c.final())
        assert out.hex() == whole
        d = crypto.create_decipheriv(alg, key, iv)
        if alg.endswith("gcm"):
            d.set_auth_tag(c.get_auth_tag())
        back = raw(d.update(out[:cut])) + raw(d.update(out[cut:])) + raw(d.final())
        assert back == data


def test_update_returns_whole_blocks_and_a_decipher_holds_the_last_one():
    c = crypto.create_cipheriv("aes-128-cbc", KEY, IV)
    assert [c.update("hello", "utf8", "hex"), c.update(" world, hello", "utf8", "hex"), c.final("hex")] == \
        ["", "e8ecbef871a408c0c1f05fb02c7b8135", "9a2e45a48259b5f4002779a448165c4f"]
    d = crypto.create_decipheriv("aes-128-cbc", KEY, IV)
    assert raw(d.update(bytes.fromhex("e8ecbef871a408c0c1f05fb02c7b8135"))) == b""
    assert raw(d.update(bytes.fromhex("9a2e45a48259b5f4002779a448165c4f"))) == b"hello world, hel"
    assert raw(d.final()) == b"lo"


def test_padding():
    assert encrypt("aes-128-ecb", KEY, "", "") == "377222e061a924c591cd9c27ea163ed4"
    c = crypto.create_cipheriv("aes-128-ecb", KEY, "")
    assert c.set_auto_padding(False) is c
    assert c.final("hex") == ""
    c = crypto.create_cipheriv("aes-128-ecb", KEY, "").set_auto_padding(False)
    c.update("abc")
    assert code_of(c.final) == ("Error", "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH")


@pytest.mark.usefixtures("node20")  # Node 20's behaviour; later lines: the line-conditioned scenarios
def test_output_encodings_go_through_one_string_decoder():
    c = crypto.create_cipheriv("aes-128-ecb", KEY, "")
    assert [c.update("a" * 16, "utf8", "base64"), c.final("base64")] == ["m237TH1/L0/WhvTw51Od", "HzdyIuBhqSTFkc2cJ+oWPtQ="]
    c = crypto.create_cipheriv("aes-128-ecb", KEY, "")
    c.update("a" * 16, "utf8", "hex")
    assert code_of(lambda: c.final("base64")) == ("Error", "ERR_INTERNAL_ASSERTION")
    c = crypto.create_cipheriv("aes-128-ecb", KEY, "")
    assert code_of(lambda: c.final("bogus")) == ("TypeError", "ERR_UNKNOWN_ENCODING")


@pytest.mark.parametrize(("plain", "held"), [("61c1", "\ufffd"), ("61e080", "\ufffd\ufffd"), ("61f09f98", "\ufffd")])
def test_utf8_output_holds_back_by_lead_byte(plain, held):
    c = crypto.create_cipheriv("aes-128-ctr", KEY, IV)
    ct = c.update(bytes.fromhex(plain))
    d = crypto.create_decipheriv("aes-128-ctr", KEY, IV)
    assert [d.update(ct, None, "utf8"), d.final("utf8")] == ["a", held]


@pytest.mark.parametrize(("encoding", "data"), [("uft8", "hé"), ("bogus", "hé"), ("hex", "68c3a9"), ("base64", "aMOp")])
def test_input_encodings(encoding, data):
    assert encrypt("aes-128-ecb", KEY, "", data, enc=encoding) == "a26594d96e1f3b9fff278a6093988cc4"


# -- errors --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    (("desc-ecb", "12345678", ""), ("Error", "ERR_CRYPTO_UNKNOWN_CIPHER")),
    (("nope", KEY, "123"), ("Error", "ERR_CRYPTO_UNKNOWN_CIPHER")),
    (("aes-128-ecb", "short", "123"), ("TypeError", "ERR_CRYPTO_INVALID_IV")),
    (("aes-128-ecb", "short", ""), ("RangeError", "ERR_CRYPTO_INVALID_KEYLEN")),
    (("aes-128-cbc", KEY, NULL), ("TypeError", "ERR_CRYPTO_INVALID_IV")),
    (("aes-128-cbc", KEY, None), ("TypeError", "ERR_INVALID_ARG_TYPE")),
    (("aes-128-ecb", 5, ""), ("TypeError", "ERR_INVALID_ARG_TYPE")),
    ((5, KEY, ""), ("TypeError", "ERR_INVALID_ARG_TYPE")),
    (("aes-256-gcm", bytes(32), b""), ("TypeError", "ERR_CRYPTO_INVALID_IV")),
])
def test_create_errors(args, expected):
    assert code_of(lambda: crypto.create_cipheriv(*args)) == expected


def test_ecb_accepts_null():
    assert crypto.create_cipheriv("aes-128-ecb", KEY, NULL).final("hex") == "377222e061a924c591cd9c27ea163ed4"


def test_state_errors():
    c = crypto.create_cipheriv("aes-128-ecb", KEY, "")
    c.final()
    assert code_of(c.final) == ("Error", "ERR_CRYPTO_INVALID_STATE")
    assert code_of(lambda: c.update("a")) == ("Error", None)
    assert code_of(lambda: c.set_auto_padding(False)) == ("Error", "ERR_CRYPTO_INVALID_STATE")


def test_bad_decrypt():
    d = crypto.create_decipheriv("aes-128-cbc", "0123456789abcdeg", IV)
    d.update("e8ecbef871a408c0c1f05fb02c7b81359a2e45a48259b5f4002779a448165c4f", "hex")
    error = pytest.raises(NodeError, d.final).value
    assert (error.code, error.library, error.reason) == ("ERR_OSSL_BAD_DECRYPT", "Provider routines", "bad decrypt")


# -- GCM ---------------------------------------------------------------------------------------------

def test_gcm_spec_test_case_14():
    c = crypto.create_cipheriv("aes-256-gcm", bytes(32), bytes(12))
    assert c.update(bytes(16), None, "hex") + c.final("hex") == "cea7403d4d606b6e074ec5d3baf39d18"
    assert raw(c.get_auth_tag()).hex() == "d0d1c8a799996bf0265b98b5d48ab919"


@pytest.mark.usefixtures("node20")  # Node 20's behaviour; later lines: the line-conditioned scenarios
def test_gcm_tags():
    k, iv = bytes([1]) * 32, bytes([2]) * 12
    c = crypto.create_cipheriv("aes-256-gcm", k, iv)
    assert code_of(c.get_auth_tag) == ("Error", "ERR_CRYPTO_INVALID_STATE")
    ct = raw(c.update("hello")) + raw(c.final())
    tag = raw(c.get_auth_tag())
    for given in (tag, tag[:8], tag[:4]):
        d = crypto.create_decipheriv("aes-256-gcm", k, iv)
        d.set_auth_tag(given)
        assert d.update(ct, None, "utf8") + d.final("utf8") == "hello"
    d = crypto.create_decipheriv("aes-256-gcm", k, iv)
    d.set_auth_tag(bytes(16))
    d.update(ct)
    assert code_of(d.final) == ("Error", None)
    d = crypto.create_decipheriv("aes-256-gcm", k, iv)
    assert code_of(lambda: d.set_auth_tag(bytes(5))) == ("TypeError", "ERR_CRYPTO_INVALID_AUTH_TAG")
    c = crypto.create_cipheriv("aes-256-gcm", k, iv)
    c.update("a")
    assert code_of(lambda: c.set_aad(b"x")) == ("Error", "ERR_CRYPTO_INVALID_STATE")


# -- hashes and HMAC -------------------------------------------------------------------------------

def test_the_documents_md5():
    h = crypto.create_hash("md5").update("123456789", "utf8")
    assert isinstance(h, crypto.Hash)
    assert not hasattr(h, "to_upper_case") and not hasattr(h, "toUpperCase")
    assert h.digest("hex") == "25f9e794323b453885f5181f1b624d0b"
    assert code_of(h.digest) == ("Error", "ERR_CRYPTO_HASH_FINALIZED")


def test_digest_encodings():
    def d(enc):
        return crypto.create_hash("md5").update("abc").digest(enc)
    assert raw(d(None)).hex() == "900150983cd24fb0d6963f7d28e17f72"
    assert raw(d("bogus")).hex() == "900150983cd24fb0d6963f7d28e17f72"
    assert d("base64url") == "kAFQmDzST7DWlj99KOF_cg"
    assert d("binary") == bytes.fromhex("900150983cd24fb0d6963f7d28e17f72").decode("latin-1")


@pytest.mark.usefixtures("node20")  # Node 20's behaviour; later lines: the line-conditioned scenarios
def test_hash_names_and_errors():
    for name in ("MD5", "RSA-MD5", "md5WithRSAEncryption"):
        assert crypto.create_hash(name).update("abc").digest("hex") == "900150983cd24fb0d6963f7d28e17f72"
    assert code_of(lambda: crypto.create_hash("md55")) == ("Error", None)
    assert code_of(lambda: crypto.create_hash("md4")) == ("Error", "ERR_OSSL_EVP_UNSUPPORTED")
    assert code_of(lambda: crypto.create_hash("md5").update(5)) == ("TypeError", "ERR_INVALID_ARG_TYPE")
    assert len(crypto.get_hashes()) == 52


def test_the_fast_paths_give_what_the_general_path_gives(legacy):
    """createHash without options and crypto.hash of bytes skip Hash.__init__ for the table's plain
    digests; every name of the table (legacy, XOF and Node-24-only ones take the general path) gives
    the same digest either way."""
    from nodespec.reference.crypto_algorithms import HASHES

    data = bytes(range(64))
    for name in HASHES:
        try:
            expected = crypto.Hash._create(name, None).update(data).digest("hex")
        except NodeError:  # a name this line does not know: the fast paths refuse it the same way
            assert code_of(partial(crypto.create_hash, name)) == ("Error", None)
            continue
        for spelling in (name, name.upper()):
            assert crypto.create_hash(spelling).update(data).digest("hex") == expected, spelling
            assert raw(crypto.create_hash(spelling).update(data).digest()).hex() == expected, spelling
            assert crypto.hash(spelling, data) == expected, spelling
    # what the fast paths leave to the general one: an encoding, options, an algorithm that is no string
    assert crypto.hash("md5", b"abc", "base64") == "kAFQmDzST7DWlj99KOF/cg=="
    assert raw(crypto.create_hash("md5", {}).update(b"abc").digest()).hex() == "900150983cd24fb0d6963f7d28e17f72"
    for algorithm in ([], {}, 5):
        assert code_of(partial(crypto.create_hash, algorithm)) == ("TypeError", "ERR_INVALID_ARG_TYPE")
        assert code_of(partial(crypto.hash, algorithm, b"abc")) == ("TypeError", "ERR_INVALID_ARG_TYPE")


def test_other_spellings_of_a_plain_digest_are_cached_up_to_a_bound(monkeypatch):
    # the table as the module makes it (its names are lower case), without what other tests cached
    table = {name: spec for name, spec in crypto._PLAIN_HASHES.items() if name == name.lower()}
    monkeypatch.setattr(crypto, "_PLAIN_HASHES", table)
    crypto.create_hash("Sha256")
    assert crypto._PLAIN_HASHES["Sha256"] is crypto._PLAIN_HASHES["sha256"]
    # what depends on the provider, the line or the options stays on the general path
    crypto.set_legacy_provider(True)
    try:
        crypto.create_hash("MD4")
    finally:
        crypto.set_legacy_provider(False)
    assert code_of(partial(crypto.create_hash, "MD4")) == ("Error", "ERR_OSSL_EVP_UNSUPPORTED")
    crypto.create_hash("SHAKE256")
    crypto.create_hash("SHA384", {"outputLength": 48})
    assert code_of(partial(crypto.create_hash, "Bogus")) == ("Error", None)
    assert {"MD4", "SHAKE256", "SHA384", "Bogus"}.isdisjoint(crypto._PLAIN_HASHES)
    for i in range(2 * crypto._PLAIN_HASHES_MAX):  # sha1WithRSAEncryption, spelt in more ways than the bound
        letters = iter(f"{i:017b}"[::-1])  # bit k: the case of the k-th letter
        crypto.create_hash("sha1" + "".join(c.upper() if next(letters) == "1" else c for c in "withrsaencryption"))
    assert len(crypto._PLAIN_HASHES) == crypto._PLAIN_HASHES_MAX


def test_copy_forks_state():
    h = crypto.create_hash("sha256").update("a")
    k = h.copy()
    h.update("b")
    k.update("c")
    assert h.digest("hex") == crypto.create_hash("sha256").update("ab").digest("hex")
    assert k.digest("hex") == crypto.create_hash("sha256").update("ac").digest("hex")


def test_hmac():
    h = crypto.create_hmac("sha256", "key").update("The quick brown fox jumps over the lazy dog")
    assert h.digest("hex") == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
    assert h.digest("hex") == ""
    assert h.digest("bogus") == ""
    assert raw(h.digest()) == b""
    assert code_of(lambda: h.update("x")) == ("Error", "ERR_CRYPTO_HASH_FINALIZED")
    assert code_of(lambda: crypto.create_hmac("md55", "k")) == ("TypeError", "ERR_CRYPTO_INVALID_DIGEST")
    # RFC 4231 test case 6: a key longer than the block is hashed first
    long = crypto.create_hmac("sha256", bytes([0xAA]) * 131)
    long.update("Test Using Larger Than Block-Size Key - Hash Key First")
    assert long.digest("hex") == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"


def test_hmac_is_pythons_hmac_for_every_digest_of_the_table():
    """RFC 2104 as Python's hmac module computes it, for every fixed-size digest every line knows, with a
    key shorter and a key longer than the digest's block."""
    import hmac

    from nodespec.reference.crypto_algorithms import HASHES

    data = bytes(range(64))
    for name, spec in HASHES.items():
        if spec.xof or spec.legacy or spec.since > 20:
            continue
        def new(initial: bytes = b"", factory=spec.factory):  # hmac's digestmod: a constructor taking data
            state = factory()
            state.update(initial)
            return state

        for key in (b"key", bytes(range(200))):
            expected = hmac.new(key, data, new).digest()
            assert raw(crypto.create_hmac(name, key).update(data).digest()) == expected, name


def test_random_bytes():
    assert len(raw(crypto.random_bytes(16))) == 16
    assert len(raw(crypto.random_bytes(1.5))) == 1
    assert code_of(lambda: crypto.random_bytes(-1)) == ("RangeError", "ERR_OUT_OF_RANGE")
    assert code_of(lambda: crypto.random_bytes("a")) == ("TypeError", "ERR_INVALID_ARG_TYPE")
