"""Regenerate tests/data/sample-results.json: python tests/data/make_sample_results.py tests/data/sample-results.json

A realistic nodespec-results/1 file for the site's tests: six modules, eight implementations (one unavailable),
every status, outlines, docstrings, data tables, claims that Node contradicts (some without a scenario) and a
feature users brought with --features (a path outside features/, module from its tag).
"""
import json
import sys

IMPLS = [
    {"name": "reference", "version": "0.1.0", "kind": "python", "modules": ["events","buffer","crypto","process","child_process","cluster"], "available": True, "why": None, "install": None, "description": "nodespec's Python reference implementation"},
    {"name": "node", "version": "v20.20.2", "kind": "runtime", "modules": ["events","buffer","crypto","process","child_process","cluster"], "available": True, "why": None, "install": None, "description": "Node.js from PATH (the oracle)", "capabilities": ["loop", "program"]},
    {"name": "bun", "version": "1.1.38", "kind": "runtime", "modules": ["events","buffer","crypto","process","child_process","cluster"], "available": True, "why": None, "install": None, "description": "Bun, node: compatibility layer"},
    {"name": "deno", "version": "2.1.4", "kind": "runtime", "modules": ["events","buffer","crypto","process","child_process"], "available": True, "why": None, "install": None, "description": "Deno with its node: compatibility"},
    {"name": "npm-events", "version": "3.3.0", "kind": "polyfill", "modules": ["events"], "available": True, "why": None, "install": None, "description": "npm's events package under Node"},
    {"name": "eventemitter3", "version": "5.0.1", "kind": "polyfill", "modules": ["events"], "available": True, "why": None, "install": None, "description": "eventemitter3 under Node"},
    {"name": "pyee", "version": "13.0.1", "kind": "python-port", "modules": ["events"], "available": True, "why": None, "install": None, "description": "pyee's EventEmitter (Python)"},
    {"name": "crypto-browserify", "version": "3.12.1", "kind": "polyfill", "modules": ["crypto"], "available": False, "why": "node_modules/crypto-browserify not found", "install": "npm install crypto-browserify", "description": "crypto-browserify under Node"},
]
ALL = [i["name"] for i in IMPLS]

# (path, module, title, description, tags, [scenario specs])
# scenario spec: (name, outline, tags, steps, {impl: status or (status, extra)})
def st(*steps):
    out = []
    for s in steps:
        kw, text, *rest = s
        doc = rest[0] if rest and isinstance(rest[0], str) else None
        table = rest[0] if rest and isinstance(rest[0], list) else None
        out.append({"keyword": kw, "text": text, "docstring": doc, "table": table})
    return out

BUG = {"category": "bug", "reason": "Bun calls listeners added during emit in the same emit", "link": "https://github.com/oven-sh/bun/issues/0000", "signature": "Then the trace is"}
FEATURES = [
 ("events/basics.feature", "events", "EventEmitter basics",
  "An EventEmitter calls its listeners synchronously, in the order they were added.\n\nThis is the heart of node:events.", ["events"], [
   ("Listeners run in registration order", None, ["claim:events-01"],
    st(("Given", "an EventEmitter e"), ("And", "listeners A and B on \"ping\""), ("When", "e emits \"ping\" with 1"),
       ("Then", "the trace is", [["listener", "args"], ["A", "[1]"], ["B", "[1]"]])), {}),
   ("emit returns true when the event had listeners", None, [], st(("Given", "an EventEmitter e"), ("And", "a listener A on \"x\""), ("Then", "e.emit(\"x\") returns true")), {}),
   ("A listener added during emit does not run in that emit", None, ["claim:events-03"],
    st(("Given", "an EventEmitter e"), ("And", "a listener A on \"x\" that adds listener B on \"x\""), ("When", "e emits \"x\""), ("Then", "the trace is", [["listener"], ["A"]])),
    {"bun": ("expected-fail", BUG), "eventemitter3": "fail"}),
   ("this is the emitter in a plain function listener", None, ["claim:events-02"],
    st(("Given", "an EventEmitter e"), ("And", "a listener A on \"x\""), ("When", "e emits \"x\""), ("Then", "A was called with this being e")),
    {"pyee": ("expected-fail", {"category": "by-design", "reason": "Python has no this; pyee passes no emitter to handlers", "link": None, "signature": "Then A was called with this being e"})}),
 ]),
 ("events/errors.feature", "events", "The 'error' event", "An 'error' with no listener throws; in a program it exits the process with code 1.", ["events"], [
   ("Emitting 'error' without a listener throws the error", None, ["claim:events-07"], st(("Given", "an EventEmitter e"), ("When", "e emits \"error\" with an Error \"boom\""), ("Then", "it throws Error \"boom\"")), {"npm-events": "unexpected-pass"}),
   ("An unhandled 'error' exits with code 1 and prints the stack", None, ["program", "claim:events-08"],
    st(("Given", "the program \"events_unhandled_error\""), ("When", "it runs"), ("Then", "it exits with code 1"), ("And", "stderr contains", "Error: boom\n    at <anonymous>")),
    {"deno": "timeout", "pyee": "not-applicable", "npm-events": "not-applicable", "eventemitter3": "not-applicable"}),
   ("emit('error') with a non-Error value throws ERR_UNHANDLED_ERROR", None, [], st(("Given", "an EventEmitter e"), ("When", "e emits \"error\" with \"<oops>\""), ("Then", "it throws ERR_UNHANDLED_ERROR")),
    {"eventemitter3": ("expected-fail", {"category": "missing-feature", "reason": "eventemitter3 has no special 'error' handling", "link": "https://github.com/primus/eventemitter3#readme", "signature": "ERR_UNHANDLED_ERROR"})}),
 ]),
 ("buffer/encodings.feature", "buffer", "Buffer encodings", "Buffer.from and toString agree on utf8, hex, base64, latin1 and utf16le.", ["buffer"], [
   (f"Buffer.from('héllo', '<enc>') round-trips through toString ('<enc>' = {e})", "Buffer.from(<text>, '<enc>') round-trips through toString", ["claim:buffer-04"],
    st(("Given", "the string \"héllo\""), ("When", f"it is encoded with Buffer.from(s, \"{e}\")"), ("Then", f"toString(\"{e}\") gives \"héllo\"")),
    ({"deno": "crash"} if e == "utf16le" else {})) for e in ["utf8", "latin1", "utf16le"]
 ] + [
   ("Values are truncated with & 255", None, ["claim:buffer-02"], st(("Given", "Buffer.from([256, 257, -1])"), ("Then", "its bytes are", [["index","value"],["0","0"],["1","1"],["2","255"]])), {}),
   ("toString(enc, start, end) can cut a multi-byte character", None, ["claim:buffer-05"], st(("Given", "Buffer.from(\"中文\")"), ("Then", "toString(\"utf8\", 0, 4) is \"中\\ufffd\"")), {"bun": "fail"}),
 ]),
 ("crypto/des.feature", "crypto", "DES-ECB with createCipheriv", "Node 20's OpenSSL 3 needs --openssl-legacy-provider for DES.", ["crypto", "legacy-provider"], [
   ("DES-ECB of 'hello' with key '12345678' is 2d2c6b8eae27e8ad", None, ["legacy-provider", "erratum", "claim:crypto-03"],
    st(("Given", "a cipher createCipheriv(\"des-ecb\", \"12345678\", \"\")"), ("When", "it updates \"hello\" as utf8 and finals as hex"), ("Then", "the ciphertext is \"2d2c6b8eae27e8ad\"")),
    {"bun": ("expected-fail", {"category": "missing-feature", "reason": "Bun's BoringSSL has no DES", "link": None, "signature": "ERR_CRYPTO_UNKNOWN_CIPHER"}), "deno": "fail"}),
   ("Without the legacy provider DES is refused with ERR_OSSL_EVP_UNSUPPORTED", None, [], st(("When", "createCipheriv(\"des-ecb\", \"12345678\", \"\") is called"), ("Then", "it throws ERR_OSSL_EVP_UNSUPPORTED")),
    {"bun": "not-applicable", "deno": "not-applicable"}),
   ("MD5 of '' is d41d8cd98f00b204e9800998ecf8427e", None, ["vector", "claim:crypto-05"], st(("Given", "createHash(\"md5\")"), ("When", "it digests \"hex\""), ("Then", "the digest is \"d41d8cd98f00b204e9800998ecf8427e\"")), {}),
 ]),
 ("process/ordering.feature", "process", "nextTick, microtasks and setImmediate", "", ["process"], [
   ("process.nextTick callbacks run before promise callbacks", None, ["claim:process-02"], st(("When", "a nextTick and a resolved promise callback are queued"), ("Then", "the trace is", [["order"],["nextTick"],["promise"]])), {"deno": "fail"}),
 ]),
 ("child_process/exec.feature", "child_process", "exec and its maxBuffer", "", ["child_process"], [
   ("exec's default maxBuffer is 1 MiB", None, ["program", "erratum", "claim:child-04"], st(("Given", "a child that writes 1048577 bytes to stdout"), ("When", "it runs with exec"), ("Then", "the callback gets ERR_CHILD_PROCESS_STDIO_MAXBUFFER")), {"deno": "not-applicable"}),
 ]),
 ("cluster/respawn.feature", "cluster", "A master respawns a dead worker", "", ["cluster", "slow"], [
   ("A worker that exits is replaced", None, ["program", "slow", "claim:cluster-02"], st(("Given", "a master with 2 workers"), ("When", "worker 1 exits with code 3"), ("Then", "a new worker is forked within 2 s")), {"bun": ("expected-fail", {"category": "missing-feature", "reason": "node:cluster is not implemented in Bun", "link": "https://bun.sh/docs/runtime/nodejs-apis", "signature": "ERR_NOT_IMPLEMENTED"}), "deno": "not-applicable"}),
 ]),
 # A user-brought feature, outside features/: module from its tag
 ("/home/user/myspecs/once_extras.feature", None, "once() extras (user features)", "Brought with --features.", ["events"], [
   ("once listener is removed before it runs", None, [], st(("Given", "an EventEmitter e"), ("And", "a once listener A on \"x\""), ("When", "e emits \"x\" twice"), ("Then", "A ran once")), {"pyee": "pass"}),
 ]),
]

def result(impl, spec, cov, path, name):
    mod_ok = cov
    extra = None
    if not next(i for i in IMPLS if i["name"] == impl)["available"]:
        status = "unavailable"
    elif not mod_ok:
        status = "not-applicable"
    else:
        s = spec.get(impl, "pass")
        if isinstance(s, tuple):
            status, extra = s
        else:
            status = s
    failure = None
    if status in ("fail", "expected-fail", "timeout", "crash"):
        failure = {"step": "Then the trace is", "message": {"timeout": "no answer from the driver within 10 s", "crash": "driver exited with signal SIGSEGV"}.get(status, "trace differs"),
                   "expected": "[{\"listener\": \"A\"}]" if status in ("fail", "expected-fail") else None,
                   "actual": "[{\"listener\": \"A\"}, {\"listener\": \"B\"}]" if status in ("fail", "expected-fail") else None}
    expectation = extra
    if status == "unexpected-pass":
        expectation = {"category": "bug", "reason": "events 3.3 used to throw a TypeError here", "link": None, "signature": "ERR_UNHANDLED_ERROR"}
    return {"status": status, "duration_s": 0.0 if status in ("not-applicable", "unavailable") else 0.012,
            "failure": failure, "expectation": expectation,
            "rerun": "nodespec run --impl {} --scenario '{}'".format(impl, (path + "::" + name).replace("'", "'\\''"))}

features, scenarios = [], []
summary = {i: {k: 0 for k in ["pass","fail","expected-fail","unexpected-pass","not-applicable","unavailable","timeout","crash"]} for i in ALL}
line = 5
for path, module, title, desc, tags, scs in FEATURES:
    mod = module or next(t for t in tags if t in ("events","buffer","crypto","process","child_process","cluster"))
    ids = []
    for name, outline, stags, steps, spec in scs:
        sid = path + "::" + name
        ids.append(sid)
        res = {}
        for impl in IMPLS:
            cov = mod in impl["modules"]
            if "program" in stags and impl["kind"] in ("polyfill", "python-port"):
                cov = False
            r = result(impl["name"], spec, cov, path, name)
            res[impl["name"]] = r
            summary[impl["name"]][r["status"]] += 1
        example = {"enc": name.rsplit("= ", 1)[1].rstrip(")")} if outline else None
        scenarios.append({"id": sid, "feature": path, "module": module, "name": name, "outline": outline, "example": example,
                          "tags": [mod] + stags, "line": line, "steps": steps, "results": res})
        line += 7
    features.append({"path": path, "module": module, "name": title, "description": desc, "tags": tags, "scenarios": ids})

claims = [
 {"id": "events-01", "module": "events", "section": "Events模块 / 基本使用", "says": "emit calls the listeners synchronously, in registration order", "node_agrees": True, "node_does": "", "scenarios": []},
 {"id": "events-02", "module": "events", "section": "Events模块 / 基本使用", "says": "a plain-function listener's this is the emitter", "node_agrees": True, "node_does": "", "scenarios": []},
 {"id": "events-03", "module": "events", "section": "Events模块 / 异步还是同步", "says": "listeners added during an emit run in that same emit", "node_agrees": False, "node_does": "emit works on a copy of the listener array: a listener added during emit runs only from the next emit", "scenarios": ["events/basics.feature::A listener added during emit does not run in that emit"]},
 {"id": "events-07", "module": "events", "section": "Events模块 / error事件", "says": "emitting 'error' with no listener throws", "node_agrees": True, "node_does": "", "scenarios": []},
 {"id": "events-08", "module": "events", "section": "Events模块 / error事件", "says": "an unhandled 'error' crashes the process", "node_agrees": "partly", "node_does": "it exits with code 1 after printing the stack and 'Emitted \\'error\\' event' details", "scenarios": []},
 {"id": "events-09", "module": "events", "section": "Events模块 / 继承", "says": "a string key can be used in a WeakMap", "node_agrees": False, "node_does": "WeakMap.prototype.set throws TypeError: Invalid value used as weak map key", "scenarios": []},
 {"id": "buffer-02", "module": "buffer", "section": "Buffer / 创建", "says": "values outside 0–255 are truncated with & 255", "node_agrees": True, "node_does": "", "scenarios": []},
 {"id": "buffer-04", "module": "buffer", "section": "Buffer / 编码", "says": "the supported encodings include 'uft8'", "node_agrees": "partly", "node_does": "'uft8' is a typo: Buffer.from(s, 'uft8') throws ERR_UNKNOWN_ENCODING; 'utf8' works", "scenarios": []},
 {"id": "buffer-05", "module": "buffer", "section": "Buffer / toString", "says": "toString(enc, start, end) can cut a multi-byte character and print garbage", "node_agrees": True, "node_does": "", "scenarios": []},
 {"id": "crypto-03", "module": "crypto", "section": "crypto / DES", "says": "DES-ECB of 'hello' with key 12345678 prints 0ee5…", "node_agrees": False, "node_does": "Node 20 refuses DES without --openssl-legacy-provider; with it the ciphertext is 2d2c6b8eae27e8ad", "scenarios": ["crypto/des.feature::DES-ECB of 'hello' with key '12345678' is 2d2c6b8eae27e8ad"]},
 {"id": "crypto-05", "module": "crypto", "section": "crypto / MD5", "says": "md5(...).toUpperCase() gives the upper-case digest", "node_agrees": False, "node_does": "createHash returns a Hash object; calling toUpperCase on it throws TypeError", "scenarios": []},
 {"id": "process-02", "module": "process", "section": "进程 / process.nextTick", "says": "nextTick callbacks run before promise callbacks", "node_agrees": True, "node_does": "", "scenarios": []},
 {"id": "child-04", "module": "child_process", "section": "child_process / exec", "says": "exec's maxBuffer defaults to 200*1024", "node_agrees": False, "node_does": "Node 20's default maxBuffer is 1024*1024; exceeding it kills the child and fails with ERR_CHILD_PROCESS_STDIO_MAXBUFFER", "scenarios": ["child_process/exec.feature::exec's default maxBuffer is 1 MiB"]},
 {"id": "cluster-02", "module": "cluster", "section": "cluster / 重启", "says": "a master forks a new worker when one dies", "node_agrees": True, "node_does": "", "scenarios": []},
]
results = {
 "format": "nodespec-results/1",
 "provenance": {"nodespec": {"version": "0.1.0", "commit": "abc123"}, "python": "3.11.7", "os": "Linux-6.1.0-x86_64-with-glibc2.36",
                "started": "2026-11-26T05:00:00Z", "duration_s": 81.2, "command": "nodespec run --impl all"},
 "implementations": IMPLS, "features": features, "scenarios": scenarios, "summary": summary, "claims": claims,
 "extra_key_from_the_future": {"ignored": True},
}
json.dump(results, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
print(len(scenarios), "scenarios", {s: sum(v[s] for v in summary.values()) for s in summary["node"]})
