/*
 * ashyq list filters: the calendar, overdue, compliance and council lists filtered by region,
 * council, type and month in the browser. Loaded by ashyq.js on pages that hold a filter form
 * (templates/pages/_filters.md.j2); without script the form stays hidden and the page is the
 * plain list.
 *  - an item is a table row of the article; its council is the council its first link leads to
 *    (".../councils/<slug>/..."), its region and type those of that council's choice in the form,
 *    its month that of the section holding it ([data-month]);
 *  - a section ([data-ashyq-group]) whose items are all filtered out is hidden with them;
 *  - the choices are kept in the address (?region=…&council=…), so a filtered list can be shared,
 *    and carried to the links marked data-ashyq-keep (the neighbouring months of the calendar).
 * No dependencies; safe to run more than once per page.
 */
(function () {
  "use strict";

  var COUNCIL = /(?:^|\/)councils\/([^\/?#]+)\//;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function councilOf(row) {
    var own = row.closest("[data-council]");
    if (own) return own.getAttribute("data-council");
    var links = all(row, "a[href]");
    for (var i = 0; i < links.length; i++) {
      var m = COUNCIL.exec(links[i].getAttribute("href"));
      if (m) return decodeURIComponent(m[1]);
    }
    return "";
  }

  function setup(form) {
    if (form.dataset.ashyqBound) return;
    form.dataset.ashyqBound = "1";
    var scope = form.closest("article") || document.body;
    var selects = {};
    all(form, "select[data-ashyq-facet]").forEach(function (s) { selects[s.name] = s; });
    var councils = {};
    if (selects.council) {
      all(selects.council, "option[value]").forEach(function (o) {
        if (o.value) councils[o.value] = { region: o.getAttribute("data-region") || "", type: o.getAttribute("data-type") || "" };
      });
    }
    var items = all(scope, "tbody tr").filter(function (row) { return !form.contains(row); }).map(function (row) {
      var slug = councilOf(row);
      var info = councils[slug] || {};
      var month = row.closest("[data-month]");
      return { el: row, council: slug, region: info.region || "", type: info.type || "",
               month: month ? month.getAttribute("data-month") : "" };
    }).filter(function (item) { return item.council; });
    var groups = all(scope, "[data-ashyq-group]");
    var status = form.querySelector(".ashyq-filter__status");
    var none = form.querySelector(".ashyq-filter__none");

    function chosen() {
      var out = {};
      Object.keys(selects).forEach(function (name) {
        if (selects[name].value) out[name] = selects[name].value;
      });
      return out;
    }

    /* Only the councils of the chosen region and type are offered. */
    function narrow(choice) {
      var select = selects.council;
      if (!select) return;
      all(select, "option[value]").forEach(function (o) {
        if (!o.value) return;
        var info = councils[o.value];
        o.hidden = !!((choice.region && info.region !== choice.region) || (choice.type && info.type !== choice.type));
        o.disabled = o.hidden;
      });
      var current = select.options[select.selectedIndex];
      if (current && current.hidden) select.value = "";
    }

    function query(choice) {
      var params = new URLSearchParams(window.location.search);
      Object.keys(selects).forEach(function (name) {
        if (choice[name]) params.set(name, choice[name]);
        else params.delete(name);
      });
      var text = params.toString();
      return text ? "?" + text : "";
    }

    function apply() {
      var choice = chosen();
      narrow(choice);
      choice = chosen();
      var shown = 0;
      items.forEach(function (item) {
        var ok = Object.keys(choice).every(function (name) { return item[name] === choice[name]; });
        item.el.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        var inside = items.filter(function (item) { return group.contains(item.el); });
        group.hidden = inside.length > 0 && inside.every(function (item) { return item.el.hidden; });
      });
      var filtered = Object.keys(choice).length > 0;
      if (status) {
        status.textContent = filtered ? (form.getAttribute("data-shown") || "{n} / {total}")
          .replace("{n}", String(shown)).replace("{total}", String(items.length)) : "";
      }
      if (none) none.hidden = !(filtered && shown === 0);
      var search = query(choice);
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + search + window.location.hash);
      }
      all(document, "a[data-ashyq-keep]").forEach(function (a) {
        var base = a.getAttribute("href").split("?")[0];
        a.setAttribute("href", base + search.replace(/([?&])month=[^&]*&?/, "$1").replace(/[?&]$/, ""));
      });
    }

    var params = new URLSearchParams(window.location.search);
    Object.keys(selects).forEach(function (name) {
      var wanted = params.get(name);
      if (wanted && all(selects[name], "option").some(function (o) { return o.value === wanted; })) {
        selects[name].value = wanted;
      }
      selects[name].addEventListener("change", apply);
    });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    all(document, "form[data-ashyq-filter]").forEach(setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
