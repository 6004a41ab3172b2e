"""The style, script and Content-Security-Policy of ``report.html`` (:mod:`consistency.output.html`): static text,
kept apart from the code that builds the page. The script reads its filter state from the URL fragment and
touches nothing outside the page; the policy lets it run only by its hash.
"""

from __future__ import annotations

import base64
import hashlib

# --- style and behaviour -------------------------------------------------------------------------------------

CSS = """
:root{--fg:#1d2330;--muted:#5d6678;--bg:#f6f7f9;--card:#fff;--line:#dde1e8;
--conflict:#b42318;--conflict-bg:#fde8e6;--compatible:#a15c07;--compatible-bg:#fdf1d8;
--agree:#1a7f37;--agree-bg:#dcf5e3;--single:#5d6678;--single-bg:#eceef2;--ref:#3451b2;--ref-bg:#e6ebfb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--fg);background:var(--bg)}
header.top,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}
h1{font-size:26px;margin:20px 0 4px}
h2{font-size:19px;margin:28px 0 8px}
summary h2{display:inline;margin:0}
summary{cursor:pointer;margin:28px 0 8px}
.summary{margin:0 0 12px;color:var(--muted)}
.explain{color:var(--muted);margin:0 0 12px;max-width:70em}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center;
background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);padding:10px max(20px,calc(50% - 580px));
box-shadow:0 1px 3px rgba(0,0,0,.05)}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:6px;flex-wrap:wrap;align-items:center}
.filters legend{float:left;margin-right:6px;color:var(--muted)}
.chip{border:1px solid var(--line);border-radius:999px;padding:2px 10px;cursor:pointer;user-select:none;
background:#fff;white-space:nowrap}
.chip input{margin:0 2px 0 0;vertical-align:-1px}
.chip .count{font-weight:600;margin-left:2px}
.field{color:var(--muted)}
.field select,.field input{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;
color:var(--fg);background:#fff}
.grow{flex:1;display:flex;gap:6px;align-items:center;min-width:240px}
.grow input{flex:1}
.status{color:var(--muted);font-size:13px}
.card{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--single);border-radius:8px;
margin:0 0 16px;padding:12px 16px 14px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card.v-conflict{border-left-color:var(--conflict)}
.card.v-compatible{border-left-color:var(--compatible)}
.card.v-agree{border-left-color:var(--agree)}
.card h3{margin:4px 0 2px;font-size:18px}
.about{margin:0;display:flex;gap:6px;flex-wrap:wrap;align-items:center;font-size:12.5px}
.badge,.tag{border-radius:4px;padding:1px 7px;font-weight:600}
.badge{color:#fff;text-transform:uppercase;letter-spacing:.03em;font-size:11.5px}
.badge.v-conflict{background:var(--conflict)}.badge.v-compatible{background:var(--compatible)}
.badge.v-agree{background:var(--agree)}.badge.v-single{background:var(--single)}
.tag{background:var(--single-bg);color:var(--muted);font-weight:500}
.cid{color:var(--muted);margin-left:auto;font-family:ui-monospace,Menlo,Consolas,monospace}
.headline{margin:2px 0 10px}
.val{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700;padding:0 4px;border-radius:3px}
.val.v-conflict{color:var(--conflict);background:var(--conflict-bg)}
.val.v-compatible{color:var(--compatible);background:var(--compatible-bg)}
.val.v-agree{color:var(--agree);background:var(--agree-bg)}
.val.v-ref{color:var(--ref);background:var(--ref-bg)}
.vs{color:var(--muted);font-style:italic;margin:0 4px}
.n,.note{color:var(--muted);font-weight:400;font-size:13px}
.groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}
.group{border:1px solid var(--line);border-top:3px solid var(--agree);border-radius:6px;padding:8px 12px;
background:#fcfcfd}
.group.v-conflict{border-top-color:var(--conflict)}.group.v-compatible{border-top-color:var(--compatible)}
.group.v-ref{border-top-color:var(--ref)}
.group h4{margin:0 0 6px;font-size:14px}
blockquote{margin:0;font-family:Georgia,"Times New Roman",serif;font-size:15.5px;line-height:1.55}
mark{padding:0 3px;border-radius:3px;font-weight:600;color:inherit}
mark.v-conflict{background:#fbc8c2}mark.v-compatible{background:#fbe0a8}mark.v-agree{background:#bfeccb}
mark.v-single{background:#e3e6ec}mark.v-ref{background:#d3dcfa}
cite{display:block;font-style:normal;font-size:13px;margin-top:4px}
.docs{margin:6px 0 0;font-size:12.5px;color:var(--muted)}
.docs::before{content:"stated in: "}
a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
a.doc,span.doc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
details .sentences{list-style:none;padding:0;margin:6px 0 0}
.sentences li{border-top:1px dashed var(--line);padding:6px 0}
.group summary{margin:6px 0 0;font-size:13px;color:var(--muted)}
.more,.empty{color:var(--muted);font-style:italic}
.tl-story summary{font-weight:600;margin:14px 0 6px}
.tl{list-style:none;margin:0 0 10px;padding:0;background:var(--card);border:1px solid var(--line);border-radius:8px}
.tl li{display:grid;grid-template-columns:15em 1fr 28em;gap:12px;align-items:center;padding:3px 12px;
border-top:1px solid #f0f2f5;font-size:13px}
.tl li:first-child{border-top:0}
.tl-axis{height:30px;position:sticky}
.tl-when{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;text-align:right;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
.tl-track{position:relative;height:16px;background:linear-gradient(#eef0f4,#eef0f4) 0 50%/100% 2px no-repeat}
.tl-axis .tl-track{background:none;height:22px}
.tl-tick{position:absolute;top:0;transform:translateX(-50%);color:var(--muted);font-size:11.5px;white-space:nowrap}
.tl-tick::after{content:"";position:absolute;left:50%;top:16px;height:6px;border-left:1px solid var(--muted)}
.tl-bar{position:absolute;top:3px;height:10px;border-radius:5px;min-width:6px;opacity:.85;background:var(--single)}
.tl-bar.v-conflict{background:var(--conflict)}.tl-bar.v-compatible{background:var(--compatible)}
.tl-bar.v-agree{background:var(--agree)}.tl-bar.v-ref{background:var(--ref)}
.tl-bar.clip-l{border-top-left-radius:0;border-bottom-left-radius:0}
.tl-bar.clip-r{border-top-right-radius:0;border-bottom-right-radius:0}
.tl-out{position:absolute;top:0;font-size:11px;color:var(--muted);white-space:nowrap}
.tl-out.before{left:0}.tl-out.before::before{content:"◀ "}
.tl-out.after{right:0}.tl-out.after::after{content:" ▶"}
.tl-what{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.tl-row:not(.single) .tl-what a.claim{font-weight:600}
table{border-collapse:collapse;width:100%;background:var(--card);font-size:13.5px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5}
footer{color:var(--muted);font-size:12.5px;padding:30px 20px 40px}
[hidden]{display:none!important}
@media (max-width:800px){.tl li{grid-template-columns:8em 1fr}.tl-what{grid-column:1/-1}}
"""

# The filters: verdict boxes, kind select and search words hide the items (claim cards and single-source rows)
# that do not match; each verdict's count is what the other filters leave. The state is read from and written to
# the URL fragment; a fragment without "=" is a jump to an anchor (a timeline link to its card) and keeps it.
JS = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=verdict]"));
  var kind = form.querySelector("select[name=kind]");
  var search = form.querySelector("input[name=q]");
  var status = document.getElementById("status");
  var nothing = document.getElementById("nothing");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-verdict][data-kind]"));
  var texts = items.map(function (item) { return item.textContent.toLowerCase(); });
  function words() { return search.value.toLowerCase().split(/\\s+/).filter(Boolean); }
  function apply() {
    var wanted = {}, counts = {}, cards = 0, shownCards = 0, terms = words();
    boxes.forEach(function (b) { wanted[b.value] = b.checked; counts[b.value] = 0; });
    items.forEach(function (item, i) {
      var v = item.getAttribute("data-verdict");
      var match = (!kind.value || item.getAttribute("data-kind") === kind.value) &&
        terms.every(function (w) { return texts[i].indexOf(w) >= 0; });
      if (match) { counts[v] = (counts[v] || 0) + 1; }
      item.hidden = !(match && wanted[v]);
      if (item.tagName === "ARTICLE") { cards += 1; if (!item.hidden) { shownCards += 1; } }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-count]"), function (el) {
      el.textContent = (counts[el.getAttribute("data-count")] || 0).toLocaleString("en");
    });
    status.textContent = "showing " + shownCards + " of " + cards + " claims";
    nothing.hidden = !(cards > 0 && shownCards === 0);
  }
  function save() {
    var params = new URLSearchParams(), on = boxes.filter(function (b) { return b.checked; });
    if (on.length !== boxes.length) { params.set("verdict", on.map(function (b) { return b.value; }).join(",")); }
    if (kind.value) { params.set("kind", kind.value); }
    if (search.value) { params.set("q", search.value); }
    var hash = params.toString();
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
    catch (e) { location.hash = hash; }
  }
  function load() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) { return; }
    var params = new URLSearchParams(hash);
    var verdicts = params.has("verdict") ? params.get("verdict").split(",") : null;
    boxes.forEach(function (b) { b.checked = verdicts === null || verdicts.indexOf(b.value) >= 0; });
    var k = params.get("kind") || "";
    kind.value = Array.prototype.some.call(kind.options, function (o) { return o.value === k; }) ? k : "";
    search.value = params.get("q") || "";
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", function () { apply(); save(); });
  form.addEventListener("change", function () { apply(); save(); });
  window.addEventListener("hashchange", function () { load(); apply(); });
  load();
  apply();
})();
"""

#: Nothing is fetched (default-src 'none'); the inline style is allowed, and the one script by its hash.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; "
    "script-src 'sha256-" + base64.b64encode(hashlib.sha256(JS.encode()).digest()).decode() + "'"
)
