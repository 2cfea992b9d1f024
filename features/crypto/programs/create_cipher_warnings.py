"""Twin of create_cipher_warnings.mjs on nodespec.reference.crypto, as Node 20 (NODESPEC_NODE_LINE)."""
import sys

from nodespec.reference import crypto, loop, process

warnings = []
process.on("warning", warnings.append)


def main():
    if sys.argv[1:] == ["decipher-first"]:
        crypto.create_decipher("aes-128-cbc", "pw")
        crypto.create_cipher("aes-128-cbc", "pw")
    else:
        crypto.create_cipher("aes-128-cbc", "pw")
        crypto.create_decipher("aes-128-cbc", "pw")
        crypto.create_cipher("aes-128-ctr", "pw")
        crypto.create_decipher("aes-128-ctr", "pw")
        crypto.create_cipher("aes-256-gcm", "pw")

    def report():
        for w in warnings:
            print(" ".join(["warning", w.name, w.code or "-", w.message]), flush=True)

    loop.set_immediate(report)  # process.emitWarning emits on a later tick


process.run_main(main, module="esm")  # the twin of an ES module
