"""The reference's ciphers and hashes as a library: throughput against raw pycryptodome / hashlib
(the limit: the same primitive without Node's streaming, encodings and checks), with Node's own
figures for context, all measured in one run.

    python -m nodespec.bench.crypto [--mib N] [--messages N] [--repeat N] [--no-node]
    nodespec bench crypto

Workloads: DES-ECB, AES-128-CBC, MD5 and SHA-256, each over one buffer of N MiB (one update + final)
and over many 64-byte messages (one object per message: create, update, final/digest). The ratio
column is reference time / baseline time (1.00 = as fast as the raw library). Times are CPU times
(``nodespec.bench.clock``), the best of N rounds in which the contenders take turns.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from Crypto.Cipher import AES, DES
from Crypto.Hash import MD5, SHA256
from Crypto.Util.Padding import pad

from nodespec.bench import clock, record, summary
from nodespec.reference import crypto, crypto_algorithms
from nodespec.reference.buffer import Buffer

KEY8, KEY16, IV16 = b"12345678", b"0123456789abcdef", b"fedcba9876543210"

NODE_SCRIPT = r"""
const c = require('crypto');
const [mib, messages, repeat] = process.argv.slice(1).map(Number);
const big = Buffer.alloc(mib * 1024 * 1024, 0x61), small = Buffer.alloc(64, 0x62);
const K8 = Buffer.from('12345678'), K16 = Buffer.from('0123456789abcdef'), IV = Buffer.from('fedcba9876543210');
const jobs = {
  'des-ecb': [() => { const x = c.createCipheriv('des-ecb', K8, ''); x.update(big); x.final(); },
              () => { for (let i = 0; i < messages; i++) { const x = c.createCipheriv('des-ecb', K8, ''); x.update(small); x.final(); } }],
  'aes-128-cbc': [() => { const x = c.createCipheriv('aes-128-cbc', K16, IV); x.update(big); x.final(); },
              () => { for (let i = 0; i < messages; i++) { const x = c.createCipheriv('aes-128-cbc', K16, IV); x.update(small); x.final(); } }],
  'md5': [() => c.createHash('md5').update(big).digest(),
          () => { for (let i = 0; i < messages; i++) c.createHash('md5').update(small).digest(); }],
  'sha256': [() => c.createHash('sha256').update(big).digest(),
             () => { for (let i = 0; i < messages; i++) c.createHash('sha256').update(small).digest(); }],
};
const out = {};
for (const [name, [bulk, many]] of Object.entries(jobs)) {
  const t = (f) => { let best = Infinity; for (let r = 0; r < repeat; r++) { const t0 = process.hrtime.bigint(); f(); best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9); } return best; };
  out[name] = [t(bulk), t(many)];
}
console.log(JSON.stringify(out));
"""


def best_of(fns: tuple[Callable[[], object], ...], repeat: int) -> list[float]:
    """The best CPU time of each job over ``repeat`` rounds in which the jobs take turns."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t0 = clock()
            fn()
            best[i] = min(best[i], clock() - t0)
    return best


def workloads(big: bytes, small: bytes, messages: int) -> dict[str, dict[str, tuple[Callable[[], object], ...]]]:
    """name → {'bulk': (reference, raw pycryptodome, hashlib?), 'many': (...), 'floor': (many's floor,)?}."""

    def ref_cipher(alg: str, key: bytes, iv: bytes, data: bytes) -> None:
        c = crypto.create_cipheriv(alg, key, iv)
        c.update(data)
        c.final()

    def many(fn: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            for _ in range(messages):
                fn()
        return run

    # The ciphers' floors: what the reference cannot do without, with the library's own calls. A
    # cipher's update and final each encrypt what they have (two calls, as OpenSSL's EVP_EncryptUpdate
    # and EVP_EncryptFinal) and each returns a Buffer over an ArrayBuffer of its own holding the bytes,
    # made the cheapest way the reference has. The hashes have none: the reference calls OpenSSL itself
    # (_digests.c's Engine), with fewer calls than hashlib, the baseline, makes.
    as_buffer = Buffer._copy_of  # bound once: no frame of the bench's own in the floor

    # The cheapest way to the library's cipher objects: the per-mode constructors that DES.new and
    # AES.new reach through an import statement, as the reference calls them.
    def des_ecb() -> Any:
        return crypto_algorithms._new_ecb(DES, key=KEY8)

    def aes_cbc() -> Any:
        return crypto_algorithms._new_cbc(AES, key=KEY16, iv=IV16)

    def two_calls(cipher: Any, block: int) -> None:
        as_buffer(cipher.encrypt(small))
        as_buffer(cipher.encrypt(bytes([block]) * block))

    return {
        "des-ecb": {
            "bulk": (lambda: ref_cipher("des-ecb", KEY8, b"", big),
                     lambda: DES.new(KEY8, DES.MODE_ECB).encrypt(pad(big, 8))),
            "many": (many(lambda: ref_cipher("des-ecb", KEY8, b"", small)),
                     many(lambda: DES.new(KEY8, DES.MODE_ECB).encrypt(pad(small, 8)))),
            "floor": (many(lambda: two_calls(des_ecb(), 8)),),
        },
        "aes-128-cbc": {
            "bulk": (lambda: ref_cipher("aes-128-cbc", KEY16, IV16, big),
                     lambda: AES.new(KEY16, AES.MODE_CBC, iv=IV16).encrypt(pad(big, 16))),
            "many": (many(lambda: ref_cipher("aes-128-cbc", KEY16, IV16, small)),
                     many(lambda: AES.new(KEY16, AES.MODE_CBC, iv=IV16).encrypt(pad(small, 16)))),
            "floor": (many(lambda: two_calls(aes_cbc(), 16)),),
        },
        "md5": {
            "bulk": (lambda: crypto.create_hash("md5").update(big).digest(),
                     lambda: MD5.new(big).digest(), lambda: hashlib.md5(big).digest()),
            "many": (many(lambda: crypto.create_hash("md5").update(small).digest()),
                     many(lambda: MD5.new(small).digest()), many(lambda: hashlib.md5(small).digest())),
        },
        "sha256": {
            "bulk": (lambda: crypto.create_hash("sha256").update(big).digest(),
                     lambda: SHA256.new(big).digest(), lambda: hashlib.sha256(big).digest()),
            "many": (many(lambda: crypto.create_hash("sha256").update(small).digest()),
                     many(lambda: SHA256.new(small).digest()), many(lambda: hashlib.sha256(small).digest())),
        },
    }


def node_figures(mib: int, messages: int, repeat: int) -> dict[str, list[float]] | None:
    node = shutil.which("node")
    if node is None:
        return None
    out = subprocess.run([node, "--openssl-legacy-provider", "-e", NODE_SCRIPT, str(mib), str(messages), str(repeat)],
                         capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        print(f"(node failed: {out.stderr.strip()[:200]})", file=sys.stderr)
        return None
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec bench crypto", description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=1, help="size of the bulk buffer in MiB (default 1)")
    parser.add_argument("--messages", type=int, default=5000, help="number of 64-byte messages (default 5000)")
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument("--no-node", action="store_true", help="skip Node's figures")
    args = parser.parse_args(argv)

    crypto.set_legacy_provider(True)
    big = os.urandom(args.mib * 1024 * 1024)
    small = os.urandom(64)
    mb = len(big) / 1e6
    node = None if args.no_node else node_figures(args.mib, args.messages, args.repeat)

    print(f"nodespec bench crypto: {args.mib} MiB bulk, {args.messages} x 64-byte messages, best of {args.repeat}")
    print("reference = nodespec.reference.crypto; raw = pycryptodome (hashlib in brackets); ratio = reference / raw")
    print()
    print("floor (ciphers): the library's calls the reference cannot avoid + its Buffer results, ÷ raw")
    print()
    header = f"{'workload':<26}{'reference':>14}{'raw':>14}{'ratio':>8}{'hashlib':>14}{'floor':>8}{'node':>14}"
    print(header)
    print("-" * len(header))
    for name, jobs in workloads(big, small, args.messages).items():
        for kind in ("bulk", "many"):
            fns = jobs[kind]
            floor = jobs.get("floor", ()) if kind == "many" else ()
            times = best_of(fns + floor, args.repeat)
            floor_t = times.pop() if floor else None
            node_t = node[name][0 if kind == "bulk" else 1] if node else None
            if kind == "bulk":
                def fmt(t: float | None) -> str:
                    return "-" if t is None else f"{mb / t:9.1f} MB/s"
                label = f"{name} {args.mib} MiB"
            else:
                def fmt(t: float | None) -> str:
                    return "-" if t is None else f"{args.messages / t / 1000:8.1f} k/s"
                label = f"{name} 64 B messages"
            hashlib_t = times[2] if len(times) > 2 else None
            floor_r = floor_t / times[1] if floor_t else None
            # A message's figures per message; the bulk's per run (one buffer of N MiB).
            per, unit = (args.messages, "s/message") if kind == "many" else (1, "s")
            cipher = name in ("des-ecb", "aes-128-cbc")
            record(label, times[0] / per, unit, baseline="raw pycryptodome", baseline_value=times[1] / per,
                   target="<= 1.3x" if kind == "many" and cipher else None,
                   floor=floor_t / per if floor_t else None,
                   context={k: v / per for k, v in (("hashlib_s", hashlib_t), ("node_s", node_t)) if v})
            if hashlib_t:
                record(f"{label} vs hashlib", times[0] / per, unit, baseline="hashlib", baseline_value=hashlib_t / per,
                       target="<= 1.5x" if kind == "many" else None)
            print(f"{label:<26}{fmt(times[0]):>14}{fmt(times[1]):>14}{times[0] / times[1]:>8.2f}"
                  f"{fmt(hashlib_t):>14}{(f'{floor_r:.2f}' if floor_r else '-'):>8}{fmt(node_t):>14}")
    crypto.set_legacy_provider(False)
    summary()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
