/* nodespec site: copy buttons, the "only divergences" toggle, opening a targeted failure. No network. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallback(text); });
    }
    return Promise.resolve(fallback(text));
  }
  function fallback(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.top = "-10em";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }

  var live = document.createElement("div");
  live.className = "sr-only";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button.copy");
    if (!b) return;
    var code = b.parentNode.querySelector(".cmd");
    var text = b.getAttribute("data-copy") || (code ? code.textContent : "");
    copyText(text).then(function (ok) {
      b.classList.add("done");
      b.textContent = ok ? "Copied" : "Select";
      live.textContent = ok ? "Command copied" : "Copy failed: the command is selected instead";
      if (!ok) {
        if (code) {
          var r = document.createRange();
          r.selectNodeContents(code);
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(r);
        }
      }
      setTimeout(function () { b.classList.remove("done"); b.textContent = "Copy"; }, 2000);
    });
  });

  var only = document.getElementById("only-divergent");
  if (only) {
    var key = "nodespec-only-divergent";
    try { only.checked = sessionStorage.getItem(key) === "1"; } catch (e) { /* storage off */ }
    var apply = function () {
      document.body.classList.toggle("only-divergent", only.checked);
      try { sessionStorage.setItem(key, only.checked ? "1" : "0"); } catch (e) { /* storage off */ }
    };
    only.addEventListener("change", apply);
    apply();
  }

  // Landing on a result row's anchor: make sure it is visible and its failure details are open.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    if (only && document.body.classList.contains("only-divergent")) {
      var sc = el.closest(".scenario");
      if ((sc && !sc.classList.contains("divergent")) || el.classList.contains("quiet")) {
        only.checked = false;
        document.body.classList.remove("only-divergent");
      }
    }
    if (el.tagName === "TR") {
      var ds = el.querySelectorAll("details");
      for (var i = 0; i < ds.length; i++) ds[i].open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
