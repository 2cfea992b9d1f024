"""createCipher / createDecipher (Node 20 only) and evp_bytes_to_key, against Node 20 on PATH: the
same passwords give the same ciphertexts, the same warnings and the same errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from nodespec import reference
from nodespec.reference import crypto

CASES = [
    ("des-ecb", "123456", "hello world ！！！"),  # the source document's printed value
    ("des-cbc", "pässword", "a"),
    ("des-ede3-cbc", "", "sixteen bytes!!!"),
    ("aes-128-ecb", "k", ""),
    ("aes-256-cbc", "a longer password than any key", "x" * 33),
    ("aes-192-ofb", "p", "stream mode"),
]

NODE = r"""
const crypto = require('node:crypto');
const out = [];
process.on('warning', (w) => out.push(['warning', w.name, w.code ?? null, w.message]));
for (const [alg, password, text] of JSON.parse(process.argv[1])) {
  const c = crypto.createCipher(alg, password);
  const hex = c.update(text, 'utf8', 'hex') + c.final('hex');
  const d = crypto.createDecipher(alg, password);
  out.push([alg, hex, d.update(hex, 'hex', 'utf8') + d.final('utf8')]);
}
for (const args of [['des-ecb'], ['des-ecb', 5], ['nope', 'x'], [5, 'x']]) {
  try { crypto.createCipher(...args); } catch (e) { out.push(['error', e.name, e.code ?? null, e.message]); }
}
crypto.createCipher('aes-128-ctr', 'x'); crypto.createDecipher('aes-128-ctr', 'x');
crypto.createCipher('aes-256-gcm', 'x');
setImmediate(() => console.log(JSON.stringify(out)));
"""

PYTHON = r"""
import json, sys
from nodespec import reference
from nodespec.reference import crypto, loop, process
reference.configure(node_version=20)
crypto.configure(legacy_provider=True)
out = []
process.on("warning", lambda w: out.append(["warning", w.name, w.code, w.message]))
for alg, password, text in json.loads(sys.argv[1]):
    c = crypto.create_cipher(alg, password)
    hexed = c.update(text, "utf8", "hex") + c.final("hex")
    d = crypto.create_decipher(alg, password)
    out.append([alg, hexed, d.update(hexed, "hex", "utf8") + d.final("utf8")])
for args in (["des-ecb"], ["des-ecb", 5], ["nope", "x"], [5, "x"]):
    try:
        crypto.create_cipher(*args)
    except Exception as e:
        out.append(["error", e.name, e.code, e.message])
crypto.create_cipher("aes-128-ctr", "x"); crypto.create_decipher("aes-128-ctr", "x")
crypto.create_cipher("aes-256-gcm", "x")
loop.set_immediate(lambda: print(json.dumps(out)))
loop.default_loop.run()
"""


@pytest.fixture(autouse=True)
def line_20() -> Iterator[None]:
    reference.configure(node_version=20)
    crypto.configure(legacy_provider=True)
    yield
    reference.configure(node_version=None)
    crypto.configure(legacy_provider=False)


@pytest.mark.skipif(shutil.which("node") is None, reason="node (20) is not on PATH")
def test_ciphertexts_warnings_and_errors_are_node_20s() -> None:
    version = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout
    if not version.startswith("v20."):
        pytest.skip(f"createCipher is Node 20's; node on PATH is {version.strip()}")
    cases = json.dumps(CASES)
    node = subprocess.run(["node", "--openssl-legacy-provider", "-e", NODE, cases], capture_output=True, text=True,
                          check=True)
    ours = subprocess.run([sys.executable, "-c", textwrap.dedent(PYTHON), cases], capture_output=True, text=True,
                          check=True)
    assert json.loads(ours.stdout) == json.loads(node.stdout)
    assert ours.stderr.replace(str(_pid(ours.stderr)), "PID") == node.stderr.replace(str(_pid(node.stderr)), "PID")


def _pid(stderr: str) -> int:
    return int(stderr.split("(node:", 1)[1].split(")", 1)[0])


def test_the_functions_exist_on_node_20_only() -> None:
    assert callable(crypto.create_cipher) and callable(crypto.create_decipher)
    cipher = crypto.create_cipher("aes-128-ecb", "pw")
    assert type(cipher).__name__ == "Cipher" and isinstance(cipher, crypto.Cipher)
    assert not isinstance(cipher, crypto.Cipheriv)  # as in Node: Cipher is not a Cipheriv
    for line in (22, 24, 26):
        reference.configure(node_version=line)
        assert not hasattr(crypto, "create_cipher") and not hasattr(crypto, "Decipher")
        with pytest.raises(ImportError):
            exec("from nodespec.reference.crypto import create_cipher")
    assert callable(crypto.evp_bytes_to_key)


def test_evp_bytes_to_key_is_what_create_cipher_uses() -> None:
    key, iv = crypto.evp_bytes_to_key("123456", 8, 0)
    assert bytes(key) == bytes.fromhex("e10adc3949ba59ab") and bytes(iv) == b""
    key, iv = crypto.evp_bytes_to_key(b"pw", 32, 16)
    c = crypto.create_cipheriv("aes-256-cbc", key, iv)
    assert c.update("x", "utf8", "hex") + c.final("hex") == (
        lambda p: p.update("x", "utf8", "hex") + p.final("hex"))(crypto.create_cipher("aes-256-cbc", b"pw"))
