/* Loaded before Decap: ashyq-admin.js registers the Kazakh locale and our widget, then starts Decap with
   the chosen council's configuration. */
window.CMS_MANUAL_INIT = true;
