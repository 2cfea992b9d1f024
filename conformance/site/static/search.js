/* nodespec site: filter and search over the embedded index (assets/index.js). Vanilla JS, offline. */
(function () {
  "use strict";
  var IX = window.NODESPEC_INDEX;
  var form = document.getElementById("filters");
  var count = document.getElementById("count");
  var table = document.getElementById("hits");
  var more = document.getElementById("more");
  if (!IX || !form || !table) {
    if (count) count.textContent = "The search index did not load.";
    return;
  }
  var q = document.getElementById("f-q");
  var selModule = document.getElementById("f-module");
  var selImpl = document.getElementById("f-impl");
  var selStatus = document.getElementById("f-status");
  var featBox = form.querySelector(".feature-filter");
  var featLabel = document.getElementById("f-feature-label");
  var featClear = document.getElementById("f-feature-clear");
  var LIMIT = 200;
  var state = { q: "", module: "", impl: "", status: "", feature: "", all: false };

  var QUIET = { "pass": 1, "not-applicable": 1, "unavailable": 1 };
  var PROBLEM = { "fail": 1, "unexpected-pass": 1, "timeout": 1, "crash": 1 };

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, attrs[k]);
    if (text != null) n.textContent = text;
    return n;
  }

  function readParams() {
    var s = {};
    [location.search.slice(1), location.hash.slice(1)].forEach(function (part) {
      part.split("&").forEach(function (kv) {
        if (!kv || kv.indexOf("=") < 0) return;
        var i = kv.indexOf("=");
        var k = decodeURIComponent((i < 0 ? kv : kv.slice(0, i)).replace(/\+/g, " "));
        var v = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
        s[k] = v;
      });
    });
    return s;
  }

  function hasOption(sel, v) {
    for (var i = 0; i < sel.options.length; i++) if (sel.options[i].value === v) return true;
    return false;
  }

  function fromParams() {
    var p = readParams();
    state.q = p.q || "";
    state.module = p.module && hasOption(selModule, p.module) ? p.module : "";
    state.impl = p.impl && hasOption(selImpl, p.impl) ? p.impl : "";
    state.status = p.status && hasOption(selStatus, p.status) ? p.status : "";
    state.feature = p.feature || "";
    q.value = state.q;
    selModule.value = state.module;
    selImpl.value = state.impl;
    selStatus.value = state.status;
  }

  function writeParams() {
    var parts = [];
    ["q", "module", "impl", "status", "feature"].forEach(function (k) {
      if (state[k]) parts.push(k + "=" + encodeURIComponent(state[k]));
    });
    var url = location.pathname + (parts.length ? "#" + parts.join("&") : "");
    try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  }

  function statusMatches(st) {
    if (!state.status) return true;
    if (state.status === "divergent") return !QUIET[st];
    if (state.status === "problem") return !!PROBLEM[st];
    return st === state.status;
  }

  function matches(s) {
    if (state.module && s.m !== state.module) return false;
    if (state.feature) {
      var f = IX.features[s.f];
      if (!f || f.p !== state.feature) return false;
    }
    if (state.q) {
      var words = state.q.toLowerCase().split(/\s+/);
      for (var i = 0; i < words.length; i++) if (words[i] && s.x.indexOf(words[i]) < 0) return false;
    }
    if (state.impl) {
      var r = s.r[state.impl];
      return statusMatches(r ? r[0] : "not-run");
    }
    if (!state.status) return true;
    for (var k in s.r) if (Object.prototype.hasOwnProperty.call(s.r, k) && statusMatches(s.r[k][0])) return true;
    return false;
  }

  function markEl(st, href, who) {
    var info = IX.statuses[st] || IX.statuses["fail"];
    var a = el(href ? "a" : "span", { "class": "mark st-" + st, title: info[2] });
    if (href) a.setAttribute("href", href);
    a.appendChild(el("span", { "class": "sym", "aria-hidden": "true" }, info[0]));
    a.appendChild(el("span", { "class": state.impl ? "lbl" : "sr-only" }, (state.impl ? "" : who + ": ") + info[1]));
    return a;
  }

  function render() {
    var impls = state.impl ? IX.impls.filter(function (i) { return i.n === state.impl; }) : IX.impls;
    var thead = table.tHead;
    var tbody = table.tBodies[0];
    thead.textContent = "";
    tbody.textContent = "";
    var hr = el("tr");
    hr.appendChild(el("th", { scope: "col" }, "Scenario"));
    hr.appendChild(el("th", { scope: "col" }, "Module"));
    impls.forEach(function (i) { hr.appendChild(el("th", { scope: "col" }, i.n)); });
    if (state.impl) hr.appendChild(el("th", { scope: "col" }, "Why"));
    thead.appendChild(hr);

    var hits = IX.scenarios.filter(matches);
    var shown = state.all ? hits : hits.slice(0, LIMIT);
    var frag = document.createDocumentFragment();
    shown.forEach(function (s) {
      var f = IX.features[s.f] || { n: "", u: "", p: "" };
      var tr = el("tr");
      var th = el("th", { scope: "row" });
      th.appendChild(el("a", { href: f.u + "#" + s.a }, s.n));
      th.appendChild(el("span", { "class": "fmeta" }, f.n + " · " + f.p));
      tr.appendChild(th);
      tr.appendChild(el("td", { "class": "mod", "data-label": "module" }, s.m));
      impls.forEach(function (i) {
        var r = s.r[i.n];
        var td = el("td", { "class": "m", "data-label": i.n });
        td.appendChild(markEl(r ? r[0] : "not-run", f.u + "#" + s.a + "--" + i.a, i.n));
        tr.appendChild(td);
      });
      if (state.impl) {
        var r = s.r[state.impl];
        tr.appendChild(el("td", { "class": "whytext", "data-label": "why" }, r && r[1] ? r[1] : ""));
      }
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);

    var desc = [];
    if (state.module) desc.push("module " + state.module);
    if (state.feature) desc.push("feature " + state.feature);
    if (state.impl) desc.push("on " + state.impl);
    if (state.status) desc.push("status " + (selStatus.options[selStatus.selectedIndex] || {}).text);
    if (state.q) desc.push("matching “" + state.q + "”");
    count.textContent = hits.length + " of " + IX.scenarios.length + " scenario" + (IX.scenarios.length === 1 ? "" : "s") +
      (desc.length ? " (" + desc.join(", ") + ")" : "") + (hits.length > shown.length ? "; showing the first " + shown.length : "");
    more.hidden = hits.length <= shown.length;
    more.textContent = "Show all " + hits.length;
    if (state.feature) {
      featBox.hidden = false;
      var ff = IX.features.filter(function (x) { return x.p === state.feature; })[0];
      featLabel.textContent = "Feature: " + (ff ? ff.n : state.feature);
    } else {
      featBox.hidden = true;
    }
  }

  function update() {
    state.q = q.value.trim();
    state.module = selModule.value;
    state.impl = selImpl.value;
    state.status = selStatus.value;
    state.all = false;
    writeParams();
    render();
  }

  var timer = null;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 120); });
  [selModule, selImpl, selStatus].forEach(function (s) { s.addEventListener("change", update); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { state.feature = ""; update(); q.focus(); }, 0);
  });
  featClear.addEventListener("click", function () { state.feature = ""; update(); selModule.focus(); });
  more.addEventListener("click", function () { state.all = true; render(); });
  // only a filter in the address (#module=…&impl=…) changes the filter; "#main" (the skip link) does not
  window.addEventListener("hashchange", function () {
    if (location.hash.indexOf("=") < 0) return;
    fromParams();
    render();
  });

  fromParams();
  render();
})();
