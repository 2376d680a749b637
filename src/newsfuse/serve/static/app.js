// The story page: a reading column (the brief) and a source pane that shows one source at a time.
// A clicked sentence, quotation, conflict or date carries data-cites = [[articleId, start, end], ...]
// (UTF-16 offsets into each source's text). Its evidence is marked in every cited source, and the pane
// steps through those sources in turn (the arrows, or the tabs), scrolling each mark into view.
// Nothing is marked before a click, so a mark always answers the reader's last question.
(function () {
  "use strict";
  var pane = document.querySelector(".pane");
  if (!pane) { return; }
  var texts = new Map();  // article id -> its .source-text element
  var originals = new Map();  // element -> its plain text
  pane.querySelectorAll(".source-text").forEach(function (el) {
    texts.set(el.getAttribute("data-article"), el);
    originals.set(el, el.textContent);
  });
  var nav = pane.querySelector(".evidence-nav");
  var where = pane.querySelector(".where");
  var outletOf = new Map();
  pane.querySelectorAll(".tab").forEach(function (tab) {
    outletOf.set(tab.getAttribute("data-article"), tab.firstChild.textContent.trim());
  });
  var picker = pane.querySelector(".picker");
  var order = [];  // the cited articles, in the order the evidence cites them
  var position = 0;

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

  function clear() {
    originals.forEach(function (text, el) { el.textContent = text; });
    document.querySelectorAll(".cite.active").forEach(function (el) { el.classList.remove("active"); });
    pane.querySelectorAll(".tab.has-evidence").forEach(function (tab) { tab.classList.remove("has-evidence"); });
    Array.prototype.forEach.call(picker.options, function (option) { option.textContent = option.textContent.replace(/^● /, ""); });
  }

  function open() {
    pane.classList.add("open");
    document.body.classList.add("pane-open");
  }

  function select(articleId) {
    pane.querySelectorAll(".tab").forEach(function (tab) {
      tab.setAttribute("aria-selected", tab.getAttribute("data-article") === articleId ? "true" : "false");
    });
    pane.querySelectorAll(".source").forEach(function (source) {
      source.hidden = source.getAttribute("data-article") !== articleId;
    });
    picker.value = articleId;
    var el = texts.get(articleId);
    var mark = el && el.querySelector("mark.evidence");
    if (mark) {
      var box = el.getBoundingClientRect();
      el.scrollTop += mark.getBoundingClientRect().top - box.top - el.clientHeight / 3;
      var seen = mark.getBoundingClientRect();
      if (seen.top < 0 || seen.bottom > window.innerHeight) { mark.scrollIntoView({ block: "center" }); }
    }
    var at = order.indexOf(articleId);
    if (at >= 0) {
      position = at;
      where.textContent = "Evidence in " + outletOf.get(articleId) + " (" + (at + 1) + " of " + order.length +
        " source" + (order.length === 1 ? "" : "s") + ")";
    }
  }

  function show(target) {
    var cites;
    try { cites = JSON.parse(target.getAttribute("data-cites") || "[]"); } catch (e) { return; }
    clear();
    target.classList.add("active");
    var byArticle = new Map();
    cites.forEach(function (c) {
      if (!texts.has(c[0])) { return; }
      if (!byArticle.has(c[0])) { byArticle.set(c[0], []); }
      byArticle.get(c[0]).push([c[1], c[2]]);
    });
    order = Array.from(byArticle.keys());
    byArticle.forEach(function (ranges, articleId) {
      highlight(texts.get(articleId), ranges);
      var tab = pane.querySelector(".tab[data-article='" + CSS.escape(articleId) + "']");
      if (tab) { tab.classList.add("has-evidence"); }
      Array.prototype.forEach.call(picker.options, function (option) {
        if (option.value === articleId) { option.textContent = "● " + option.textContent; }
      });
    });
    nav.hidden = order.length === 0;
    if (order.length === 0) { return; }
    open();
    select(order[0]);
    // on a narrow screen the pane covers the bottom of the page: keep the clicked item above it
    var item = target.getBoundingClientRect();
    var top = pane.getBoundingClientRect().top;
    if (getComputedStyle(pane).position === "fixed" && item.bottom > top) { window.scrollBy(0, item.bottom - top + 8); }
  }

  function step(by) {
    if (order.length) { select(order[(position + by + order.length) % order.length]); }
  }

  pane.querySelector(".next").addEventListener("click", function () { step(1); });
  pane.querySelector(".prev").addEventListener("click", function () { step(-1); });
  pane.querySelector(".close").addEventListener("click", function () {
    pane.classList.remove("open");
    document.body.classList.remove("pane-open");
  });
  picker.addEventListener("change", function () { select(picker.value); });
  var opener = document.querySelector(".open-sources");
  if (opener) { opener.addEventListener("click", open); }
  pane.querySelectorAll(".tab").forEach(function (tab) {
    tab.addEventListener("click", function () { select(tab.getAttribute("data-article")); });
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-cites]");
    if (target) { show(target); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var target = event.target.closest && event.target.closest("[data-cites]");
    if (target) { event.preventDefault(); show(target); }
  });
})();
