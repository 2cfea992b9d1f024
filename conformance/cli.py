"""The ``nodespec`` command: ``run``, ``impls``, ``report``, ``lint``, ``bench``, ``differential``."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from nodespec import FEATURES_DIR, PACKAGE_DIR, PROJECT_ROOT, features, registry

DEFAULT_RESULTS = Path("results") / "latest.json"
DEFAULT_SITE = Path("results") / "site"


def cmd_impls(args: argparse.Namespace) -> int:
    rows = [["name", "kind", "version", "modules", "status"]]
    for name in registry.factories():
        d = registry.get(name).describe()
        status = "available" if d["available"] else f"unavailable: {d['why']} (install: {d['install']})"
        rows.append([d["name"], d["kind"], d["version"] or "-", ",".join(d["modules"]), status])
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)) + "  " + row[4])
    registry.close_all()
    return 0


def cmd_run(args: argparse.Namespace, extra: list[str]) -> int:
    import pytest

    json_path = Path(args.json or DEFAULT_RESULTS)
    pytest_args = [
        str(PACKAGE_DIR / "suite" / "test_specification.py"),
        f"--rootdir={PROJECT_ROOT}",
        "-p", "no:cacheprovider",
        "--impl", args.impl,
        "--nodespec-json", str(json_path),
        "--nodespec-matrix",
        "-q", "--no-header", "-o", "console_output_style=count",
    ]
    for path in args.features or []:
        pytest_args += ["--features", str(Path(path).resolve())]
    for scenario in args.scenario or []:
        pytest_args += ["--scenario", scenario]
    if args.tags:
        pytest_args += ["-m", args.tags]
    code = pytest.main(pytest_args + extra)
    if json_path.exists() and not args.no_site:
        from nodespec import site

        out = DEFAULT_SITE if args.json is None else json_path.with_name(f"{json_path.stem}-site")
        try:
            site.build(json.loads(json_path.read_text()), out, features_root=FEATURES_DIR)
            print(f"site: {out}/index.html (serve it: nodespec report {json_path} --out {out} --serve)")
        except FileExistsError as error:
            print(f"site not written: {error}", file=sys.stderr)
    return int(code)


def cmd_report(args: argparse.Namespace) -> int:
    from nodespec import results, site

    data = json.loads(Path(args.results).read_text())
    if data.get("format") != results.FORMAT:
        print(f"{args.results} is not a {results.FORMAT} file", file=sys.stderr)
        return 2
    out = Path(args.out)
    if not args.serve or not (out / "index.html").exists():
        site.build(data, out, features_root=FEATURES_DIR)
        print(f"site: {out}/index.html")
    print(results.matrix(data))
    if args.serve:
        site.serve(out, args.port)
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    infos = features.load([Path(p) for p in args.features] if args.features else None)
    problems = features.lint(infos)
    coverage = features.claim_coverage(infos)
    covered = sum(1 for ids in coverage.values() if ids)
    count = sum(len(f.scenarios) for f in infos)
    for problem in problems:
        print(problem)
    print(f"{count} scenarios in {len(infos)} features; {len(problems)} problems")
    print(f"claims with a scenario: {covered}/{len(coverage)}" + (f" ({100 * covered // len(coverage)} %)" if coverage else ""))
    for claim_id, ids in coverage.items():
        if not ids:
            print(f"  no scenario: {claim_id}")
    return 1 if problems else 0


def cmd_bench(args: argparse.Namespace, extra: list[str]) -> int:
    module = importlib.import_module(f"nodespec.bench.{args.name}")
    return int(module.main(extra) or 0)


def cmd_differential(args: argparse.Namespace, extra: list[str]) -> int:
    import pytest

    os.environ["NODESPEC_EXAMPLES"] = str(args.examples)
    target = PROJECT_ROOT / "tests" / "differential"
    paths = [str(target / f"test_{m}.py") for m in args.modules] if args.modules else [str(target)]
    return int(pytest.main([*paths, f"--rootdir={PROJECT_ROOT}", "-p", "no:cacheprovider", "-q", *extra]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the specification; further arguments go to pytest")
    run.add_argument("--impl", default="all", help="comma list of implementations, or 'all' (default)")
    run.add_argument("--features", nargs="+", metavar="PATH", help="feature files or folders (yours too)")
    run.add_argument("--scenario", action="append", metavar="ID", help="only this scenario id (repeatable)")
    run.add_argument("--tags", metavar="EXPR", help="a tag expression, e.g. 'events and not program'")
    run.add_argument("--json", metavar="FILE", help=f"results file (default {DEFAULT_RESULTS})")
    run.add_argument("--no-site", action="store_true", help="do not build the site after the run")

    sub.add_parser("impls", help="list implementations: version, modules, availability")

    report = sub.add_parser("report", help="build the static site from a results file")
    report.add_argument("results", nargs="?", default=str(DEFAULT_RESULTS))
    report.add_argument("--out", default=str(DEFAULT_SITE))
    report.add_argument("--serve", action="store_true", help="serve the site on localhost")
    report.add_argument("--port", type=int, default=8000)

    lint = sub.add_parser("lint", help="check tags, ids and claim coverage of the features")
    lint.add_argument("features", nargs="*")

    bench = sub.add_parser("bench", help="run a benchmark: bridge, events, buffer, crypto, processes, reliability")
    bench.add_argument("name")

    differential = sub.add_parser("differential", help="differential property tests against Node.js, with a budget")
    differential.add_argument("modules", nargs="*", help="events, buffer, crypto (default: all)")
    differential.add_argument("--examples", type=int, default=2000, help="hypothesis examples per test (default 2000)")

    args, extra = parser.parse_known_args(argv)
    if args.command == "run":
        return cmd_run(args, extra)
    if args.command == "bench":
        return cmd_bench(args, extra)
    if args.command == "differential":
        return cmd_differential(args, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return {"impls": cmd_impls, "report": cmd_report, "lint": cmd_lint}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
