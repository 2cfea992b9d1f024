"""nodespec.reference.string_decoder against Node's string_decoder: the same chunks, fed to both,
give the same strings (compared as UTF-16 code units), the same encodings and the same errors."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from typing import Any

import pytest

from nodespec.reference.errors import NodeError
from nodespec.reference.string_decoder import StringDecoder

ENCODINGS = ["utf8", "UTF-8", "ucs2", "utf16le", "latin1", "binary", "ascii", "base64", "base64url", "hex"]

NODE = r"""
const { StringDecoder } = require('node:string_decoder');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
console.log(JSON.stringify(cases.map(([encoding, chunks]) => {
  const d = new StringDecoder(encoding);
  const out = chunks.map((c) => units(d.write(Buffer.from(c))));
  out.push(units(d.end()));
  return [d.encoding, out];
})));
"""


def units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]


def reference(cases: list[Any]) -> list[Any]:
    results = []
    for encoding, chunks in cases:
        d = StringDecoder(encoding)
        out = [units(d.write(bytes(c))) for c in chunks]
        out.append(units(d.end()))
        results.append([d.encoding, out])
    return results


def random_cases(seed: int, count: int) -> list[Any]:
    rng = random.Random(seed)
    text = "hé€😀\ud83dA".encode("utf-8", "surrogatepass") + "😀x".encode("utf-16-le")
    cases = []
    for _ in range(count):
        data = bytes(rng.choice(text) if rng.random() < 0.7 else rng.randrange(256) for _ in range(rng.randrange(12)))
        cuts = sorted(rng.sample(range(len(data) + 1), min(len(data) + 1, rng.randrange(4))))
        chunks = [list(data[a:b]) for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
        cases.append([rng.choice(ENCODINGS), chunks])
    return cases


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")
def test_chunks_decode_as_in_node() -> None:
    cases = random_cases(seed=12, count=400)
    node = subprocess.run(["node", "-e", NODE], input=json.dumps(cases), capture_output=True, text=True, check=True)
    assert reference(cases) == json.loads(node.stdout)


def test_strings_pass_through_and_bad_input_gets_nodes_errors() -> None:
    assert StringDecoder().write("as is") == "as is"
    with pytest.raises(NodeError) as unknown:
        StringDecoder("nope")
    assert (unknown.value.code, unknown.value.name) == ("ERR_UNKNOWN_ENCODING", "TypeError")
    with pytest.raises(NodeError) as not_bytes:
        StringDecoder().write(5)
    assert not_bytes.value.code == "ERR_INVALID_ARG_TYPE"
