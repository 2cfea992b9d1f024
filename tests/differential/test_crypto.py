"""Differential tests: the reference's crypto against Node.js 20, through the bridge.

Random keys, IVs and plaintexts for every cipher the reference offers, fed in pieces split at random
points, each piece as a Buffer or as a string in a random input encoding, with a random output
encoding (the same for every call of one object, as Node requires) and random padding; decryption of
the ciphertext and of random bytes (Node's bad-decrypt decisions); GCM with random AAD and tags; and
random inputs for every hash and HMAC. Every value returned and every error (code and class) is
compared. Single DES runs on ``node_legacy_session`` (``--openssl-legacy-provider``) against the
reference with the legacy provider enabled.
"""

from __future__ import annotations

import base64
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodespec.protocol import NULL, UNDEFINED, Bytes, Handle, JSError, OperationError
from nodespec.testing import examples

SETTINGS = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck))

# (name, key length, iv length (None: GCM, any), block size)
CIPHERS = [
    *[(f"aes-{b}-{m}", b // 8, 0 if m == "ecb" else 16, 16 if m in ("ecb", "cbc") else 1)
      for b in (128, 192, 256) for m in ("ecb", "cbc", "ctr", "cfb", "cfb8", "ofb")],
    *[(f"aes-{b}-gcm", b // 8, None, 1) for b in (128, 192, 256)],
    ("des-ede3", 24, 0, 8), ("des-ede3-cbc", 24, 8, 8), ("des-ede", 16, 0, 8), ("des-ede-cbc", 16, 8, 8),
    ("des-ede3-cfb", 24, 8, 1), ("des-ede3-ofb", 24, 8, 1),
]
LEGACY_CIPHERS = [("des-ecb", 8, 0, 8), ("des-cbc", 8, 8, 8), ("des-cfb", 8, 8, 1), ("des-ofb", 8, 8, 1)]
OUTPUT_ENCODINGS = [None, "buffer", "hex", "base64", "base64url", "latin1", "binary", "ucs2", "utf8", "ascii"]
INPUT_ENCODINGS = [None, "hex", "base64", "latin1", "utf16le-pairs"]
HASHES = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256", "sha3-224",
          "sha3-256", "sha3-384", "sha3-512", "shake128", "shake256", "ripemd160", "blake2b512", "blake2s256",
          "md5-sha1", "sm3", "RSA-SHA256", "SHA-256", "MD5"]
HMACS = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3-256", "ripemd160", "blake2b512", "sm3"]
DIGEST_ENCODINGS = [None, "buffer", "hex", "base64", "base64url", "latin1", "binary", "ucs2", "utf8", "ascii", "bogus"]


def comparable(value: Any) -> Any:
    if isinstance(value, Handle):
        return ("bytes", value.hex) if value.hex is not None else ("handle", value.type)
    if isinstance(value, JSError):
        return ("error", value.name, value.code)
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass")  # compare as UTF-16 code units
    return value


def attempt(fn: Any) -> Any:
    try:
        return comparable(fn())
    except OperationError as error:
        return comparable(error.error)


def as_input(piece: bytes, encoding: str | None) -> tuple[Any, Any]:
    """A piece of plaintext as update's (data, inputEncoding)."""
    if encoding is None:
        return Bytes(piece.hex()), UNDEFINED
    if encoding == "hex":
        return piece.hex(), "hex"
    if encoding == "base64":
        return base64.b64encode(piece).decode(), "base64"
    if encoding == "latin1":
        return piece.decode("latin-1"), "latin1"
    # an even-length piece as UTF-16LE code units (lone surrogates included)
    even = piece[: len(piece) // 2 * 2]
    return even.decode("utf-16-le", "surrogatepass"), "utf16le"


def pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    out, start = [], 0
    for p in points:
        out.append(data[start:p])
        start = p
    out.append(data[start:])
    return out


def run_cipher(session: Any, kind: str, alg: str, key: bytes, iv: bytes, data: bytes, cuts: list[int],
               in_enc: str | None, out_enc: str | None, padding: bool, aad: bytes, tag: bytes | None) -> list[Any]:
    """Every observable result of one cipher/decipher run."""
    results: list[Any] = []
    crypto = session.module("crypto")
    factory = "createCipheriv" if kind == "cipher" else "createDecipheriv"
    try:
        obj = session.call(crypto, factory, alg, Bytes(key.hex()), Bytes(iv.hex()))
    except OperationError as error:
        return [comparable(error.error)]
    if not padding:
        results.append(attempt(lambda: session.call(obj, "setAutoPadding", False) and None))
    if alg.endswith("gcm"):
        if aad:
            results.append(attempt(lambda: session.call(obj, "setAAD", Bytes(aad.hex())) and None))
        if tag is not None:
            results.append(attempt(lambda: session.call(obj, "setAuthTag", Bytes(tag.hex())) and None))
    out = UNDEFINED if out_enc is None else out_enc
    for piece in pieces(data, cuts):
        payload, encoding = as_input(piece, in_enc)
        results.append(attempt(lambda p=payload, e=encoding: session.call(obj, "update", p, e, out)))
    results.append(attempt(lambda: session.call(obj, "final", out)))
    if kind == "cipher" and alg.endswith("gcm"):
        results.append(attempt(lambda: session.call(obj, "getAuthTag")))
    return results


@st.composite
def cipher_case(draw: Any, table: list[tuple[str, int, int | None, int]]) -> dict[str, Any]:
    alg, key_len, iv_len, block = draw(st.sampled_from(table))
    if iv_len is None:
        iv_len = draw(st.sampled_from([12, 12, 12, 1, 8, 16, 32]))
    gcm = alg.endswith("gcm")
    return {
        "alg": alg,
        "key": draw(st.binary(min_size=key_len, max_size=key_len)),
        "iv": draw(st.binary(min_size=iv_len, max_size=iv_len)),
        "data": draw(st.binary(max_size=80)),
        "cuts": draw(st.lists(st.integers(0, 80), max_size=5)),
        "in_enc": draw(st.sampled_from(INPUT_ENCODINGS)),
        "out_enc": draw(st.sampled_from(OUTPUT_ENCODINGS)),
        "padding": draw(st.booleans()) if block > 1 and not gcm else True,
        "aad": draw(st.binary(max_size=40)) if gcm else b"",
        "random_ct": draw(st.binary(max_size=48)),
        "wrong_tag": draw(st.booleans()),
    }


def compare_cipher_case(node: Any, reference: Any, case: dict[str, Any]) -> int:
    """Encrypt, decrypt the result, decrypt random bytes: 1 if anything differs (and say what)."""
    args = (case["alg"], case["key"], case["iv"])
    enc_node = run_cipher(node, "cipher", *args, case["data"], case["cuts"], case["in_enc"], case["out_enc"],
                          case["padding"], case["aad"], None)
    enc_ref = run_cipher(reference, "cipher", *args, case["data"], case["cuts"], case["in_enc"], case["out_enc"],
                         case["padding"], case["aad"], None)
    differences = 0
    if enc_node != enc_ref:
        print("ENCRYPT DIFFERS", case, enc_node, enc_ref)
        differences = 1
    # the ciphertext as raw bytes (a Buffer run) to decrypt, then random bytes (the bad-decrypt decisions)
    raw = run_cipher(node, "cipher", *args, case["data"], [], None, None, case["padding"], case["aad"], None)
    ciphertexts = [case["random_ct"]]
    tag = None
    if not any(isinstance(r, tuple) and r[0] == "error" for r in raw):
        chunks = [bytes.fromhex(r[1]) for r in raw if isinstance(r, tuple) and r[0] == "bytes"]
        if case["alg"].endswith("gcm"):
            tag = chunks.pop()
            if case["wrong_tag"]:
                tag = bytes([tag[0] ^ 1]) + tag[1:]
        ciphertexts.insert(0, b"".join(chunks))
    for ciphertext in ciphertexts:
        dec = [run_cipher(s, "decipher", *args, ciphertext, case["cuts"], None, case["out_enc"], case["padding"],
                          case["aad"], tag) for s in (node, reference)]
        if dec[0] != dec[1]:
            print("DECRYPT DIFFERS", case, ciphertext.hex(), dec)
            differences = 1
    return differences


def _cipher_test(node: Any, reference: Any, table: list[Any], n: int, name: str, report: Any) -> None:
    counts = {"compared": 0, "differences": 0}
    node.reset()
    reference.reset()  # applies the session's start-up options (the legacy provider) to the reference

    @settings(max_examples=n, **SETTINGS)
    @given(cipher_case(table))
    def check(case: dict[str, Any]) -> None:
        counts["compared"] += 1
        counts["differences"] += compare_cipher_case(node, reference, case)

    check()
    report(name, compared=counts["compared"], differences=counts["differences"])
    assert counts["differences"] == 0


def test_ciphers_agree_with_node(node_session: Any, reference_session: Any, differential_report: Any) -> None:
    _cipher_test(node_session, reference_session, CIPHERS, examples(100), "crypto ciphers (aes, 3des, gcm)",
                 differential_report)


def test_single_des_agrees_with_node_legacy(node_legacy_session: Any, reference_legacy_session: Any,
                                           differential_report: Any) -> None:
    _cipher_test(node_legacy_session, reference_legacy_session, LEGACY_CIPHERS, examples(50),
                 "crypto single DES (legacy provider)", differential_report)


@st.composite
def hash_case(draw: Any, algorithms: list[str]) -> dict[str, Any]:
    return {
        "alg": draw(st.sampled_from(algorithms)),
        "key": draw(st.one_of(st.binary(max_size=200), st.text(max_size=20))),
        "data": draw(st.binary(max_size=300)),
        "cuts": draw(st.lists(st.integers(0, 300), max_size=4)),
        "in_enc": draw(st.sampled_from(INPUT_ENCODINGS)),
        "text": draw(st.one_of(st.none(), st.text(max_size=40))),
        "out_enc": draw(st.sampled_from(DIGEST_ENCODINGS)),
    }


def run_hash(session: Any, kind: str, case: dict[str, Any]) -> list[Any]:
    crypto = session.module("crypto")
    results: list[Any] = []
    try:
        if kind == "hash":
            obj = session.call(crypto, "createHash", case["alg"])
        else:
            key = case["key"] if isinstance(case["key"], str) else Bytes(case["key"].hex())
            obj = session.call(crypto, "createHmac", case["alg"], key)
    except OperationError as error:
        return [comparable(error.error)]
    for piece in pieces(case["data"], case["cuts"]):
        payload, encoding = as_input(piece, case["in_enc"])
        results.append(attempt(lambda p=payload, e=encoding: session.call(obj, "update", p, e) and None))
    if case["text"] is not None:  # a JavaScript string, UTF-8 by default
        results.append(attempt(lambda: session.call(obj, "update", case["text"]) and None))
    out = UNDEFINED if case["out_enc"] is None else case["out_enc"]
    results.append(attempt(lambda: session.call(obj, "digest", out)))
    results.append(attempt(lambda: session.call(obj, "digest", out)))  # twice: throws (Hash) or empty (Hmac)
    return results


def _hash_test(node: Any, reference: Any, kind: str, algorithms: list[str], n: int, name: str, report: Any) -> None:
    counts = {"compared": 0, "differences": 0}
    node.reset()
    reference.reset()

    @settings(max_examples=n, **SETTINGS)
    @given(hash_case(algorithms))
    def check(case: dict[str, Any]) -> None:
        counts["compared"] += 1
        a, b = run_hash(node, kind, case), run_hash(reference, kind, case)
        if a != b:
            print("DIFFERS", kind, case, a, b)
            counts["differences"] += 1

    check()
    report(name, compared=counts["compared"], differences=counts["differences"])
    assert counts["differences"] == 0


def test_hashes_agree_with_node(node_session: Any, reference_session: Any, differential_report: Any) -> None:
    _hash_test(node_session, reference_session, "hash", HASHES, examples(100), "crypto createHash", differential_report)


def test_hmacs_agree_with_node(node_session: Any, reference_session: Any, differential_report: Any) -> None:
    _hash_test(node_session, reference_session, "hmac", HMACS, examples(100), "crypto createHmac", differential_report)


BOUNDARY_BYTES = [0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC3, 0xD8, 0xDB, 0xDC, 0xDF, 0xE0, 0xE2, 0xED,
                  0xEF, 0xF0, 0xF4, 0xF5, 0xF8, 0xFF]


def test_string_output_decoder_agrees_with_node(node_session: Any, reference_session: Any,
                                                differential_report: Any) -> None:
    """update(..., enc) pieces for the encodings whose StringDecoder holds bytes back: UTF-8 (by lead
    byte: C1, F5, E0 80…, which Python's incremental decoder does not do), UTF-16LE (odd bytes, high
    surrogates D8–DB) and base64. Plaintexts biased to those boundary bytes, decrypted with
    aes-128-ctr (so the decipher's output is exactly the plaintext) in random pieces."""
    counts = {"compared": 0, "differences": 0}
    key, iv = b"0123456789abcdef", b"fedcba9876543210"
    node_session.reset()
    reference_session.reset()

    @settings(max_examples=examples(150), **SETTINGS)
    @given(st.lists(st.sampled_from(BOUNDARY_BYTES), max_size=24), st.lists(st.integers(0, 24), max_size=6),
           st.sampled_from(["utf8", "utf8", "ucs2", "base64", "base64url"]))
    def check(plain: list[int], cuts: list[int], out_enc: str) -> None:
        counts["compared"] += 1
        from Crypto.Cipher import AES

        ciphertext = AES.new(key, AES.MODE_CTR, nonce=b"", initial_value=iv).encrypt(bytes(plain))
        a, b = (run_cipher(s, "decipher", "aes-128-ctr", key, iv, ciphertext, cuts, None, out_enc, True, b"", None)
                for s in (node_session, reference_session))
        if a != b:
            print("DIFFERS", bytes(plain).hex(), cuts, out_enc, a, b)
            counts["differences"] += 1

    check()
    differential_report("crypto string output decoder", compared=counts["compared"], differences=counts["differences"])
    assert counts["differences"] == 0


# JavaScript values as crypto's arguments: Node converts some as JavaScript does (setAutoPadding(x) is
# !!x, a truthy digest encoding becomes `${x}`) and validates crypto.hash()'s third argument.
JS_VALUES = st.one_of(
    st.sampled_from([UNDEFINED, NULL, True, False, 0, -0.0, 1, 2.5, math.nan, math.inf, "", "0", "true", "hex", "HEX",
                     "Hex", "buffer", "BUFFER", "base64", "base64url", "UCS-2", "utf-16le", "latin1", "binary", "ascii",
                     "utf8", "bogus"]),
    st.lists(st.sampled_from(["hex", "base64", "", "x", "latin1"]), max_size=2),
    st.fixed_dictionaries({}, optional={
        "outputEncoding": st.sampled_from([UNDEFINED, NULL, "base64", "hex", "", "buffer", 5, "bogus"]),
        "outputLength": st.sampled_from([UNDEFINED, NULL, 0, 4, 16, 32, -1, 1.5, "x", 2**32]),
    }),
    st.text(max_size=6),
)
ALGORITHMS = ["md5", "MD5", "sha256", "shake128", "shake256", "md55"]


def run_conversions(session: Any, alg: str, value: Any) -> list[Any]:
    crypto = session.module("crypto")
    results: list[Any] = []
    for factory, args in (("createHash", (alg,)), ("createHmac", (alg, "k"))):
        try:
            obj = session.call(crypto, factory, *args)
        except OperationError as error:
            results.append(comparable(error.error))
            continue
        session.call(obj, "update", "abc")
        results.append(attempt(lambda obj=obj: session.call(obj, "digest", value)))
        results.append(attempt(lambda obj=obj: session.call(obj, "digest", value)))
    results.append(attempt(lambda: session.call(session.call(crypto, "createHash", alg, value), "digest", "hex")))
    cipher = session.call(crypto, "createCipheriv", "aes-128-ecb", "0123456789abcdef", Bytes(""))
    results.append(attempt(lambda: session.call(cipher, "setAutoPadding", value) and None))
    results.append(attempt(lambda: session.call(cipher, "update", "abc", "utf8", "hex")))
    results.append(attempt(lambda: session.call(cipher, "final", "hex")))
    results.append(attempt(lambda: session.call(crypto, "hash", alg, "abc", value)))
    return results


def test_argument_conversions_agree_with_node(node_session: Any, reference_session: Any,
                                              differential_report: Any) -> None:
    """digest(x) and a second Hmac digest(x), createHash(alg, x), setAutoPadding(x) and
    crypto.hash(alg, 'abc', x) for JavaScript values x: primitives, encodings in any case, arrays,
    option objects, random strings."""
    counts = {"compared": 0, "differences": 0}
    node_session.reset()
    reference_session.reset()

    @settings(max_examples=examples(75), **SETTINGS)
    @given(st.sampled_from(ALGORITHMS), JS_VALUES)
    def check(alg: str, value: Any) -> None:
        counts["compared"] += 1
        a, b = run_conversions(node_session, alg, value), run_conversions(reference_session, alg, value)
        if a != b:
            print("DIFFERS", alg, value, [(i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y])
            counts["differences"] += 1

    check()
    differential_report("crypto argument conversions", compared=counts["compared"], differences=counts["differences"])
    assert counts["differences"] == 0
