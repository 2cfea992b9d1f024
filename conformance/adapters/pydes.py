"""pyDes (https://pypi.org/project/pyDes/, "a pure Python implementation of the DES and Triple DES
encryption algorithms"), in process, behind Node's ``crypto`` names.

pyDes is not an API twin of node:crypto, so this adapter adds the thinnest glue that lets the
specification drive it, and nothing that would do pyDes's work for it:

* ``createCipheriv(name, key, iv)`` / ``createDecipheriv`` make a ``pyDes.des`` (des-ecb, des-cbc)
  or ``pyDes.triple_des`` (des-ede, des-ede-cbc, des-ede3, des-ede3-cbc) with ``padmode=PAD_PKCS5``;
  any other name is a ``KeyError``, except Node's AES ciphers, which pyDes lacks: those, the hashes
  and randomBytes raise ``NotCovered`` for a capability declared in ``lacks`` (not applicable).
* strings become bytes as Node reads them (the key and IV as UTF-8, ``update``'s data in its input
  encoding) and output bytes become strings in the output encoding, one call at a time;
* ``update`` collects the data and ``final`` runs pyDes's one-shot ``encrypt``/``decrypt`` over it:
  pyDes has no streaming (every call restarts CBC from the IV), so ``update`` returns nothing;
* ``setAutoPadding(false)`` switches pyDes to ``PAD_NORMAL`` without a pad character.

pyDes's own exceptions (``ValueError`` for key and IV sizes, data not a multiple of 8) pass through
unchanged and are reported as ``PythonValueError``; Node's error codes are never invented here.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from typing import Any

from nodespec.implementation import Availability, InProcessImplementation
from nodespec.interpreter import PythonInterpreter
from nodespec.protocol import NotCovered
from nodespec.reference import buffer_encodings as enc
from nodespec.reference.crypto_algorithms import CIPHERS
from nodespec.reference.loop import Loop

DES_NAMES = ("des-ecb", "des-cbc", "des", "des-ede", "des-ede-ecb", "des-ede-cbc", "des-ede3", "des-ede3-ecb",
             "des-ede3-cbc", "des3")


def as_bytes(data: Any, encoding: Any = None) -> bytes:
    """Glue: a JavaScript string in ``encoding`` (UTF-8 when none is given), or bytes as they are."""
    if isinstance(data, str):
        return enc.encode(data, enc.normalize_encoding(encoding) or "utf8")
    return bytes(data)


def as_output(data: bytes, encoding: Any) -> Any:
    """Glue: the bytes as Node's output would be: bytes, or a string in ``encoding``."""
    if not encoding or encoding == "buffer":
        return data
    normalized = enc.normalize_encoding(encoding)
    if normalized is None:
        raise LookupError(f"glue: unknown output encoding {encoding!r}")
    return enc.decode(data, normalized)


def check_cipher(name: Any, names: Any) -> str:
    """The lowered name if the port has it; NotCovered for an AES cipher Node knows (a declared gap);
    a KeyError for anything else (an unknown name: Node's ERR_CRYPTO_UNKNOWN_CIPHER is expected)."""
    lowered = str(name).lower()
    if lowered in names:
        return lowered
    if lowered in CIPHERS and "aes" in lowered:
        raise NotCovered("aes", f"createCipheriv({name!r})")
    raise KeyError(f"no cipher {name!r}")


class LacksHashesAndRandom:
    """Glue: Node's hash, HMAC and random functions, which a DES-only port lacks (declared in ``lacks``).
    Reaching one at all (even ``typeof crypto.createHash``) is not applicable."""

    @property
    def create_hash(self) -> Any:
        raise NotCovered("hash", "createHash")

    @property
    def create_hmac(self) -> Any:
        raise NotCovered("hash", "createHmac")

    @property
    def get_hashes(self) -> Any:
        raise NotCovered("hash", "getHashes")

    @property
    def random_bytes(self) -> Any:
        raise NotCovered("random", "randomBytes")


LACKS = {
    "aes": "a DES-family port: no AES cipher",
    "hash": "a DES-family port: no createHash, createHmac or getHashes",
    "random": "a DES-family port: no randomBytes",
}


class CollectingCipher:
    """update() collects, final() runs the library's one-shot operation (for ports without streaming)."""

    def __init__(self, engine: Any, decrypt: bool) -> None:
        self._engine = engine
        self._decrypt = decrypt
        self._data = bytearray()

    def update(self, data: Any, input_encoding: Any = None, output_encoding: Any = None) -> Any:
        self._data += as_bytes(data, input_encoding)
        return as_output(b"", output_encoding)

    def final(self, output_encoding: Any = None) -> Any:
        data = bytes(self._data)
        self._data.clear()
        out = self._engine.decrypt(data) if self._decrypt else self._engine.encrypt(data)
        return as_output(out, output_encoding)

    def set_auto_padding(self, auto_padding: Any = True) -> CollectingCipher:
        import pyDes

        self._engine.setPadMode(pyDes.PAD_PKCS5 if auto_padding else pyDes.PAD_NORMAL)
        return self


class PyDesCrypto(LacksHashesAndRandom):
    """The glue module: Node's ``crypto`` names over pyDes."""

    @staticmethod
    def _engine(name: Any, key: Any, iv: Any) -> Any:
        import pyDes

        lowered = check_cipher(name, DES_NAMES)
        mode = pyDes.ECB if lowered in ("des-ecb", "des-ede", "des-ede-ecb", "des-ede3", "des-ede3-ecb") else pyDes.CBC
        key_bytes = as_bytes(key)
        iv_bytes = as_bytes(iv) if iv is not None and mode == pyDes.CBC else None
        cls = pyDes.des if lowered in ("des-ecb", "des-cbc", "des") else pyDes.triple_des
        return cls(key_bytes, mode, iv_bytes, padmode=pyDes.PAD_PKCS5)

    def create_cipheriv(self, name: Any, key: Any, iv: Any, options: Any = None) -> CollectingCipher:
        return CollectingCipher(self._engine(name, key, iv), decrypt=False)

    def create_decipheriv(self, name: Any, key: Any, iv: Any, options: Any = None) -> CollectingCipher:
        return CollectingCipher(self._engine(name, key, iv), decrypt=True)

    @staticmethod
    def get_ciphers() -> list[str]:
        return list(DES_NAMES)


CRYPTO = PyDesCrypto()


class PyDesImplementation(InProcessImplementation):
    name = "pydes"
    kind = "port"
    description = "pyDes: pure-Python DES and triple DES (DES only; glue in nodespec.adapters.pydes)"
    capabilities = frozenset({"loop"})
    modules = frozenset({"crypto"})
    lacks = {name: f"pyDes is {why}" for name, why in LACKS.items()}  # noqa: RUF012

    def availability(self) -> Availability:
        if importlib.util.find_spec("pyDes") is None:
            return Availability(False, "pyDes is not installed", "pip install 'nodespec[ports]'")
        return Availability(True)

    def version(self) -> str:
        try:
            return importlib.metadata.version("pyDes")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    def make_interpreter(self) -> PythonInterpreter:
        return PythonInterpreter(modules={"crypto": "nodespec.adapters.pydes:CRYPTO"}, loop=Loop())


IMPLEMENTATIONS = [PyDesImplementation]
