"""pyDes (https://pypi.org/project/pyDes/, "a pure Python implementation of the DES and Triple DES
encryption algorithms"), in process, behind Node's ``crypto`` names.

pyDes is not an API twin of node:crypto, so this adapter adds the thinnest glue that lets the
specification drive it, and nothing that would do pyDes's work for it:

* ``createCipheriv(name, key, iv)`` / ``createDecipheriv`` make a ``pyDes.des`` (des-ecb, des-cbc, des)
  or ``pyDes.triple_des`` (des-ede, des-ede-ecb, des-ede-cbc, des-ede3, des-ede3-ecb, des-ede3-cbc, des3)
  with ``padmode=PAD_PKCS5``, handing pyDes the IV whenever one is given (pyDes takes one in ECB too);
* strings become bytes and output bytes strings as ``nodespec.adapters.glue`` does (one call at a
  time; a number or ``null`` reaches pyDes unchanged);
* ``update`` collects the data and ``final`` runs pyDes's one-shot ``encrypt``/``decrypt`` over it:
  pyDes has no streaming (every call restarts CBC from the IV), so ``update`` returns nothing;
* ``setAutoPadding(false)`` switches pyDes to ``PAD_NORMAL`` without a pad character.

pyDes's own exceptions (``ValueError`` for key and IV sizes, data not a multiple of 8) pass through
unchanged and are reported as ``PythonValueError``; Node's error codes are never invented here. What
pyDes has none of — AES, other DES modes, hashes, HMAC, random bytes, a registry of names — raises
``NotCovered`` with a capability declared in ``LACKS``: those scenarios are not applicable.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from typing import Any

from nodespec.adapters.glue import STRINGS, STRINGS_WHY, Outputs, as_bytes
from nodespec.implementation import Availability, InProcessImplementation
from nodespec.interpreter import PythonInterpreter
from nodespec.protocol import NotCovered
from nodespec.reference.loop import Loop

DES_NAMES = ("des-ecb", "des-cbc", "des", "des-ede", "des-ede-ecb", "des-ede-cbc", "des-ede3", "des-ede3-ecb",
             "des-ede3-cbc", "des3")
ECB_NAMES = ("des-ecb", "des-ede", "des-ede-ecb", "des-ede3", "des-ede3-ecb")

LACKS = {
    "aes": "pyDes is DES and triple DES only: no AES",
    "des-modes": "pyDes has ECB and CBC only: no CFB, OFB or CFB8",
    "hash": "pyDes has no hashes and no HMAC (createHash, createHmac, getHashes)",
    "random": "pyDes has no random bytes",
    "algorithm-names": "pyDes names its algorithms by class (des, triple_des) and mode constant: Node's cipher names, "
                       "their case rules, its errors for unknown names and getCiphers have no counterpart",
    STRINGS: f"pyDes {STRINGS_WHY}",
}


def _engine_name(name: Any) -> str:
    """The DES name pyDes can run; NotCovered for what it lacks."""
    if isinstance(name, str) and name in DES_NAMES:
        return name
    # nodespec's table of the names Node knows, imported here: it loads pycryptodome, which every
    # `nodespec run` would otherwise pay for when it lists the adapters (~0.1 s of CPU)
    from nodespec.reference.crypto_algorithms import CIPHERS

    if isinstance(name, str) and name in CIPHERS:  # a name Node knows
        raise NotCovered("aes" if "aes" in name else "des-modes", f"cipher {name!r}")
    raise NotCovered("algorithm-names", f"cipher {name!r}")


class CollectingCipher:
    """update() collects, final() runs the library's one-shot operation (for ports without streaming)."""

    def __init__(self, engine: Any, decrypt: bool) -> None:
        self._engine = engine
        self._decrypt = decrypt
        self._data: list[Any] = []
        self._outputs = Outputs()

    def update(self, data: Any, input_encoding: Any = None, output_encoding: Any = None) -> Any:
        self._data.append(as_bytes(data, input_encoding))
        return self._outputs.convert(b"", output_encoding, last=False)

    def final(self, output_encoding: Any = None) -> Any:
        # one piece goes to pyDes as it came (a number: pyDes's own error); several are joined as bytes
        data = self._data[0] if len(self._data) == 1 else b"".join(self._data)
        self._data = []
        out = self._engine.decrypt(data) if self._decrypt else self._engine.encrypt(data)
        return self._outputs.convert(out, output_encoding, last=True)

    def set_auto_padding(self, auto_padding: Any = True) -> CollectingCipher:
        import pyDes

        self._engine.setPadMode(pyDes.PAD_PKCS5 if auto_padding else pyDes.PAD_NORMAL)
        return self


class PyDesCrypto:
    """The glue module: Node's ``crypto`` names over pyDes."""

    @staticmethod
    def _engine(name: Any, key: Any, iv: Any) -> Any:
        import pyDes

        name = _engine_name(name)
        cls = pyDes.des if name in ("des-ecb", "des-cbc", "des") else pyDes.triple_des
        return cls(as_bytes(key), pyDes.ECB if name in ECB_NAMES else pyDes.CBC, as_bytes(iv), padmode=pyDes.PAD_PKCS5)

    def create_cipheriv(self, name: Any, key: Any, iv: Any, options: Any = None) -> CollectingCipher:
        return CollectingCipher(self._engine(name, key, iv), decrypt=False)

    def create_decipheriv(self, name: Any, key: Any, iv: Any, options: Any = None) -> CollectingCipher:
        return CollectingCipher(self._engine(name, key, iv), decrypt=True)

    @staticmethod
    def get_ciphers() -> Any:
        raise NotCovered("algorithm-names", "getCiphers")

    @staticmethod
    def create_hash(*args: Any) -> Any:
        raise NotCovered("hash", "createHash")

    create_hmac = get_hashes = create_hash

    @staticmethod
    def random_bytes(*args: Any) -> Any:
        raise NotCovered("random", "randomBytes")


CRYPTO = PyDesCrypto()


class PyDesImplementation(InProcessImplementation):
    name = "pydes"
    kind = "port"
    description = "pyDes: pure-Python DES and triple DES (DES only; glue in nodespec.adapters.pydes)"
    capabilities = frozenset({"loop"})
    modules = frozenset({"crypto"})
    lacks = LACKS

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
