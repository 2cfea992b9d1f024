"""Normalise a ``nodespec-results/1`` dict into what the site's pages need.

The results file is the single source: every figure on the site is computed here from its
``scenarios`` (so the site and the terminal matrix, which read the same file, cannot disagree).
Unknown keys are ignored; missing optional keys get defaults, so results written by older or newer
harnesses, and feature files users bring with ``--features`` (paths outside ``features/``), still render.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

STATUSES = (
    "pass",
    "fail",
    "expected-fail",
    "unexpected-pass",
    "not-applicable",
    "unavailable",
    "timeout",
    "crash",
)
# Statuses that mean "something is wrong" for the overview's fail column.
FAILING = ("fail", "timeout", "crash")
# Statuses that do not count towards an implementation's applicable total.
NOT_COUNTED = ("not-applicable", "unavailable", "not-run")

STATUS_INFO: dict[str, tuple[str, str, str]] = {
    # status: (symbol, short label, explanation)
    "pass": ("✓", "pass", "passed"),
    "fail": ("✗", "fail", "failed, and no expectation says it should"),
    "expected-fail": ("⚑", "expected fail", "fails, as its expectation file says (see the reason)"),
    "unexpected-pass": ("!", "unexpected pass", "passed although its expectation file says it fails: the expectation is stale"),
    "not-applicable": ("–", "n/a", "not applicable: the implementation does not cover this"),
    "unavailable": ("∅", "unavailable", "the implementation is not installed here"),
    "timeout": ("◷", "timeout", "did not finish in time"),
    "crash": ("☠", "crash", "the implementation's process crashed"),
    "not-run": ("·", "not run", "no result for this implementation in the results file"),
}

KNOWN_MODULES = ("events", "buffer", "crypto", "process", "child_process", "cluster")
# The Node.js lines the specification covers (results written before lines existed: all of them).
LINES = (20, 22, 24, 26)


def slug(text: str, fallback: str = "x") -> str:
    """A readable, URL- and id-safe slug. Keeps letters of any script; ASCII punctuation becomes '-'."""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    out = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return out or fallback


def file_slug(text: str, fallback: str = "x") -> str:
    """A slug safe as a file name on any OS: ASCII letters, digits, '-', '_' only."""
    text = unicodedata.normalize("NFKD", str(text))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    out = re.sub(r"[^a-z0-9_]+", "-", text).strip("-")
    return out or fallback


@dataclass
class Result:
    impl: str
    status: str
    duration_s: float | None = None
    failure: dict | None = None
    expectation: dict | None = None
    rerun: str | None = None
    reason: str | None = None  # why the cell is not applicable


@dataclass
class Scenario:
    id: str
    name: str
    feature_path: str
    module: str
    outline: str | None
    tags: list[str]
    line: int | None
    steps: list[dict]
    results: dict[str, Result]
    anchor: str = ""
    feature: Feature | None = None
    example: Any = None
    lines: list[int] = field(default_factory=lambda: list(LINES))
    conditions: list[str] = field(default_factory=list)

    @property
    def conditioned(self) -> bool:
        """The scenario holds on some supported lines only."""
        return bool(self.conditions)

    @property
    def claims(self) -> list[str]:
        return [t.split(":", 1)[1] for t in self.tags if t.startswith("claim:")]


@dataclass
class Feature:
    path: str
    module: str
    name: str
    description: str
    tags: list[str]
    scenarios: list[Scenario] = field(default_factory=list)
    page: str = ""  # relative to the site root, e.g. "features/events--basics.html"
    background: list[dict] = field(default_factory=list)
    source_page: str | None = None
    # programs its scenarios run (features/<module>/programs/): name -> [(file name, source)], and the
    # page showing them whole
    programs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    program_pages: dict[str, str] = field(default_factory=dict)


@dataclass
class Impl:
    name: str
    version: str | None
    kind: str | None
    modules: list[str]
    available: bool
    why: str | None
    install: str | None
    description: str | None
    anchor: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def target(self) -> int | None:
        """The Node.js line the implementation is judged against."""
        value = self.extra.get("target")
        return value if isinstance(value, int) else None


@dataclass
class Claim:
    id: str
    module: str
    section: str
    says: str
    node_agrees: Any
    node_does: str
    scenario_ids: list[str]
    scenarios: list[Scenario] = field(default_factory=list)
    by_line: dict[str, str] = field(default_factory=dict)  # line condition -> agrees | partly | contradicts

    def contradicted_on(self) -> list[int]:
        """The lines on which Node contradicts the claim (all of them unless ``lines`` says otherwise)."""
        if not self.by_line:
            return list(LINES) if self.contradicted else []
        found: list[int] = []
        for condition, verdict in self.by_line.items():
            if verdict in ("contradicts", "partly"):
                found += [n for n in condition_lines(condition) if n not in found]
        return sorted(found)

    @property
    def contradicted(self) -> bool:
        """Node contradicts the claim: node_agrees is false or "partly"."""
        v = self.node_agrees
        if isinstance(v, str):
            return v.strip().lower() in ("false", "partly", "partial", "no")
        return v is False

    @property
    def agreement(self) -> str:
        v = self.node_agrees
        if v is True or (isinstance(v, str) and v.strip().lower() == "true"):
            return "agrees"
        if isinstance(v, str) and v.strip().lower() in ("partly", "partial"):
            return "partly"
        if v is None:
            return "unknown"
        return "contradicts"


@dataclass
class Counts:
    by_status: dict[str, int] = field(default_factory=lambda: {s: 0 for s in (*STATUSES, "not-run")})

    def add(self, status: str) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + 1

    @property
    def passed(self) -> int:
        return self.by_status.get("pass", 0)

    @property
    def xfail(self) -> int:
        return self.by_status.get("expected-fail", 0)

    @property
    def failed(self) -> int:
        return sum(self.by_status.get(s, 0) for s in FAILING)

    @property
    def upass(self) -> int:
        return self.by_status.get("unexpected-pass", 0)

    @property
    def applicable(self) -> int:
        return sum(v for k, v in self.by_status.items() if k not in NOT_COUNTED)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def ratio(self) -> float | None:
        """Share of applicable scenarios that pass (None when nothing applies)."""
        return self.passed / self.applicable if self.applicable else None


@dataclass
class Model:
    provenance: dict
    impls: list[Impl]
    modules: list[str]
    features: list[Feature]
    scenarios: list[Scenario]
    claims: list[Claim]
    summary: dict[str, dict[str, int]]
    warnings: list[str]

    def impl_names(self) -> list[str]:
        return [i.name for i in self.impls]

    def counts(self, impl: str, module: str | None = None, feature: Feature | None = None) -> Counts:
        c = Counts()
        pool = feature.scenarios if feature is not None else self.scenarios
        for s in pool:
            if module is not None and s.module != module:
                continue
            r = s.results.get(impl)
            c.add(r.status if r else "not-run")
        return c

    def features_of(self, module: str) -> list[Feature]:
        return [f for f in self.features if f.module == module]

    def claim(self, cid: str) -> Claim | None:
        for c in self.claims:
            if c.id == cid:
                return c
        return None


def _module_from(path: str, module: Any, tags: list[str], known: set[str]) -> str:
    if isinstance(module, str) and module:
        return module
    for t in tags:
        if t in known:
            return t
    parts = [p for p in re.split(r"[\\/]", path) if p]
    if len(parts) >= 2 and parts[-2] in known:
        return parts[-2]
    if len(parts) >= 2 and not path.startswith(("/", "..")):
        return parts[0]
    return "other"


def condition_lines(condition: str) -> list[int]:
    """``>=24`` → [24, 26]; ``20-22`` → [20, 22]; ``26`` → [26] (unknown forms: no line)."""
    m = re.fullmatch(r"\s*(?:>=(\d+)|(\d+)(?:-(\d+))?)\s*", condition or "")
    if not m:
        return []
    since, low, high = m.groups()
    if since:
        return [n for n in LINES if n >= int(since)]
    return [n for n in LINES if int(low) <= n <= int(high or low)]


def lines_label(lines: list[int]) -> str:
    """[20, 22, 24] → "Node 20–24"; [26] → "Node 26"; every line → "every line"."""
    if list(lines) == list(LINES):
        return "every supported line"
    if not lines:
        return "no supported line"
    contiguous = [n for n in LINES if lines[0] <= n <= lines[-1]] == list(lines)
    if len(lines) > 1 and contiguous:
        return f"Node {lines[0]}–{lines[-1]}"
    return "Node " + ", ".join(str(n) for n in lines)


def _str(v: Any, default: str = "") -> str:
    return default if v is None else str(v)


def _tags(v: Any) -> list[str]:
    if not v:
        return []
    return [str(t).lstrip("@") for t in v]


def feature_page_name(path: str, used: set[str]) -> str:
    p = path.replace("\\", "/")
    if p.startswith("features/"):
        p = p[len("features/") :]
    if p.endswith(".feature"):
        p = p[: -len(".feature")]
    parts = [file_slug(x) for x in p.split("/") if x not in ("", ".", "..")]
    base = "--".join(parts) or "feature"
    if path.startswith(("/", "..")) or re.match(r"^[A-Za-z]:", path):
        # a user's feature outside the project: keep the last two path parts, mark it external
        base = "ext--" + "--".join(parts[-2:])
    name, n = base, 2
    while name in used:
        name = f"{base}-{n}"
        n += 1
    used.add(name)
    return f"features/{name}.html"


def build_model(results: dict) -> Model:
    if not isinstance(results, dict):
        raise TypeError("results must be a dict (a parsed nodespec-results/1 file)")
    warnings: list[str] = []
    fmt = results.get("format")
    if fmt and not str(fmt).startswith("nodespec-results/"):
        warnings.append(f"unknown results format {fmt!r}; rendering what is recognisable")

    # --- implementations, in the results' order; ones seen only in scenario results are appended
    impls: list[Impl] = []
    seen_impl: set[str] = set()
    for raw in results.get("implementations") or []:
        if isinstance(raw, str):
            raw = {"name": raw}
        name = _str(raw.get("name"))
        if not name or name in seen_impl:
            continue
        seen_impl.add(name)
        known_keys = {"name", "version", "kind", "modules", "available", "why", "install", "description"}
        impls.append(
            Impl(
                name=name,
                version=raw.get("version"),
                kind=raw.get("kind"),
                modules=[str(m) for m in raw.get("modules") or []],
                available=raw.get("available", True) is not False,
                why=raw.get("why"),
                install=raw.get("install"),
                description=raw.get("description"),
                extra={k: v for k, v in raw.items() if k not in known_keys},
            )
        )
    raw_scenarios = [s for s in results.get("scenarios") or [] if isinstance(s, dict)]
    for s in raw_scenarios:
        for name in (s.get("results") or {}).keys():
            if name not in seen_impl:
                seen_impl.add(name)
                impls.append(Impl(name, None, None, [], True, None, None, None))
    used_anchor: set[str] = set()
    for i in impls:
        a = "impl-" + file_slug(i.name, "impl")
        while a in used_anchor:
            a += "-"
        used_anchor.add(a)
        i.anchor = a

    known_modules = set(KNOWN_MODULES)
    for i in impls:
        known_modules.update(i.modules)

    # --- features
    features: dict[str, Feature] = {}
    used_pages: set[str] = set()
    for raw in results.get("features") or []:
        if not isinstance(raw, dict) or not raw.get("path"):
            continue
        path = str(raw["path"])
        tags = _tags(raw.get("tags"))
        f = Feature(
            path=path,
            module=_module_from(path, raw.get("module"), tags, known_modules),
            name=_str(raw.get("name")) or path.rsplit("/", 1)[-1],
            description=_str(raw.get("description")).strip(),
            tags=tags,
            background=[st for st in raw.get("background") or [] if isinstance(st, dict)],
        )
        f.page = feature_page_name(path, used_pages)
        features[path] = f

    # --- scenarios
    scenarios: list[Scenario] = []
    seen_ids: set[str] = set()
    for raw in raw_scenarios:
        fpath = _str(raw.get("feature")) or _str(raw.get("id")).split("::", 1)[0] or "unknown.feature"
        sid = _str(raw.get("id")) or f"{fpath}::{raw.get('name', '')}"
        if sid in seen_ids:
            warnings.append(f"duplicate scenario id {sid!r}: the second one is skipped")
            continue
        seen_ids.add(sid)
        tags = _tags(raw.get("tags"))
        f = features.get(fpath)
        if f is None:
            f = Feature(
                path=fpath,
                module=_module_from(fpath, raw.get("module"), tags, known_modules),
                name=fpath.rsplit("/", 1)[-1],
                description="",
                tags=[t for t in tags if t in known_modules],
            )
            f.page = feature_page_name(fpath, used_pages)
            features[fpath] = f
        module = _module_from(fpath, raw.get("module"), tags, known_modules)
        if module == "other" and f.module != "other":
            module = f.module
        results_map: dict[str, Result] = {}
        for impl, r in (raw.get("results") or {}).items():
            if isinstance(r, str):
                r = {"status": r}
            if not isinstance(r, dict):
                continue
            status = _str(r.get("status"), "not-run")
            if status not in STATUS_INFO:
                warnings.append(f"unknown status {status!r} for {impl} in {sid!r}; shown as a failure")
                status = "fail"
            results_map[impl] = Result(
                impl=impl,
                status=status,
                duration_s=r.get("duration_s"),
                failure=r.get("failure") if isinstance(r.get("failure"), dict) else None,
                expectation=r.get("expectation") if isinstance(r.get("expectation"), dict) else None,
                rerun=r.get("rerun"),
                reason=r.get("reason") if isinstance(r.get("reason"), str) else None,
            )
        steps = [st for st in raw.get("steps") or [] if isinstance(st, dict)]
        s = Scenario(
            id=sid,
            name=_str(raw.get("name")) or sid.split("::", 1)[-1],
            feature_path=fpath,
            module=module,
            outline=raw.get("outline"),
            tags=tags,
            line=raw.get("line"),
            steps=steps,
            results=results_map,
            feature=f,
            example=raw.get("example"),
        )
        if isinstance(raw.get("lines"), list):
            s.lines = [int(n) for n in raw["lines"] if isinstance(n, int)]
        if isinstance(raw.get("conditions"), list):
            s.conditions = [str(c) for c in raw["conditions"]]
        scenarios.append(s)
        f.scenarios.append(s)

    # order scenarios inside each feature as the feature lists them (then by line)
    for f in features.values():
        raw_f = next((x for x in results.get("features") or [] if isinstance(x, dict) and x.get("path") == f.path), None)
        order = {sid: n for n, sid in enumerate((raw_f or {}).get("scenarios") or [])}
        f.scenarios.sort(key=lambda s: (order.get(s.id, len(order)), s.line or 0))
        used: set[str] = set()
        for s in f.scenarios:
            a = "s-" + slug(s.name, "scenario")[:64].strip("-_")
            base, n = a, 2
            while a in used:
                a = f"{base}-{n}"
                n += 1
            used.add(a)
            s.anchor = a
        # a feature's module follows its scenarios when its own tags did not say
        if f.module == "other" and f.scenarios:
            f.module = f.scenarios[0].module

    # --- modules: known order first, then the rest alphabetically
    present = {f.module for f in features.values()}
    modules = [m for m in KNOWN_MODULES if m in present] + sorted(present - set(KNOWN_MODULES))

    def external(path: str) -> bool:
        return path.startswith(("/", "..")) or bool(re.match(r"^[A-Za-z]:", path))

    feature_list = sorted(
        features.values(),
        key=lambda f: (modules.index(f.module) if f.module in modules else 999, external(f.path), f.path),
    )
    by_id = {s.id: s for s in scenarios}

    # --- claims
    claims: list[Claim] = []
    for raw in results.get("claims") or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            continue
        cid = str(raw["id"])
        ids = [str(x) for x in raw.get("scenarios") or []]
        tagged = [s.id for s in scenarios if cid in s.claims]
        for t in tagged:
            if t not in ids:
                ids.append(t)
        c = Claim(
            id=cid,
            module=_str(raw.get("module")) or cid.split("-", 1)[0],
            section=_str(raw.get("section")),
            says=_str(raw.get("says")),
            node_agrees=raw.get("node_agrees"),
            node_does=_str(raw.get("node_does")),
            scenario_ids=ids,
            by_line={str(k): str(v) for k, v in (raw.get("lines") or {}).items()} if isinstance(raw.get("lines"), dict) else {},
        )
        c.scenarios = [by_id[x] for x in ids if x in by_id]
        missing = [x for x in ids if x not in by_id]
        if missing:
            warnings.append(f"claim {cid} names scenarios not in the results: {', '.join(missing)}")
        claims.append(c)

    # --- summary: computed from the scenarios; the file's own summary is checked against it
    computed: dict[str, dict[str, int]] = {}
    for i in impls:
        c = Counts()
        for s in scenarios:
            r = s.results.get(i.name)
            c.add(r.status if r else "not-run")
        computed[i.name] = {k: v for k, v in c.by_status.items() if k in STATUSES or v}
    given = results.get("summary")
    if isinstance(given, dict):
        for impl, counts in given.items():
            if not isinstance(counts, dict) or impl not in computed:
                continue
            for st in STATUSES:
                if int(counts.get(st, 0) or 0) != computed[impl].get(st, 0):
                    warnings.append(
                        f"the results file's summary for {impl} says {st}={counts.get(st, 0)}, "
                        f"its scenarios say {computed[impl].get(st, 0)}; the site shows the scenarios"
                    )

    prov = results.get("provenance") if isinstance(results.get("provenance"), dict) else {}
    return Model(
        provenance=prov,
        impls=impls,
        modules=modules,
        features=feature_list,
        scenarios=scenarios,
        claims=claims,
        summary=computed,
        warnings=warnings,
    )
