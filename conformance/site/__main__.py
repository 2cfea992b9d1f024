"""``python -m nodespec.site RESULTS.json --out DIR [--features-root DIR] [--serve [--port N]]``.

The same as ``nodespec report``; handy when only the site is wanted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import build, serve, site_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m nodespec.site", description="Build nodespec's static site from a results file.")
    ap.add_argument("results", type=Path)
    ap.add_argument("--out", type=Path, default=Path("site"))
    ap.add_argument("--features-root", type=Path, default=None)
    ap.add_argument("--serve", action="store_true", help="serve the site on localhost after building it")
    ap.add_argument("--port", type=int, default=8000)
    a = ap.parse_args(argv)
    results = json.loads(a.results.read_text(encoding="utf-8"))
    out = build(results, a.out, a.features_root)
    size, files = site_size(out)
    print(f"site: {out / 'index.html'} ({files} files, {size} bytes)")
    if a.serve:
        serve(a.out, a.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
