/* The editor's set-up, after decap-cms.js: languages, the bilingual body, clean saves, allowed files.
   An external file, not an inline script: the page's Content-Security-Policy allows only 'self'. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var LANGS = ["kk", "ru"];

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  }

  function merge(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra || {}).forEach(function (k) {
      var v = extra[k];
      out[k] = v && typeof v === "object" && !Array.isArray(v) ? merge(out[k], v) : v;
    });
    return out;
  }

  // Decap has no Kazakh; its Russian lacks a few newer strings.
  CMS.registerLocale("kk", merge(CMS.getLocale("en"), window.ASHYQ_LOCALE_KK));
  CMS.registerLocale("ru", merge(merge(CMS.getLocale("en"), CMS.getLocale("ru")), window.ASHYQ_LOCALE_RU_EXTRA));

  // The Markdown body holds both languages under <!-- lang: kk --> / <!-- lang: ru --> lines
  // (the format the checker reads); the form shows one text box per language.
  var MARK = /^<!--\s*lang:\s*([a-z]{2})\s*-->[ \t]*$/gm;

  function split(body) {
    var parts = { kk: "", ru: "" };
    var marks = [];
    var m;
    MARK.lastIndex = 0;
    while ((m = MARK.exec(body || "")) !== null) {
      marks.push({ lang: m[1], start: m.index, end: m.index + m[0].length });
    }
    marks.forEach(function (mark, i) {
      var stop = i + 1 < marks.length ? marks[i + 1].start : body.length;
      var text = body.slice(mark.end, stop).replace(/^\n/, "");
      parts[mark.lang] = i + 1 < marks.length ? text.replace(/\n\n$/, "").replace(/\n$/, "") : text.replace(/\n$/, "");
    });
    if (!marks.length && (body || "").trim()) {
      parts.kk = body;  // a body without marks: shown in the first box, saved with its mark
    }
    return parts;
  }

  function join(parts) {
    if (!LANGS.some(function (l) { return (parts[l] || "").trim(); })) {
      return "";
    }
    return LANGS.map(function (l) { return "<!-- lang: " + l + " -->\n" + (parts[l] || ""); }).join("\n\n") + "\n";
  }

  var BodyControl = window.createClass({
    change: function (lang, event) {
      var parts = split(this.props.value || "");
      parts[lang] = event.target.value;
      this.props.onChange(join(parts));
    },
    render: function () {
      var self = this;
      var field = this.props.field;
      var parts = split(this.props.value || "");
      return window.h("div", { className: this.props.classNameWrapper, id: this.props.forID },
        LANGS.map(function (lang) {
          var id = self.props.forID + "-" + lang;
          return window.h("div", { key: lang, className: "ashyq-body-part" },
            window.h("label", { htmlFor: id, style: { display: "block", fontWeight: 600, margin: "8px 0 4px" } },
              field.get("label_" + lang) || lang),
            window.h("textarea", {
              id: id, lang: lang, name: "body-" + lang, rows: 14, value: parts[lang],
              onChange: self.change.bind(self, lang),
              style: { width: "100%", boxSizing: "border-box", fontFamily: "inherit", fontSize: "15px", padding: "8px" }
            }));
        }));
    }
  });
  CMS.registerWidget("ashyq-body", BodyControl);

  // Decap keeps a field a secretary cleared as "" (or an empty list); the checker reads "" as a
  // value (an empty time, an empty id). Empty values are dropped before the file is written.
  function isImmutable(v) { return v && typeof v.toJS === "function" && typeof v.filter === "function"; }
  function empty(v) {
    return v === "" || v === null || v === undefined || (isImmutable(v) && v.size === 0);
  }
  function prune(v) {
    if (isImmutable(v)) {
      return v.map(prune).filter(function (x) { return !empty(x); });
    }
    if (typeof v === "string" && !v.trim()) {
      return "";
    }
    return v;
  }
  CMS.registerEventListener({ name: "preSave", handler: function (args) { return prune(args.entry.get("data")); } });

  // Only the portal's allowed attachment types (site_config.yml: attachments.allowed) are uploaded.
  var allowed = meta("ashyq-attachments").split(/\s+/).filter(Boolean);
  var refused = meta("ashyq-file-refused");
  function extension(name) {
    var dot = name.lastIndexOf(".");
    return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "file" || !input.files) {
      return;
    }
    var bad = Array.prototype.filter.call(input.files, function (f) { return allowed.indexOf(extension(f.name)) < 0; });
    if (bad.length) {
      event.stopImmediatePropagation();
      input.value = "";
      window.alert(refused);
    }
  }, true);
  new MutationObserver(function () {
    Array.prototype.forEach.call(document.querySelectorAll('input[type="file"]:not([data-ashyq])'), function (input) {
      input.setAttribute("accept", allowed.map(function (e) { return "." + e; }).join(","));
      input.setAttribute("data-ashyq", "");
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // config.yml holds every collection once, for a placeholder council (ashyq/scaffold/cms.py): it is
  // filled in for the council named in the address (?council=<slug>), so Decap loads that council's
  // collections only, however many councils the portal has. expand() is cms.py's expand(), line for line.
  function expand(config, slug) {
    var marks = config.ashyq;
    var names = {};
    marks.councils.forEach(function (c) { names[c[0]] = c[1]; });
    var every = marks.councils.map(function (c) { return c[0]; });
    function fill(value) {
      if (typeof value === "string") {
        return value.split(marks.council).join(slug).split(marks.name).join(names[slug]);
      }
      if (Array.isArray(value)) {
        var out = [];
        value.forEach(function (item) {
          if (item === marks.every) { out.push.apply(out, every); } else { out.push(fill(item)); }
        });
        return out;
      }
      if (value && typeof value === "object") {
        var obj = {};
        Object.keys(value).forEach(function (k) { obj[k] = fill(value[k]); });
        return obj;
      }
      return value;
    }
    var rest = {};
    Object.keys(config).forEach(function (k) { if (k !== "ashyq") { rest[k] = config[k]; } });
    var done = fill(rest);
    done.load_config_file = false;
    return done;
  }

  function failed() {
    var p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.textContent = meta("ashyq-config-failed");
    document.body.insertBefore(p, document.body.firstChild);
  }

  var slug = new URLSearchParams(window.location.search).get("council") || "";
  fetch(meta("ashyq-config"), { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) { throw new Error(response.status + " " + response.url); }
    return response.text();
  }).then(function (text) {
    var config = JSON.parse(text.replace(/^(#[^\n]*\n)+/, ""));  // JSON after the generated-file comment
    var councils = config.ashyq.councils;
    if (!slug && councils.length === 1) {
      slug = councils[0][0];  // a portal of one council needs no choice
    }
    var chosen = councils.filter(function (c) { return c[0] === slug; })[0];
    if (!chosen) {
      window.location.replace(meta("ashyq-councils"));  // no council, or an unknown one: the list
      return;
    }
    document.title = chosen[1] + " · " + document.title;
    // The corner's other-language link opens the same council at the same place.
    var lang = document.querySelector("a.ashyq-admin-lang");
    if (lang) {
      var base = lang.getAttribute("href");
      lang.addEventListener("click", function () {
        lang.setAttribute("href", base + "?council=" + encodeURIComponent(slug) + window.location.hash);
      });
    }
    window.ashyqEditorConfig = expand(config, slug);
    CMS.init({ config: window.ashyqEditorConfig });
  }).catch(function (error) {
    window.console.error(error);
    failed();
  });
}());
