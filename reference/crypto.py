"""``node:crypto``'s ciphers, hashes and HMAC, over pycryptodome, with Node.js 20's semantics.

Node names → Python names: ``createCipheriv`` → :func:`create_cipheriv`, ``createDecipheriv`` →
:func:`create_decipheriv`, ``createHash`` → :func:`create_hash`, ``createHmac`` → :func:`create_hmac`,
``getCiphers`` / ``getHashes`` → :func:`get_ciphers` / :func:`get_hashes`, ``randomBytes`` →
:func:`random_bytes`; on the objects ``setAutoPadding`` → ``set_auto_padding``, ``getAuthTag`` /
``setAuthTag`` → ``get_auth_tag`` / ``set_auth_tag``, ``setAAD`` → ``set_aad``.

What is Node's and not pycryptodome's:

* **Streaming.** ``update`` returns only whole blocks and keeps the rest; a decipher with padding
  also holds back its last whole block until ``final`` (OpenSSL's ``EVP_DecryptUpdate``). The result
  never depends on how the input is split across ``update`` calls.
* **Encodings.** String input is encoded with ``input_encoding`` (an unknown name means UTF-8, as in
  Node's C++ ``ParseEncoding``); string output goes through one ``StringDecoder`` per object, so a
  base64 or UTF-8 output holds back incomplete groups and characters until ``final``.
* **Padding.** PKCS#7 by default; ``set_auto_padding(False)`` turns it off.
* **Errors**, by Node's code and class (``nodespec.reference.errors``): an unknown cipher
  (``ERR_CRYPTO_UNKNOWN_CIPHER``), a wrong IV (``ERR_CRYPTO_INVALID_IV``) or key length
  (``ERR_CRYPTO_INVALID_KEYLEN``), update after final (an Error without a code), final twice
  (``ERR_CRYPTO_INVALID_STATE``), a partial last block without padding
  (``ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH``), a wrong key ("bad decrypt", ``ERR_OSSL_BAD_DECRYPT``),
  digest twice (``ERR_CRYPTO_HASH_FINALIZED``), an unknown hash (an Error without a code).
* **The legacy provider.** Node 20's OpenSSL 3 refuses single DES (and MD4) with
  ``ERR_OSSL_EVP_UNSUPPORTED`` unless Node runs with ``--openssl-legacy-provider``. The reference
  models both: :func:`configure` ``(legacy_provider=True)`` is that flag (default off, like Node).

Values: JavaScript ``undefined`` is ``None``, ``null`` is :data:`nodespec.reference.types.NULL`;
strings are Python ``str`` read as UTF-16 code units (see ``buffer_encodings``); bytes-like inputs
(``bytes``, ``bytearray``, ``memoryview``, the reference ``Buffer``) are accepted wherever Node takes a
Buffer, TypedArray or DataView, and binary results are reference Buffers over an ArrayBuffer of their
own, as Node's are.
"""

from __future__ import annotations

import abc
import hmac as _hmac
import os
from collections.abc import Callable
from typing import Any

from . import buffer_encodings as _enc
from .buffer import Buffer
from .crypto_algorithms import (
    CIPHER_LIST,
    CIPHERS,
    HASH_LIST,
    HASH_LIST_SINCE_24,
    HASHES,
    CipherSpec,
    HashSpec,
    lookup_hash,
    new_block_cipher,
)
from .errors import NodeError, node_error
from .js import inspect, to_boolean, to_string
from .lines import SUPPORTED, node_line, since
from .types import NULL
from .validators import invalid_arg_type, invalid_arg_value, out_of_range

__all__ = [
    "configure", "set_legacy_provider", "legacy_provider_enabled",
    "create_cipheriv", "create_decipheriv", "create_hash", "create_hmac", "hash_once",
    "get_ciphers", "get_hashes", "random_bytes", "evp_bytes_to_key",
    "Cipheriv", "Decipheriv", "Hash", "Hmac",
]

# -- start-up options ----------------------------------------------------------------------------

_options = {"legacy_provider": False}  # python-only: the harness sets it for every session


def configure(*, legacy_provider: bool | None = None) -> None:  # python-only: the harness calls set_legacy_provider
    """Process start-up options. ``legacy_provider=True`` is ``node --openssl-legacy-provider``:
    it enables single DES (des-ecb, des-cbc…) and MD4, which Node 20 refuses by default."""
    if legacy_provider is not None:
        _options["legacy_provider"] = bool(legacy_provider)


def set_legacy_provider(enabled: bool) -> None:
    """The harness's hook (docs/protocol.md, start-up options): ``configure(legacy_provider=…)``."""
    _options["legacy_provider"] = bool(enabled)


def legacy_provider_enabled() -> bool:  # python-only
    return _options["legacy_provider"]


# -- values --------------------------------------------------------------------------------------

# Binary results are reference Buffers. Node allocates them outside the Buffer pool: so does the
# reference (a Buffer over its own ArrayBuffer, as ``Buffer.from(arrayBuffer)`` makes). The bound
# classmethod itself: no frame of crypto's own on every update, final and digest.
_out: Callable[[bytes], Buffer] = Buffer._copy_of


def _bytes_of(value: Any) -> bytes | None:
    """The bytes of a Buffer/TypedArray/DataView-like value, or None if it is not one."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    try:
        return memoryview(value).tobytes()
    except TypeError:
        pass
    to_bytes = getattr(type(value), "__bytes__", None)
    if to_bytes is not None:  # python-only: a Python object that converts itself
        return bytes(value)
    return None


_KEY_TYPES = ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView", "KeyObject", "CryptoKey"]
_IV_TYPES = ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView"]
_DATA_TYPES = ["string", "Buffer", "TypedArray", "DataView"]


def _encode_string(s: str, encoding: Any) -> bytes:
    """A string argument's bytes as Node's C++ ``ParseEncoding`` reads the encoding: any name Node
    does not know (and ``'buffer'``) means UTF-8 — so the document's ``'uft8'`` is UTF-8 too."""
    return bytes(_enc.encode(s, _enc.normalize_encoding(encoding) or "utf8"))  # hex gives a bytearray


def _validate_encoding(data: str, encoding: Any) -> None:
    """``validateEncoding`` (internal/validators.js): hex input of odd length is refused."""
    if _enc.normalize_encoding(encoding) == "hex" and _enc.js_length(data) % 2:
        raise node_error(
            "ERR_INVALID_ARG_VALUE",
            f"The argument 'encoding' is invalid for data of length {_enc.js_length(data)}. Received {inspect(encoding)}",
        )


def _data_bytes(data: Any, encoding: Any) -> bytes:
    """``update(data, encoding)``'s argument checks and bytes (cipher.js / hash.js ``update``)."""
    if isinstance(data, str):
        _validate_encoding(data, encoding)
        return _encode_string(data, encoding)
    raw = _bytes_of(data)
    if raw is None:
        raise invalid_arg_type("data", _DATA_TYPES, data)
    return raw


def _secret_key(key: Any, options: Any) -> bytes:
    """``prepareSecretKey`` (internal/crypto/keys.js): a string key is encoded with
    ``options.encoding`` (UTF-8 by default)."""
    if isinstance(key, str):
        encoding = options.get("encoding") if isinstance(options, dict) else None
        return _encode_string(key, encoding)
    raw = _bytes_of(key)
    if raw is None:
        raise invalid_arg_type("key", _KEY_TYPES, key)
    return raw


def _ossl_error(code: str, message: str, library: str, reason: str) -> NodeError:
    return node_error(code, message, library=library, reason=reason)


def _unsupported() -> NodeError:
    return _ossl_error("ERR_OSSL_EVP_UNSUPPORTED", "error:0308010C:digital envelope routines::unsupported",
                       "digital envelope routines", "unsupported")


def _wrong_final_block_length() -> NodeError:
    return _ossl_error("ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH",
                       "error:1C80006B:Provider routines::wrong final block length",
                       "Provider routines", "wrong final block length")


def _bad_decrypt() -> NodeError:
    return _ossl_error("ERR_OSSL_BAD_DECRYPT", "error:1C800064:Provider routines::bad decrypt",
                       "Provider routines", "bad decrypt")


# -- StringDecoder (lib/string_decoder.js / src/string_decoder.cc) -------------------------------


def _utf8_incomplete_tail(data: bytes) -> tuple[int, int]:
    """(buffered, missing): how many bytes at the end of ``data`` may start a UTF-8 character that
    the next chunk completes, judged by the lead byte alone (src/string_decoder.cc)."""
    buffered = 0
    for i in range(len(data) - 1, -1, -1):
        buffered += 1
        byte = data[i]
        if byte & 0xC0 == 0x80:               # a continuation byte: keep looking for the lead
            if buffered >= 4:
                return 0, 0
            continue
        if byte & 0xE0 == 0xC0:
            missing = 2
        elif byte & 0xF0 == 0xE0:
            missing = 3
        elif byte & 0xF8 == 0xF0:
            missing = 4
        else:
            return 0, 0
        if buffered >= missing:
            return 0, 0
        return buffered, missing - buffered
    return 0, 0


class _StringDecoder:
    """The per-object decoder that turns a cipher's output bytes into strings (Node's C++
    ``StringDecoder``, src/string_decoder.cc): it holds back what cannot be decoded yet — the start
    of a UTF-8 character judged by its lead byte alone, a UTF-16 unit or high surrogate, base64's last
    ``len % 3`` bytes — and releases it at ``end``. Python's incremental UTF-8 decoder is not the
    same: it emits U+FFFD at once for lead bytes Node holds back (C0, C1, F5–F7, E0 80…), so the
    pieces differ even where the whole agrees."""

    def __init__(self, encoding: Any) -> None:
        normalized = _enc.normalize_encoding(encoding)
        if normalized is None:
            raise node_error("ERR_UNKNOWN_ENCODING", encoding)
        self.encoding = normalized
        self._pending = b""
        self._missing = 0   # UTF-8: bytes still missing from the character in _pending

    def write(self, data: bytes) -> str:
        """``StringDecoder::DecodeData``: first finish the character held from the last chunk (a
        string of its own), then decode this chunk minus what may start an incomplete character."""
        enc = self.encoding
        data = bytes(data)
        if enc in ("hex", "latin1", "ascii"):
            return _enc.decode(data, enc)
        prepend = ""
        if self._missing:
            if enc == "utf8":
                # a byte that is not a continuation ends the held character early
                for i in range(min(len(data), self._missing)):
                    if data[i] & 0xC0 != 0x80:
                        self._missing = 0
                        self._pending += data[:i]
                        data = data[i:]
                        break
            found = min(len(data), self._missing)
            self._pending += data[:found]
            data = data[found:]
            self._missing -= found
            if self._missing == 0:
                prepend = _enc.decode(self._pending, enc) if enc != "utf8" else self._pending.decode("utf-8", "replace")
                self._pending = b""
        if not data:
            return prepend
        buffered = missing = 0
        if enc == "utf8":
            buffered, missing = _utf8_incomplete_tail(data)
        elif enc == "utf16le":
            if len(data) % 2:
                buffered = missing = 1
            elif data[-1] & 0xFC == 0xD8:       # the high half of a surrogate pair
                buffered = missing = 2
        else:  # base64, base64url
            buffered = len(data) % 3
            missing = 3 - buffered if buffered else 0
        self._missing = missing
        cut = len(data) - buffered
        self._pending = data[cut:]
        body = data[:cut]
        if enc == "utf8":
            return prepend + body.decode("utf-8", "replace")
        if enc == "utf16le" and prepend:  # a held high surrogate and this chunk's low one: one character
            return _enc.decode(_enc.utf16_units(prepend) + body, enc)
        return prepend + _enc.decode(body, enc)

    def end(self, data: bytes = b"") -> str:
        out = self.write(data) if data else ""
        rest, self._pending, self._missing = self._pending, b"", 0
        if rest:
            # FlushData: the held bytes decoded on their own (utf16le drops an odd last byte)
            out += _enc.decode(rest, self.encoding)
        return out


def _decoder_for(current: _StringDecoder | None, encoding: Any) -> _StringDecoder:
    """``getDecoder`` (internal/crypto/cipher.js): one decoder per object; switching to another
    known encoding is an internal assertion up to Node 22, ERR_INVALID_ARG_VALUE from Node 24."""
    normalized = _enc.normalize_encoding(encoding)
    if current is None:
        return _StringDecoder(encoding)
    if current.encoding != normalized:
        if normalized is None:
            raise node_error("ERR_UNKNOWN_ENCODING", encoding)
        if since(24):
            raise invalid_arg_value("outputEncoding", encoding, f"cannot be changed from {inspect(current.encoding)}")
        raise node_error(
            "ERR_INTERNAL_ASSERTION",
            "Cannot change encoding\nThis is caused by either a bug in Node.js or incorrect usage of "
            "Node.js internals.\nPlease open an issue with this stack trace at "
            "https://github.com/nodejs/node/issues\n",
        )
    return current


# -- ciphers -------------------------------------------------------------------------------------

_VALID_GCM_TAG_LENGTHS = (4, 8, 12, 13, 14, 15, 16)
_PKCS7 = tuple(bytes([n]) * n for n in range(17))  # PKCS#7's padding of n bytes (blocks of 8 or 16)


class _CipherBase:
    """What ``Cipheriv`` and ``Decipheriv`` share (Node's ``CipherBase`` in crypto_cipher.cc)."""

    _decrypt = False
    # What only some objects change: class defaults, so that a common object sets none of them.
    _decoder: _StringDecoder | None = None
    _data_seen = False                    # GCM: AAD only before the message
    _auth_tag: bytes | None = None

    def __init__(self, cipher: Any, key: Any, iv: Any, options: Any = None) -> None:
        # bytes (Python callers') are checked by their type alone; anything else by Node's validators.
        if not isinstance(cipher, str):
            raise invalid_arg_type("cipher", "string", cipher)
        key_bytes = key if type(key) is bytes else _secret_key(key, options)
        if type(iv) is bytes:
            iv_bytes: bytes | None = iv
        elif iv is NULL:
            iv_bytes = None
        elif isinstance(iv, str):
            iv_bytes = _enc.encode(iv, "utf8")
        else:
            iv_bytes = _bytes_of(iv)
            if iv_bytes is None:
                raise invalid_arg_type("iv", _IV_TYPES, iv)
        auth_tag_length = -1 if options is None else _uint_option(options, "authTagLength")
        if auth_tag_length == 0xFFFFFFFF:  # C++ takes the uint32 of -1 for kNoAuthTagLength: no length given
            auth_tag_length = -1

        # CipherBase::InitIv, in its order: the name, the IV, the provider, the tag, the key.
        spec = CIPHERS.get(cipher) or CIPHERS.get(cipher.lower())  # the table's names are lower case
        if spec is None:
            raise node_error("ERR_CRYPTO_UNKNOWN_CIPHER")
        has_iv = bool(iv_bytes)
        if not has_iv and spec.iv_length != 0:
            raise node_error("ERR_CRYPTO_INVALID_IV")
        if not spec.authenticated and iv_bytes and len(iv_bytes) != spec.iv_length:
            raise node_error("ERR_CRYPTO_INVALID_IV")
        if spec.legacy and not _options["legacy_provider"]:
            raise _unsupported()
        if spec.authenticated and auth_tag_length != -1 and auth_tag_length not in _VALID_GCM_TAG_LENGTHS:
            raise node_error("ERR_CRYPTO_INVALID_AUTH_TAG", f"Invalid authentication tag length: {auth_tag_length}")
        if len(key_bytes) != spec.key_length:
            raise node_error("ERR_CRYPTO_INVALID_KEYLEN")

        self._spec: CipherSpec = spec
        self._engine: Any = new_block_cipher(spec, key_bytes, iv_bytes or b"")
        # pycryptodome's encrypt or decrypt (bytes out, for every mode), bound once
        self._transform: Callable[[bytes], bytes] = self._engine.decrypt if self._decrypt else self._engine.encrypt
        self._open = True                 # Node's ctx_: reset by final()
        self._padding = True
        self._pending = b""               # input not yet processed (partial block, held block)
        if spec.authenticated:  # only an authenticated cipher reads them (after testing spec.authenticated)
            self._auth_tag_length = auth_tag_length if auth_tag_length != -1 else 16
            self._auth_tag_length_given = auth_tag_length != -1

    # -- the byte engine --------------------------------------------------------------------------

    def _final_bytes(self) -> bytes:
        if not self._open:
            raise node_error("ERR_CRYPTO_INVALID_STATE", "Invalid state")
        self._open = False
        spec = self._spec
        if spec.authenticated:
            return self._final_authenticated()
        bs = spec.block_size
        if bs == 1:
            return b""
        buf, self._pending = self._pending, b""
        if not self._decrypt:
            if self._padding:
                return self._transform(buf + _PKCS7[bs - len(buf) % bs])
            if buf:
                raise _wrong_final_block_length()
            return b""
        if not self._padding:
            if buf:
                raise _wrong_final_block_length()
            return b""
        if len(buf) != bs:
            raise _wrong_final_block_length()
        block = self._transform(buf)
        pad = block[-1]
        if not 1 <= pad <= bs or block[-pad:] != _PKCS7[pad]:
            raise _bad_decrypt()
        return block[:-pad]

    def _final_authenticated(self) -> bytes:
        if not self._decrypt:
            self._auth_tag = self._engine.digest()[: self._auth_tag_length]
            return b""
        tag = self._auth_tag
        # pycryptodome verifies only a full-length tag; OpenSSL compares the tag it was given with
        # as many bytes of the computed one.
        computed = self._engine._compute_mac()
        if tag is None or not _hmac.compare_digest(computed[: len(tag)], tag):
            raise NodeError("Unsupported state or unable to authenticate data")
        return b""

    # -- Node's API -------------------------------------------------------------------------------

    def update(self, data: Any, input_encoding: Any = None, output_encoding: Any = None) -> Any:
        """Feed ``data``; returns the whole blocks ready so far (a Buffer, or a string when
        ``output_encoding`` is given)."""
        # bytes are data as they are (Python callers'; Node ignores the encoding of non-strings).
        if type(data) is not bytes:
            data = _data_bytes(data, input_encoding)
        if not self._open:
            raise NodeError("Trying to add data in unsupported state")
        bs = self._spec.block_size
        if bs == 1:   # stream modes: everything at once
            if data:
                self._data_seen = True
            out = self._transform(data) if data else b""
        else:
            buf = self._pending + data if self._pending else data
            n = len(buf) - len(buf) % bs
            if self._decrypt and self._padding and n == len(buf) and n:
                n -= bs   # EVP_DecryptUpdate keeps the last whole block: it may be the padding
            self._pending = buf[n:]
            out = self._transform(buf[:n]) if n else b""  # buf[:len(buf)] is buf itself: no copy
        if output_encoding and output_encoding != "buffer":  # a string (else a Buffer)
            self._decoder = _decoder_for(self._decoder, output_encoding)
            return self._decoder.write(out)
        return _out(out)

    def final(self, output_encoding: Any = None) -> Any:
        """Finish: the last block (with padding, or its check on a decipher)."""
        out = self._final_bytes()
        if output_encoding and output_encoding != "buffer":  # a string (else a Buffer)
            self._decoder = _decoder_for(self._decoder, output_encoding)
            return self._decoder.end(out)
        return _out(out)

    def set_auto_padding(self, auto_padding: Any = None) -> _CipherBase:
        """``setAutoPadding([autoPadding])``. Node documents the default as true but passes
        ``!!autoPadding``: called without an argument it turns padding off (Node 20–26), and with
        ``[]`` it turns it on (JavaScript's ToBoolean, not Python's)."""
        if not self._open:
            raise node_error("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAutoPadding")
        self._padding = to_boolean(auto_padding)
        return self

    def set_aad(self, buffer: Any, options: Any = None) -> _CipherBase:
        encoding = options.get("encoding") if isinstance(options, dict) else None
        aad: bytes | None
        if isinstance(buffer, str):
            aad = _encode_string(buffer, encoding)
        else:
            aad = _bytes_of(buffer)
            if aad is None:
                raise invalid_arg_type("aadbuf", _IV_TYPES, buffer)
        if not self._open or not self._spec.authenticated or self._data_seen:
            raise node_error("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAAD")
        self._engine.update(aad)
        return self


def _uint_option(options: Any, key: str) -> int:
    if isinstance(options, dict) and options.get(key) is not None:
        value = options[key]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 0xFFFFFFFF:
            raise invalid_arg_value(f"options.{key}", value)
        return value
    return -1


class Cipheriv(_CipherBase):
    """``crypto.Cipheriv``: encrypts."""

    def get_auth_tag(self) -> Any:
        if self._open or self._auth_tag is None:
            raise node_error("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation getAuthTag")
        return _out(self._auth_tag)


class Decipheriv(_CipherBase):
    """``crypto.Decipheriv``: decrypts and checks the padding (or, for GCM, the tag)."""

    _decrypt = True

    def set_auth_tag(self, buffer: Any, encoding: Any = None) -> Decipheriv:
        tag: bytes | None
        if isinstance(buffer, str):
            tag = _encode_string(buffer, encoding)
        else:
            tag = _bytes_of(buffer)
            if tag is None:
                raise invalid_arg_type("buffer", _IV_TYPES, buffer)
        if not self._open or not self._spec.authenticated or self._auth_tag is not None:
            raise node_error("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAuthTag")
        if len(tag) not in _VALID_GCM_TAG_LENGTHS or (
                # DEP0182, end of life in Node 26: a GCM tag shorter than 16 bytes needs authTagLength.
                since(26) and self._spec.mode == "gcm" and not self._auth_tag_length_given and len(tag) != 16):
            raise node_error("ERR_CRYPTO_INVALID_AUTH_TAG", f"Invalid authentication tag length: {len(tag)}")
        self._auth_tag = tag
        return self


def create_cipheriv(algorithm: Any, key: Any, iv: Any, options: Any = None) -> Cipheriv:
    """``crypto.createCipheriv(algorithm, key, iv[, options])``."""
    return Cipheriv(algorithm, key, iv, options)


def create_decipheriv(algorithm: Any, key: Any, iv: Any, options: Any = None) -> Decipheriv:
    """``crypto.createDecipheriv(algorithm, key, iv[, options])``."""
    return Decipheriv(algorithm, key, iv, options)


def get_ciphers() -> list[str]:
    """``crypto.getCiphers()``: the names this implementation can compute (Node lists more:
    aria, camellia, sm4, chacha20… which pycryptodome lacks). Single DES only with the legacy
    provider. From Node 24 (OpenSSL's fetch names) GCM's aliases are lower case: id-aes128-gcm."""
    legacy = _options["legacy_provider"]
    names = [name for name in CIPHER_LIST if legacy or not CIPHERS[name.lower()].legacy]
    return sorted(name.lower() if name.startswith("id-aes") else name for name in names) if since(24) else names


# -- hashes --------------------------------------------------------------------------------------


def _digest_output(data: bytes, encoding: Any) -> Any:
    """The C++ digest's output. hash.js and hmac.js pass ``outputEncoding && `${outputEncoding}```:
    a falsy encoding, or a name the C++ ParseEncoding does not know ('buffer' too), gives a Buffer;
    a known one (``['hex']`` is 'hex'), a string."""
    if type(encoding) is not str:  # a string is its own ToString, and truthy unless empty
        encoding = to_string(encoding) if to_boolean(encoding) else ""
    normalized = _enc.normalize_encoding(encoding) if encoding else None
    return _out(data) if normalized is None else _enc.decode(data, normalized)


def _validate_uint32(value: Any, name: str) -> None:
    """Node's validateUint32 (lib/internal/validators.js): a number, an integer, 0 … 2**32 - 1."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise invalid_arg_type(name, "number", value)
    if isinstance(value, float) and not value.is_integer():
        raise out_of_range(name, "an integer", value)
    if not 0 <= value <= 0xFFFFFFFF:
        raise out_of_range(name, ">= 0 && <= 4294967295", value)


def _hash_spec(algorithm: str) -> HashSpec | None:
    spec = lookup_hash(algorithm)
    if spec is not None and spec.legacy and not _options["legacy_provider"]:
        raise _unsupported()
    return spec


class _DeprecatedConstructor(abc.ABCMeta):
    """``util.deprecate`` on a class that crypto exports: calling ``crypto.Hash(...)`` /
    ``crypto.Hmac(...)`` yourself (with or without ``new``) warns from Node 22 (DEP0179, DEP0181;
    documentation-only on Node 20), once per process, before the constructor runs. createHash,
    createHmac, hash() and copy() build through ``_create`` and never warn, as they call Node's
    internal constructors. An ABCMeta: createHash's Hash of a plain digest is a class of C that
    registers as Hash (below)."""

    _deprecation: tuple[str, str]

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if since(22):
            _deprecated(*cls._deprecation)
        return super().__call__(*args, **kwargs)

    # The internal constructors: type's own call (a method-wrapper: no Python frame of its own).
    _create = type.__call__


class Hash(metaclass=_DeprecatedConstructor):
    """``crypto.Hash``: ``update`` (chainable) then one ``digest``; ``copy`` forks the state."""

    _deprecation = ("crypto.Hash constructor is deprecated.", "DEP0179")

    def __init__(self, algorithm: Any, options: Any = None, *, _state: Any = None, _spec: HashSpec | None = None) -> None:
        output_length = options.get("outputLength") if isinstance(options, dict) else None
        if output_length is not None:
            _validate_uint32(output_length, "options.outputLength")
            output_length = int(output_length)
        if _state is None:
            if not isinstance(algorithm, str):
                raise invalid_arg_type("algorithm", "string", algorithm)
            spec = _hash_spec(algorithm)
            if spec is None:
                raise NodeError("Digest method not supported")
            state = spec.factory()
        else:
            spec, state = _spec, _state
        assert spec is not None
        if output_length is not None and output_length != spec.digest_size and not spec.xof:
            raise _ossl_error("ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
                              "error:030000B2:digital envelope routines::not XOF or invalid length",
                              "digital envelope routines", "not XOF or invalid length")
        self._spec = spec
        self._state = state
        self._length = output_length if output_length is not None else spec.digest_size
        self._finalized = False

    def update(self, data: Any, input_encoding: Any = None) -> Hash:
        if self._finalized:
            raise node_error("ERR_CRYPTO_HASH_FINALIZED")
        # bytes are data as they are (Python callers'; Node ignores the encoding of non-strings).
        self._state.update(data if type(data) is bytes else _data_bytes(data, input_encoding))
        return self

    def digest(self, output_encoding: Any = None) -> Any:
        if self._finalized:
            raise node_error("ERR_CRYPTO_HASH_FINALIZED")
        self._finalized = True
        if self._spec.xof:
            raw = bytes(self._state.read(self._length)) if self._length else b""
        else:
            raw = self._state.digest()  # bytes, from every engine of the table
        if output_encoding is None:  # a Buffer (the common case: no encoding to read)
            return _out(raw)
        return _digest_output(raw, output_encoding)

    def copy(self, options: Any = None) -> Hash:
        if self._finalized:
            raise node_error("ERR_CRYPTO_HASH_FINALIZED")
        # The copy's outputLength is its own options' (the algorithm's default without one), not
        # the original's: Node 20–26.
        copied: Hash = Hash._create(None, options, _state=self._state.copy(), _spec=self._spec)
        return copied


class Hmac(metaclass=_DeprecatedConstructor):
    """``crypto.Hmac`` (RFC 2104) over any hash of the table. Unlike Hash, a second ``digest``
    returns an empty result instead of throwing; ``update`` after ``digest`` throws."""

    _deprecation = ("crypto.Hmac constructor is deprecated.", "DEP0181")

    def __init__(self, algorithm: Any, key: Any, options: Any = None) -> None:
        if not isinstance(algorithm, str):
            raise invalid_arg_type("hmac", "string", algorithm)
        key_bytes = _secret_key(key, options)
        spec = _hash_spec(algorithm)  # MD4 without the legacy provider: ERR_OSSL_EVP_UNSUPPORTED
        if spec is None:
            raise node_error("ERR_CRYPTO_INVALID_DIGEST", algorithm)
        if spec.xof:  # HMAC refuses an XOF digest; Node 20–26 report it as OpenSSL's empty error, without a code
            raise NodeError("error:00000000:lib(0)::reason(0)")
        block = spec.block_size
        if len(key_bytes) > block:
            h = spec.factory()
            h.update(key_bytes)
            key_bytes = h.digest()
        key_bytes = key_bytes.ljust(block, b"\0")
        self._spec = spec
        self._inner = spec.factory()
        self._inner.update(key_bytes.translate(_IPAD))
        self._outer_key = key_bytes.translate(_OPAD)
        self._finalized = False

    def update(self, data: Any, input_encoding: Any = None) -> Hmac:
        if self._finalized:
            raise node_error("ERR_CRYPTO_HASH_FINALIZED")
        # bytes are data as they are (Python callers'; Node ignores the encoding of non-strings).
        self._inner.update(data if type(data) is bytes else _data_bytes(data, input_encoding))
        return self

    def digest(self, output_encoding: Any = None) -> Any:
        if self._finalized:
            if to_boolean(output_encoding) and output_encoding != "buffer":
                # Buffer.from('').toString(enc): an empty Buffer is '' before the encoding is checked
                return ""
            return _out(b"")
        self._finalized = True
        outer = self._spec.factory()
        outer.update(self._outer_key)
        outer.update(self._inner.digest())
        if output_encoding is None:  # a Buffer (the common case: no encoding to read)
            return _out(outer.digest())
        return _digest_output(outer.digest(), output_encoding)


# RFC 2104's inner and outer pads, as tables for bytes.translate: each key byte XOR 0x36 / 0x5C.
_IPAD = bytes(b ^ 0x36 for b in range(256))
_OPAD = bytes(b ^ 0x5C for b in range(256))


# Names createHash builds without Hash.__init__ (no options; _digests.c's CreateHash, below): the
# digests every Node line knows, that need neither the legacy provider nor an output length. The
# table's lower-case names, and the other spellings callers use ('SHA256', 'RSA-MD5') as they come, up
# to a bound.
_PLAIN_HASHES: dict[str, HashSpec] = {
    name: spec for name, spec in HASHES.items() if not (spec.legacy or spec.xof or spec.since > min(SUPPORTED))
}
_PLAIN_HASHES_MAX = 2 * len(_PLAIN_HASHES)


def create_hash(algorithm: Any, options: Any = None) -> Hash:
    """``crypto.createHash(algorithm[, options])``."""
    made: Hash = Hash._create(algorithm, options)
    if options is None and len(_PLAIN_HASHES) < _PLAIN_HASHES_MAX and made._spec is _PLAIN_HASHES.get(algorithm.lower()):
        _PLAIN_HASHES[algorithm] = made._spec
    return made


# Whether _digests.c hashes the specs with an OpenSSL name on OpenSSL's EVP functions itself, from the
# libcrypto of hashlib's own _hashlib; otherwise their factories (hashlib) are the engines.
_HASHES_ON_OPENSSL = False

try:  # createHash(name), update(bytes or Buffer) and digest() of a plain digest in C, where it was built
    from ._digests import CreateHash, Digest, load_openssl, set_paths
except ImportError:
    pass
else:
    try:
        import _hashlib
    except ImportError:  # a Python without OpenSSL
        pass
    else:  # a _hashlib built into the interpreter has no file to look OpenSSL up through
        _HASHES_ON_OPENSSL = bool(getattr(_hashlib, "__file__", None)) and load_openssl(_hashlib.__file__)
    # createHash's Hash of a plain digest: _digests.c's Digest, whose update(bytes or Buffer) and first
    # digest() are C and every other call Hash's. A Hash by registration, not a subclass: a Python
    # class's instances cost a fifth of a 64-byte hash to make and release. Its spec is never an XOF's
    # (see _PLAIN_HASHES).
    _PlainHash = Digest
    Hash.register(_PlainHash)
    set_paths(Hash.update, Hash.digest, Hash.copy, _out, Buffer)
    create_hash = CreateHash(create_hash, _PLAIN_HASHES)


def create_hmac(algorithm: Any, key: Any, options: Any = None) -> Hmac:
    """``crypto.createHmac(algorithm, key[, options])``."""
    made: Hmac = Hmac._create(algorithm, key, options)
    return made


def hash_once(algorithm: Any, data: Any, options: Any = None) -> Any:
    """``crypto.hash(algorithm, data[, outputEncoding])``: one-shot digest (Node ≥ 20.12); from Node
    24 the third argument may also be ``{outputEncoding, outputLength}``.

    Not named ``hash``: the harness maps Node's names to snake_case first, and ``Hash`` → ``hash``
    would then find this function instead of the :class:`Hash` class."""
    if options is None and type(data) is bytes and type(algorithm) is str:
        spec = _PLAIN_HASHES.get(algorithm)
        if spec is not None:  # what the checks below and createHash would do: they all pass
            state = spec.factory()
            state.update(data)
            hex_digest: str = state.digest().hex()
            return hex_digest
    if not isinstance(algorithm, str):
        raise invalid_arg_type("algorithm", "string", algorithm)
    if not isinstance(data, str) and _bytes_of(data) is None:
        raise invalid_arg_type("input", _DATA_TYPES, data)
    output_encoding, output_length = options, None
    if since(24) and options is not None and not isinstance(options, str):
        if not isinstance(options, dict):  # validateObject: null and arrays too
            raise invalid_arg_type("options", "object", options)
        output_encoding = options.get("outputEncoding")
        output_length = options.get("outputLength")
        if output_encoding is NULL:  # outputEncoding ?? 'hex'
            output_encoding = None
    encoding = _hash_encoding("hex" if output_encoding is None else output_encoding)  # before the length
    if output_length is not None:
        _validate_uint32(output_length, "outputLength")
    spec = _hash_spec(algorithm)
    if spec is None:
        raise NodeError(f"Digest method {algorithm} is not supported")
    if output_length is not None and not spec.xof and output_length != spec.digest_size:
        raise NodeError(f"Output length {output_length} is invalid for {algorithm}, which does not support XOF")
    h = Hash._create(algorithm, None if output_length is None else {"outputLength": output_length})
    h.update(data if isinstance(data, str) else _bytes_of(data))
    return h.digest(encoding)


def _hash_encoding(output_encoding: Any) -> str:
    """hash()'s outputEncoding: a string Buffer knows ('' is UTF-8), or 'buffer' in any case."""
    if not isinstance(output_encoding, str):
        raise invalid_arg_type("outputEncoding", "string", output_encoding)
    normalized = _enc.normalize_encoding(output_encoding) if output_encoding else "utf8"
    if normalized is None:
        if output_encoding.lower() != "buffer":
            raise invalid_arg_value("outputEncoding", output_encoding)
        normalized = "buffer"
    return normalized


# crypto.hash under Node's name: the harness tries a class name (Hash) as it is before its snake form,
# so ``hash`` does not hide the Hash class.
hash = hash_once  # noqa: A001 - Node's name


def get_hashes() -> list[str]:
    """``crypto.getHashes()``: Node's list (all of which the reference computes); from Node 24 it
    also lists OpenSSL 3's fetch names (``sha-256``, ``sha2-256``, ``keccak-256``…)."""
    return sorted([*HASH_LIST, *HASH_LIST_SINCE_24]) if since(24) else list(HASH_LIST)


# -- random --------------------------------------------------------------------------------------

_MAX_RANDOM = 2**31 - 1


def random_bytes(size: Any, callback: Callable[..., Any] | None = None) -> Any:
    """``crypto.randomBytes(size[, callback])``: with a callback, it is called on a later turn of
    the event loop with ``(None, buffer)``."""
    if isinstance(size, bool) or not isinstance(size, (int, float)):
        raise invalid_arg_type("size", "number", size)
    if size != size or not 0 <= size <= _MAX_RANDOM:
        raise out_of_range("size", f">= 0 && <= {_MAX_RANDOM}", size)
    data = _out(os.urandom(int(size)))
    if callback is None:
        return data
    from . import loop
    loop.set_immediate(callback, None, data)
    return None


# -- password-based ciphers (Node's deprecated createCipher / createDecipher) ---------------------


def evp_bytes_to_key(
    password: Any, key_length: int, iv_length: int, salt: Any = None, digest: str = "md5", count: int = 1
) -> tuple[Any, Any]:
    """OpenSSL's ``EVP_BytesToKey``: the key and IV that ``createCipher(algorithm, password)`` derives
    (MD5, no salt, one round), as Buffers. A Python helper, on every Node line: what Node 22+ no longer
    does for you, and what you need to read ciphertexts that Node's createCipher (or ``openssl enc``
    without ``-pbkdf2``) wrote::

        key, iv = evp_bytes_to_key("123456", 8, 0)   # des-ecb: key = MD5('123456')[:8]

    ``salt`` (8 bytes, as ``openssl enc`` uses) and ``digest``/``count`` are OpenSSL's parameters."""
    data = _password_bytes(password, "password")
    salt_bytes = b"" if salt is None else _password_bytes(salt, "salt")
    spec = _hash_spec(digest) if isinstance(digest, str) else None
    if spec is None or spec.xof:  # python-only: createCipher always asks for MD5
        raise node_error("ERR_CRYPTO_INVALID_DIGEST", digest)
    derived, block = b"", b""
    while len(derived) < key_length + iv_length:
        state = spec.factory()
        state.update(block + data + salt_bytes)
        block = state.digest()
        for _ in range(count - 1):  # python-only: createCipher makes one round
            state = spec.factory()
            state.update(block)
            block = state.digest()
        derived += block
    return _out(derived[:key_length]), _out(derived[key_length:key_length + iv_length])


def _password_bytes(value: Any, name: str) -> bytes:
    """``getArrayBufferOrView(password, 'password')``: a string is its UTF-8 bytes."""
    if isinstance(value, str):
        return _enc.encode(value, "utf8")
    data = _bytes_of(value)
    if data is None:
        raise invalid_arg_type(name, _IV_TYPES, value)
    return data


_COUNTER_MODES = ("ctr", "gcm", "ccm")


def _from_password(cls: Any, cipher: Any, password: Any, options: Any) -> Any:
    """``createCipher(cipher, password[, options])``, as lib/internal/crypto/cipher.js and
    ``CipherBase::Init`` do it: the key and IV come from ``EVP_BytesToKey(MD5, no salt, 1 round)``."""
    if not isinstance(cipher, str):
        raise invalid_arg_type("cipher", "string", cipher)
    data = _password_bytes(password, "password")
    _uint_option(options, "authTagLength")
    spec = CIPHERS.get(cipher.lower())
    if spec is None:
        raise node_error("ERR_CRYPTO_UNKNOWN_CIPHER")
    key, iv = evp_bytes_to_key(data, spec.key_length, spec.iv_length)
    if not cls._decrypt and spec.mode in _COUNTER_MODES:
        _emit_warning(f"Use Cipheriv for counter mode of {cipher}")
    return cls(cipher, key, iv if spec.iv_length else NULL, options)


def _emit_warning(message: str, type_: str | None = None, code: str | None = None) -> None:
    from .process import emit_warning

    emit_warning(message, type_, code)


_deprecations_warned: set[str] = set()


def _deprecated(message: str, code: str) -> None:
    """``util.deprecate``: one warning per code per process (createCipher and createDecipher share
    DEP0106, so only the first of them warns)."""
    if code not in _deprecations_warned:
        _deprecations_warned.add(code)
        _emit_warning(message, "DeprecationWarning", code)


class _Cipher(_CipherBase):
    """``crypto.Cipher`` (Node 20): what ``createCipher`` returns (not a Cipheriv, as in Node)."""

    get_auth_tag = Cipheriv.get_auth_tag


class _Decipher(_CipherBase):
    """``crypto.Decipher`` (Node 20): what ``createDecipher`` returns (not a Decipheriv)."""

    _decrypt = True
    set_auth_tag = Decipheriv.set_auth_tag


# Node's class names; module attributes only through __getattr__ below, on the lines that have them. For
# Python's eyes (repr, tracebacks): the contract reads a name as js_name(__name__), '_Cipher' as 'Cipher'.
_Cipher.__name__ = _Cipher.__qualname__ = "Cipher"  # python-only
_Decipher.__name__ = _Decipher.__qualname__ = "Decipher"  # python-only


def _create_cipher(algorithm: Any = None, password: Any = None, options: Any = None) -> _Cipher:
    """``crypto.createCipher(algorithm, password[, options])``, deprecated (DEP0106) and removed in
    Node 22: present only while the reference targets Node 20 (``nodespec.reference.configure``)."""
    _deprecated("crypto.createCipher is deprecated.", "DEP0106")
    cipher: _Cipher = _from_password(_Cipher, algorithm, password, options)
    return cipher


def _create_decipher(algorithm: Any = None, password: Any = None, options: Any = None) -> _Decipher:
    """``crypto.createDecipher(algorithm, password[, options])``: see :func:`_create_cipher`."""
    _deprecated("crypto.createDecipher is deprecated.", "DEP0106")
    decipher: _Decipher = _from_password(_Decipher, algorithm, password, options)
    return decipher


_REMOVED_IN_22 = {
    "create_cipher": _create_cipher, "create_decipher": _create_decipher, "Cipher": _Cipher, "Decipher": _Decipher,
}


def __getattr__(name: str) -> Any:
    """What a Node line has and a later one removed: ``createCipher``/``createDecipher`` (and the
    ``Cipher``/``Decipher`` classes) exist up to Node 20 only."""
    if name in _REMOVED_IN_22 and node_line() < 22:
        return _REMOVED_IN_22[name]
    # Python's protocol (hasattr, from-import): through the contract a missing name and None both read as undefined
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # python-only
