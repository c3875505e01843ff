/*
 * ashyq theme behaviour (loaded through extra_javascript at the end of <body>).
 *  - high-contrast / large-text toggle (persisted in localStorage "ashyq.hc")
 *  - Pagefind UI search box in the header (collapsible below 60em)
 *  - keyboard-operable navigation drawer button
 *  - horizontally scrollable tables reachable by keyboard
 *  - gives back the rel="alternate" links hidden from Material's bundle (ashyq-alternates.js)
 * No dependencies; safe to run more than once per page.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var STORE = "ashyq.hc";
  var SELF = document.currentScript ? document.currentScript.src : "";

  function readConfig() {
    var el = document.getElementById("__ashyq");
    if (!el) return { translations: {}, strings: {} };
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return { translations: {}, strings: {} };
    }
  }
  var cfg = readConfig();
  cfg.strings = cfg.strings || {};

  /* ------------------------------------------------------------------ */
  /* High contrast                                                        */
  /* ------------------------------------------------------------------ */
  function hcState() {
    if (!root.classList.contains("ashyq-hc")) return "off";
    return root.classList.contains("ashyq-hc--dark") ? "dark" : "light";
  }

  function setHc(state) {
    root.classList.toggle("ashyq-hc", state !== "off");
    root.classList.toggle("ashyq-hc--dark", state === "dark");
    try {
      if (state === "off") localStorage.removeItem(STORE);
      else localStorage.setItem(STORE, state);
    } catch (e) { /* storage disabled: mode lasts for this page only */ }
    syncHcButtons();
  }

  function syncHcButtons() {
    var state = hcState();
    each("[data-ashyq-hc]", function (b) {
      b.setAttribute("aria-pressed", state === "off" ? "false" : "true");
    });
    each("[data-ashyq-hc-dark]", function (b) {
      b.setAttribute("aria-pressed", state === "dark" ? "true" : "false");
    });
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function initHc() {
    each("[data-ashyq-hc]", function (b) {
      if (b.dataset.ashyqBound) return;
      b.dataset.ashyqBound = "1";
      b.addEventListener("click", function () {
        setHc(hcState() === "off" ? "light" : "off");
      });
    });
    each("[data-ashyq-hc-dark]", function (b) {
      if (b.dataset.ashyqBound) return;
      b.dataset.ashyqBound = "1";
      b.addEventListener("click", function () {
        setHc(hcState() === "dark" ? "light" : "dark");
      });
    });
    syncHcButtons();
  }

  /* Keep several open tabs in step. */
  window.addEventListener("storage", function (ev) {
    if (ev.key !== STORE) return;
    var v = ev.newValue;
    root.classList.toggle("ashyq-hc", v === "light" || v === "dark");
    root.classList.toggle("ashyq-hc--dark", v === "dark");
    syncHcButtons();
  });

  /* ------------------------------------------------------------------ */
  /* Navigation drawer button (Material uses a <label> for a checkbox)    */
  /* ------------------------------------------------------------------ */
  function initDrawer() {
    var toggle = document.getElementById("__drawer");
    var btn = document.querySelector(".ashyq-drawer-button");
    if (!toggle || !btn || btn.dataset.ashyqBound) return;
    btn.dataset.ashyqBound = "1";
    var sync = function () {
      btn.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    var setOpen = function (open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
    };
    btn.addEventListener("click", function () {
      setOpen(!toggle.checked);
      if (toggle.checked) {
        /* Move focus into the drawer once it is visible. */
        /* preventScroll: focusing during the slide-in would otherwise
           scroll the off-canvas container sideways. */
        window.setTimeout(function () {
          var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
          if (first) first.focus({ preventScroll: true });
        }, 300);
      }
    });
    toggle.addEventListener("change", sync);
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && toggle.checked) {
        setOpen(false);
        if (isVisible(btn)) btn.focus();
      }
    });
    sync();
  }

  /* ------------------------------------------------------------------ */
  /* Pagefind search                                                      */
  /* ------------------------------------------------------------------ */
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
      shards(function (base, names, scope) { create(base, names, scope, false, ""); });
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
       every shard's page list and filters (about 1.3 MB); a council's, about 200 KB. */
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

    var ui = null;

    function create(base, names, scope, whole, term) {
      var holder = document.querySelector("#ashyq-search-ui");
      /* A council's search opens the edition's first shard too (a few dozen portal-wide pages,
         which the council's filter leaves out): Pagefind's script and WebAssembly come from the
         first bundle, one address for every page of the edition, cached once. */
      var bundles = !scope || whole ? names : scope.shard === names[0] ? [names[0]] : [names[0], scope.shard];
      var options = {
        element: "#ashyq-search-ui",
        bundlePath: base + bundles[0] + "/",
        mergeIndex: bundles.slice(1).map(function (n) {
          return { bundlePath: base + n + "/", baseUrl: sitePath(base) };
        }),
        showSubResults: true,
        showImages: false,
        excerptLength: 24,
        autofocus: false
      };
      var tr = cfg.translations || {};
      if (Object.keys(tr).length) options.translations = tr;
      if (ui) {
        try { ui.destroy(); } catch (e) { /* already gone */ }
        holder.textContent = "";
      }
      try {
        ui = new window.PagefindUI(options);
      } catch (e) {
        unavailable();
        return;
      }
      if (scope && !whole) {
        var only = {};
        only[scope.key] = [scope.value];
        ui.triggerFilters(only);
      }
      if (scope) scopeChoice(holder, whole, function (wide) {
        var field = input();
        create(base, names, scope, wide, field ? field.value : "");
      });
      if (term) ui.triggerSearch(term);
      /* Accessible name for the input in the page language. */
      var field = input();
      if (field && tr.search_label) field.setAttribute("aria-label", tr.search_label);
    }

    /* Where to search, shown above the results on a council's page: this council (one
       shard, filtered) or the whole edition (every shard merged). */
    function scopeChoice(holder, whole, change) {
      var drawer = holder.querySelector(".pagefind-ui__drawer");
      if (!drawer || !cfg.strings.scope) return;
      var set = document.createElement("fieldset");
      set.className = "ashyq-search__scope";
      var legend = document.createElement("legend");
      legend.textContent = cfg.strings.scope;
      set.appendChild(legend);
      [["council", cfg.strings.scopeCouncil, !whole], ["portal", cfg.strings.scopePortal, whole]].forEach(function (o) {
        var label = document.createElement("label");
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "ashyq-search-scope";
        radio.value = o[0];
        radio.checked = o[2];
        radio.addEventListener("change", function () {
          if (!radio.checked) return;
          change(o[0] === "portal");
          keepFocus(holder, 40);
        });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + o[1]));
        set.appendChild(label);
      });
      drawer.insertBefore(set, drawer.firstChild);
    }

    /* The new box shows its drawer (and the choice in it) once its results come: focus
       the chosen scope then, where the reader left it. */
    function keepFocus(holder, tries) {
      var now = holder.querySelector(".ashyq-search__scope input:checked");
      if (now && now.offsetParent !== null) now.focus();
      else if (tries > 0) window.setTimeout(function () { keepFocus(holder, tries - 1); }, 50);
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

  function isVisible(el) {
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }

  /* ------------------------------------------------------------------ */
  /* Tables: make horizontally scrolling wrappers keyboard reachable      */
  /* ------------------------------------------------------------------ */
  function initTables() {
    each(".md-typeset__scrollwrap, .ashyq-scroll", function (wrap) {
      if (wrap.dataset.ashyqBound) return;
      wrap.dataset.ashyqBound = "1";
      var update = function () {
        var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
        if (scrolls) {
          wrap.setAttribute("tabindex", "0");
          wrap.setAttribute("role", "region");
          if (cfg.strings.table) wrap.setAttribute("aria-label", cfg.strings.table);
        } else {
          wrap.removeAttribute("tabindex");
          wrap.removeAttribute("role");
          wrap.removeAttribute("aria-label");
        }
      };
      update();
      if (window.ResizeObserver) new ResizeObserver(update).observe(wrap);
    });
  }

  /* ------------------------------------------------------------------ */
  /* List filters: their script and style load only on pages with a form  */
  /* (templates/pages/_filters.md.j2; ashyq-filter.js)                    */
  /* ------------------------------------------------------------------ */
  function initFilters() {
    if (!SELF || !document.querySelector("form[data-ashyq-filter]")) return;
    if (document.querySelector("script[data-ashyq-filter-js]")) return;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = SELF.replace(/javascripts\/ashyq\.js(\?.*)?$/, "stylesheets/ashyq-filter.css");
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = SELF.replace(/ashyq\.js(\?.*)?$/, "ashyq-filter.js");
    js.setAttribute("data-ashyq-filter-js", "");
    document.head.appendChild(js);
  }

  function init() {
    initHc();
    initDrawer();
    initSearch();
    initTables();
    initFilters();
  }

  /* Material's instant navigation (if ever enabled) swaps the page body. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  /* Give back the <link rel="alternate"> that ashyq-alternates.js hid from Material's bundle: this file
     runs after the bundle, so this listener runs after the bundle's own at DOMContentLoaded. */
  function restoreAlternates() {
    each("link[data-ashyq-rel]", function (l) {
      l.setAttribute("rel", l.getAttribute("data-ashyq-rel"));
      l.removeAttribute("data-ashyq-rel");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restoreAlternates);
  } else {
    restoreAlternates();
  }
})();
