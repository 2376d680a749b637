// A brief beside a pane of its sources, one shown at a time. Every cited span is a <mark data-ev="keys">,
// unstyled until the reader clicks something citing it; the pane then steps through each source holding its
// evidence in turn (the arrows, the tabs or the picker), scrolling the evidence into view.
(function () {
  "use strict";
  function setUp(story) {
    var pane = story.querySelector(".pane");
    var nav = pane.querySelector(".evidence-nav");
    var where = pane.querySelector(".where");
    var picker = pane.querySelector(".picker");
    var names = {};
    pane.querySelectorAll(".tab").forEach(function (tab) {
      names[tab.getAttribute("data-source")] = tab.firstChild.textContent.trim();
    });
    var order = [];
    var position = 0;

    function open() {
      document.querySelectorAll(".pane.open").forEach(function (other) { other.classList.remove("open"); });
      pane.classList.add("open");
      document.body.classList.add("pane-open");
    }

    function select(number) {
      pane.querySelectorAll(".tab").forEach(function (tab) {
        tab.setAttribute("aria-selected", tab.getAttribute("data-source") === number ? "true" : "false");
      });
      picker.value = number;
      var shown = null;
      pane.querySelectorAll(".source").forEach(function (source) {
        source.hidden = source.getAttribute("data-source") !== number;
        if (!source.hidden) { shown = source; }
      });
      var text = shown && shown.querySelector(".text");
      var mark = text && text.querySelector("mark.active");
      if (mark) {
        text.scrollTop += mark.getBoundingClientRect().top - text.getBoundingClientRect().top - text.clientHeight / 3;
        var seen = mark.getBoundingClientRect();
        if (seen.top < 0 || seen.bottom > window.innerHeight) { mark.scrollIntoView({ block: "center" }); }
      }
      var at = order.indexOf(number);
      if (at >= 0) {
        position = at;
        where.textContent = "Evidence in " + names[number] + " (" + (at + 1) + " of " + order.length +
          " source" + (order.length === 1 ? "" : "s") + ")";
      }
    }

    function show(item) {
      var keys = item.getAttribute("data-ev").split(" ").filter(Boolean);
      story.querySelectorAll(".ev.selected").forEach(function (el) { el.classList.remove("selected"); });
      story.querySelectorAll("mark.active").forEach(function (el) { el.classList.remove("active"); });
      pane.querySelectorAll(".tab.has-evidence").forEach(function (tab) { tab.classList.remove("has-evidence"); });
      Array.prototype.forEach.call(picker.options, function (o) { o.textContent = o.textContent.replace(/^● /, ""); });
      item.classList.add("selected");
      order = [];
      pane.querySelectorAll(".source").forEach(function (source) {
        var number = source.getAttribute("data-source");
        source.querySelectorAll("mark").forEach(function (mark) {
          var markKeys = mark.getAttribute("data-ev").split(" ");
          if (keys.some(function (key) { return markKeys.indexOf(key) >= 0; })) {
            mark.classList.add("active");
            if (order.indexOf(number) < 0) { order.push(number); }
          }
        });
      });
      order.forEach(function (number) {
        var tab = pane.querySelector(".tab[data-source='" + number + "']");
        if (tab) { tab.classList.add("has-evidence"); }
        Array.prototype.forEach.call(picker.options, function (o) { if (o.value === number) { o.textContent = "● " + o.textContent; } });
      });
      nav.hidden = order.length === 0;
      if (!order.length) { return; }
      open();
      select(order[0]);
      var box = item.getBoundingClientRect();
      var top = pane.getBoundingClientRect().top;
      if (getComputedStyle(pane).position === "fixed" && box.bottom > top) { window.scrollBy(0, box.bottom - top + 8); }
    }

    function step(by) { if (order.length) { select(order[(position + by + order.length) % order.length]); } }
    pane.querySelector(".next").addEventListener("click", function () { step(1); });
    pane.querySelector(".prev").addEventListener("click", function () { step(-1); });
    pane.querySelector(".close").addEventListener("click", function () {
      pane.classList.remove("open");
      document.body.classList.remove("pane-open");
    });
    story.querySelector(".open-sources").addEventListener("click", open);
    picker.addEventListener("change", function () { select(picker.value); });
    pane.querySelectorAll(".tab").forEach(function (tab) {
      tab.addEventListener("click", function () { select(tab.getAttribute("data-source")); });
    });
    story.addEventListener("click", function (event) {
      var item = event.target.closest(".brief .ev");
      if (item) { show(item); }
    });
    story.addEventListener("keydown", function (event) {
      var item = event.target.closest && event.target.closest(".brief .ev");
      if (item && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(item); }
    });
  }
  document.querySelectorAll(".story").forEach(setUp);
})();
