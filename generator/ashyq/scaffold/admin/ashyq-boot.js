/* Loaded before Decap: ashyq-admin.js registers the Kazakh locale and our widget, then starts Decap. */
window.CMS_MANUAL_INIT = true;
