// Evidence highlighting on the story page: a clicked sentence, quotation or date carries
// data-cites = [[articleId, start, end], ...] (UTF-16 offsets into each source's text); we rebuild
// each cited source text as plain text with <mark class="evidence"> around those ranges.
(function () {
  "use strict";
  var originals = new Map();
  document.querySelectorAll(".source-text").forEach(function (el) {
    originals.set(el, el.textContent);
  });

  function clear() {
    originals.forEach(function (text, el) { el.textContent = text; });
    document.querySelectorAll(".cite.active").forEach(function (el) { el.classList.remove("active"); });
  }

  function merged(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { out.push([r[0], r[1]]); }
    });
    return out;
  }

  function highlight(el, ranges) {
    var text = originals.get(el);
    var pos = 0;
    el.textContent = "";
    merged(ranges).forEach(function (r) {
      var start = Math.max(pos, Math.min(r[0], text.length));
      var end = Math.min(r[1], text.length);
      if (end <= start) { return; }
      el.appendChild(document.createTextNode(text.slice(pos, start)));
      var mark = document.createElement("mark");
      mark.className = "evidence";
      mark.textContent = text.slice(start, end);
      el.appendChild(mark);
      pos = end;
    });
    el.appendChild(document.createTextNode(text.slice(pos)));
  }

  function show(target) {
    var cites;
    try { cites = JSON.parse(target.getAttribute("data-cites") || "[]"); } catch (e) { return; }
    clear();
    target.classList.add("active");
    var byArticle = new Map();
    cites.forEach(function (c) {
      if (!byArticle.has(c[0])) { byArticle.set(c[0], []); }
      byArticle.get(c[0]).push([c[1], c[2]]);
    });
    originals.forEach(function (_text, el) {
      var ranges = byArticle.get(el.getAttribute("data-article"));
      if (!ranges) { return; }
      highlight(el, ranges);
      var first = el.querySelector("mark.evidence");
      if (first) {
        el.scrollTop = Math.max(0, first.offsetTop - el.offsetTop - el.clientHeight / 3);
      }
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-cites]");
    if (target) { show(target); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var target = event.target.closest && event.target.closest("[data-cites]");
    if (target) { event.preventDefault(); show(target); }
  });
})();
