"""Unit tests of the living-documentation site generator (nodespec.site), without a browser."""

from __future__ import annotations

import copy
import json
import re
import threading
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nodespec.site import MARKER, build, build_model, make_server, site_size
from nodespec.site.model import STATUS_INFO, STATUSES, file_slug, slug

SAMPLE = Path(__file__).parent / "data" / "sample-results.json"


@pytest.fixture(scope="module")
def results() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(results, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert build(copy.deepcopy(results), out) == out
    return out


class Page(HTMLParser):
    """Collects ids, links, resources and visible text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.resources: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href"):
            self.resources.append(a["href"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --------------------------------------------------------------------------- the sample itself


def test_the_sample_covers_every_status_several_modules_and_implementations(results):
    seen = {r["status"] for s in results["scenarios"] for r in s["results"].values()}
    assert seen == set(STATUSES)
    assert len({s["module"] or "" for s in results["scenarios"]}) >= 6
    assert len(results["implementations"]) >= 5
    assert any(not i["available"] for i in results["implementations"])


# --------------------------------------------------------------------------- structure and links


def test_build_writes_every_page(results, site):
    m = build_model(results)
    for name in ("index.html", "implementations.html", "errata.html", "search.html", "results.json",
                 "assets/site.css", "assets/site.js", "assets/search.js", "assets/index.js", MARKER):
        assert (site / name).is_file(), name
    for f in m.features:
        assert (site / f.page).is_file(), f.page
    assert json.loads((site / "results.json").read_text(encoding="utf-8")) == results


def test_every_internal_link_resolves_to_a_page_and_an_anchor(site):
    ids = {p.resolve(): set(parse(p).ids) for p in pages(site)}
    checked = 0
    for p in pages(site):
        for href in parse(p).hrefs:
            if re.match(r"^[a-z]+:", href):
                continue  # external links (expectation links) and data: URLs
            url = urllib.parse.urlsplit(href)
            target = (p.parent / urllib.parse.unquote(url.path)).resolve() if url.path else p.resolve()
            assert target.exists(), f"{p.name}: broken link {href}"
            frag = urllib.parse.unquote(url.fragment)
            if frag and target.suffix == ".html" and "=" not in frag:
                assert frag in ids[target], f"{p.name}: link {href} names a missing anchor"
            checked += 1
    assert checked > 100


def test_ids_are_unique_on_every_page(site):
    for p in pages(site):
        ids = parse(p).ids
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{p.name}: duplicate ids {dupes}"


def test_the_site_loads_nothing_from_the_network(site):
    for p in pages(site):
        for res in parse(p).resources:
            assert not re.match(r"^(https?:)?//", res), f"{p.name} loads {res}"
    for asset in (site / "assets").iterdir():
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"\b(fetch|XMLHttpRequest|importScripts)\s*\(", text), asset.name
        assert "http://" not in text and "https://" not in text or asset.name == "index.js", asset.name


def test_pages_are_semantic_and_accessible(site):
    for p in pages(site):
        pg = parse(p)
        tags = [t for t, _ in pg.tags]
        assert tags.count("h1") == 1, p.name
        assert "main" in tags and "nav" in tags, p.name
        html = next(a for t, a in pg.tags if t == "html")
        assert html.get("lang") == "en"
        assert any(t == "meta" and a.get("name") == "viewport" for t, a in pg.tags)
        assert any(t == "a" and a.get("class") == "skip" and a.get("href") == "#main" for t, a in pg.tags)
        # every table has a caption or a label; header cells say what they head
        text = p.read_text(encoding="utf-8")
        for table in re.findall(r"<table[^>]*>.*?</table>", text, flags=re.S):
            if 'class="datatable"' in table:
                continue  # Gherkin data tables: no declared header
            assert "<caption" in table, f"{p.name}: table without caption"
            if 'id="hits"' not in table:  # the filter's table is filled by search.js (with th scope)
                assert re.search(r'<th scope="(col|row)"', table), f"{p.name}: table without th scope"
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert ":focus-visible" in css and "outline" in css


# --------------------------------------------------------------------------- content


def test_the_overview_matrix_has_a_cell_per_module_and_implementation(results, site):
    m = build_model(results)
    text = (site / "index.html").read_text(encoding="utf-8")
    matrix = re.search(r'<table class="matrix">.*?</table>', text, flags=re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", matrix.split("<tbody>")[1], flags=re.S)
    assert len(rows) == len(m.modules)  # (the total row has its own class)
    for mod, row in zip(m.modules, rows, strict=True):
        cells = re.findall(r'<td class="cell (sc-[a-z0-9]+)"><a href="([^"]+)" aria-label="([^"]+)"', row)
        assert len(cells) == len(m.impls)
        for impl, (scale, href, label) in zip(m.impls, cells, strict=True):
            c = m.counts(impl.name, module=mod)
            assert f"module={mod}" in href and f"impl={urllib.parse.quote(impl.name)}" in href
            if c.applicable:
                assert f"{c.passed} pass, {c.xfail} expected fail, {c.failed} fail" in label
                assert scale != "sc-none"
            else:
                assert scale == "sc-none"
            if c.applicable and c.passed == c.applicable:
                assert scale == "sc-5"


def test_the_summary_is_computed_from_the_scenarios_and_agrees_with_the_file(results):
    m = build_model(results)
    for impl, counts in results["summary"].items():
        assert {k: m.summary[impl][k] for k in STATUSES} == counts
    assert not m.warnings


def test_a_summary_that_disagrees_is_reported_not_trusted(results, tmp_path):
    bad = copy.deepcopy(results)
    bad["summary"]["node"]["pass"] += 5
    out = build(bad, tmp_path / "s")
    assert "the results file&#x27;s summary for node says pass=" in (out / "index.html").read_text(encoding="utf-8")


def test_a_feature_page_renders_gherkin_as_prose_with_marks_reasons_and_reruns(results, site):
    m = build_model(results)
    f = next(f for f in m.features if f.path == "events/basics.feature")
    pg = parse(site / f.page)
    text = (site / f.page).read_text(encoding="utf-8")
    for s in f.scenarios:
        assert s.anchor in pg.ids
        assert s.name in pg.visible
        for st in s.steps:
            assert st["text"] in pg.visible
        for impl in m.impls:
            assert f"{s.anchor}--{impl.anchor}" in pg.ids
            r = s.results[impl.name]
            if r.rerun and r.status not in ("not-applicable", "unavailable"):
                assert r.rerun in pg.visible
            if r.expectation:
                assert r.expectation["reason"] in pg.visible
    assert '<span class="kw">Given</span>' in text
    assert '<table class="datatable">' in text  # the data table of a Then step
    # the mark of an expected failure says so in words, not only in colour
    s = next(s for s in f.scenarios if s.results["bun"].status == "expected-fail")
    row = re.search(rf'<tr id="{re.escape(s.anchor)}--impl-bun".*?</tr>', text, flags=re.S).group(0)
    assert "expected fail" in row and "Bun calls listeners added during emit" in row
    assert "button" in row and "copy" in row


def test_every_status_renders_with_its_words(results, site):
    text = " ".join(parse(p).visible for p in (site / "features").glob("*.html"))
    for st in STATUSES:
        assert STATUS_INFO[st][1] in text, st


def test_docstrings_and_outlines_render(results, site):
    m = build_model(results)
    f = next(f for f in m.features if f.path == "events/errors.feature")
    text = (site / f.page).read_text(encoding="utf-8")
    assert '<pre class="docstring"><code>Error: boom\n    at &lt;anonymous&gt;</code></pre>' in text
    f = next(f for f in m.features if f.path == "buffer/encodings.feature")
    text = (site / f.page).read_text(encoding="utf-8")
    assert "Example of the outline" in text and text.count("Example of the outline") == 3


def test_the_implementations_page_shows_versions_coverage_and_how_to_install_the_missing(results, site):
    pg = parse(site / "implementations.html")
    for i in results["implementations"]:
        assert i["name"] in pg.visible and i["version"] in pg.visible
        if not i["available"]:
            assert i["why"] in pg.visible and i["install"] in pg.visible
    assert "events, buffer, crypto, process, child_process, cluster" in pg.visible


def test_the_errata_lists_every_contradicted_claim_beside_what_node_does(results, site):
    m = build_model(results)
    pg = parse(site / "errata.html")
    contra = [c for c in results["claims"] if c["node_agrees"] in (False, "partly")]
    assert contra
    for c in contra:
        anchor = "claim-" + file_slug(c["id"])
        assert anchor in pg.ids
        assert c["says"] in pg.visible and c["node_does"] in pg.visible
    # scenarios tagged with a claim settle it too, not only those the claim file lists
    events03 = m.claim("events-03")
    assert [s.name for s in events03.scenarios] == ["A listener added during emit does not run in that emit"]
    tagged = m.claim("crypto-05")
    assert [s.name for s in tagged.scenarios] == ["MD5 of '' is d41d8cd98f00b204e9800998ecf8427e"]
    # a contradicted claim without a scenario is shown as a gap
    assert "No scenario settles this claim yet." in pg.visible
    # the full index lists every claim, with coverage
    for c in results["claims"]:
        assert c["id"] in pg.visible
    assert f"of {len(results['claims'])} claims have a scenario" in pg.visible


def test_claim_tags_link_to_the_errata(site):
    text = (site / "features" / "events--basics.html").read_text(encoding="utf-8")
    assert 'href="../errata.html#claim-events-03"' in text


def test_the_search_index_carries_every_scenario_and_result(results, site):
    js = (site / "assets" / "index.js").read_text(encoding="utf-8")
    data = json.loads(js.split("window.NODESPEC_INDEX = ", 1)[1].rstrip().rstrip(";"))
    assert len(data["scenarios"]) == len(results["scenarios"])
    assert [i["n"] for i in data["impls"]] == [i["name"] for i in results["implementations"]]
    by_name = {(s["feature"], s["name"]): s for s in results["scenarios"]}
    for s in data["scenarios"]:
        f = data["features"][s["f"]]
        raw = by_name[(f["p"], s["n"])]
        assert {k: v[0] for k, v in s["r"].items()} == {k: v["status"] for k, v in raw["results"].items()}
        assert (site / f["u"]).is_file()
    page = (site / "search.html").read_text(encoding="utf-8")
    for label in ('for="f-q"', 'for="f-module"', 'for="f-impl"', 'for="f-status"'):
        assert label in page


def test_user_features_outside_features_take_their_module_from_the_tag(results, site):
    m = build_model(results)
    f = next(f for f in m.features if f.path.startswith("/home/user/"))
    assert f.module == "events"
    assert f.page == "features/ext--myspecs--once_extras.html"
    assert (site / f.page).is_file()
    assert all(s.module == "events" for s in f.scenarios)
    # it is listed under events on the overview, after the project's own features
    idx = (site / "index.html").read_text(encoding="utf-8")
    events = idx.split('id="mod-events"')[1].split("</section>")[0]
    assert events.index("EventEmitter basics") < events.index("once() extras (user features)")


# --------------------------------------------------------------------------- robustness


def test_minimal_and_future_results_still_build(tmp_path):
    minimal = {"scenarios": [{"id": "x/y.feature::It works", "results": {"node": "pass", "bun": {"status": "weird"}}}],
               "format": "nodespec-results/1", "new_top_level": [1, 2]}
    out = build(minimal, tmp_path / "min")
    m = build_model(minimal)
    assert [i.name for i in m.impls] == ["node", "bun"]
    assert m.scenarios[0].results["bun"].status == "fail"  # an unknown status is never shown as a pass
    assert any("unknown status" in w for w in m.warnings)
    assert (out / "features" / "x--y.html").is_file()
    assert "It works" in parse(out / "features" / "x--y.html").visible
    empty = build({}, tmp_path / "empty")
    assert (empty / "index.html").is_file()


def test_hostile_text_is_escaped(results, tmp_path):
    r = copy.deepcopy(results)
    s = r["scenarios"][0]
    s["name"] = 'Evil <script>alert(1)</script> "quoted" & <enc>'
    s["steps"][0]["text"] = "<img src=x onerror=alert(1)>"
    s["results"]["bun"] = {"status": "expected-fail", "expectation": {"category": "bug", "reason": "<b>x</b>",
                                                                      "link": "javascript:alert(1)"},
                           "rerun": "nodespec run -k '</code><script>'"}
    out = build(r, tmp_path / "evil")
    for p in pages(out):
        text = p.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and "javascript:" not in text, p.name
    js = (out / "assets" / "index.js").read_text(encoding="utf-8")
    assert "</script>" not in js


def test_slugs():
    assert slug("Listeners run in registration order") == "listeners-run-in-registration-order"
    assert slug("Buffer.from('中文')") == "buffer-from-中文"
    assert slug("!!!") == "x"
    assert file_slug("中文 / x") == "x"


def test_a_rebuild_replaces_stale_pages_and_a_foreign_directory_is_refused(results, tmp_path):
    out = tmp_path / "s"
    build(results, out)
    smaller = copy.deepcopy(results)
    smaller["scenarios"] = [s for s in smaller["scenarios"] if s["feature"] != "cluster/respawn.feature"]
    smaller["features"] = [f for f in smaller["features"] if f["path"] != "cluster/respawn.feature"]
    build(smaller, out)
    assert not (out / "features" / "cluster--respawn.html").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        build(results, foreign)
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_feature_sources_are_copied_when_the_features_root_is_given(results, tmp_path):
    root = tmp_path / "features"
    (root / "events").mkdir(parents=True)
    (root / "events" / "basics.feature").write_text("@events\nFeature: EventEmitter basics\n  Scenario: x\n")
    out = build(results, tmp_path / "s", features_root=root)
    page = out / "src" / "events--basics.html"
    assert page.is_file() and "Feature: EventEmitter basics" in parse(page).visible
    assert 'href="../src/events--basics.html"' in (out / "features" / "events--basics.html").read_text(encoding="utf-8")


def test_serve_serves_the_built_site(site):
    httpd = make_server(site, 0)
    th = threading.Thread(target=httpd.serve_forever, daemon=True)
    th.start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        with urllib.request.urlopen(base + "index.html", timeout=10) as resp:
            assert resp.status == 200 and b"nodespec" in resp.read()
        with urllib.request.urlopen(base + "assets/index.js", timeout=10) as resp:
            assert resp.status == 200
    finally:
        httpd.shutdown()
        httpd.server_close()
        th.join(5)


def test_the_site_is_small(site):
    size, files = site_size(site)
    assert files < 40
    assert size < 1_000_000


def test_the_implementations_page_says_what_each_implementation_is(results, tmp_path):
    """An implementation's ``about`` (conformance/implementations.toml, through the results) becomes a
    section: what it is, who ships it, the line it is judged against, its first divergences."""
    from nodespec.implementation import about

    workerd = about("workerd")
    assert workerd and len(workerd["divergences"]) == 5
    data = json.loads(json.dumps(results))
    first = data["implementations"][0]
    first.update(about={**workerd, "divergences": ["<b>escaped</b> first divergence"]}, target=22)
    html = (build(data, tmp_path / "site") / "implementations.html").read_text()
    section = html[html.index('id="h-about"'):]
    assert "Shipped to users by" in section and "Node.js 22" in section
    assert "&lt;b&gt;escaped&lt;/b&gt; first divergence" in section


def test_a_scenario_that_runs_a_program_shows_the_code_of_its_case(tmp_path):
    from nodespec import FEATURES_DIR

    steps = [{"keyword": "When", "text": 'the program "child_cases" runs with "spawn-stderr"'},
             {"keyword": "Then", "text": "the program exits with code 0"}]
    results = {"format": "nodespec-results/1", "scenarios": [
        {"id": "child_process/spawn.feature::stderr", "feature": "child_process/spawn.feature", "name": "stderr",
         "module": "child_process", "steps": steps, "results": {"node": "pass"}}]}
    out = build(results, tmp_path / "s", features_root=FEATURES_DIR)
    page = parse(out / "features" / "child_process--spawn.html")
    text = page.visible
    # both twins' lines for the case, not the whole programs
    assert "'spawn-stderr': () => collect(spawn('sh', ['-c', 'echo oops >&2'])" in text
    assert '"spawn-stderr"' in text and "spawn-stdout" not in text
    program = out / "src" / "programs" / "child_process--spawn--child_cases.html"
    whole = parse(program).visible
    assert "const cases = {" in whole and "sys.argv" in whole
    assert any(h.startswith("../src/programs/child_process--spawn--child_cases.html#child_cases-mjs")
               for h in page.hrefs)
