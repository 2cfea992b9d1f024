"""Twin of crypto_deprecations.mjs on nodespec.reference.crypto, behaving as the Node line the harness
selects (NODESPEC_NODE_LINE)."""
import sys

from nodespec.reference import crypto, loop, process

warnings = []
process.on("warning", warnings.append)


def say(*parts):
    print(" ".join("true" if p is True else "false" if p is False else str(p) for p in parts), flush=True)


def then_warnings():
    def report():
        if not warnings:
            say("warnings none")
        for w in warnings:
            say("warning", w.name, w.code, w.message)

    loop.set_immediate(report)  # process.emitWarning emits on a later tick


def bad_algorithm():
    try:
        crypto.Hash("no-such-hash")
    except Exception as e:  # noqa: BLE001 - reported as the program's output
        say("threw", e.message)


def hash_twice():
    crypto.Hash("sha256")
    crypto.Hash("md5")
    say("two Hash objects")


def hash_and_hmac():
    crypto.Hash("sha256")
    crypto.Hmac("sha256", "key")
    say("a Hash and an Hmac")


def no_deprecation():
    process.no_deprecation = True
    crypto.Hash("sha256")
    crypto.Hmac("sha256", "key")
    say("a Hash and an Hmac")


def factories():
    digest = crypto.create_hash("sha256")
    digest.copy()
    crypto.hash("sha256", "abc")
    mac = crypto.create_hmac("sha256", "key")
    say("instanceof", isinstance(digest, crypto.Hash), isinstance(mac, crypto.Hmac))


# Python has no `new`: calling the class is both of JavaScript's ways.
cases = {
    "hash-new": lambda: say("digest", crypto.Hash("sha256").update("abc").digest("hex")),
    "hash-call": lambda: say("digest", crypto.Hash("sha256").update("abc").digest("hex")),
    "hmac-new": lambda: say("digest", crypto.Hmac("sha256", "key").update("abc").digest("hex")),
    "hmac-call": lambda: say("digest", crypto.Hmac("sha256", "key").update("abc").digest("hex")),
    "hash-twice": hash_twice,
    "hash-and-hmac": hash_and_hmac,
    "bad-algorithm": bad_algorithm,
    "factories": factories,
    "no-deprecation": no_deprecation,
}


def main():
    cases[sys.argv[1]]()
    then_warnings()


process.run_main(main, module="esm")  # the twin of an ES module
