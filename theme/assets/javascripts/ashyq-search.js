/*
 * ashyq's search box: Pagefind's UI in the header (collapsible below 60em), over the shards that
 * pagefind/shards.json names (write/search.py): on a council's pages its own council's shard first, the
 * whole portal at the reader's choice. Loaded through extra_javascript after ashyq.js, whose
 * configuration (the page's strings) it shares.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var shared = window.ashyq || {};
  var cfg = shared.cfg || { translations: {}, strings: {} };
  var isVisible = shared.isVisible || function () { return true; };

  var searchReady = false;

  function absoluteBundle(path) {
    try {
      return new URL(path, document.baseURI).href;
    } catch (e) {
      return path;
    }
  }

  function initSearch() {
    var box = document.querySelector("[data-ashyq-search]");
    if (!box || box.dataset.ashyqBound) return;
    box.dataset.ashyqBound = "1";
    var toggle = box.querySelector(".ashyq-search__toggle");
    var panel = box.querySelector(".ashyq-search__panel");
    var status = box.querySelector(".ashyq-search__status");

    function input() {  /* the words' field, not the scope's radios */
      return box.querySelector(".pagefind-ui__search-input, input[type=text], input[type=search]");
    }

    function setOpen(open, restoreFocus) {
      box.classList.toggle("ashyq-search--open", open);
      if (toggle) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        var label = open ? cfg.strings.searchClose : cfg.strings.searchOpen;
        if (label) {
          toggle.setAttribute("aria-label", label);
          toggle.setAttribute("title", label);
        }
      }
      if (open) {
        var field = input();
        if (field) field.focus();
      } else if (restoreFocus && toggle && isVisible(toggle)) {
        toggle.focus();
      }
    }

    if (toggle) {
      toggle.addEventListener("click", function () {
        setOpen(!box.classList.contains("ashyq-search--open"), false);
      });
    }
    box.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") return;
      var field = input();
      if (box.classList.contains("ashyq-search--open")) {
        setOpen(false, true);
      } else if (field && field.value) {
        /* Desktop: Esc clears the query (Pagefind resets on input event). */
        field.value = "";
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    /* A click outside closes the phone panel / hides the desktop results;
       focusing the search again brings the results back. */
    document.addEventListener("click", function (ev) {
      if (box.contains(ev.target)) return;
      if (box.classList.contains("ashyq-search--open")) setOpen(false, false);
      box.classList.add("ashyq-search--dismissed");
    });
    box.addEventListener("focusin", function () {
      box.classList.remove("ashyq-search--dismissed");
    });
    box.addEventListener("input", function () {
      box.classList.remove("ashyq-search--dismissed");
    });

    function unavailable() {
      if (status) status.hidden = false;
      box.classList.add("ashyq-search--unavailable");
    }

    function mount() {
      if (searchReady) return;
      if (typeof window.PagefindUI !== "function") {
        unavailable();
        return;
      }
      searchReady = true;
      pluralCount(document.querySelector("#ashyq-search-ui"));  /* it outlives each box created in it */
      shards(create);
    }

    /* The index is built in shards, listed by language in <pagefind>/shards.json: the
       first is the edition's own bundle, the others are merged into it (Pagefind's
       mergeIndex), so a search covers the whole edition. On a council's page the box
       searches that council first (see councilScope), which the reader can widen. */
    function shards(done) {
      var base = absoluteBundle(cfg.pagefind || "../pagefind/");
      var lang = cfg.lang || root.getAttribute("lang") || "";
      var fallback = [lang];
      if (typeof window.fetch !== "function") return done(base, fallback, null);
      window.fetch(base + "shards.json")
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (m) {
          var list = m && m[lang];
          var starts = m && m.councils && m.councils[lang];
          done(base, Array.isArray(list) && list.length ? list : fallback, councilScope(starts));
        })
        .catch(function () { done(base, fallback, null); });
    }

    /* Text as Pagefind holds it: the page escapes a filter once more than Pagefind decodes
       (render/searchfacets.py); a textarea decodes without running anything. */
    function decoded(text) {
      var area = document.createElement("textarea");
      area.innerHTML = text;
      return area.value;
    }

    /* On a council's page: the shard that indexes the council (shards.json lists each
       council shard's first council, in name order) and the council's filter, read from
       the page's hidden search hooks. Searching the whole national edition downloads
       every shard's page list (about 210 KB), and its filters too when the reader asks for the
       facets (about 310 KB); a council's, about 190 KB with its facets. */
    function councilScope(starts) {
      var mark = document.querySelector(".ashyq-pagefind-hooks [data-ashyq-council]");
      if (!mark || !Array.isArray(starts)) return null;
      var slug = mark.getAttribute("data-ashyq-council") || "", shard = null;
      for (var i = 0; i < starts.length && starts[i][0] <= slug; i++) shard = starts[i][1];
      if (!shard) return null;
      return { shard: shard, key: decoded(mark.getAttribute("data-pagefind-filter") || ""),
               value: decoded(mark.textContent) };
    }

    /* Result links as the first shard gives them: the site's path, without the origin. */
    function sitePath(base) {
      try {
        return new URL(base).pathname.replace(/_?pagefind\/?$/, "") || "/";
      } catch (e) {
        return "/";
      }
    }

    /* One box for the page's life. Pagefind's script keeps one search instance per bundle address,
       shared by every box made over it and torn down by a box's destroy() without waiting: a box
       destroyed and made again for the other scope left the new box merging into an instance whose
       worker was being terminated ("Pagefind worker terminated"), stuck at "searching…". So the
       scope changes what the box searches, never the box: widening merges the other shards into the
       same instance and lifts the council's filter; narrowing sets the filter again. */
    function create(base, names, scope) {
      var ui, holder = document.querySelector("#ashyq-search-ui");
      var first = base + names[0] + "/";
      /* A council's search opens the edition's first shard too (a few dozen portal-wide pages,
         which the council's filter leaves out): Pagefind's script and WebAssembly come from the
         first bundle, one address for every page of the edition, cached once. */
      var opened = [names[0]];
      if (!scope) opened = names;
      else if (scope.shard !== names[0]) opened = [names[0], scope.shard];
      /* Pagefind's UI gets Pagefind's module through the box's proxy (pagefind-box/pagefind.js),
         which holds the facets of a search over more shards than a council's two until the reader
         asks for them (facetsOnDemand). */
      var proxyFolder = boxFolder();
      var proxy = import(proxyFolder + "pagefind.js").then(function (module) {
        module.configure(first, opened.length > 2);
        return module;
      });
      var options = {
        element: "#ashyq-search-ui",
        bundlePath: proxyFolder,
        mergeIndex: opened.slice(1).map(function (n) { return merged(base, n); }),
        showSubResults: true,
        showImages: false,
        excerptLength: 24,
        autofocus: false
      };
      var tr = cfg.translations || {};
      if (Object.keys(tr).length) options.translations = tr;
      try {
        ui = new window.PagefindUI(options);
      } catch (e) {
        unavailable();
        return;
      }
      var field = input();  /* accessible name for the input in the page language */
      if (field && tr.search_label) field.setAttribute("aria-label", tr.search_label);
      var widened = null, whole = false;
      var choices = function () {  /* the facets ticked, and on a council's page its council unless widened */
        var picked = chosen(holder);
        if (scope && !whole) picked[scope.key] = [scope.value];
        return picked;
      };
      var facets = facetsOnDemand(holder, first, proxy, function () { return widened; },
                                  function () { ui.triggerFilters(choices()); });
      if (opened.length > 2) facets.hold(true);
      else recountFacets(holder, first, choices, function () {
        if (!(scope && whole)) ui.triggerFilters(choices());  /* widening counts anew itself */
      });
      if (!scope) return;
      var only = {};
      only[scope.key] = [scope.value];
      ui.triggerFilters(only);
      scopeChoice(holder, function (wide) {
        whole = wide;
        facets.hold(whole && names.length > 2);
        if (!whole) {
          ui.triggerFilters(only);
          return;
        }
        /* Pagefind's module is the box's own (one instance per address): the other shards are
           merged into it once, with their filters only if the reader has asked for the facets
           (a search counts the facets only of shards whose filters are loaded: the box's own did
           so at its start), then the council's filter is lifted, which searches again. */
        widened = widened || import(first + "pagefind.js").then(function (pagefind) {
          return Promise.all(names.filter(function (n) { return opened.indexOf(n) < 0; }).map(function (n) {
            var more = merged(base, n);
            return pagefind.mergeIndex(more.bundlePath, { baseUrl: more.baseUrl });
          })).then(function () { return facets.loaded() ? pagefind.filters() : null; });
        });
        widened.then(function () { if (whole) ui.triggerFilters({}); }, unavailable);  /* not if narrowed meanwhile */
      });
    }

    /* The folder of the box's proxy for Pagefind's module, beside this script. */
    function boxFolder() {
      var script = document.querySelector("script[src*='ashyq-search.js']");
      return new URL("pagefind-box/", script ? script.src : document.baseURI).href;
    }

    /* Facets on demand. Searching more shards than a council's two (the whole of a sharded edition)
       holds the facets: the UI's filter panel is hidden and a button stands in its place, since each
       shard's filters are about 15 KB in 5 requests, a national edition's 310 KB in 100, which a
       query does not need. The button loads the filters of every shard merged (by the UI as it
       starts, or by widening: ``merging()``), then searches again with the same words and choices,
       whose counts are then whole, shows the panel and moves the focus into it. Once loaded, the
       facets are never held again. */
    function facetsOnDemand(holder, first, proxy, merging, again) {
      var all = false, button = null;
      function place() {
        var drawer = holder.querySelector(".pagefind-ui__drawer");
        if (button || !drawer || !cfg.strings.facets) return;
        button = document.createElement("button");
        button.type = "button";
        button.className = "ashyq-search__facets";
        button.textContent = cfg.strings.facets;
        button.addEventListener("click", function () {
          button.disabled = true;
          proxy.then(function (module) {
            return Promise.all([module.started, merging(), import(first + "pagefind.js")]).then(function (got) {
              return got[2].filters();
            }).then(function () {
              all = true;
              module.hold(false);
            });
          }).then(function () {
            holder.removeAttribute("data-ashyq-facets-held");
            whenCounted(holder, true, function () {
              var into = holder.querySelector(".pagefind-ui__filter-name, .pagefind-ui__result-link");
              if (into) into.focus();
            });
            again();
          }, function () { button.disabled = false; });
        });
        var row = document.createElement("div");  /* a row of its own above the results, as the scope's */
        row.className = "ashyq-search__facets-row";
        row.appendChild(button);
        var scope = drawer.querySelector(".ashyq-search__scope");
        drawer.insertBefore(row, scope ? scope.nextSibling : drawer.firstChild);
      }
      return {
        hold: function (on) {
          if (all) return;
          place();
          if (on) holder.setAttribute("data-ashyq-facets-held", "");
          else holder.removeAttribute("data-ashyq-facets-held");
          proxy.then(function (module) { module.hold(on); });
        },
        loaded: function () { return all; }
      };
    }

    /* Pagefind's box starts loading its shards' filters without waiting for them, and a search
       that comes first counts the facets only of the shards whose filters have come: a word pasted
       on the sharded sample's home page counted 2 pages of a year that has 6 (its facets now wait to
       be asked for, and come before the search that counts them; a council's do not). After the first
       search with results, once every filter has come, the same search is counted again, quietly;
       where a facet's count differs, the box searches again, with the same words and choices
       (data-ashyq-facets="counted" marks the box's counts as whole). */
    function recountFacets(holder, first, choices, again) {
      whenCounted(holder, false, function () {
        var field = holder.querySelector(".pagefind-ui__search-input"), picked = choices(), pagefind;
        import(first + "pagefind.js").then(function (module) {
          pagefind = module;
          return pagefind.filters();
        }).then(function () {
          return pagefind.search(field ? field.value : "", { filters: picked });
        }).then(function (found) {
          var done = function () { holder.setAttribute("data-ashyq-facets", "counted"); };
          if (!found || sameCounts(holder, found.filters || {})) return done();
          whenCounted(holder, true, done);
          again();
        }, function () { /* the counts stay as Pagefind gave them */ });
      });
    }

    /* Whether the box shows every facet value ``counts`` ({filter: {value: n}}) has, with its count. */
    function sameCounts(holder, counts) {
      var shown = {}, boxes = holder.querySelectorAll(".pagefind-ui__filter-checkbox");
      for (var i = 0; i < boxes.length; i++) {
        var label = holder.querySelector("label[for='" + CSS.escape(boxes[i].id) + "']");
        var n = label && /\((\d+)\)\s*$/.exec(label.textContent);
        if (!n) return false;
        shown[boxes[i].name + "\u0000" + boxes[i].value] = Number(n[1]);
      }
      for (var name in counts) {
        for (var value in counts[name]) {
          if ((shown[name + "\u0000" + value] || 0) !== counts[name][value]) return false;
        }
      }
      return true;
    }

    /* done() once the box shows a number of results; ``anew``: of a search started from now on. */
    function whenCounted(holder, anew, done) {
      var started = !anew;
      var watch = new MutationObserver(function () {
        var message = holder.querySelector(".pagefind-ui__message");
        if (!message || !countIn(message.textContent)) started = true;  /* searching, or nothing found */
        else if (started) {
          watch.disconnect();
          done();
        }
      });
      watch.observe(holder, { childList: true, subtree: true, characterData: true });
    }

    /* The facets ticked in the box, as Pagefind's triggerFilters takes them: {filter: [values]}. */
    function chosen(holder) {
      var picked = {};
      holder.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (box) {
        (picked[box.name] = picked[box.name] || []).push(box.value);
      });
      return picked;
    }

    /* A shard merged into the first one, its results linked from the site's root. */
    function merged(base, name) {
      return { bundlePath: base + name + "/", baseUrl: sitePath(base) };
    }

    /* Where to search, shown above the results on a council's page: this council (one
       shard, filtered) or the whole edition (every shard merged). */
    function scopeChoice(holder, change) {
      var drawer = holder.querySelector(".pagefind-ui__drawer");
      if (!drawer || !cfg.strings.scope) return;
      var set = document.createElement("fieldset");
      set.className = "ashyq-search__scope";
      var legend = document.createElement("legend");
      legend.textContent = cfg.strings.scope;
      set.appendChild(legend);
      [["council", cfg.strings.scopeCouncil, true], ["portal", cfg.strings.scopePortal, false]].forEach(function (o) {
        var label = document.createElement("label");
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "ashyq-search-scope";
        radio.value = o[0];
        radio.checked = o[2];
        radio.addEventListener("change", function () {
          if (radio.checked) change(o[0] === "portal");
        });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + o[1]));
        set.appendChild(label);
      });
      drawer.insertBefore(set, drawer.firstChild);
    }

    /* pagefind-ui.js is loaded with defer; it has run by DOMContentLoaded. */
    if (typeof window.PagefindUI === "function") mount();
    else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", mount);
    } else {
      var s = document.querySelector("script[data-ashyq-pagefind]");
      if (s) {
        s.addEventListener("load", mount);
        s.addEventListener("error", unavailable);
      }
      window.setTimeout(mount, 1500);
    }
  }

  /* Pagefind has one phrase for "many" results («72 результатов»); the page's language may have more
     plural forms (cfg.results: CLDR category -> phrase). And it writes the count as the browser's
     locale does («72,814» in an English browser), which the page's language writes otherwise
     («72 814»): the count is read whole, whatever its separators, outside the «quoted» search
     words (a Kazakh message puts them first), and written in the page's language. The message is
     rewritten whenever Pagefind sets it. */
  var COUNT = /(«[^»]*»)|\d(?:[\d,.\u00a0\u202f ]*\d)?/g;

  function countIn(text) {
    COUNT.lastIndex = 0;
    for (var m = COUNT.exec(text); m; m = COUNT.exec(text)) if (!m[1]) return m;
    return null;
  }

  /* Digits in threes, by the page language's group separator (cfg.strings.group, CLDR's): a
     browser's own number formats may lack a language (Chromium writes Kazakh «60,769»). */
  function grouped(n) {
    var sep = cfg.strings.group || "\u00a0";
    return String(n).replace(/\B(?=(\d{3})+$)/g, sep);
  }

  function pluralCount(ui) {
    var forms = cfg.results || {};
    var lang = root.lang || cfg.lang;
    if (!ui) return;
    var rules = typeof Intl !== "undefined" && Intl.PluralRules && Object.keys(forms).length
      ? new Intl.PluralRules(lang) : null;
    var fix = function () {
      var msg = ui.querySelector(".pagefind-ui__message");
      var field = ui.querySelector(".pagefind-ui__search-input");
      if (!msg || !field) return;
      var old = msg.textContent;
      var m = countIn(old);
      if (!m) return;
      var n = Number(m[0].replace(/\D/g, ""));
      var count = grouped(n);
      var phrase = rules && (forms[rules.select(n)] || forms.other);
      var words = field.value.trim();  /* as a function: "$&" in a reader's words stays as typed */
      var text = phrase ? phrase.replace("[COUNT]", count).replace("[SEARCH_TERM]", function () { return words; })
                        : old.slice(0, m.index) + count + old.slice(m.index + m[0].length);
      if (old !== text) msg.textContent = text;
    };
    new MutationObserver(fix).observe(ui, { childList: true, subtree: true, characterData: true });
  }

  (shared.onPage || function (fn) { fn(); })(initSearch);  /* this file runs at the end of the body */
})();
