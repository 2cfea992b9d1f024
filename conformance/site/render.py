"""HTML for the site's pages. Plain string building over html.escape: no template engine, no network."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from string import Template

from .model import (
    LINES,
    STATUS_INFO,
    STATUSES,
    Claim,
    Counts,
    Feature,
    Impl,
    Model,
    Result,
    Scenario,
    condition_lines,
    file_slug,
    lines_label,
    slug,
)

HERE = Path(__file__).parent
LAYOUT = Template((HERE / "templates" / "layout.html").read_text(encoding="utf-8"))

NAV = [
    ("index.html", "Overview", "overview"),
    ("implementations.html", "Implementations", "implementations"),
    ("errata.html", "Errata", "errata"),
    ("changes.html", "What changed", "changes"),
    ("search.html", "Search &amp; filter", "search"),
]

QUIET = ("pass", "not-applicable", "unavailable", "not-run")
PROBLEMS = ("fail", "unexpected-pass", "timeout", "crash")

CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")


def e(v: object) -> str:
    return escape("" if v is None else str(v), quote=True)


def t(text: object) -> str:
    """Escaped text; a run of CJK gets lang="zh" so screen readers pronounce it."""
    s = "" if text is None else str(text)
    if CJK.search(s):
        return f'<span lang="zh">{e(s)}</span>'
    return e(s)


def safe_url(url: object) -> str | None:
    s = str(url or "").strip()
    if re.match(r"^(https?://|mailto:)", s, re.I):
        return s
    return None


def impl_label(impl: Impl) -> str:
    return e(impl.name)


def target_html(impl: Impl) -> str:
    """The line an implementation is judged against, under its name in a matrix header."""
    return f'<span class="target" title="judged against Node.js {impl.target}">→ Node {impl.target}</span>' if impl.target else ""


ORACLES = ("node20", "node22", "node24", "node26")


def row_anchor(s: Scenario, impl: Impl) -> str:
    return f"{s.anchor}--{impl.anchor}"


def scenario_url(s: Scenario, root: str, impl: Impl | None = None) -> str:
    page = s.feature.page if s.feature else ""
    frag = row_anchor(s, impl) if impl is not None else s.anchor
    return f"{root}{page}#{frag}"


def claim_anchor(cid: str) -> str:
    return "claim-" + file_slug(cid, "claim")


def mark(status: str, *, href: str | None = None, title: str | None = None, compact: bool = False,
         sr: str = "") -> str:
    sym, label, expl = STATUS_INFO.get(status, STATUS_INFO["fail"])
    inner = f'<span class="sym" aria-hidden="true">{e(sym)}</span>'
    inner += f'<span class="{"sr-only" if compact else "lbl"}">{e(sr)}{e(label)}</span>'
    tt = e(expl if title is None else title)
    ta = f' title="{tt}"' if tt else ""
    cls = f"mark st-{e(status)}"
    if href:
        return f'<a class="{cls}" href="{e(href)}"{ta}>{inner}</a>'
    return f'<span class="{cls}"{ta}>{inner}</span>'


def scale_class(c: Counts) -> str:
    r = c.ratio
    if r is None:
        return "sc-none"
    if c.failed or c.upass:
        # anything unexpected keeps a cell out of the top band
        r = min(r, 0.99)
    if r >= 1:
        return "sc-5"
    if r >= 0.9:
        return "sc-4"
    if r >= 0.75:
        return "sc-3"
    if r >= 0.5:
        return "sc-2"
    if r >= 0.25:
        return "sc-1"
    return "sc-0"


def counts_phrase(c: Counts) -> str:
    parts = [f"{c.passed} pass", f"{c.xfail} expected fail", f"{c.failed} fail"]
    if c.upass:
        parts.append(f"{c.upass} unexpected pass")
    na = c.by_status.get("not-applicable", 0) + c.by_status.get("unavailable", 0) + c.by_status.get("not-run", 0)
    if na:
        parts.append(f"{na} not applicable or not run")
    return ", ".join(parts)


def matrix_cell(c: Counts, href: str, what: str, impl: Impl, compact: bool = False) -> str:
    cls = scale_class(c)
    if c.applicable == 0:
        if c.by_status.get("unavailable") and not impl.available:
            text, why = "unavailable", "the implementation is not installed"
        elif c.total == 0:
            text, why = "–", "no scenarios"
        else:
            text, why = "n/a", "not covered by this implementation"
        return (f'<td class="cell {cls}"><a href="{e(href)}" aria-label="{e(impl.name)} on {e(what)}: {e(why)}">'
                f'<span class="na">{e(text)}</span></a></td>')
    pct = int(c.passed * 100 / c.applicable) if c.passed != c.applicable else 100
    label = f"{impl.name} on {what}: {counts_phrase(c)} ({pct}% of {c.applicable} applicable)"
    nums = [f'<span class="n-pass" title="pass">{c.passed}<span aria-hidden="true"> ✓</span></span>']
    if c.xfail:
        nums.append(f'<span class="n-xfail" title="expected fail">{c.xfail}<span aria-hidden="true"> ⚑</span></span>')
    if c.failed:
        nums.append(f'<span class="n-fail" title="fail, timeout or crash">{c.failed}<span aria-hidden="true"> ✗</span></span>')
    if c.upass:
        nums.append(f'<span class="n-upass" title="unexpected pass">{c.upass}<span aria-hidden="true"> !</span></span>')
    body = " ".join(nums)
    if compact:
        return (f'<td class="cell {cls}"><a href="{e(href)}" aria-label="{e(label)}">'
                f'<span class="frac">{c.passed}/{c.applicable}</span>'
                f'{"<span class=flag aria-hidden=true>!</span>" if (c.failed or c.upass) else ""}</a></td>')
    return (f'<td class="cell {cls}"><a href="{e(href)}" aria-label="{e(label)}">'
            f'<span class="pct">{pct}%</span><span class="nums">{body}</span></a></td>')


def search_href(root: str, **params: str) -> str:
    from urllib.parse import quote

    q = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items() if v)
    return f"{root}search.html" + (f"#{q}" if q else "")


PROGRAM_STEP = re.compile(r'^the program "(?P<name>\w+)" runs(?: with "(?P<args>[^"]*)")?')


def program_excerpt(text: str, case: str | None, short: int = 60, block: int = 30) -> list[tuple[int, str]] | None:
    """The lines of a program that handle ``case`` (each line naming it in quotes, with the more indented
    lines after it and its closing bracket), as (line number, text), 0 for a gap; the whole program when
    no case is named and it is short; None otherwise."""
    lines = text.splitlines()
    if not case:
        return list(enumerate(lines, 1)) if len(lines) <= short else None
    indent = lambda line: len(line) - len(line.lstrip())  # noqa: E731
    picked: list[int] = []
    starts = [i for i, line in enumerate(lines) if f"'{case}'" in line or f'"{case}"' in line]
    for i in list(starts):  # a case mapped to a function by name ("case": handler,): the handler too
        m = re.search(r"""['"]:\s*([A-Za-z_]\w*),?\s*$""", lines[i])
        starts += [k for k, line in enumerate(lines) if m and re.match(rf"\s*(?:async )?(?:def|function) {m.group(1)}\b", line)]
    for i in sorted(set(starts)):
        line = lines[i]
        picked.append(i)
        for j in range(i + 1, min(len(lines), i + block)):
            nxt = lines[j]
            if nxt.strip() and indent(nxt) > indent(line):
                picked.append(j)
                continue
            if nxt.strip()[:1] in ("}", ")", "]") and indent(nxt) == indent(line):
                picked.append(j)
            break
    if not picked:
        return list(enumerate(lines, 1)) if len(lines) <= short else None
    out: list[tuple[int, str]] = []
    for i in sorted(set(picked)):
        if out and out[-1][0] != i:  # a gap since the last line shown
            out.append((0, ""))
        out.append((i + 1, lines[i]))
    return out


class Renderer:
    def __init__(self, model: Model, version: str = "", has_sources: bool = False):
        self.m = model
        self.version = version
        self.impl_by_name = {i.name: i for i in model.impls}

    # ------------------------------------------------------------------ layout
    def page(self, *, title: str, root: str, kind: str, content: str, scripts: list[str] | None = None) -> str:
        nav = []
        for href, label, k in NAV:
            cur = ' aria-current="page"' if k == kind else ""
            nav.append(f'        <li><a href="{root}{href}"{cur}>{label}</a></li>')
        scr = [f'<script src="{root}assets/site.js" defer></script>']
        for s in scripts or []:
            scr.append(f'<script src="{root}{s}" defer></script>')
        return LAYOUT.substitute(
            title=e(title),
            root=root,
            page_kind=kind,
            nav="\n".join(nav),
            content=content,
            footer=self.footer(root),
            scripts="\n".join(scr),
            version=e(self.version),
        )

    def footer(self, root: str) -> str:
        p = self.m.provenance
        ns = p.get("nodespec") if isinstance(p.get("nodespec"), dict) else {}
        bits = []
        if ns.get("version"):
            v = f"nodespec {e(ns.get('version'))}"
            if ns.get("commit"):
                v += f" (<code>{e(str(ns.get('commit'))[:12])}</code>)"
            bits.append(v)
        if p.get("started"):
            bits.append(f'run started <time datetime="{e(p["started"])}">{e(p["started"])}</time>')
        if p.get("duration_s") is not None:
            try:
                bits.append(f"took {float(p['duration_s']):.1f} s")
            except (TypeError, ValueError):
                pass
        if p.get("python"):
            bits.append(f"Python {e(p['python'])}")
        if p.get("os"):
            bits.append(e(p["os"]))
        cmd = f'<p>Command: <code>{e(p["command"])}</code></p>' if p.get("command") else ""
        return (f"<p>Generated from one results file (<a href=\"{root}results.json\">results.json</a>): "
                f"{' · '.join(bits) or 'no provenance recorded'}.</p>{cmd}")

    def legend(self) -> str:
        items = []
        for st in STATUSES:
            sym, label, expl = STATUS_INFO[st]
            items.append(f"<li>{mark(st)} <span class=\"expl\">{e(expl)}</span></li>")
        return ('<details class="legend"><summary>Legend: what the marks mean</summary>'
                f'<ul class="legend-list">{"".join(items)}</ul>'
                '<p>Matrix cells show the share of applicable scenarios that pass and the counts '
                '(✓ pass, ⚑ expected fail, ✗ fail/timeout/crash, ! unexpected pass). Colours run from red '
                '(few pass) to green (all pass); a cell with anything unexpected is never the greenest.</p>'
                "</details>")

    def warnings_html(self) -> str:
        if not self.m.warnings:
            return ""
        lis = "".join(f"<li>{e(w)}</li>" for w in self.m.warnings[:50])
        more = f"<li>… and {len(self.m.warnings) - 50} more</li>" if len(self.m.warnings) > 50 else ""
        return f'<details class="warnings"><summary>Notes on the results file ({len(self.m.warnings)})</summary><ul>{lis}{more}</ul></details>'

    # ------------------------------------------------------------------ overview
    def overview(self) -> str:
        m = self.m
        root = ""
        impls = m.impls
        head = "".join(
            f'<th scope="col"><a href="implementations.html#{i.anchor}">{impl_label(i)}</a>'
            f'{"<span class=ver>" + e(i.version) + "</span>" if i.version else ""}{target_html(i)}</th>'
            for i in impls
        )
        rows = []
        for mod in m.modules:
            n = sum(1 for s in m.scenarios if s.module == mod)
            cells = "".join(
                matrix_cell(m.counts(i.name, module=mod), search_href(root, module=mod, impl=i.name), mod, i)
                for i in impls
            )
            rows.append(f'<tr><th scope="row"><a href="#mod-{e(file_slug(mod))}">{e(mod)}</a>'
                        f'<span class="sub">{n} scenario{"s" if n != 1 else ""}</span></th>{cells}</tr>')
        total_cells = "".join(
            matrix_cell(m.counts(i.name), search_href(root, impl=i.name), "all modules", i) for i in impls
        )
        rows.append(f'<tr class="total"><th scope="row">all modules<span class="sub">{len(m.scenarios)} scenarios</span></th>{total_cells}</tr>')
        matrix = (
            '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="matrix-cap">'
            '<table class="matrix">'
            '<caption id="matrix-cap">Modules × implementations</caption>'
            f'<thead><tr><th scope="col">Module</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )

        sections = []
        for mod in m.modules:
            feats = m.features_of(mod)
            frows = []
            for f in feats:
                cells = "".join(
                    matrix_cell(m.counts(i.name, feature=f), search_href(root, feature=f.path, impl=i.name),
                                f"{f.name}", i, compact=True)
                    for i in impls
                )
                desc = f.description.split("\n\n")[0] if f.description else ""
                frows.append(
                    f'<tr><th scope="row"><a href="{e(f.page)}">{t(f.name)}</a>'
                    f'<span class="sub">{len(f.scenarios)} scenario{"s" if len(f.scenarios) != 1 else ""}'
                    f'{" · " + t(desc[:140]) + ("…" if len(desc) > 140 else "") if desc else ""}</span></th>{cells}</tr>'
                )
            cap_id = f"cap-mod-{file_slug(mod)}"
            sections.append(
                f'<section class="module" id="mod-{e(file_slug(mod))}" aria-labelledby="h-mod-{e(file_slug(mod))}">'
                f'<h3 id="h-mod-{e(file_slug(mod))}">{e(mod)}</h3>'
                f'<div class="table-wrap" tabindex="0" role="region" aria-labelledby="{cap_id}">'
                f'<table class="matrix features"><caption id="{cap_id}" class="sr-only">Features of {e(mod)}: '
                "passing / applicable scenarios per implementation</caption>"
                f'<thead><tr><th scope="col">Feature</th>{head}</tr></thead><tbody>{"".join(frows)}</tbody></table></div>'
                "</section>"
            )
        n_err = sum(1 for c in m.claims if c.contradicted)
        others = [i for i in m.impls if i.name != "node"]
        if any(i.name == "node" for i in m.impls):
            ran = ("Every example on this site is a scenario that ran against real Node.js"
                   + (f" and against {len(others)} other implementation{'s' if len(others) != 1 else ''}. " if others else ". "))
        else:
            ran = f"Every example on this site is a scenario that ran against {len(m.impls)} implementation{'s' if len(m.impls) != 1 else ''} (Node.js itself was not in this run). "
        intro = (
            '<h1>How Node.js core behaves, and who else behaves the same</h1>'
            f'<p class="lead">{ran}'
            f"{len(m.scenarios)} scenarios in {len(m.features)} features across {len(m.modules)} modules"
            + (f'; the <a href="errata.html">errata</a> list {n_err} claim{"s" if n_err != 1 else ""} of the source document that Node.js contradicts' if m.claims else "")
            + f'; <a href="changes.html">what changed from Node 20 to Node 26</a>: {sum(1 for s in m.scenarios if s.conditioned)} '
            "scenarios that hold on some lines only"
            + ".</p>"
        )
        content = (
            intro + self.warnings_html()
            + '<section aria-labelledby="h-matrix"><h2 id="h-matrix">Overview</h2>'
            + "<p>Each cell gives the share of applicable scenarios that pass, with the pass / expected-fail / fail "
            "counts, and opens exactly those scenarios. A failure is a result no expectation file explains.</p>"
            + matrix + self.legend() + "</section>"
            + '<section aria-labelledby="h-read"><h2 id="h-read">Read the specification, module by module</h2>'
            + "<p>Each feature page renders its scenarios as prose, with every implementation's result beside them. "
            "The cells below give passing / applicable scenarios.</p>"
            + "".join(sections) + "</section>"
        )
        return self.page(title="Overview", root=root, kind="overview", content=content)

    # ------------------------------------------------------------------ feature pages
    def steps_html(self, steps: list[dict], f: Feature | None = None, root: str = "") -> str:
        items = []
        for st in steps:
            kw = str(st.get("keyword") or "").strip()
            text = str(st.get("text") or "")
            extra = ""
            doc = st.get("docstring")
            if isinstance(doc, dict):
                doc = doc.get("content")
            if doc is not None:
                extra += f'<pre class="docstring"><code>{e(doc)}</code></pre>'
            table = st.get("table")
            if table:
                extra += self.table_html(table)
            m = PROGRAM_STEP.match(text)
            if m and f is not None and m.group("name") in f.programs:
                extra += self.program_excerpt_html(f, m.group("name"), (m.group("args") or "").split(), root)
            items.append(f'<li><span class="kw">{e(kw)}</span> {self.step_text(text)}{extra}</li>')
        return f'<ol class="steps">{"".join(items)}</ol>'

    @staticmethod
    def step_text(text: str) -> str:
        # quoted literals and <placeholders> stand out
        out = []
        pos = 0
        for mt in re.finditer(r'"(?:[^"\\]|\\.)*"|<[A-Za-z_][\w -]*>', text):
            out.append(t(text[pos:mt.start()]))
            cls = "ph" if mt.group(0).startswith("<") else "lit"
            out.append(f'<span class="{cls}">{t(mt.group(0))}</span>')
            pos = mt.end()
        out.append(t(text[pos:]))
        return "".join(out)

    @staticmethod
    def table_html(table: object) -> str:
        rows: list[list[str]] = []
        if isinstance(table, dict):
            table = table.get("rows") or []
        if isinstance(table, list) and table and all(isinstance(r, dict) for r in table):
            if all("cells" in r for r in table):  # the gherkin AST form
                rows = [[str(c.get("value", "")) if isinstance(c, dict) else str(c) for c in r["cells"]] for r in table]
            else:
                keys = list(table[0].keys())
                rows = [keys] + [[str(r.get(k, "")) for k in keys] for r in table]
        elif isinstance(table, list):
            rows = [[str(c) for c in r] if isinstance(r, list | tuple) else [str(r)] for r in table]
        if not rows:
            return ""
        # A Gherkin table has no declared header row, so every row is data.
        body = "".join("<tr>" + "".join(f"<td>{t(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f'<div class="table-wrap"><table class="datatable"><tbody>{body}</tbody></table></div>'

    def tags_html(self, tags: list[str], root: str, skip: set[str] | None = None) -> str:
        chips = []
        for tag in tags:
            if skip and tag in skip:
                continue
            if tag.startswith("claim:"):
                cid = tag.split(":", 1)[1]
                chips.append(f'<li><a class="tag claim" href="{root}errata.html#{claim_anchor(cid)}">@{e(tag)}</a></li>')
            else:
                chips.append(f'<li><span class="tag">@{e(tag)}</span></li>')
        if not chips:
            return ""
        return f'<ul class="tags" aria-label="tags">{"".join(chips)}</ul>'

    def why_html(self, r: Result) -> str:
        out = []
        if r.reason:
            out.append(f'<p class="why">{t(r.reason)}</p>')
        ex = r.expectation
        if ex:
            cat = str(ex.get("category") or "expected")
            link = safe_url(ex.get("link"))
            out.append(
                f'<p class="why"><span class="cat cat-{e(file_slug(cat))}">{e(cat)}</span> {t(ex.get("reason") or "")}'
                + (f' <a href="{e(link)}" rel="noopener">link</a>' if link else "")
                + "</p>"
            )
        fl = r.failure
        if fl:
            step = fl.get("step")
            msg = fl.get("message")
            summ = f"failure{' at ' + t(step) if step else ''}"
            body = f"<p>{t(msg)}</p>" if msg else ""
            if fl.get("code"):
                body += f'<p>error code <code>{e(fl.get("code"))}</code></p>'
            if fl.get("problem"):
                body += f'<p class="problem">{t(fl.get("problem"))}</p>'
            dl = ""
            for k in ("expected", "actual"):
                if fl.get(k) is not None:
                    v = fl[k] if isinstance(fl[k], str) else json.dumps(fl[k], ensure_ascii=False, indent=1)
                    dl += f"<dt>{k}</dt><dd><pre><code>{e(v)}</code></pre></dd>"
            if dl:
                body += f'<dl class="diff">{dl}</dl>'
            out.append(f'<details class="failure"><summary>{summ}</summary>{body}</details>')
        return "".join(out)

    def rerun_html(self, r: Result, impl: Impl) -> str:
        if not r.rerun:
            return ""
        return (f'<div class="rerun"><code class="cmd">{e(r.rerun)}</code>'
                f'<button type="button" class="copy" '
                f'aria-label="Copy the rerun command ({e(impl.name)})">Copy</button></div>')

    def scenario_html(self, s: Scenario, root: str) -> str:
        impls = self.m.impls
        statuses = sorted({(s.results[i.name].status if i.name in s.results else "not-run") for i in impls})
        divergent = any(st not in QUIET for st in statuses)
        rows = []
        for i in impls:
            r = s.results.get(i.name) or Result(i.name, "not-run")
            ra = row_anchor(s, i)
            dur = ""
            if r.duration_s and r.status not in ("not-applicable", "unavailable"):
                try:
                    ms = float(r.duration_s) * 1000
                    dur = f'<span class="dur">{"&lt;1" if ms < 1 else f"{ms:.0f}"} ms</span>'
                except (TypeError, ValueError):
                    dur = ""
            quiet = r.status in QUIET
            rerun = ""
            if r.rerun and r.status not in ("not-applicable", "unavailable", "not-run"):
                is_open = " open" if r.status in PROBLEMS else ""
                rerun = (f'<details class="rerun-d"{is_open}><summary>rerun command</summary>'
                         f"{self.rerun_html(r, i)}</details>")
            rows.append(
                f'<tr id="{e(ra)}" class="r st-{e(r.status)}{" quiet" if quiet else ""}">'
                f'<th scope="row"><a href="{root}implementations.html#{i.anchor}">{impl_label(i)}</a></th>'
                f"<td>{mark(r.status, href='#' + ra, title='')}{dur}</td>"
                f"<td>{self.why_html(r)}{rerun}</td></tr>"
            )
        meta = []
        meta.append(f'<span class="lines{" conditioned" if s.conditioned else ""}">holds on {e(lines_label(s.lines))}</span>')
        oracles = [self.impl_by_name[o] for o in ORACLES if o in self.impl_by_name and s.results.get(o)]
        if oracles:
            meta.append('<span class="oracle">' + " ".join(
                f"{e(o.name)} {mark(s.results[o.name].status, href='#' + row_anchor(s, o))}" for o in oracles) + "</span>")
        node = self.impl_by_name.get("node")
        if node is not None and s.results.get("node"):
            # the oracle's verdict first: a learner reads "this is how Node.js behaves" at a glance
            meta.append(f'<span class="oracle">Node.js{" " + e(node.version) if node.version else ""} '
                        f"{mark(s.results['node'].status, href='#' + row_anchor(s, node))}</span>")
        if s.outline:
            ex = ""
            if isinstance(s.example, dict) and s.example:
                ex = ": " + ", ".join(f"<code>{e(k)}</code> = <code>{e(v)}</code>" for k, v in s.example.items())
            meta.append(f'<span class="outline">Example of the outline “{t(s.outline)}”{ex}</span>')
        if s.line:
            meta.append(f'<span class="line">line {e(s.line)}</span>')
        ftags = set(s.feature.tags) if s.feature else set()
        tags = self.tags_html(s.tags, root, skip=ftags | {s.module})
        return (
            f'<section class="scenario{" divergent" if divergent else ""}" id="{e(s.anchor)}" '
            f'data-statuses="{e(" ".join(statuses))}">'
            f'<h2><a class="self" href="#{e(s.anchor)}">{t(s.name)}</a></h2>'
            f'<div class="meta">{" · ".join(meta)}{tags}</div>'
            f"{self.steps_html(s.steps, s.feature, root)}"
            f'<div class="table-wrap"><table class="results"><caption class="sr-only">Results per implementation</caption>'
            '<thead><tr><th scope="col">Implementation</th><th scope="col">Result</th>'
            '<th scope="col">Why, and how to rerun</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>'
        )

    def feature_page(self, f: Feature) -> str:
        root = "../"
        impls = self.m.impls
        desc = ""
        if f.description:
            paras = [p.strip() for p in re.split(r"\n\s*\n", f.description) if p.strip()]
            desc = "".join(f"<p>{self.inline(p)}</p>" for p in paras)
        summary_cells = "".join(
            matrix_cell(self.m.counts(i.name, feature=f), search_href(root, feature=f.path, impl=i.name), f.name, i)
            for i in impls
        )
        head = "".join(f'<th scope="col">{impl_label(i)}</th>' for i in impls)
        summary = (
            '<div class="table-wrap" tabindex="0" role="region" aria-label="This feature per implementation">'
            f'<table class="matrix"><caption class="sr-only">This feature per implementation</caption>'
            f'<thead><tr><th scope="col">Feature</th>{head}</tr></thead>'
            f'<tbody><tr><th scope="row">{t(f.name)}</th>{summary_cells}</tr></tbody></table></div>'
        )
        toc = "".join(
            f'<li><a href="#{e(s.anchor)}">{t(s.name)}</a></li>' for s in f.scenarios
        )
        bg = ""
        if f.background:
            bg = f'<section class="background"><h2>Background</h2>{self.steps_html(f.background, f, root)}</section>'
        src = f' · <a href="{root}{e(f.source_page)}">Gherkin source</a>' if f.source_page else ""
        content = (
            f'<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{root}index.html">Overview</a></li>'
            f'<li><a href="{root}index.html#mod-{e(file_slug(f.module))}">{e(f.module)}</a></li>'
            f'<li aria-current="page">{t(f.name)}</li></ol></nav>'
            f'<h1>{t(f.name)}</h1>'
            f'<p class="fpath"><code>{e(f.path)}</code> · module <strong>{e(f.module)}</strong>{src}</p>'
            f"{self.tags_html(f.tags, root)}"
            f'<div class="description">{desc}</div>'
            f"{summary}"
            f'<details class="toc"><summary>{len(f.scenarios)} scenario{"s" if len(f.scenarios) != 1 else ""}</summary><ol>{toc}</ol></details>'
            '<div class="controls"><label><input type="checkbox" id="only-divergent"> '
            "Show only scenarios where an implementation diverges</label></div>"
            f"{self.legend()}{bg}"
            f'<div class="scenarios">{"".join(self.scenario_html(s, root) for s in f.scenarios)}</div>'
        )
        return self.page(title=f.name, root=root, kind="feature", content=content)

    @staticmethod
    def inline(text: str) -> str:
        parts = re.split(r"(`[^`]+`)", text)
        out = []
        for p in parts:
            if p.startswith("`") and p.endswith("`") and len(p) > 1:
                out.append(f"<code>{e(p[1:-1])}</code>")
            else:
                out.append(t(p))
        return "".join(out)

    # ------------------------------------------------------------------ implementations
    def implementations(self) -> str:
        root = ""
        m = self.m
        rows = []
        for i in m.impls:
            c = m.counts(i.name)
            covers = e(", ".join(i.modules)) if i.modules else "—"
            caps = i.extra.get("capabilities")
            if isinstance(caps, list) and caps:
                covers += f'<br><small>capabilities: {e(", ".join(str(x) for x in caps))}</small>'
            lacks = i.extra.get("lacks")
            if isinstance(lacks, dict) and lacks:
                covers += ('<br><small>lacks (not applicable): '
                           + "; ".join(f"{e(k)}: {t(v)}" for k, v in sorted(lacks.items())) + "</small>")
            if i.available:
                avail = '<span class="ok">available</span>'
            else:
                avail = '<span class="bad">unavailable</span>' + (f"<br><small>{t(i.why)}</small>" if i.why else "")
            counts = " ".join(
                f'<a href="{e(search_href(root, impl=i.name, status=st))}">{mark(st, compact=True)}'
                f'<span class="cnt">{c.by_status.get(st, 0)}</span><span class="sr-only"> {e(STATUS_INFO[st][1])}</span></a>'
                for st in STATUSES
                if c.by_status.get(st, 0)
            )
            rows.append(
                f'<tr id="{e(i.anchor)}"><th scope="row">{impl_label(i)}</th><td>{e(i.version or "—")}</td>'
                f"<td>{e(i.kind or '—')}</td><td>{covers}</td><td>{avail}</td>"
                f'<td class="counts">{counts or "—"}</td><td>{t(i.description or "")}</td></tr>'
            )
        table = (
            '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="impl-cap"><table class="impls">'
            '<caption id="impl-cap">Every implementation in this run: what it is and what it covers</caption>'
            '<thead><tr><th scope="col">Implementation</th><th scope="col">Version</th><th scope="col">Kind</th>'
            '<th scope="col">Covers</th><th scope="col">Here</th><th scope="col">Results</th>'
            '<th scope="col">Description</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>'
        )
        missing = [i for i in m.impls if not i.available]
        miss = ""
        if missing:
            items = []
            for i in missing:
                inst = ""
                if i.install:
                    inst = (f'<div class="rerun"><code class="cmd">{e(i.install)}</code>'
                            f'<button type="button" class="copy" '
                            f'aria-label="Copy the install command for {e(i.name)}">Copy</button></div>')
                items.append(f"<li><strong>{impl_label(i)}</strong>: {t(i.why or 'not available in this run')}{inst}</li>")
            miss = ('<section aria-labelledby="h-missing"><h2 id="h-missing">Not available in this run</h2>'
                    "<p>Their scenarios are reported as <em>unavailable</em>, never as passes. To include them:</p>"
                    f'<ul class="missing">{"".join(items)}</ul></section>')
        content = (
            "<h1>Implementations</h1>"
            "<p>One specification, many implementations: Node.js is the oracle; the reference is nodespec's Python "
            "implementation; the rest get verdicts. Each implementation declares the modules it covers; scenarios "
            "outside them are <em>not applicable</em>.</p>"
            + table + miss + self.implementations_about()
        )
        return self.page(title="Implementations", root=root, kind="implementations", content=content)

    def implementations_about(self) -> str:
        """What each implementation is, who ships it, the Node line it is judged against and the divergences
        a user would hit first (the results' ``about``, from conformance/implementations.toml)."""
        items = []
        for i in self.m.impls:
            about = i.extra.get("about")
            if not isinstance(about, dict):
                continue
            target = i.extra.get("target")
            facts = []
            if about.get("what"):
                facts.append(f"<p>{t(str(about['what']))}</p>")
            if about.get("shipped_by"):
                facts.append(f"<p><strong>Shipped to users by</strong> {t(str(about['shipped_by']))}</p>")
            if target:
                facts.append(f"<p><strong>Judged against</strong> Node.js {e(str(target))}.</p>")
            divergences = [d for d in about.get("divergences") or [] if isinstance(d, str)]
            if divergences:
                facts.append("<p><strong>Divergences a user hits first</strong></p><ol>"
                             + "".join(f"<li>{t(d)}</li>" for d in divergences) + "</ol>")
            items.append(f'<section class="about" aria-labelledby="about-{e(i.anchor)}">'
                         f'<h3 id="about-{e(i.anchor)}">{impl_label(i)}</h3>{"".join(facts)}</section>')
        if not items:
            return ""
        return ('<section aria-labelledby="h-about"><h2 id="h-about">What they are</h2>' + "".join(items) + "</section>")

    # ------------------------------------------------------------------ errata
    def claim_scenarios(self, c: Claim, root: str) -> str:
        if not c.scenarios:
            return '<p class="gap">No scenario settles this claim yet.</p>'
        node = self.impl_by_name.get("node")
        ref = self.impl_by_name.get("reference")
        items = []
        for s in c.scenarios:
            marks = []
            for i in (node, ref):
                if i is None:
                    continue
                r = s.results.get(i.name)
                st = r.status if r else "not-run"
                marks.append(f'<span class="who">{impl_label(i)}</span> '
                             f'{mark(st, href=scenario_url(s, root, i), compact=True, sr=i.name + ": ")}')
            items.append(f'<li><a class="scen" href="{e(scenario_url(s, root))}">{t(s.name)}</a> '
                         f'<span class="fmeta">({e(s.feature_path)})</span> {" ".join(marks)}</li>')
        return f'<ul class="settled">{"".join(items)}</ul>'

    def errata(self) -> str:
        root = ""
        m = self.m
        contra = [c for c in m.claims if c.contradicted]
        arts = []
        for c in contra:
            a = claim_anchor(c.id)
            badge = "partly right" if c.agreement == "partly" else "contradicted"
            arts.append(
                f'<article class="erratum" id="{e(a)}" aria-labelledby="h-{e(a)}">'
                f'<h3 id="h-{e(a)}"><a class="self" href="#{e(a)}">{e(c.id)}</a> '
                f'<span class="badge b-{e(c.agreement)}">{badge}</span> '
                f'<span class="lines">on {e(lines_label(c.contradicted_on()))}</span></h3>'
                f'<p class="section">{t(c.section)}</p>'
                '<div class="vs">'
                f'<div class="says"><h4>The note says</h4><p>{t(c.says)}</p></div>'
                f'<div class="does"><h4>Node.js does</h4><p>{t(c.node_does or "—")}</p></div>'
                "</div>" + self.claim_lines_html(c)
                + f"<h4>Settled by</h4>{self.claim_scenarios(c, root)}</article>"
            )
        rows = []
        for c in m.claims:
            a = claim_anchor(c.id)
            rid = a if not c.contradicted else f"idx-{a}"
            cov = (f"{len(c.scenarios)} scenario{'s' if len(c.scenarios) != 1 else ''}" if c.scenarios
                   else '<span class="gap">none yet</span>')
            node_ok = ""
            if c.scenarios and "node" in self.impl_by_name:
                sts = {(s.results.get("node").status if s.results.get("node") else "not-run") for s in c.scenarios}
                node_ok = " " + mark("pass" if sts == {"pass"} else ("fail" if sts & {"fail", "timeout", "crash"} else sorted(sts)[0]),
                                     compact=True, sr="node: ")
            links = "".join(f'<li><a href="{e(scenario_url(s, root))}">{t(s.name)}</a></li>' for s in c.scenarios)
            target = f"#{a}" if c.contradicted else f"#{rid}"
            rows.append(
                f'<tr id="{e(rid)}"><th scope="row"><a href="{target}">{e(c.id)}</a></th><td>{t(c.section)}</td>'
                f'<td>{t(c.says)}</td><td><span class="badge b-{e(c.agreement)}">{e(c.agreement)}</span></td>'
                f'<td>{cov}{node_ok}{"<ul class=mini>" + links + "</ul>" if links else ""}</td></tr>'
            )
        covered = sum(1 for c in m.claims if c.scenarios)
        contra_cov = sum(1 for c in contra if c.scenarios)
        index = (
            '<section aria-labelledby="h-claims"><h2 id="h-claims">All claims of the source document</h2>'
            f"<p>{covered} of {len(m.claims)} claims have a scenario that settles them.</p>"
            '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="claims-cap"><table class="claims">'
            '<caption id="claims-cap">Claims index with coverage</caption>'
            '<thead><tr><th scope="col">Claim</th><th scope="col">Section</th><th scope="col">The note says</th>'
            '<th scope="col">Node.js</th><th scope="col">Scenarios</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>'
        )
        if m.claims:
            lead = (f"<p class=\"lead\">The source document is a study note on Node.js core. "
                    f"{len(contra)} of its {len(m.claims)} claims are contradicted by Node.js, wholly or partly, on one supported line or more "
                    f"({contra_cov} of them with a scenario that settles it). Each is set beside what Node.js does, "
                    "measured by the scenario linked under it.</p>")
        else:
            lead = "<p class=\"lead\">This results file carries no claims index.</p>"
        content = (
            "<h1>Errata of the source document</h1>" + lead
            + '<section aria-labelledby="h-contra"><h2 id="h-contra">Claims Node.js contradicts</h2>'
            + ("".join(arts) or "<p>None.</p>") + "</section>" + index
        )
        return self.page(title="Errata", root=root, kind="errata", content=content)

    @staticmethod
    def claim_lines_html(c: Claim) -> str:
        if not c.by_line:
            return ""
        items = "".join(f"<li><b>{e(lines_label(condition_lines(cond)))}</b>: {e(verdict)}</li>"
                        for cond, verdict in c.by_line.items())
        return f'<ul class="by-line">{items}</ul>'

    # ------------------------------------------------------------------ what changed
    def changes(self) -> str:
        """One entry per version-conditioned behaviour: an outline whose rows hold on different lines
        is one behaviour; a lone scenario is one. Grouped by the line where the behaviour changed."""
        root = ""
        m = self.m
        groups: dict[tuple[str, str], list[Scenario]] = {}
        for s in m.scenarios:
            if s.conditioned:
                groups.setdefault((s.feature_path, s.outline or s.name), []).append(s)

        def changed_in(scenarios: list[Scenario]) -> int:
            # The first line on which some scenario of the entry starts or stops holding.
            points = [n for s in scenarios for n in LINES[1:] if (n in s.lines) != (LINES[LINES.index(n) - 1] in s.lines)]
            return min(points) if points else LINES[0]

        by_line: dict[int, list[str]] = {}
        for (_path, title), scenarios in sorted(groups.items()):
            oracle_row = ""
            items = []
            for s in scenarios:
                marks = " ".join(f"{e(o)} {mark(s.results[o].status, compact=True, sr=o + ': ')}"
                                 for o in ORACLES if s.results.get(o))
                items.append(f'<li><a href="{e(scenario_url(s, root))}">{t(s.name)}</a> '
                             f'<span class="lines">— {e(lines_label(s.lines))}</span>'
                             f'{" <span class=oracle>" + marks + "</span>" if marks else ""}</li>')
            module = scenarios[0].module
            by_line.setdefault(changed_in(scenarios), []).append(
                f'<article class="change"><h3>{t(title)} <span class="sub">{e(module)}</span></h3>'
                f'{oracle_row}<ul>{"".join(items)}</ul></article>')
        sections = []
        for line in sorted(by_line):
            sections.append(f'<section aria-labelledby="h-line-{line}"><h2 id="h-line-{line}">Changed in Node {line}</h2>'
                            f'{"".join(by_line[line])}</section>')
        total = sum(len(v) for v in by_line.values())
        content = (
            "<h1>What changed from Node 20 to Node 26</h1>"
            f'<p class="lead">{total} behaviour{"s" if total != 1 else ""} of the specification hold on some '
            "supported Node.js lines only. Each entry links to its scenarios, with the verdict of each line's "
            "oracle (node20, node22, node24, node26): like node.green or MDN's browser-compat-data, for core "
            "modules' behaviour.</p>"
            + ("".join(sections) or "<p>No scenario carries a line condition.</p>")
        )
        return self.page(title="What changed", root=root, kind="changes", content=content)

    # ------------------------------------------------------------------ search
    def search_index(self) -> str:
        m = self.m
        feats = [{"p": f.path, "n": f.name, "u": f.page, "m": f.module} for f in m.features]
        fidx = {f.path: n for n, f in enumerate(m.features)}
        scen = []
        for s in m.scenarios:
            res = {}
            for i in m.impls:
                r = s.results.get(i.name)
                if r is None:
                    continue
                why = ""
                if r.expectation:
                    why = f"{r.expectation.get('category') or ''}: {r.expectation.get('reason') or ''}".strip(": ")
                elif r.failure:
                    why = str(r.failure.get("message") or r.failure.get("step") or "")
                elif r.reason:
                    why = r.reason
                res[i.name] = [r.status, why] if why else [r.status]
            text = " ".join(
                [s.name, s.outline or "", s.feature_path, " ".join(s.tags)]
                + [f"{st.get('keyword', '')} {st.get('text', '')}" for st in s.steps]
            )
            scen.append({
                "n": s.name,
                "m": s.module,
                "f": fidx.get(s.feature_path, -1),
                "a": s.anchor,
                "x": text.lower(),
                "r": res,
            })
        data = {
            "impls": [{"n": i.name, "a": i.anchor} for i in m.impls],
            "modules": m.modules,
            "statuses": {k: list(v) for k, v in STATUS_INFO.items()},
            "features": feats,
            "scenarios": scen,
        }
        js = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        js = js.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return "/* generated by nodespec: the search index of this site */\nwindow.NODESPEC_INDEX = " + js + ";\n"

    def search_page(self) -> str:
        m = self.m
        mods = "".join(f'<option value="{e(x)}">{e(x)}</option>' for x in m.modules)
        impls = "".join(f'<option value="{e(i.name)}">{e(i.name)}</option>' for i in m.impls)
        sts = "".join(f'<option value="{e(s)}">{e(STATUS_INFO[s][1])}</option>' for s in STATUSES)
        content = (
            "<h1>Search and filter</h1>"
            "<p>Filter every scenario by module, implementation and status, or search titles, steps and tags. "
            "Works offline; the filter is kept in the address, so a filtered view can be bookmarked or shared.</p>"
            '<form id="filters" class="filters" role="search" aria-label="Filter scenarios">'
            '<div class="field"><label for="f-q">Search</label>'
            '<input id="f-q" name="q" type="search" autocomplete="off" placeholder="title, step, tag…"></div>'
            f'<div class="field"><label for="f-module">Module</label><select id="f-module" name="module"><option value="">all modules</option>{mods}</select></div>'
            f'<div class="field"><label for="f-impl">Implementation</label><select id="f-impl" name="impl"><option value="">all implementations</option>{impls}</select></div>'
            '<div class="field"><label for="f-status">Status</label><select id="f-status" name="status">'
            '<option value="">any status</option><option value="divergent">any divergence (not pass, not n/a)</option>'
            f'<option value="problem">a problem (fail, unexpected pass, timeout, crash)</option>{sts}</select></div>'
            '<div class="field feature-filter" hidden><span id="f-feature-label"></span> '
            '<button type="button" id="f-feature-clear">Clear feature filter</button></div>'
            '<div class="field"><button type="reset" id="f-reset">Reset</button></div>'
            "</form>"
            '<p id="count" class="count" role="status" aria-live="polite">Loading…</p>'
            '<noscript><p>The filter needs JavaScript. Every scenario is also on its feature page: start from the '
            '<a href="index.html">overview</a>.</p></noscript>'
            '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="count">'
            '<table id="hits" class="hits"><caption class="sr-only">Scenarios that match the filter, with their result per implementation</caption><thead></thead><tbody></tbody></table></div>'
            '<p><button type="button" id="more" hidden>Show all</button></p>'
        )
        return self.page(title="Search", root="", kind="search", content=content,
                         scripts=["assets/index.js", "assets/search.js"])

    # ------------------------------------------------------------------ programs
    def program_excerpt_html(self, f: Feature, name: str, args: list[str], root: str) -> str:
        """Beside a step that runs a program: the lines of each twin that handle its case (the first
        argument), or the whole program when it is short; the full source is one link away."""
        page = f.program_pages[name]
        parts = []
        for filename, text in f.programs[name]:
            lines = program_excerpt(text, args[0] if args else None)
            href = f"{root}{page}#{slug(filename)}"
            if lines is None:
                body = f'<p><a href="{e(href)}">{e(filename)}</a> ({len(text.splitlines())} lines)</p>'
            else:
                code = "".join(f'<span class="ln">{n}</span>{e(line)}\n' if n else "…\n" for n, line in lines)
                body = (f'<figure><figcaption><a href="{e(href)}">{e(filename)}</a></figcaption>'
                        f'<pre class="source"><code>{code}</code></pre></figure>')
            parts.append(body)
        what = f"the case <code>{e(args[0])}</code> of " if args else ""
        return (f'<details class="program"><summary>The code that ran: {what}the program <code>{e(name)}</code>'
                f"</summary>{''.join(parts)}</details>")

    def program_page(self, f: Feature, name: str) -> str:
        root = "../../"
        sections = []
        for filename, text in f.programs[name]:
            anchor = slug(filename)
            code = "".join(f'<span class="ln" id="{e(anchor)}-L{n}">{n}</span>{e(line)}\n'
                           for n, line in enumerate(text.splitlines(), 1))
            sections.append(f'<section id="{e(anchor)}"><h2>{e(filename)}</h2>'
                            f'<pre class="source"><code>{code}</code></pre></section>')
        content = (
            f'<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{root}index.html">Overview</a></li>'
            f'<li><a href="{root}{e(f.page)}">{t(f.name)}</a></li><li aria-current="page">program {e(name)}</li></ol></nav>'
            f"<h1>The program <code>{e(name)}</code></h1>"
            "<p>Scenarios that run it start it once per implementation: the JavaScript file under Node.js and the "
            "other JavaScript runtimes, its Python twin on the reference. Each prints one observable fact per line.</p>"
            + "".join(sections)
        )
        return self.page(title=f"program {name}", root=root, kind="source", content=content)

    def source_page(self, f: Feature, text: str) -> str:
        root = "../"
        content = (
            f'<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{root}index.html">Overview</a></li>'
            f'<li><a href="{root}{e(f.page)}">{t(f.name)}</a></li><li aria-current="page">source</li></ol></nav>'
            f"<h1>{t(f.name)}: Gherkin source</h1><p><code>{e(f.path)}</code></p>"
            f'<pre class="source"><code>{e(text)}</code></pre>'
        )
        return self.page(title=f"{f.name} (source)", root=root, kind="source", content=content)
