"""pyca/cryptography's TripleDES (https://cryptography.io), in process, behind Node's ``crypto`` names.

cryptography still offers triple DES in version 48, moved to its "decrepit" namespace
(``cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES``; the old
``hazmat.primitives.ciphers.algorithms.TripleDES`` still works with a deprecation warning). It takes
8-byte (single DES, deprecated), 16-byte and 24-byte keys, in ECB, CBC, CFB and OFB. This adapter
covers only that: des-ecb, des-cbc, des-cfb, des-ofb (8-byte keys), des-ede* (16) and des-ede3*
(24); anything else is a ``KeyError``, except AES, hashes and randomBytes, which raise ``NotCovered``
for the capabilities declared in ``lacks`` (not applicable).

The glue is thin: the object is cryptography's own streaming ``encryptor()``/``decryptor()``,
chained to its ``padding.PKCS7(64)`` padder/unpadder unless ``setAutoPadding(false)``; ``update`` and
``final`` (``finalize``) return what cryptography returns; strings and encodings are translated as in
``nodespec.adapters.pydes``. cryptography's exceptions (``ValueError`` for key and IV sizes, a partial
last block and bad padding) pass through and are reported as ``PythonValueError``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import warnings
from typing import Any

from nodespec.adapters.pydes import LACKS, LacksHashesAndRandom, as_bytes, as_output, check_cipher
from nodespec.implementation import Availability, InProcessImplementation
from nodespec.interpreter import PythonInterpreter
from nodespec.reference.loop import Loop

# name → (mode, key length)
NAMES = {
    "des-ecb": ("ECB", 8), "des-cbc": ("CBC", 8), "des": ("CBC", 8), "des-cfb": ("CFB", 8), "des-ofb": ("OFB", 8),
    "des-ede": ("ECB", 16), "des-ede-ecb": ("ECB", 16), "des-ede-cbc": ("CBC", 16), "des-ede-cfb": ("CFB", 16),
    "des-ede-ofb": ("OFB", 16),
    "des-ede3": ("ECB", 24), "des-ede3-ecb": ("ECB", 24), "des-ede3-cbc": ("CBC", 24), "des3": ("CBC", 24),
    "des-ede3-cfb": ("CFB", 24), "des-ede3-ofb": ("OFB", 24),
}


def _triple_des() -> Any:
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    except ImportError:  # cryptography < 43
        from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
    return TripleDES


class StreamingCipher:
    """cryptography's encryptor/decryptor, with its PKCS#7 padder in front (or unpadder behind)."""

    def __init__(self, name: Any, key: Any, iv: Any, decrypt: bool) -> None:
        from cryptography.hazmat.primitives import padding
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        lowered = check_cipher(name, NAMES)
        mode_name, _ = NAMES[lowered]
        iv_bytes = as_bytes(iv) if iv is not None else b""
        mode = modes.ECB() if mode_name == "ECB" else getattr(modes, mode_name)(iv_bytes)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cipher = Cipher(_triple_des()(as_bytes(key)), mode)
        self._ctx = cipher.decryptor() if decrypt else cipher.encryptor()
        self._decrypt = decrypt
        self._block_mode = mode_name in ("ECB", "CBC")
        self._pad = (padding.PKCS7(64).unpadder() if decrypt else padding.PKCS7(64).padder()) if self._block_mode else None

    def update(self, data: Any, input_encoding: Any = None, output_encoding: Any = None) -> Any:
        raw = as_bytes(data, input_encoding)
        if self._pad is None:
            out = self._ctx.update(raw)
        elif self._decrypt:
            out = self._pad.update(self._ctx.update(raw))
        else:
            out = self._ctx.update(self._pad.update(raw))
        return as_output(out, output_encoding)

    def final(self, output_encoding: Any = None) -> Any:
        if self._pad is None:
            out = self._ctx.finalize()
        elif self._decrypt:
            out = self._pad.update(self._ctx.finalize()) + self._pad.finalize()
        else:
            out = self._ctx.update(self._pad.finalize()) + self._ctx.finalize()
        return as_output(out, output_encoding)

    def set_auto_padding(self, auto_padding: Any = True) -> StreamingCipher:
        if not auto_padding:
            self._pad = None
        return self


class PycaCrypto(LacksHashesAndRandom):
    """The glue module: Node's ``crypto`` names over cryptography's TripleDES."""

    @staticmethod
    def create_cipheriv(name: Any, key: Any, iv: Any, options: Any = None) -> StreamingCipher:
        return StreamingCipher(name, key, iv, decrypt=False)

    @staticmethod
    def create_decipheriv(name: Any, key: Any, iv: Any, options: Any = None) -> StreamingCipher:
        return StreamingCipher(name, key, iv, decrypt=True)

    @staticmethod
    def get_ciphers() -> list[str]:
        return sorted(NAMES)


CRYPTO = PycaCrypto()


class PycaImplementation(InProcessImplementation):
    name = "pyca"
    kind = "port"
    description = "pyca/cryptography's TripleDES (decrepit namespace), DES family only; glue in nodespec.adapters.pyca"
    capabilities = frozenset({"loop"})
    modules = frozenset({"crypto"})
    lacks = {name: f"the adapter maps only cryptography's TripleDES, {why}" for name, why in LACKS.items()}  # noqa: RUF012

    def availability(self) -> Availability:
        if importlib.util.find_spec("cryptography") is None:
            return Availability(False, "cryptography is not installed", "pip install cryptography")
        return Availability(True)

    def version(self) -> str:
        try:
            return importlib.metadata.version("cryptography")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    def make_interpreter(self) -> PythonInterpreter:
        return PythonInterpreter(modules={"crypto": "nodespec.adapters.pyca:CRYPTO"}, loop=Loop())


IMPLEMENTATIONS = [PycaImplementation]
