/*
 * ashyq theme: runs in <head>, before first paint (loaded by partials/javascripts/base.html).
 * A file, not an inline script, so that the Content-Security-Policy can forbid inline scripts.
 *  - Material's helpers (__md_scope, __md_hash, __md_get, __md_set), as Material 9.8.1 defines them
 *    inline; the scope is the language site's root, known from this file's own URL.
 *  - the high-contrast / large-text mode, applied before first paint.
 */
var __md_scope = new URL("../../", document.currentScript.src),
  __md_hash = function (e) { return [...e].reduce(function (e, _) { return (e << 5) - e + _.charCodeAt(0); }, 0); },
  __md_get = function (e, _, t) {
    _ = _ || localStorage; t = t || __md_scope;
    return JSON.parse(_.getItem(t.pathname + "." + e));
  },
  __md_set = function (e, _, t, a) {
    t = t || localStorage; a = a || __md_scope;
    try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) { /* storage disabled */ }
  };
(function () {
  var d = document.documentElement;
  d.classList.remove("no-js");
  d.classList.add("js");
  try {
    var v = localStorage.getItem("ashyq.hc");
    if (v === "light" || v === "dark") {
      d.classList.add("ashyq-hc");
      if (v === "dark") d.classList.add("ashyq-hc--dark");
    }
  } catch (e) { /* storage disabled: default colours */ }
})();
