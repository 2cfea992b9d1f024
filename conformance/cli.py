"""The ``nodespec`` command: ``run``, ``impls``, ``install``, ``report``, ``lint``, ``bench``, ``differential``, ``mutate``."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from nodespec import FEATURES_DIR, IN_CHECKOUT, PACKAGE_DIR, PROJECT_ROOT, npm, status

DEFAULT_RESULTS = Path("results") / "latest.json"
DEFAULT_SITE = Path("results") / "site"


def cmd_impls(args: argparse.Namespace) -> int:
    from nodespec import registry

    rows = [["name", "kind", "version", "target", "modules", "status"]]
    for name in registry.factories():
        d = registry.get(name).describe()
        status = "available" if d["available"] else f"unavailable: {d['why']} (install: {d['install']})"
        target = f"node {d['target']}" if d.get("target") else "-"
        rows.append([d["name"], d["kind"], d["version"] or "-", target, ",".join(d["modules"]), status])
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row[:5], widths, strict=True)) + "  " + row[5])
    registry.close_all()
    return 0


def _parallel(args: argparse.Namespace, extra: list[str]) -> list[str]:
    """The whole specification runs on two pytest-xdist workers per CPU unless the command line says
    otherwise (``-n 0``: one process): three quarters of a whole run's cell time are program scenarios,
    whose worker mostly waits (for a process to start, a server to listen, a child to exit), so one
    worker per CPU left the CPUs idle a third of the time. A run of chosen features or scenarios (a
    rerun, a test) stays in one process, where starting workers would cost more than it saves. A
    Cucumber export, which xdist does not support, stays in one process too."""
    cpus = os.cpu_count() or 1
    said = any(a == "-n" or a.startswith(("-n", "--numprocesses", "--dist", "--cucumberjson")) for a in extra)
    if said or args.scenario or args.features:
        return []
    return ["-n", str(2 * cpus)]


def cmd_run(args: argparse.Namespace, extra: list[str]) -> int:
    import pytest

    json_path = Path(args.json or DEFAULT_RESULTS)
    pytest_args = [
        str(PACKAGE_DIR / "suite" / "test_specification.py"),
        "-c", str(PACKAGE_DIR / "suite" / "pytest.ini"),
        f"--rootdir={PROJECT_ROOT}",
        "-p", "no:cacheprovider",
        # The suite uses no hypothesis; its pytest plugin (installed with the Python extras) costs a
        # sixth of a small run's CPU, which every run in the test command pays.
        "-p", "no:hypothesispytest",
        # pytest's subtests plugin (the suite has no subtests) asks for the verbosity at every report.
        "-p", "no:subtests",
        "--impl", args.impl,
        "--nodespec-json", str(json_path),
        "--nodespec-matrix",
        # Each failure is printed once, in nodespec's own section (scenario, step, expected, actual).
        "--tb=no", "-rN",
        # Installed from a wheel, nodespec is imported before pytest starts, so pytest cannot rewrite the
        # asserts of its plugin module and says so; the plugin reports failures as data, not by assert.
        "-W", "ignore::pytest.PytestAssertRewriteWarning",
        "-q", "--no-header", "-o", "console_output_style=count",
    ]
    for path in args.features or []:
        pytest_args += ["--features", str(Path(path).resolve()) if Path(path).exists() else path]
    for scenario in args.scenario or []:
        pytest_args += ["--scenario", scenario]
    if args.tags:
        pytest_args += ["--tags", args.tags]
    if args.expectations:
        pytest_args += ["--expectations", args.expectations]
    if args.shard:
        pytest_args += ["--shard", args.shard]
        if args.shard_durations:
            pytest_args += ["--shard-durations", args.shard_durations]
    if args.target:
        pytest_args += ["--target", args.target]
    code = pytest.main(pytest_args + _parallel(args, extra) + extra)
    from nodespec import plugin

    if plugin.last_error:
        return int(plugin.last_error["status"])
    if code == pytest.ExitCode.USAGE_ERROR:
        return status.USAGE
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        print("nodespec run: no scenario was selected (check --features, --scenario and --tags)", file=sys.stderr)
        return status.USAGE
    if code == pytest.ExitCode.INTERRUPTED:
        code = status.INTERRUPTED
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

    data = results.load(args.results)
    out = Path(args.out)
    if not args.serve or not (out / "index.html").exists():
        site.build(data, out, features_root=FEATURES_DIR)
        print(f"site: {out}/index.html")
    print(results.matrix(data))
    if data.get("incomplete"):
        print(f"INCOMPLETE: the run was {data['incomplete'].get('reason', 'stopped')}; "
              f"these results hold {data['incomplete'].get('cells', '?')} cells")
    if args.serve:
        site.serve(out, args.port)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from nodespec import results, shard

    pieces = [results.load(name) for name in args.results]  # a bad file: one line, the results-file status
    try:
        merged = shard.merge(pieces)
    except shard.ShardError as error:
        print(f"nodespec merge: {error}", file=sys.stderr)
        return 2
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(merged, indent=1, ensure_ascii=False))
    print(results.matrix(merged))
    print(f"results: {out}")
    return 1 if any(merged["summary"][i][s] for i in merged["summary"] for s in results.FAILURES) else 0


def cmd_lint(args: argparse.Namespace) -> int:
    from nodespec import features

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
    from nodespec import bench

    try:
        module = importlib.import_module(f"nodespec.bench.{args.name}")
    except ModuleNotFoundError:
        print(f"nodespec bench: no benchmark {args.name!r} (bridge, events, buffer, crypto, processes, reliability)", file=sys.stderr)
        return 2
    code = int(module.main(extra) or 0)
    if args.json:
        bench.write(Path(args.json), args.name, extra)
        print(f"figures: {args.json}")
    return code


def cmd_expectations(args: argparse.Namespace) -> int:
    from nodespec import update_expectations

    change = update_expectations.update(args.results, args.dir, args.impl)
    for line in change.summary():
        print(line)
    if change.added or change.updated:
        print(f"next: write each empty reason, then: nodespec run … --expectations {args.dir}")
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    return npm.install()


def cmd_differential(args: argparse.Namespace, extra: list[str]) -> int:
    import pytest

    os.environ["NODESPEC_EXAMPLES"] = str(args.examples)
    target = PROJECT_ROOT / "tests" / "differential"
    if not IN_CHECKOUT or not target.is_dir():
        print("nodespec differential: the differential tests ship with the source checkout, not the wheel", file=sys.stderr)
        return 2
    paths = [str(target / f"test_{m}.py") for m in args.modules] if args.modules else [str(target)]
    return int(pytest.main([*paths, f"--rootdir={PROJECT_ROOT}", "-p", "no:cacheprovider", "-q", *extra]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the specification; further arguments go to pytest")
    run.add_argument("--impl", default="all", help="comma list of implementations, or 'all' (default)")
    run.add_argument("--features", nargs="+", action="extend", metavar="PATH",
                     help="feature files or folders (yours too; repeatable)")
    run.add_argument("--scenario", action="append", metavar="ID", help="only this scenario id (repeatable)")
    run.add_argument("--tags", metavar="EXPR", help="a tag expression, e.g. 'events and not program'")
    run.add_argument("--target", metavar="LINE", help="judge every implementation against this Node.js line (20, 22, 24, 26) instead of its own")
    run.add_argument("--expectations", metavar="DIR", help="your folder of IMPL[.PART].toml expectation files (default: the shipped ones)")
    run.add_argument("--json", metavar="FILE", help=f"results file (default {DEFAULT_RESULTS})")
    run.add_argument("--no-site", action="store_true", help="do not build the site after the run")
    run.add_argument("--shard", metavar="K/N", help="run shard K of N: scenarios split by id (merge the pieces with nodespec merge)")
    run.add_argument("--shard-durations", metavar="FILE",
                     help="an earlier results file: shards are balanced by its durations (every shard must use the same file)")

    sub.add_parser("impls", help="list implementations: version, modules, availability")
    sub.add_parser("install", help="install bun, deno and the npm polyfills (pinned by the shipped lock) for this user")

    report = sub.add_parser("report", help="build the static site from a results file")
    report.add_argument("results", nargs="?", default=str(DEFAULT_RESULTS))
    report.add_argument("--out", default=str(DEFAULT_SITE))
    report.add_argument("--serve", action="store_true", help="serve the site on localhost")
    report.add_argument("--port", type=int, default=8000)

    merge = sub.add_parser("merge", help="join the results files of shards (or of separate runs) into one")
    merge.add_argument("results", nargs="+", metavar="RESULTS")
    merge.add_argument("--json", default=str(DEFAULT_RESULTS), metavar="FILE", help=f"the merged results file (default {DEFAULT_RESULTS})")

    expect = sub.add_parser("expectations", help="manage your expectation files")
    expect_sub = expect.add_subparsers(dest="action", required=True)
    update = expect_sub.add_parser("update", help="add, remove and update entries from a results file (reasons left for you)")
    update.add_argument("results", help="a results file (nodespec run --json FILE)")
    update.add_argument("--dir", required=True, help="your expectations folder (the one you give run --expectations)")
    update.add_argument("--impl", action="append", help="only this implementation (repeatable; default: every one in the file)")

    lint = sub.add_parser("lint", help="check tags, ids and claim coverage of the features")
    lint.add_argument("features", nargs="*")

    bench = sub.add_parser("bench", help="run a benchmark: bridge, events, buffer, crypto, processes, reliability")
    bench.add_argument("name")
    bench.add_argument("--json", metavar="FILE", help="also write every figure with its baseline and ratio (nodespec-bench/1)")

    differential = sub.add_parser("differential", help="differential property tests against Node.js, with a budget")
    differential.add_argument("modules", nargs="*", help="events, buffer, crypto (default: all)")
    differential.add_argument("--examples", type=int, default=2000, help="hypothesis examples per test (default 2000)")

    mutate = sub.add_parser("mutate", help="mutation testing: how many single-point mutants of the reference the specification kills")
    from nodespec import mutate as mutation

    mutation.add_arguments(mutate)

    args, extra = parser.parse_known_args(argv)
    try:
        if args.command == "run":
            return cmd_run(args, extra)
        if args.command == "bench":
            return cmd_bench(args, extra)
        if args.command == "differential":
            return cmd_differential(args, extra)
        if extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        return {"impls": cmd_impls, "install": cmd_install, "report": cmd_report, "lint": cmd_lint, "merge": cmd_merge,
                "mutate": mutation.main, "expectations": cmd_expectations}[args.command](args)
    except status.NodespecError as error:
        print(f"nodespec {args.command}: {error}", file=sys.stderr)
        return error.status


if __name__ == "__main__":
    sys.exit(main())
