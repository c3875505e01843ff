/*
 * ashyq theme: hides <link rel="alternate"> from Material's bundle while it initialises (loaded right
 * before the bundle; ashyq.js restores them at DOMContentLoaded). See main.html, block "scripts".
 */
document.querySelectorAll('link[rel="alternate"]').forEach(function (l) {
  l.setAttribute("data-ashyq-rel", l.getAttribute("rel"));
  l.setAttribute("rel", "ashyq-deferred");
});
