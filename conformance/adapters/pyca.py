"""pyca/cryptography (https://cryptography.io), in process, behind Node's ``crypto`` names.

Everything cryptography offers that Node's ``createCipheriv``/``createDecipheriv``, ``createHash`` and
``createHmac`` expose is mapped, so the verdict is cryptography's own:

* ciphers: AES (``algorithms.AES128`` for aes-128-*, ``AES`` for aes-192-*, ``AES256`` for aes-256-*:
  cryptography has no 192-bit class, its ``AES`` takes the size from the key) in ECB, CBC, CTR, CFB,
  CFB8, OFB and GCM; triple DES (``hazmat.decrepit``'s ``TripleDES``, which takes 8-byte keys for single
  DES with a deprecation warning, 16 and 24) in ECB, CBC, CFB, CFB8 and OFB. CFB, CFB8 and OFB come from
  ``hazmat.decrepit.ciphers.modes`` where this cryptography has moved them. The object is
  cryptography's streaming ``encryptor()``/``decryptor()``, behind its ``padding.PKCS7`` padder
  (unpadder) unless ``setAutoPadding(false)``; ``final`` is ``finalize``. GCM: ``setAAD`` is
  ``authenticate_additional_data``, ``getAuthTag`` is the encryptor's ``tag``, ``setAuthTag`` hands the
  tag to ``modes.GCM(iv, tag, min_tag_length=4)`` (so cryptography checks its length then; 4 is its
  smallest, Node accepts 4-byte tags too) and ``final`` to ``finalize_with_tag``;
* hashes: every ``hashes`` class by the name cryptography gives it (``md5``, ``sha256``, ``sha3-256``,
  ``sha512-224``, ``shake256``…; OpenSSL's ``blake2b512``/``blake2s256`` are its ``BLAKE2b(64)`` and
  ``BLAKE2s(32)``); ``update`` returns the hash, as in Node, so calls chain; ``copy`` is ``copy``;
* HMAC: ``hmac.HMAC(key, algorithm)`` over the same hashes.

cryptography's own exceptions (``ValueError`` for sizes, ``AlreadyFinalized``, ``InvalidTag``…) pass
through and are reported as ``Python<Class>``; no Node error code is made up here. What cryptography has
no counterpart for raises ``NotCovered`` with a capability declared in ``LACKS`` (not applicable):
string names beyond cryptography's own (OpenSSL's aliases, ``getCiphers``/``getHashes``), algorithms it
lacks (RIPEMD-160, MD4), random bytes, a SHAKE length by default, GCM tag truncation when encrypting,
an IV handed to ECB (which takes none), padding switched off once data went through the padder, and
Node's string layer (``nodespec.adapters.glue``).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import warnings
from typing import Any

from nodespec.adapters.glue import STRINGS, STRINGS_WHY, Outputs, as_bytes, as_output
from nodespec.implementation import Availability, InProcessImplementation
from nodespec.interpreter import PythonInterpreter
from nodespec.protocol import NotCovered
from nodespec.reference.loop import Loop
from nodespec.reference.types import NULL

LACKS = {
    "algorithm-names": "cryptography names algorithms by class, not by string: OpenSSL's aliases and case rules "
                       "(RSA-SHA256, sha-256, DES-ECB), its errors for unknown names and the getCiphers/getHashes "
                       "lists have no counterpart",
    "ripemd160": "cryptography has no RIPEMD-160",
    "md4": "cryptography has no MD4",
    "random": "cryptography has no random-bytes function (Python's is os.urandom)",
    "xof-length": "cryptography's SHAKE128/SHAKE256 need a digest size, fixed when the hash is made (a copy keeps it); "
                  "Node's default output length is OpenSSL's, and a copy takes its own",
    "gcm-tag-length": "cryptography's GCM encryptor always makes a 16-byte tag; it has no authTagLength option",
    "ecb-iv": "cryptography's ECB takes no IV, so Node's check of one has no counterpart",
    "gcm-tag-setter": "cryptography takes a decryption tag as an argument (GCM(iv, tag), finalize_with_tag), "
                      "not by a setter: a second setAuthTag has no counterpart",
    "node-classes": "cryptography's objects are its own classes (hashes.Hash, hmac.HMAC, its cipher contexts): "
                    "Node's crypto.Hash, Hmac, Cipher and Decipher have no counterpart",
    "late-padding": "cryptography's padding is a separate padder chosen before the data; switching it off after "
                    "data went through it has no counterpart",
    STRINGS: f"cryptography {STRINGS_WHY}",
}

AES = {"aes-128": "AES128", "aes-192": "AES", "aes-256": "AES256", "aes128": "AES128", "aes192": "AES",
       "aes256": "AES256"}
DES = {"des": 8, "des-ede": 16, "des-ede3": 24}
DES_ALIASES = {"des": "des-cbc", "des-ede": "des-ede-ecb", "des-ede3": "des-ede3-ecb", "des3": "des-ede3-cbc"}
AES_ALIASES = {"aes128": "aes-128-cbc", "aes192": "aes-192-cbc", "aes256": "aes-256-cbc"}
MODES = ("ecb", "cbc", "ctr", "cfb", "cfb8", "ofb", "gcm")
DES_MODES = ("ecb", "cbc", "cfb", "cfb8", "ofb")


def cipher_names() -> dict[str, tuple[str, str]]:
    """Node's lower-case cipher names that this adapter maps → (algorithm class, mode)."""
    names = {f"{prefix}-{mode}": (cls, mode) for prefix, cls in AES.items() if "-" in prefix for mode in MODES}
    names.update({f"{prefix}-{mode}": ("TripleDES", mode) for prefix in DES for mode in DES_MODES})
    for alias, name in {**DES_ALIASES, **AES_ALIASES}.items():
        names[alias] = names[name]
    return names


CIPHERS = cipher_names()
OPENSSL_HASH_NAMES = {"blake2b512": "blake2b", "blake2s256": "blake2s"}
LACKING_HASHES = {"ripemd160": "ripemd160", "rmd160": "ripemd160", "ripemd": "ripemd160", "md4": "md4"}


def _modes() -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers import modes

    try:  # cryptography >= 47 keeps CFB, CFB8 and OFB here (the old names warn)
        from cryptography.hazmat.decrepit.ciphers import modes as decrepit
    except ImportError:
        decrepit = modes
    return {"ecb": modes.ECB, "cbc": modes.CBC, "ctr": modes.CTR, "gcm": modes.GCM, "cfb": decrepit.CFB,
            "cfb8": decrepit.CFB8, "ofb": decrepit.OFB}


def _algorithm(cls_name: str) -> Any:
    if cls_name == "TripleDES":
        try:
            from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
        except ImportError:  # cryptography < 43
            from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
        return TripleDES
    from cryptography.hazmat.primitives.ciphers import algorithms

    return getattr(algorithms, cls_name)


def _no_iv(iv: Any) -> bool:
    """What Node's ECB accepts as "no IV": null, '' or empty bytes."""
    return iv is NULL or (not isinstance(iv, (int, float)) and iv is not None and as_bytes(iv) == b"")


class Cipher:
    """cryptography's encryptor/decryptor, behind its PKCS#7 padder (unpadder) in ECB and CBC."""

    def __init__(self, name: Any, key: Any, iv: Any, options: Any, decrypt: bool) -> None:
        from cryptography.hazmat.primitives import padding
        from cryptography.hazmat.primitives.ciphers import Cipher as PycaCipher

        if not isinstance(name, str) or name not in CIPHERS:
            raise NotCovered("algorithm-names", f"cipher {name!r}")
        cls_name, mode_name = CIPHERS[name]
        iv_bytes = as_bytes(iv)
        if mode_name == "ecb":
            if not _no_iv(iv):
                raise NotCovered("ecb-iv", f"{name} with an IV")
            mode = _modes()["ecb"]()
        elif mode_name == "gcm":
            if not decrypt and isinstance(options, dict) and options.get("authTagLength") not in (None, 16):
                raise NotCovered("gcm-tag-length", f"authTagLength {options['authTagLength']!r}")
            mode = _modes()["gcm"](iv_bytes, min_tag_length=4)
        else:
            mode = _modes()[mode_name](iv_bytes)
        algorithm_cls = _algorithm(cls_name)
        with warnings.catch_warnings():  # 8-byte TripleDES keys (single DES) are deprecated: not an error
            warnings.simplefilter("ignore")
            self._cipher = PycaCipher(algorithm_cls(as_bytes(key)), mode)
        self._iv = iv_bytes
        self._gcm = mode_name == "gcm"
        self._decrypt = decrypt
        self._ctx = self._cipher.decryptor() if decrypt else self._cipher.encryptor()
        block = algorithm_cls.block_size
        self._pad: Any = None
        if mode_name in ("ecb", "cbc"):
            self._pad = padding.PKCS7(block).unpadder() if decrypt else padding.PKCS7(block).padder()
        self._tag: Any = None
        self._started = False
        self._outputs = Outputs()

    def update(self, data: Any, input_encoding: Any = None, output_encoding: Any = None) -> Any:
        raw = as_bytes(data, input_encoding)
        if self._pad is None:
            out = self._ctx.update(raw)
        elif self._decrypt:
            out = self._pad.update(self._ctx.update(raw))
        else:
            out = self._ctx.update(self._pad.update(raw))
        self._started = True
        return self._outputs.convert(out, output_encoding, last=False)

    def final(self, output_encoding: Any = None) -> Any:
        self._started = True
        if self._tag is not None:
            out = self._ctx.finalize_with_tag(self._tag)
        elif self._pad is None:
            out = self._ctx.finalize()
        elif self._decrypt:
            out = self._pad.update(self._ctx.finalize()) + self._pad.finalize()
        else:
            out = self._ctx.update(self._pad.finalize()) + self._ctx.finalize()
        return self._outputs.convert(out, output_encoding, last=True)

    def set_auto_padding(self, auto_padding: Any = True) -> Cipher:
        if self._pad is not None and not auto_padding:
            if self._started:
                raise NotCovered("late-padding", "setAutoPadding(false) after data")
            self._pad = None
        return self

    def set_aad(self, data: Any, options: Any = None) -> Cipher:
        self._ctx.authenticate_additional_data(as_bytes(data))
        return self

    def get_auth_tag(self) -> Any:
        return self._ctx.tag

    def set_auth_tag(self, tag: Any, encoding: Any = None) -> Cipher:
        tag_bytes = as_bytes(tag, encoding)
        if not (self._gcm and self._decrypt):
            self._ctx.finalize_with_tag  # noqa: B018 - only a GCM decryptor has one: cryptography's AttributeError
        if self._tag is not None:
            raise NotCovered("gcm-tag-setter", "setAuthTag twice")
        _modes()["gcm"](self._iv, tag_bytes, min_tag_length=4)  # cryptography checks the tag's length here
        self._tag = tag_bytes
        return self


def _hash_algorithm(name: Any, options: Any) -> Any:
    from cryptography.hazmat.primitives import hashes

    if isinstance(name, str) and name in LACKING_HASHES:
        raise NotCovered(LACKING_HASHES[name], f"hash {name!r}")
    wanted = OPENSSL_HASH_NAMES.get(name, name) if isinstance(name, str) else None
    for cls in vars(hashes).values():
        if isinstance(cls, type) and issubclass(cls, hashes.HashAlgorithm) and getattr(cls, "name", None) == wanted:
            if cls.name in ("shake128", "shake256"):
                length = options.get("outputLength") if isinstance(options, dict) else None
                if length is None:
                    raise NotCovered("xof-length", f"{name} without outputLength")
                return cls(length)
            if cls.name in ("blake2b", "blake2s"):
                return cls(64 if cls.name == "blake2b" else 32)  # the only sizes cryptography offers
            return cls()
    raise NotCovered("algorithm-names", f"hash {name!r}")


class Hash:
    """cryptography's ``hashes.Hash`` (or ``hmac.HMAC``) with Node's call shape."""

    def __init__(self, context: Any) -> None:
        self._ctx = context

    def update(self, data: Any, input_encoding: Any = None) -> Hash:
        self._ctx.update(as_bytes(data, input_encoding))
        return self

    def digest(self, encoding: Any = None) -> Any:
        return as_output(self._ctx.finalize(), encoding)

    def copy(self, options: Any = None) -> Hash:
        # A SHAKE copy takes its own outputLength in Node (OpenSSL's default without one); cryptography's
        # copy keeps the digest size the hash was made with.
        algorithm = getattr(self._ctx, "algorithm", None)
        if getattr(algorithm, "name", None) in ("shake128", "shake256"):
            wanted = options.get("outputLength") if isinstance(options, dict) else None
            if wanted != algorithm.digest_size:
                raise NotCovered("xof-length", f"a copy of {algorithm.name} with outputLength {wanted}")
        return Hash(self._ctx.copy())


class PycaCrypto:
    """The glue module: Node's ``crypto`` names over cryptography."""

    @staticmethod
    def create_cipheriv(name: Any, key: Any, iv: Any, options: Any = None) -> Cipher:
        return Cipher(name, key, iv, options, decrypt=False)

    @staticmethod
    def create_decipheriv(name: Any, key: Any, iv: Any, options: Any = None) -> Cipher:
        return Cipher(name, key, iv, options, decrypt=True)

    @staticmethod
    def create_hash(algorithm: Any, options: Any = None) -> Hash:
        from cryptography.hazmat.primitives import hashes

        return Hash(hashes.Hash(_hash_algorithm(algorithm, options)))

    @staticmethod
    def create_hmac(algorithm: Any, key: Any, options: Any = None) -> Hash:
        from cryptography.hazmat.primitives import hmac

        return Hash(hmac.HMAC(as_bytes(key), _hash_algorithm(algorithm, options)))

    @property
    def Hash(self) -> Any:  # noqa: N802 - Node's class names
        raise NotCovered("node-classes", "crypto.Hash")

    Hmac = Cipher = Decipher = Hash

    @staticmethod
    def get_ciphers() -> Any:
        raise NotCovered("algorithm-names", "getCiphers")

    @staticmethod
    def get_hashes() -> Any:
        raise NotCovered("algorithm-names", "getHashes")

    @staticmethod
    def random_bytes(*args: Any) -> Any:
        raise NotCovered("random", "randomBytes")


CRYPTO = PycaCrypto()


class PycaImplementation(InProcessImplementation):
    name = "pyca"
    kind = "port"
    description = "pyca/cryptography: AES (ECB, CBC, CTR, CFB, CFB8, OFB, GCM), triple DES, hashes and HMAC; glue in nodespec.adapters.pyca"
    capabilities = frozenset({"loop"})
    modules = frozenset({"crypto"})
    lacks = LACKS

    def availability(self) -> Availability:
        if importlib.util.find_spec("cryptography") is None:
            return Availability(False, "cryptography is not installed", "pip install 'nodespec[ports]'")
        return Availability(True)

    def version(self) -> str:
        try:
            return importlib.metadata.version("cryptography")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    def make_interpreter(self) -> PythonInterpreter:
        return PythonInterpreter(modules={"crypto": "nodespec.adapters.pyca:CRYPTO"}, loop=Loop())


IMPLEMENTATIONS = [PycaImplementation]
