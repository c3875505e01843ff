/*
 * ashyq theme behaviour (loaded through extra_javascript at the end of <body>).
 *  - high-contrast / large-text toggle (persisted in localStorage "ashyq.hc")
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
  /* What ashyq-search.js, loaded after this file, shares. */
  window.ashyq = { cfg: cfg, isVisible: isVisible, onPage: onPage };

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
    initTables();
    initFilters();
  }

  /* fn once the page is read, and again each time Material's instant navigation (if ever enabled) swaps
     the page body. */
  function onPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { fn(); });
    }
    whenRead(fn);
  }

  function whenRead(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  onPage(init);

  /* Give back the <link rel="alternate"> that ashyq-alternates.js hid from Material's bundle: this file
     runs after the bundle, so this listener runs after the bundle's own at DOMContentLoaded. */
  function restoreAlternates() {
    each("link[data-ashyq-rel]", function (l) {
      l.setAttribute("rel", l.getAttribute("data-ashyq-rel"));
      l.removeAttribute("data-ashyq-rel");
    });
  }
  whenRead(restoreAlternates);
})();
