/* journeymaps: click a column heading of a .jm-sortable table to sort by it;
   click again to reverse. A cell sorts by its [data-sort] value when it has
   one, else as a number when it holds exactly one, else as text; empty cells
   ("", en dash) always sort last. No library, no network. */
(function () {
  "use strict";
  var EMPTY = { "": true, "\u2013": true };

  function key(cell) {
    var tagged = cell.querySelector("[data-sort]");
    var text = (tagged ? tagged.getAttribute("data-sort") : cell.textContent).trim();
    if (EMPTY[text]) return null;
    if (!tagged && /^[^\d-]*-?\d+(\.\d+)?[^\d]*$/.test(text)) {
      return parseFloat(text.replace(/[^\d.-]/g, ""));
    }
    return text;
  }

  function compare(a, b) {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), undefined, { numeric: true });
  }

  function sortBy(table, th, column) {
    var body = table.tBodies[0];
    var descending = th.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, key: key(row.cells[column]), index: index };
    });
    rows.sort(function (x, y) {
      if (x.key === null || y.key === null) return compare(x.key, y.key) || x.index - y.index;
      return (descending ? -1 : 1) * compare(x.key, y.key) || x.index - y.index;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  /* A map page's "Print / save as PDF" hint becomes a button (without script it stays
     a hint: the browser's own Print command does the same). */
  function printButtons() {
    document.querySelectorAll("p.jm-print").forEach(function (hint) {
      if (hint.dataset.jmPrint) return;
      hint.dataset.jmPrint = "1";
      var label = hint.querySelector(".jm-print-label");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button jm-print-button";
      button.textContent = label ? label.textContent : "Print";
      button.addEventListener("click", function () { window.print(); });
      hint.textContent = "";
      hint.appendChild(button);
    });
  }

  /* A map carries many tags (its own, its personas, journey, state, channels): one row
     above the title, the rest behind a "+N" button. Without script the row scrolls. */
  function foldTags() {
    var grid = document.querySelector("article .jm-grid-box");
    var nav = grid && grid.closest("article").querySelector(".md-tags");
    if (!nav || nav.dataset.jmFolded) return;
    nav.dataset.jmFolded = "1";
    nav.classList.add("jm-tags-wrap");
    var chips = Array.prototype.slice.call(nav.children);
    if (!chips.length) return;
    var top = chips[0].offsetTop;
    var first = chips.findIndex(function (chip) { return chip.offsetTop > top; });
    if (first < 0) return;
    var hidden = chips.slice(Math.max(first - 1, 1));
    hidden.forEach(function (chip) { chip.hidden = true; });
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-tag jm-tags-more";
    more.textContent = "+" + hidden.length;
    more.setAttribute("aria-expanded", "false");
    more.addEventListener("click", function () {
      hidden.forEach(function (chip) { chip.hidden = false; });
      more.remove();
    });
    nav.appendChild(more);
  }

  function init() {
    printButtons();
    foldTags();
    document.querySelectorAll(".jm-sortable table").forEach(function (table) {
      if (table.dataset.jmSortable || !table.tHead || !table.tBodies.length) return;
      table.dataset.jmSortable = "1";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
        th.setAttribute("title", "Sort by this column");
        th.addEventListener("click", function () { sortBy(table, th, column); });
      });
    });
  }

  /* Material's instant navigation swaps pages without reloading: document$
     emits on every page; without Material, run once when the page is ready. */
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
