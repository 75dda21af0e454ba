/* journeymaps: click a column heading of a .jm-sortable table to sort by it
   (each heading is a button: Tab to it, Enter or Space); click again to
   reverse. A cell sorts by its [data-sort] value when it has one, else as a
   number when it holds exactly one, else as text; empty cells ("", en dash)
   always sort last.

   Filters: a page's .jm-filters bar names facets ([data-jm-facet]); the items
   (table rows, list items) declare theirs on an empty span.jm-facets, as
   data-jm-<facet>="key:label key:label" (each part percent-encoded). The bar
   becomes one <select> per facet; the choice is the URL's query
   (?owner=Digital&status=planned), so a view is a link, and back and forward
   restore it. An item marked .jm-repeated (the same item in a second table) is
   filtered alike and counted once. Without this script the whole page shows. No
   library, no network. */
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
        var button = document.createElement("button");
        button.type = "button";
        button.className = "jm-sort";
        button.title = "Sort by this column";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        th.addEventListener("click", function () { sortBy(table, th, column); });
      });
    });
    initFilters();
  }

  /* --- filters -------------------------------------------------------------- */

  function decode(token) {
    var colon = token.indexOf(":");
    var value = decodeURIComponent(colon < 0 ? token : token.slice(0, colon));
    return { value: value, label: colon < 0 ? value : decodeURIComponent(token.slice(colon + 1)) };
  }

  /* An item's values of one facet: {value: label}. */
  function valuesOf(item, facet) {
    var found = {}, raw = item.facets.getAttribute("data-jm-" + facet);
    (raw || "").split(" ").forEach(function (token) {
      if (token) { var part = decode(token); found[part.value] = part.label; }
    });
    return found;
  }

  function matches(item, chosen, except) {
    return Object.keys(chosen).every(function (facet) {
      return facet === except || chosen[facet] === "" ||
        Object.prototype.hasOwnProperty.call(item.values[facet], chosen[facet]);
    });
  }

  /* the filters of the page shown (instant navigation swaps pages in place) */
  var applyFilters = null;
  window.addEventListener("popstate", function () { if (applyFilters) applyFilters(); });

  function initFilters() {
    var bar = document.querySelector(".jm-filters");
    if (!bar) applyFilters = null;
    if (!bar || bar.classList.contains("jm-ready")) return;
    var items = Array.prototype.map.call(document.querySelectorAll("span.jm-facets"),
      function (span) {
        return { facets: span, node: span.closest("tr, li") || span.parentElement, values: {},
                 repeated: span.classList.contains("jm-repeated") };
      });
    /* an item shown again in a second table is filtered alike but counted once */
    var counted = items.filter(function (item) { return !item.repeated; });
    var all = (bar.querySelector(".jm-filter-all") || {}).textContent || "All";
    var template = (bar.querySelector(".jm-filter-count") || {}).textContent || "{shown} / {total}";
    var controls = [];
    Array.prototype.forEach.call(bar.querySelectorAll("[data-jm-facet]"), function (name) {
      var facet = name.getAttribute("data-jm-facet"), labels = {};
      items.forEach(function (item) {
        item.values[facet] = valuesOf(item, facet);
        Object.keys(item.values[facet]).forEach(function (v) { labels[v] = item.values[facet][v]; });
      });
      var values = Object.keys(labels).sort(function (a, b) {
        return labels[a].localeCompare(labels[b], undefined, { numeric: true });
      });
      if (values.length < 2) return;  // nothing to choose between
      var label = document.createElement("label"), select = document.createElement("select");
      label.className = "jm-filter";
      label.appendChild(document.createTextNode(name.textContent + " "));
      select.name = facet;
      select.appendChild(new Option(all, ""));
      values.forEach(function (v) { select.appendChild(new Option(labels[v], v)); });
      label.appendChild(select);
      controls.push({ facet: facet, select: select, labels: labels });
    });
    var count = document.createElement("span");
    count.className = "jm-filter-shown";
    count.setAttribute("aria-live", "polite");
    bar.textContent = "";
    controls.forEach(function (c) {
      bar.appendChild(c.select.parentNode);
      c.select.addEventListener("change", function () {
        var query = new URLSearchParams(location.search);
        controls.forEach(function (d) {
          if (d.select.value) query.set(d.facet, d.select.value); else query.delete(d.facet);
        });
        var search = query.toString();
        history.pushState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
        apply();
      });
    });
    bar.appendChild(count);
    bar.classList.add("jm-ready");

    function apply() {
      var query = new URLSearchParams(location.search), chosen = {};
      controls.forEach(function (c) {
        var value = query.get(c.facet) || "";
        if (value && !c.select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
          c.select.appendChild(new Option(value, value));  // a shared link's value no row has
        }
        c.select.value = value;
        chosen[c.facet] = value;
      });
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item, chosen);
        item.node.hidden = !visible;
        if (visible && !item.repeated) shown += 1;
      });
      /* each option says how many items it would show, given the other choices */
      controls.forEach(function (c) {
        var per = {};
        counted.forEach(function (item) {
          if (!matches(item, chosen, c.facet)) return;
          Object.keys(item.values[c.facet]).forEach(function (v) { per[v] = (per[v] || 0) + 1; });
        });
        Array.prototype.forEach.call(c.select.options, function (option) {
          if (option.value) option.text = (c.labels[option.value] || option.value) +
            " (" + (per[option.value] || 0) + ")";
        });
      });
      count.textContent = template.replace("{shown}", shown).replace("{total}", counted.length);
      /* a heading's .jm-count counts the items shown below it, up to the next heading */
      var current = null, counts = [];
      document.querySelectorAll("article h2, article h3, span.jm-facets").forEach(function (node) {
        if (node.tagName !== "SPAN") {
          current = node.querySelector(".jm-count");
          if (current) counts.push({ node: current, n: 0, heading: node });
        } else if (current && !node.closest("[hidden]")) {
          counts[counts.length - 1].n += 1;
        }
      });
      /* a section left empty by the filters is hidden, up to the next heading of its rank */
      var filtered = Object.keys(chosen).some(function (facet) { return chosen[facet]; });
      counts.forEach(function (c) {
        c.node.textContent = String(c.n);
        var hide = filtered && c.n === 0;
        for (var node = c.heading; node; node = node.nextElementSibling) {
          if (node !== c.heading && /^H[1-3]$/.test(node.tagName) &&
              node.tagName <= c.heading.tagName) break;
          node.hidden = hide;
        }
      });
    }

    applyFilters = apply;
    apply();
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
