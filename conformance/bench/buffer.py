"""Buffer benchmarks: the reference as a library against Python's own codecs, and the source
document's HTTP claim measured on Node.js.

    nodespec bench buffer [--sizes 1024,1048576] [--no-node] [--no-http] [--http-only]
                          [--requests N] [--concurrency C] [--rounds R]

1. Codecs. ``Buffer.from_(string, enc)`` and ``buf.to_string(enc)`` for utf8, base64 and hex at
   1 KiB and 1 MiB, timed against the Python codec that does the same job (``str.encode('utf-8')``,
   ``binascii.a2b_base64``, ``bytes.fromhex``; ``bytes.decode('utf-8', 'replace')``,
   ``binascii.b2a_base64``, ``bytes.hex``, each one call in one frame, as the reference's row is):
   the ratio reference / Python is the overhead of Node's
   semantics (JS code units, lenient base64, hex stopping at the first bad pair, the pool) on top of
   the limit. CPU time per call, the best of 5 rounds in which reference and Python take turns
   (``nodespec.bench.interleaved``). Node's own time for the same operation is printed for context.
2. HTTP (the document's claim that answering with a ready-made Buffer is much faster than with the
   same string). One Node server answers /buffer with ``res.end(bufStr)`` and /string with
   ``res.end(str)`` (10 KB of 'a', the document's code); one Node client process sends a bounded load
   (N requests, C at a time, keep-alive, loopback) to each URL in alternating rounds. Requests per
   second per URL and the server's own CPU time per request (process.cpuUsage() deltas, which other
   load on the machine disturbs far less than wall time), medians over the rounds, and their ratios.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from binascii import a2b_base64, b2a_base64
from collections.abc import Callable
from typing import Any

from nodespec.bench import interleaved, record, summary
from nodespec.reference.buffer import ArrayBuffer, Buffer

ENCODINGS = ("utf8", "base64", "hex")


def sample_text(n_bytes: int) -> str:
    """Text whose UTF-8 form is about n_bytes: mostly ASCII with Latin-1, BMP and astral characters."""
    unit = "Node.js 技术栈 héllo wörld € 😀 buffer "
    reps = n_bytes // len(unit.encode()) + 1
    text = unit * reps
    data = text.encode()[:n_bytes]
    return data.decode("utf-8", "ignore")


def inputs(size: int) -> dict[str, tuple[str, bytes]]:
    rng = random.Random(size)
    raw = bytes(rng.getrandbits(8) for _ in range(size))
    text = sample_text(size)
    return {
        "utf8": (text, text.encode("utf-8")),
        "base64": (base64.b64encode(raw).decode("ascii"), raw),
        "hex": (raw.hex(), raw),
    }


# Python's own codecs, each row's baseline: one call in one frame, as the reference's row is.
PY_FROM: dict[str, Callable[[str], Callable[[], object]]] = {
    "utf8": lambda s: lambda: s.encode("utf-8"),
    "base64": lambda s: lambda: a2b_base64(s),
    "hex": lambda s: lambda: bytes.fromhex(s),
}
PY_TO: dict[str, Callable[[bytes], Callable[[], object]]] = {
    "utf8": lambda b: lambda: b.decode("utf-8", "replace"),
    "base64": lambda b: lambda: b2a_base64(b, newline=False).decode("ascii"),
    "hex": lambda b: lambda: b.hex(),
}


TARGETS = {("from", 1024): "<= 1.5x", ("from", 1 << 20): "<= 1.1x", ("toString", 1024): "<= 1.5x"}


NODE_CODEC = r"""
const sizes = JSON.parse(process.argv[1]);
function sampleText(n) {
  const unit = 'Node.js 技术栈 héllo wörld € 😀 buffer ';
  const reps = Math.floor(n / Buffer.byteLength(unit)) + 1;
  return Buffer.from(unit.repeat(reps)).subarray(0, n).toString('utf8').replace(/\ufffd+$/, '');
}
function perCall(fn) {
  let n = 1;
  for (;;) { const t0 = process.hrtime.bigint(); for (let i = 0; i < n; i++) fn(); const dt = Number(process.hrtime.bigint() - t0) / 1e9; if (dt > 0.2) break; n *= 2; }
  let best = Infinity;
  for (let r = 0; r < 3; r++) { const t0 = process.hrtime.bigint(); for (let i = 0; i < n; i++) fn(); best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9 / n); }
  return best;
}
const out = {};
for (const size of sizes) {
  const raw = Buffer.alloc(size); for (let i = 0; i < size; i++) raw[i] = (i * 2654435761 >>> 13) & 255;
  const text = sampleText(size);
  const cases = { utf8: [text, Buffer.from(text)], base64: [raw.toString('base64'), raw], hex: [raw.toString('hex'), raw] };
  for (const [enc, [s, b]] of Object.entries(cases)) {
    let sink = 0;
    out[`from ${enc} ${size}`] = perCall(() => { sink += Buffer.from(s, enc).length; });
    out[`toString ${enc} ${size}`] = perCall(() => { sink += b.toString(enc).length; });
  }
}
process.stdout.write(JSON.stringify(out));
"""


def node_codec_figures(sizes: list[int]) -> dict[str, float]:
    node = shutil.which("node")
    if not node:
        return {}
    proc = subprocess.run([node, "-e", NODE_CODEC, json.dumps(sizes)], capture_output=True, text=True, timeout=300)
    return json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout else {}


def human(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:9.2f} µs"
    return f"{seconds * 1e3:9.2f} ms"


def from_floor(encoding: str, text: str, over: ArrayBuffer) -> Callable[[], object]:
    """The least any Buffer.from(string) over the memory model does, in one frame: Python's codec, one
    copy of its bytes into memory that already exists (``over``: as a pool's), and one view of them.
    Its ratio to the codec is the floor of the reference's ratio."""
    lay_copy = Buffer._lay_copy
    if encoding == "utf8":
        return lambda: lay_copy(over, 0, (data := text.encode("utf-8")), len(data))
    if encoding == "base64":
        return lambda: lay_copy(over, 0, (data := a2b_base64(text)), len(data))
    return lambda: lay_copy(over, 0, (data := bytes.fromhex(text)), len(data))


def bench_codecs(sizes: list[int], with_node: bool) -> None:
    node = node_codec_figures(sizes) if with_node else {}
    over = ArrayBuffer(max(sizes) * 2)
    print("Buffer codecs: reference vs Python's own codec (the limit), Node for context;")
    print("floor: the codec + one copy into existing memory + one view (what from() cannot do without)")
    print(f"{'operation':<22}{'size':>9}  {'reference':>12}  {'python':>12}  {'ref/python':>10}  {'floor/python':>12}"
          f"  {'node':>12}  {'ref/node':>9}")
    for size in sizes:
        data = inputs(size)
        for enc in ENCODINGS:
            text, raw = data[enc]
            buf = Buffer.from_(raw)
            rows = [
                (f"from(string, '{enc}')", lambda t=text, e=enc: Buffer.from_(t, e), PY_FROM[enc](text),
                 from_floor(enc, text, over), node.get(f"from {enc} {size}")),
                (f"toString('{enc}')", lambda b=buf, e=enc: b.to_string(e), PY_TO[enc](raw),
                 None, node.get(f"toString {enc} {size}")),
            ]
            for name, ref_fn, py_fn, floor_fn, node_t in rows:
                contenders = {"reference": ref_fn, "python": py_fn}
                if floor_fn is not None:
                    contenders["floor"] = floor_fn
                times = interleaved(contenders)
                ref_t, py_t, floor_t = times["reference"], times["python"], times.get("floor")
                floor_r = f"{floor_t / py_t:11.2f}x" if floor_t else f"{'':>12}"
                node_s = human(node_t) if node_t else "       n/a"
                node_r = f"{ref_t / node_t:8.1f}x" if node_t else "      n/a"
                print(f"{name:<22}{size:>9}  {human(ref_t):>12}  {human(py_t):>12}  {ref_t / py_t:9.2f}x  {floor_r}"
                      f"  {node_s:>12}  {node_r:>9}")
                record(f"{name} {size} B", ref_t, "s/call", baseline="python codec", baseline_value=py_t,
                       target=TARGETS.get((name.partition("(")[0], size)), floor=floor_t,
                       context={"node_s": node_t} if node_t else None)
    print()


HTTP_SERVER = r"""
const http = require('http');
let s = '';
for (let i = 0; i < 1024 * 10; i++) s += 'a';
const str = s;
const bufStr = Buffer.from(s);
const server = http.createServer((req, res) => {
  if (req.url === '/buffer') res.end(bufStr);
  else if (req.url === '/string') res.end(str);
  else if (req.url === '/cpu') res.end(JSON.stringify(process.cpuUsage()));
  else { res.statusCode = 404; res.end(); }
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\n'));
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
"""

HTTP_CLIENT = r"""
const http = require('http');
const [port, path, total, concurrency] = process.argv.slice(1).map((v, i) => (i === 1 ? v : Number(v)));
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
let sent = 0, done = 0, bytes = 0;
const t0 = process.hrtime.bigint();
function one() {
  if (sent >= total) return;
  sent++;
  http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
    res.on('data', (c) => { bytes += c.length; });
    res.on('end', () => {
      if (++done === total) {
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        process.stdout.write(JSON.stringify({ seconds: s, rps: total / s, bytes }));
        agent.destroy();
      } else one();
    });
  }).on('error', (e) => { console.error(e); process.exit(1); });
}
for (let i = 0; i < concurrency; i++) one();
"""


def bench_http(requests: int, concurrency: int, rounds: int) -> None:
    node = shutil.which("node")
    if not node:
        print("HTTP: node not found, skipped")
        return
    server = subprocess.Popen([node, "-e", HTTP_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = server.stdout.readline().strip()
        results: dict[str, list[float]] = {"/string": [], "/buffer": []}
        cpu: dict[str, list[float]] = {"/string": [], "/buffer": []}
        nbytes: dict[str, int] = {}

        def run(path: str, n: int) -> dict[str, Any]:
            out = subprocess.run([node, "-e", HTTP_CLIENT, port, path, str(n), str(concurrency)],
                                 capture_output=True, text=True, timeout=300)
            return json.loads(out.stdout)

        def server_cpu() -> float:
            """The server's user+system CPU seconds so far (its own work, whatever else runs)."""
            import urllib.request
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/cpu", timeout=10) as r:
                usage = json.loads(r.read())
            return (usage["user"] + usage["system"]) / 1e6

        run("/string", max(500, requests // 2))  # warm-up (JIT), both code paths
        run("/buffer", max(500, requests // 2))
        for r in range(rounds):
            order = ("/string", "/buffer") if r % 2 == 0 else ("/buffer", "/string")
            for path in order:
                before = server_cpu()
                res = run(path, requests)
                cpu[path].append((server_cpu() - before) / requests)
                results[path].append(res["rps"])
                nbytes[path] = res["bytes"] // requests
        s = statistics.median(results["/string"])
        b = statistics.median(results["/buffer"])
        cs = statistics.median(cpu["/string"])
        cb = statistics.median(cpu["/buffer"])
        print(f"HTTP on Node {subprocess.run([node, '--version'], capture_output=True, text=True).stdout.strip()}, "
              f"loopback, {requests} requests x {rounds} rounds per URL (alternating), {concurrency} concurrent, "
              f"keep-alive, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        for label, path, rps, c in (("res.end(str)   ", "/string", s, cs), ("res.end(bufStr)", "/buffer", b, cb)):
            rounds_text = ", ".join(f"{x:.0f}" for x in results[path])
            cpu_text = ", ".join(f"{x * 1e6:.1f}" for x in cpu[path])
            print(f"  {label} {path:8} {rps:8.0f} req/s (median of {rounds_text})")
            print(f"  {'':15} {'':8} server CPU {c * 1e6:6.1f} us/request (median of {cpu_text}); "
                  f"{nbytes[path]} bytes/response")
        record("HTTP throughput, res.end(bufStr)", b, "req/s", baseline="res.end(str)", baseline_value=s, higher_is_better=True)
        record("HTTP server CPU per request, res.end(bufStr)", cb, "s", baseline="res.end(str)", baseline_value=cs)
        print(f"  buffer / string: throughput {b / s:.3f} ({(b / s - 1) * 100:+.1f}%), "
              f"server CPU per request {cb / cs:.3f} ({(cb / cs - 1) * 100:+.1f}%)")
    finally:
        if server.stdin:
            server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec bench buffer", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1024,1048576", help="byte sizes, comma separated")
    parser.add_argument("--no-node", action="store_true", help="skip Node's codec figures")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP measurement")
    parser.add_argument("--http-only", action="store_true")
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    if not args.http_only:
        bench_codecs([int(s) for s in args.sizes.split(",")], not args.no_node)
    if not args.no_http:
        bench_http(args.requests, args.concurrency, args.rounds)
    summary()
    print(f"\n(total {time.perf_counter() - t0:.1f} s; python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
