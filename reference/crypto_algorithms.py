"""The algorithm tables behind ``nodespec.reference.crypto``: which cipher and hash names Node.js 20
knows (OpenSSL 3's names, matched case-insensitively), and how each maps onto pycryptodome (and, for
the few hashes pycryptodome lacks, hashlib).

The common hashes (MD5, SHA-1, SHA-2, SHA-3) are hashlib's: it is OpenSSL, as in Node, and its
objects cost a tenth of pycryptodome's to create, which is most of the time of hashing a short
message.

Only algorithms the reference can compute exactly are listed. ``legacy`` marks what Node 20's
OpenSSL 3 keeps in its *legacy* provider (single DES, MD4): Node refuses those with
``ERR_OSSL_EVP_UNSUPPORTED`` unless started with ``--openssl-legacy-provider``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from Crypto.Cipher import AES, DES, DES3, _mode_cbc, _mode_cfb, _mode_ctr, _mode_ecb, _mode_gcm, _mode_ofb
from Crypto.Hash import (
    MD4,
    RIPEMD160,
    SHA512,
    SHAKE128,
    SHAKE256,
    cSHAKE128,
    cSHAKE256,
    keccak,
)

from .lines import SUPPORTED, node_line

_OLDEST_LINE = min(SUPPORTED)

# -- ciphers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CipherSpec:
    """One cipher as OpenSSL describes it (``crypto.getCipherInfo``)."""

    name: str           # Node's canonical (lower-case) name, as getCiphers() lists it
    family: str         # 'aes' | 'des' | 'des-ede' | 'des-ede3'
    mode: str           # 'ecb' | 'cbc' | 'ctr' | 'cfb' | 'cfb8' | 'ofb' | 'gcm'
    key_length: int
    iv_length: int      # 0 for ECB; GCM's default (12) — GCM accepts any non-empty IV
    block_size: int     # 1 for stream modes (CTR, CFB, OFB, GCM): no buffering, no padding
    legacy: bool = False
    authenticated: bool = field(init=False)  # GCM: a tag and additional data (a field: read on every cipher)

    def __post_init__(self) -> None:
        object.__setattr__(self, "authenticated", self.mode == "gcm")


def _cipher_table() -> dict[str, CipherSpec]:
    table: dict[str, CipherSpec] = {}

    def add(spec: CipherSpec, *aliases: str) -> None:
        table[spec.name] = spec
        for alias in aliases:
            table[alias.lower()] = spec

    for bits in (128, 192, 256):
        k = bits // 8
        add(CipherSpec(f"aes-{bits}-ecb", "aes", "ecb", k, 0, 16))
        add(CipherSpec(f"aes-{bits}-cbc", "aes", "cbc", k, 16, 16), f"aes{bits}")
        add(CipherSpec(f"aes-{bits}-ctr", "aes", "ctr", k, 16, 1))
        add(CipherSpec(f"aes-{bits}-cfb", "aes", "cfb", k, 16, 1))
        add(CipherSpec(f"aes-{bits}-cfb8", "aes", "cfb8", k, 16, 1))
        add(CipherSpec(f"aes-{bits}-ofb", "aes", "ofb", k, 16, 1))
        add(CipherSpec(f"aes-{bits}-gcm", "aes", "gcm", k, 12, 1), f"id-aes{bits}-GCM")
    add(CipherSpec("des-ecb", "des", "ecb", 8, 0, 8, legacy=True))
    add(CipherSpec("des-cbc", "des", "cbc", 8, 8, 8, legacy=True), "des")
    add(CipherSpec("des-cfb", "des", "cfb", 8, 8, 1, legacy=True))
    add(CipherSpec("des-ofb", "des", "ofb", 8, 8, 1, legacy=True))
    add(CipherSpec("des-ede", "des-ede", "ecb", 16, 0, 8), "des-ede-ecb")
    add(CipherSpec("des-ede-cbc", "des-ede", "cbc", 16, 8, 8))
    add(CipherSpec("des-ede-cfb", "des-ede", "cfb", 16, 8, 1))
    add(CipherSpec("des-ede-ofb", "des-ede", "ofb", 16, 8, 1))
    add(CipherSpec("des-ede3", "des-ede3", "ecb", 24, 0, 8))
    add(CipherSpec("des-ede3-ecb", "des-ede3", "ecb", 24, 0, 8))
    add(CipherSpec("des-ede3-cbc", "des-ede3", "cbc", 24, 8, 8), "des3")
    add(CipherSpec("des-ede3-cfb", "des-ede3", "cfb", 24, 8, 1))
    add(CipherSpec("des-ede3-cfb8", "des-ede3", "cfb8", 24, 8, 1))
    add(CipherSpec("des-ede3-ofb", "des-ede3", "ofb", 24, 8, 1))
    return table


CIPHERS: dict[str, CipherSpec] = _cipher_table()

# The names getCiphers() lists (Node lists canonical names and some aliases, sorted by strcmp).
CIPHER_LIST: tuple[str, ...] = tuple(sorted(
    {spec.name for spec in CIPHERS.values()} | {"aes128", "aes192", "aes256", "des", "des3"}
    | {f"id-aes{b}-GCM" for b in (128, 192, 256)}
))


def _strip_parity(key: bytes) -> bytes:
    return bytes(b & 0xFE for b in key)


def _des_family_cipher(spec: CipherSpec, key: bytes) -> tuple[Any, bytes]:
    """The pycryptodome module and key for a DES-family cipher. OpenSSL accepts 3DES keys whose
    parts repeat (K1 = K2 or K2 = K3), which then *are* single DES; pycryptodome's DES3 refuses
    them ("degenerates to single DES"), so those keys go to DES with the part that survives."""
    if spec.family == "des":
        return DES, key
    if spec.family == "des-ede":       # E_K1(D_K2(E_K1 x))
        k1, k2 = key[:8], key[8:16]
        if _strip_parity(k1) == _strip_parity(k2):
            return DES, k1
        return DES3, key
    k1, k2, k3 = key[:8], key[8:16], key[16:24]     # E_K3(D_K2(E_K1 x))
    if _strip_parity(k1) == _strip_parity(k2):
        return DES, k3
    if _strip_parity(k2) == _strip_parity(k3):
        return DES, k1
    return DES3, key


# pycryptodome's constructor of each mode, which AES.new, DES.new and DES3.new reach through an
# import statement on every call (~1.5 µs of a 64-byte message's ~12 µs): called directly.
_new_ecb: Callable[..., Any] = _mode_ecb._create_ecb_cipher
_new_cbc: Callable[..., Any] = _mode_cbc._create_cbc_cipher
_new_cfb: Callable[..., Any] = _mode_cfb._create_cfb_cipher
_new_ofb: Callable[..., Any] = _mode_ofb._create_ofb_cipher
_new_ctr: Callable[..., Any] = _mode_ctr._create_ctr_cipher
_new_gcm: Callable[..., Any] = _mode_gcm._create_gcm_cipher


def new_block_cipher(spec: CipherSpec, key: bytes, iv: bytes, mac_len: int = 16) -> Any:
    """A pycryptodome cipher object for ``spec`` (stateful: CBC/CTR/CFB/OFB chain across calls)."""
    if spec.family == "aes":
        module, k = AES, key
    else:
        module, k = _des_family_cipher(spec, key)
    mode = spec.mode
    if mode == "ecb":
        return _new_ecb(module, key=k)
    if mode == "cbc":
        return _new_cbc(module, key=k, iv=iv)
    if mode == "cfb":
        return _new_cfb(module, key=k, iv=iv, segment_size=module.block_size * 8)
    if mode == "cfb8":
        return _new_cfb(module, key=k, iv=iv, segment_size=8)
    if mode == "ofb":
        return _new_ofb(module, key=k, iv=iv)
    if mode == "ctr":
        # OpenSSL counts with the whole 128-bit IV as a big-endian counter, wrapping at 2**128.
        return _new_ctr(module, key=k, nonce=b"", initial_value=iv)
    if mode == "gcm":
        return _new_gcm(module, key=k, nonce=iv, mac_len=mac_len)
    raise AssertionError(mode)


# -- hashes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HashSpec:
    name: str
    factory: Any                # () -> a hash object with update/digest/copy/block_size
    digest_size: int
    block_size: int
    xof: bool = False           # SHAKE: digest(length)
    legacy: bool = False
    since: int = 20             # the Node.js line that first knows the name (24: OpenSSL 3 fetch names)
    openssl: str | None = None  # OpenSSL's name where factory is hashlib's OpenSSL (_digests.c calls it itself)


def _pycryptodome(module: Any, **kw: Any) -> Any:
    return lambda: module.new(**kw)


def _hashlib(name: str) -> Any:
    return lambda: hashlib.new(name)


def _hash_table() -> tuple[dict[str, HashSpec], tuple[str, ...]]:
    table: dict[str, HashSpec] = {}
    listed: list[str] = []

    def add(spec: HashSpec, listed_names: tuple[str, ...], aliases: tuple[str, ...] = ()) -> None:
        for alias in (spec.name, *listed_names, *aliases):
            table[alias.lower()] = spec
        if not spec.legacy:
            listed.extend(listed_names)

    add(HashSpec("md5", hashlib.md5, 16, 64, openssl="MD5"),
        ("RSA-MD5", "md5", "md5WithRSAEncryption", "ssl3-md5"))
    add(HashSpec("sha1", hashlib.sha1, 20, 64, openssl="SHA1"),
        ("RSA-SHA1", "RSA-SHA1-2", "sha1", "sha1WithRSAEncryption", "ssl3-sha1"), ("sha-1",))
    add(HashSpec("sha224", hashlib.sha224, 28, 64, openssl="SHA224"),
        ("RSA-SHA224", "sha224", "sha224WithRSAEncryption"), ("sha-224", "sha2-224"))
    add(HashSpec("sha256", hashlib.sha256, 32, 64, openssl="SHA256"),
        ("RSA-SHA256", "sha256", "sha256WithRSAEncryption"), ("sha-256", "sha2-256"))
    add(HashSpec("sha384", hashlib.sha384, 48, 128, openssl="SHA384"),
        ("RSA-SHA384", "sha384", "sha384WithRSAEncryption"), ("sha-384", "sha2-384"))
    add(HashSpec("sha512", hashlib.sha512, 64, 128, openssl="SHA512"),
        ("RSA-SHA512", "sha512", "sha512WithRSAEncryption"), ("sha-512", "sha2-512"))
    add(HashSpec("sha512-224", _pycryptodome(SHA512, truncate="224"), 28, 128),
        ("RSA-SHA512/224", "sha512-224", "sha512-224WithRSAEncryption"),
        ("sha-512/224", "sha2-512/224", "sha512/224"))
    add(HashSpec("sha512-256", _pycryptodome(SHA512, truncate="256"), 32, 128),
        ("RSA-SHA512/256", "sha512-256", "sha512-256WithRSAEncryption"),
        ("sha-512/256", "sha2-512/256", "sha512/256"))
    for bits, factory, block in ((224, hashlib.sha3_224, 144), (256, hashlib.sha3_256, 136),
                                 (384, hashlib.sha3_384, 104), (512, hashlib.sha3_512, 72)):
        add(HashSpec(f"sha3-{bits}", factory, bits // 8, block, openssl=f"SHA3-{bits}"),
            (f"RSA-SHA3-{bits}", f"id-rsassa-pkcs1-v1_5-with-sha3-{bits}", f"sha3-{bits}"))
    add(HashSpec("shake128", _pycryptodome(SHAKE128), 16, 168, xof=True), ("shake128",), ("shake-128",))
    add(HashSpec("shake256", _pycryptodome(SHAKE256), 32, 136, xof=True), ("shake256",), ("shake-256",))
    add(HashSpec("ripemd160", _pycryptodome(RIPEMD160), 20, 64),
        ("RSA-RIPEMD160", "ripemd", "ripemd160", "ripemd160WithRSA", "rmd160"), ("ripemd-160",))
    # pycryptodome's BLAKE2 objects cannot be copied: hashlib's can.
    add(HashSpec("blake2b512", _hashlib("blake2b"), 64, 128), ("blake2b512",), ("blake2b-512",))
    add(HashSpec("blake2s256", _hashlib("blake2s"), 32, 64), ("blake2s256",), ("blake2s-256",))
    # pycryptodome has neither MD5-SHA1 (TLS 1.0's concatenation) nor SM3: hashlib (OpenSSL) has.
    if "md5-sha1" in hashlib.algorithms_available:
        add(HashSpec("md5-sha1", _hashlib("md5-sha1"), 36, 64, openssl="MD5-SHA1"), ("md5-sha1",))
    if "sm3" in hashlib.algorithms_available:
        add(HashSpec("sm3", _hashlib("sm3"), 32, 64, openssl="SM3"), ("RSA-SM3", "sm3", "sm3WithRSAEncryption"))
    add(HashSpec("md4", _pycryptodome(MD4), 16, 64, legacy=True), ("md4",), ("RSA-MD4", "md4WithRSAEncryption"))
    # Node 24 fetches digests from OpenSSL's providers: it knows (and getHashes lists) their names too.
    for bits, block in ((224, 144), (256, 136), (384, 104), (512, 72)):
        table[f"keccak-{bits}"] = HashSpec(f"keccak-{bits}", _replayed(keccak, bits), bits // 8, block, since=24)
    for bits, size, block, xof in ((128, 32, 168, cSHAKE128), (256, 64, 136, cSHAKE256)):
        spec = HashSpec(f"keccak-kmac-{bits}", _kmac_keccak(xof), size, block, xof=True, since=24)
        table[f"keccak-kmac-{bits}"] = table[f"keccak-kmac{bits}"] = spec
    sha256_192 = HashSpec("sha256-192", _truncated(hashlib.sha256, 24), 24, 64, since=24)
    for name in ("sha256-192", "sha-256/192", "sha2-256/192"):
        table[name] = sha256_192
    return table, tuple(sorted(listed))


def _kmac_keccak(xof_module: Any) -> Any:
    """OpenSSL's KECCAK-KMAC-128/256: Keccak with KMAC's 0x04 domain padding and no prefix (cSHAKE
    with an empty name would pad as SHAKE)."""
    def new() -> Any:
        h = xof_module.new()
        h._padding = 0x04
        return h
    return lambda: _Replayed(new)


class _Replayed:
    """A hash object that can be copied although pycryptodome's (Keccak, cSHAKE) cannot: it keeps
    the data and a copy replays it."""

    def __init__(self, new: Any, data: bytes = b"", size: int | None = None) -> None:
        self._new, self._data, self._size = new, bytearray(data), size

    def update(self, data: bytes) -> None:
        self._data += data

    def _inner(self) -> Any:
        h = self._new()
        h.update(bytes(self._data))
        return h

    def digest(self) -> bytes:
        return bytes(self._inner().digest()[: self._size])

    def read(self, n: int) -> bytes:
        return bytes(self._inner().read(n))

    def copy(self) -> _Replayed:
        return _Replayed(self._new, bytes(self._data), self._size)


def _replayed(module: Any, bits: int) -> Any:
    return lambda: _Replayed(lambda: module.new(digest_bits=bits))


def _truncated(factory: Any, size: int) -> Any:
    return lambda: _Replayed(factory, size=size)


HASHES, HASH_LIST = _hash_table()
# Names getHashes() lists from Node 24 on, besides HASH_LIST.
HASH_LIST_SINCE_24 = (
    "blake2b-512", "blake2s-256", "keccak-224", "keccak-256", "keccak-384", "keccak-512", "keccak-kmac-128",
    "keccak-kmac-256", "keccak-kmac128", "keccak-kmac256", "ripemd-160", "sha-1", "sha-224", "sha-256",
    "sha-256/192", "sha-384", "sha-512", "sha-512/224", "sha-512/256", "sha2-224", "sha2-256", "sha2-256/192",
    "sha2-384", "sha2-512", "sha2-512/224", "sha2-512/256", "sha256-192", "shake-128", "shake-256",
)


def lookup_hash(name: str) -> HashSpec | None:
    """The digest ``name`` names on the selected Node.js line (None: Node says it is unsupported)."""
    spec = HASHES.get(name) or HASHES.get(name.lower())  # the table's names are lower case: most callers' too
    if spec is None or spec.since <= _OLDEST_LINE:  # every line knows it: no need to ask which
        return spec
    return spec if spec.since <= node_line() else None
