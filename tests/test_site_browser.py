"""The living-documentation site in a real browser: headless Chromium loads the generated site and the
test checks what a reader sees — the matrix's cells, a feature page's scenarios and marks, the filter —
that the site is usable by keyboard and readable at phone width, and that it makes no network request
beyond the local server. Screenshots are kept in ``artifacts/`` (gitignored).

Chromium is driven through the DevTools protocol over a websocket, with nodespec's small stdlib client
(``nodespec.cdp``, shared with the chromium-npm implementation; no selenium/playwright). Without Chromium the test skips, naming the install command.

``NODESPEC_SITE_RESULTS=/path/results.json`` runs the same checks on another results file (e.g. a real run);
``NODESPEC_CHROMIUM=/path/to/chrome`` picks the browser.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from nodespec.cdp import CDP, CHROMIUM_FLAGS, find_chromium
from nodespec.implementation import spawn
from nodespec.site import build, build_model, make_server

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).parent / "data" / "sample-results.json"
ARTIFACTS = ROOT / "artifacts"

class Page:
    def __init__(self, cdp: CDP, session: str):
        self.cdp, self.session = cdp, session
        self.requests: list[str] = []
        self.errors: list[str] = []

    def send(self, method: str, params: dict | None = None, timeout: float = 30.0):
        r = self.cdp.send(method, params, self.session, timeout)
        self._drain()
        return r

    def _drain(self) -> None:
        keep = []
        for ev in self.cdp.events:
            if ev.get("sessionId") != self.session:
                keep.append(ev)
                continue
            if ev["method"] == "Network.requestWillBeSent":
                self.requests.append(ev["params"]["request"]["url"])
            elif ev["method"] == "Runtime.exceptionThrown":
                d = ev["params"]["exceptionDetails"]
                self.errors.append(str(d.get("exception", {}).get("description") or d.get("text")))
            elif ev["method"] == "Log.entryAdded" and ev["params"]["entry"].get("level") == "error":
                self.errors.append(ev["params"]["entry"].get("text", ""))
            else:
                keep.append(ev)
        self.cdp.events = keep

    def goto(self, url: str) -> None:
        self.cdp.events = [e for e in self.cdp.events if e["method"] != "Page.loadEventFired"]
        r = self.send("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise AssertionError(f"navigation to {url} failed: {r['errorText']}")
        if r.get("loaderId"):  # a same-document navigation (only the fragment changed) fires no load event
            self.cdp.wait_event("Page.loadEventFired", self.session)
        self._drain()
        # deferred scripts have run by load; give the filter's first render a moment
        self.eval("new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)))")

    def eval(self, expr: str):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise AssertionError(f"JS error evaluating {expr!r}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def key(self, key: str, code: str | None = None, vk: int = 0, text: str | None = None, modifiers: int = 0) -> None:
        base = {"key": key, "code": code or key, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk,
                "modifiers": modifiers}
        down = dict(base, type="keyDown")
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", dict(base, type="keyUp"))

    def tab(self, shift: bool = False) -> None:
        self.key("Tab", "Tab", 9, modifiers=8 if shift else 0)

    def enter(self) -> None:
        self.key("Enter", "Enter", 13, text="\r")

    def type(self, text: str) -> None:
        """Type like a person: one key press per character."""
        for ch in text:
            self.key(ch, f"Key{ch.upper()}" if ch.isalpha() else "", ord(ch.upper()) if ch.isalnum() else 0, text=ch)

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def screenshot(self, path: Path, full: bool = False) -> Path:
        params: dict = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params, timeout=60)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


# --------------------------------------------------------------------------- fixtures


def _results() -> dict:
    p = Path(os.environ.get("NODESPEC_SITE_RESULTS") or SAMPLE)
    return json.loads(p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    results = _results()
    out = tmp_path_factory.mktemp("site")
    build(results, out, features_root=ROOT / "features")
    httpd = make_server(out, 0)
    th = threading.Thread(target=httpd.serve_forever, daemon=True)
    th.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        yield {"base": base, "out": out, "model": build_model(results), "results": results}
    finally:
        httpd.shutdown()
        httpd.server_close()
        th.join(5)


def _start_chromium(exe: str, udd: str) -> subprocess.Popen[bytes] | None:
    """Chromium with its DevTools port open (its DevToolsActivePort file written), or None if it did not
    open it within 30 s (it was then killed). Its stderr goes to a file in the profile, for the message."""
    with open(Path(udd) / "stderr.log", "wb") as stderr:
        # spawn(): its own session (its helpers are killed with its group) and killed if this worker dies
        proc = spawn([exe, *CHROMIUM_FLAGS, f"--user-data-dir={udd}", "--remote-debugging-port=0",
                      "--remote-allow-origins=*", "about:blank"], stdout=subprocess.DEVNULL, stderr=stderr)
    port_file = Path(udd) / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
        if proc.poll() is not None:
            pytest.fail(f"Chromium exited at start-up with code {proc.returncode}: {_tail(udd)}")
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
            return None
        time.sleep(0.05)
    return proc


def _tail(udd: str) -> str:
    lines = (Path(udd) / "stderr.log").read_text(errors="replace").splitlines()
    return " | ".join(line for line in lines if "dbus" not in line)[-600:] or "(nothing on stderr)"


@pytest.fixture(scope="module")
def browser():
    exe = find_chromium()
    if not exe:
        pytest.skip("Chromium not found: install it with `apt-get install -y chromium` (Debian/Ubuntu)")
    # Now and then (two clean-clone test commands of about eight this session, the cause unknown) a Chromium started
    # beside the rest of the test command never opens its port; a second one, with a fresh profile,
    # does. Both waits are for the port file, none for a fixed time.
    profiles = [tempfile.mkdtemp(prefix="nodespec-chromium-")]
    proc = _start_chromium(exe, profiles[0])
    if proc is None:
        profiles.append(tempfile.mkdtemp(prefix="nodespec-chromium-"))
        proc = _start_chromium(exe, profiles[1])
    if proc is None:
        pytest.fail(f"Chromium did not open its DevTools port within 30 s, twice: {_tail(profiles[0])}")
    udd = profiles[-1]
    cdp = None
    try:
        port, path = (Path(udd) / "DevToolsActivePort").read_text().splitlines()[:2]
        cdp = CDP(f"ws://127.0.0.1:{port}{path}")
        yield cdp
    finally:
        if cdp is not None:
            try:
                cdp.ws.send(json.dumps({"id": 10**6, "method": "Browser.close"}))
            except OSError:
                pass
            cdp.ws.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        # Chromium's helpers (zygote, renderers) live in the session we started it in: reap them too
        for _ in range(50):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                break
            time.sleep(0.02)
        for profile in profiles:
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    p = Page(browser, session)
    for dom in ("Page.enable", "Runtime.enable", "Network.enable", "Log.enable"):
        p.send(dom)
    p.send("Page.bringToFront")
    p.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
    p.viewport(1280, 900)
    try:
        yield p
    finally:
        browser.send("Target.closeTarget", {"targetId": target})


def _offline(page: Page, base: str) -> None:
    outside = [u for u in page.requests if not (u.startswith(base) or u.startswith(("data:", "about:")))]
    assert not outside, f"the site requested something outside the local server: {outside}"
    assert not page.errors, f"JavaScript errors: {page.errors}"


# --------------------------------------------------------------------------- tests


def test_overview_matrix_shows_the_counts_of_the_results_file(site, page):
    m = site["model"]
    page.goto(site["base"] + "index.html")
    cells = page.eval("""(() => {
      const t = document.querySelector('table.matrix');
      const heads = [...t.tHead.rows[0].cells].slice(1).map(c => c.querySelector('a').textContent.trim());
      const out = {};
      for (const tr of t.tBodies[0].rows) {
        const mod = tr.cells[0].querySelector('a') ? tr.cells[0].querySelector('a').textContent.trim() : 'all';
        out[mod] = {};
        [...tr.cells].slice(1).forEach((td, i) => {
          const a = td.querySelector('a');
          out[mod][heads[i]] = {text: td.innerText.replace(/\\s+/g, ' ').trim(), href: a && a.href,
                               visible: td.getBoundingClientRect().width > 0, label: a && a.getAttribute('aria-label'),
                               bg: getComputedStyle(td).backgroundColor};
        });
      }
      return {heads, out};
    })()""")
    assert cells["heads"] == m.impl_names()
    assert set(cells["out"]) == {*m.modules, "all"}
    seen_bg = set()
    for mod in m.modules:
        for impl in m.impl_names():
            c = m.counts(impl, module=mod)
            cell = cells["out"][mod][impl]
            assert cell["visible"]
            assert cell["href"] and "search.html#" in cell["href"], cell
            if c.applicable:
                pct = 100 if c.passed == c.applicable else int(c.passed * 100 / c.applicable)
                assert cell["text"].startswith(f"{pct}%"), (mod, impl, cell)
                assert f"{c.passed} ✓" in cell["text"], (mod, impl, cell)
                if c.xfail:
                    assert f"{c.xfail} ⚑" in cell["text"]
                if c.failed:
                    assert f"{c.failed} ✗" in cell["text"]
                assert f"{c.passed} pass" in cell["label"]
                seen_bg.add(cell["bg"])
    # the colour scale is in use: cells with different pass rates get different colours
    ratios = {m.counts(i, module=mod).ratio for mod in m.modules for i in m.impl_names()} - {None}
    if len(ratios) > 1:
        assert len(seen_bg) > 1
    page.screenshot(ARTIFACTS / "site-overview.png")
    _offline(page, site["base"])


def test_a_matrix_cell_opens_exactly_its_scenarios(site, page):
    m = site["model"]
    # the module × implementation cell with the most divergence
    mod, impl = max(((mo, i) for mo in m.modules for i in m.impl_names()),
                    key=lambda x: (m.counts(x[1], module=x[0]).applicable - m.counts(x[1], module=x[0]).passed))
    page.goto(site["base"] + "index.html")
    href = page.eval(f"""(() => {{
      const t = document.querySelector('table.matrix');
      const col = [...t.tHead.rows[0].cells].findIndex(c => c.textContent.trim().startsWith({json.dumps(impl)}));
      const row = [...t.tBodies[0].rows].find(r => r.cells[0].textContent.trim().startsWith({json.dumps(mod)}));
      return row.cells[col].querySelector('a').href;
    }})()""")
    page.goto(href)
    expected = [s for s in m.scenarios if s.module == mod]
    got = page.eval("""(() => ({
      count: document.getElementById('count').textContent,
      rows: [...document.querySelectorAll('#hits tbody tr')].map(tr => tr.querySelector('th a').textContent),
      links: [...document.querySelectorAll('#hits tbody tr td.m a')].map(a => a.getAttribute('href')),
      impl: document.getElementById('f-impl').value, module: document.getElementById('f-module').value }))()""")
    assert got["impl"] == impl and got["module"] == mod
    assert got["count"].startswith(f"{len(expected)} of {len(m.scenarios)}")
    assert got["rows"] == [s.name for s in expected][: len(got["rows"])]
    # each mark links to the exact result row on the feature page, and that row exists
    link = got["links"][0]
    page.goto(site["base"] + link)
    frag = urllib.parse.unquote(link.split("#", 1)[1])
    assert page.eval(f"!!document.getElementById({json.dumps(frag)})")
    _offline(page, site["base"])


def _most_divergent_feature(m):
    return max(m.features, key=lambda f: sum(1 for s in f.scenarios for r in s.results.values()
                                             if r.status not in ("pass", "not-applicable", "unavailable")))


def test_a_feature_page_shows_its_scenarios_marks_and_reasons(site, page):
    m = site["model"]
    f = _most_divergent_feature(m)
    page.goto(site["base"] + f.page)
    got = page.eval("""(() => ({
      h1: document.querySelector('h1').textContent,
      titles: [...document.querySelectorAll('section.scenario > h2')].map(h => h.textContent),
      steps: [...document.querySelectorAll('section.scenario')].map(s => s.querySelectorAll('ol.steps > li').length),
      kw: getComputedStyle(document.querySelector('ol.steps .kw')).fontWeight }))()""")
    assert got["h1"] == f.name
    assert got["titles"] == [s.name for s in f.scenarios]
    assert got["steps"] == [len(s.steps) for s in f.scenarios]
    assert int(got["kw"]) >= 600  # keywords stand out
    # a result with an expectation: its mark and reason are on the row its anchor names
    s, impl = next(((s, i) for s in f.scenarios for i in m.impls
                    if s.results.get(i.name) and s.results[i.name].status not in ("pass", "not-applicable", "unavailable")),
                   (None, None))
    if s is None:  # an all-green run: take the last scenario's result on the last implementation
        s, impl = f.scenarios[-1], next(i for i in reversed(m.impls) if f.scenarios[-1].results.get(i.name))
    r = s.results[impl.name]
    anchor = f"{s.anchor}--{impl.anchor}"
    page.goto(site["base"] + f.page + "#" + urllib.parse.quote(anchor))
    row = page.eval(f"""(() => {{
      const tr = document.getElementById({json.dumps(anchor)});
      const b = tr.getBoundingClientRect();
      return {{ mark: tr.querySelector('.mark').innerText, why: tr.cells[2].innerText, inView: b.top >= -2 && b.top < innerHeight,
               rerunOpen: !!(tr.querySelector('details.rerun-d') && tr.querySelector('details.rerun-d').open) }};
    }})()""")
    assert row["inView"], row
    from nodespec.site.model import STATUS_INFO

    assert STATUS_INFO[r.status][1] in row["mark"]
    if r.expectation and r.expectation.get("reason"):
        assert r.expectation["reason"] in row["why"]
    if r.rerun and r.status not in ("not-applicable", "unavailable"):
        assert row["rerunOpen"] and r.rerun in row["why"]  # landing on a result opens its details
    page.screenshot(ARTIFACTS / "site-feature.png")
    _offline(page, site["base"])


def test_the_filter_works_by_keyboard(site, page):
    m = site["model"]
    page.goto(site["base"] + "search.html")
    total = len(m.scenarios)
    assert page.eval("document.getElementById('count').textContent").startswith(f"{total} of {total}")
    # Tab from the top: skip link first, with a visible focus ring; Enter moves to the content
    page.tab()
    focus = page.eval("""(() => { const a = document.activeElement, s = getComputedStyle(a);
      return {cls: a.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), top: a.getBoundingClientRect().top}; })()""")
    assert focus["cls"] == "skip" and focus["outline"] != "none" and focus["width"] >= 2 and focus["top"] >= 0, focus
    page.enter()
    # Tab through to the search field (no mouse), type, and the table follows
    for _ in range(40):
        page.tab()
        if page.eval("document.activeElement.id") == "f-q":
            break
    assert page.eval("document.activeElement.id") == "f-q"
    ring = page.eval("getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
    def text(s):
        return " ".join([s.name, s.outline or "", s.feature_path, " ".join(s.tags)]
                        + [f"{st.get('keyword', '')} {st.get('text', '')}" for st in s.steps]).lower()

    # a word that picks out some scenarios but not all
    words = sorted({w for s in m.scenarios for w in s.name.lower().split() if len(w) > 3 and w.isalpha()})
    word = next(w for w in words if 0 < sum(1 for s in m.scenarios if w in text(s)) < total)
    page.type(word)
    page.eval("new Promise(r => setTimeout(r, 400))")
    n_text = sum(1 for s in m.scenarios if word in text(s))
    state = page.eval("[document.getElementById('count').textContent, document.getElementById('f-q').value, "
                      "document.activeElement.id, location.hash]")
    assert state[0].startswith(f"{n_text} of {total}"), (word, state)
    assert page.eval("document.querySelectorAll('#hits tbody tr').length") == min(n_text, 200)
    assert f"q={urllib.parse.quote(word)}" in page.eval("location.hash")
    # clear it, then pick the implementation and the status with the keyboard (arrows on a closed <select>)
    page.eval("document.getElementById('f-q').value = ''; document.getElementById('f-q').dispatchEvent(new Event('input'))")
    page.eval("new Promise(r => setTimeout(r, 300))")
    page.tab()  # → module
    page.tab()  # → implementation
    assert page.eval("document.activeElement.id") == "f-impl"
    target = next((i for i in m.impls if any(s.results.get(i.name) and s.results[i.name].status == "expected-fail"
                                              for s in m.scenarios)), m.impls[0])
    steps = m.impl_names().index(target.name) + 1
    for _ in range(steps):
        page.key("ArrowDown", "ArrowDown", 40)
    assert page.eval("document.getElementById('f-impl').value") == target.name
    page.tab()  # → status
    assert page.eval("document.activeElement.id") == "f-status"
    want = "expected-fail"
    idx = page.eval(f"[...document.getElementById('f-status').options].findIndex(o => o.value === {json.dumps(want)})")
    for _ in range(idx):
        page.key("ArrowDown", "ArrowDown", 40)
    assert page.eval("document.getElementById('f-status').value") == want
    page.eval("new Promise(r => setTimeout(r, 100))")
    expected = [s for s in m.scenarios if s.results.get(target.name) and s.results[target.name].status == want]
    got = page.eval("""(() => ({ count: document.getElementById('count').textContent,
      rows: [...document.querySelectorAll('#hits tbody tr')].map(tr => tr.querySelector('th a').textContent),
      cols: [...document.querySelectorAll('#hits thead th')].map(th => th.textContent),
      why: [...document.querySelectorAll('#hits tbody td.whytext')].map(td => td.textContent) }))()""")
    assert got["count"].startswith(f"{len(expected)} of {total}")
    assert got["rows"] == [s.name for s in expected]
    assert got["cols"] == ["Scenario", "Module", target.name, "Why"]
    for s, why in zip(expected, got["why"], strict=True):
        reason = (s.results[target.name].expectation or {}).get("reason")
        if reason:
            assert reason in why
    page.screenshot(ARTIFACTS / "site-filter.png")
    _offline(page, site["base"])


def test_a_copy_button_works_from_the_keyboard(site, page):
    m = site["model"]
    f = _most_divergent_feature(m)
    page.goto(site["base"] + f.page)
    # a closed "rerun command" disclosure: open it with Enter, Tab to its Copy button, press Enter
    ok = page.eval("""(() => { const d = [...document.querySelectorAll('details.rerun-d')].find(d => !d.open
        && d.checkVisibility()); if (!d) return false; d.querySelector('summary').focus(); return true; })()""")
    if ok:
        page.enter()
        assert page.eval("document.activeElement.parentNode.open") is True
        page.tab()
    else:  # every disclosure is open (all results are problems)
        assert page.eval("""(() => { const b = [...document.querySelectorAll('button.copy')].find(b => b.checkVisibility());
          if (!b) return false; b.focus(); return true; })()"""), "no visible copy button"
    assert page.eval("document.activeElement.className").startswith("copy")
    ring = page.eval("getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
    page.enter()
    page.eval("new Promise(r => setTimeout(r, 150))")
    assert page.eval("document.activeElement.textContent") in ("Copied", "Select")
    # the divergence toggle is a real checkbox: Space toggles it and hides the all-green scenarios
    page.eval("document.getElementById('only-divergent').focus()")
    page.key(" ", "Space", 32, text=" ")
    vis = page.eval("""(() => [...document.querySelectorAll('section.scenario')].map(s => [s.classList.contains('divergent'), s.offsetParent !== null]))()""")
    assert vis and all(div == shown for div, shown in vis), vis
    page.key(" ", "Space", 32, text=" ")
    _offline(page, site["base"])


@pytest.mark.parametrize("which", ["index.html", "feature", "errata.html", "search.html", "implementations.html"])
def test_pages_are_readable_at_phone_width(site, page, which):
    m = site["model"]
    page.viewport(390, 844, mobile=True)
    url = _most_divergent_feature(m).page if which == "feature" else which
    page.goto(site["base"] + url)
    got = page.eval("""(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
       font: parseFloat(getComputedStyle(document.body).fontSize),
       h1: document.querySelector('h1').getBoundingClientRect().width,
       wide: [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
             && !e.closest('.table-wrap') && !e.closest('pre') && getComputedStyle(e).position !== 'absolute')
             .slice(0, 5).map(e => e.tagName + '.' + e.className) }))()""")
    assert got["sw"] <= got["cw"] + 1, f"{url} scrolls sideways at 390 px: {got}"
    assert got["font"] >= 14
    assert got["h1"] <= 390
    assert not got["wide"], f"{url}: elements overflow the phone's width: {got['wide']}"
    if which == "feature":
        page.screenshot(ARTIFACTS / "site-phone.png")
    _offline(page, site["base"])


def test_the_errata_page_lists_every_contradicted_claim_with_its_scenarios(site, page):
    m = site["model"]
    page.goto(site["base"] + "errata.html")
    got = page.eval("""(() => [...document.querySelectorAll('article.erratum')].map(a => ({ id: a.id,
        says: a.querySelector('.says p').textContent, does: a.querySelector('.does p').textContent,
        links: [...a.querySelectorAll('ul.settled > li > a.scen')].map(x => x.getAttribute('href')) })))()""")
    contra = [c for c in m.claims if c.contradicted]
    assert [g["id"] for g in got] == [f"claim-{__import__('nodespec.site.model', fromlist=['x']).file_slug(c.id)}" for c in contra]
    for c, g in zip(contra, got, strict=True):
        assert g["says"] == c.says
        assert len(g["links"]) == len(c.scenarios)
    # follow one settling link: it lands on the scenario
    link = next((g["links"][0] for g in got if g["links"]), None)
    if link:
        page.goto(site["base"] + link)
        frag = urllib.parse.unquote(link.split("#", 1)[1])
        assert page.eval(f"document.getElementById({json.dumps(frag)}).tagName") == "SECTION"
    page.screenshot(ARTIFACTS / "site-errata.png")
    _offline(page, site["base"])
