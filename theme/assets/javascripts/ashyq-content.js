/*
 * ashyq theme: Material 9.8.1's two inline scripts after the content (partials/javascripts/content.html),
 * as a file so that the Content-Security-Policy can forbid inline scripts.
 */
(function () {
  var tabs = __md_get("__tabs");
  if (document.currentScript.hasAttribute("data-tabs-link") && Array.isArray(tabs)) {
    e: for (var set of document.querySelectorAll(".tabbed-set")) {
      var labels = set.querySelector(".tabbed-labels");
      for (var tab of tabs) for (var label of labels.getElementsByTagName("label")) if (label.innerText.trim() === tab) {
        var input = document.getElementById(label.htmlFor);
        input.checked = !0;
        continue e;
      }
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
})();
