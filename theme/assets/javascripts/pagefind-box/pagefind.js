/*
 * Pagefind's module as ashyq's search box hands it to Pagefind's UI (assets/javascripts/ashyq-search.js):
 * the UI imports "pagefind.js" from the folder it is given, this one. Every call goes to the edition's own
 * module, once the box has said which (configure), but the facets can be held: Pagefind's UI asks for every
 * merged shard's filters as it starts, and a search of a whole national edition would download them all
 * (about 310 KB in 100 requests at 100,000 pages) before the reader has asked to filter anything. Held, the
 * UI's ask answers "no facets"; the box loads them when the reader asks for them.
 */
let wanted = null, ready = null, module = null, held = false, begun = null;
const configured = new Promise((resolve) => { ready = resolve; });
/* Resolved when the UI has asked for the facets: it does once its shards are merged, as its start ends. */
export const started = new Promise((resolve) => { begun = resolve; });

/* The edition's first shard (its folder's URL), and whether its facets start held. */
export function configure(bundle, hold) {
  held = Boolean(hold);
  if (wanted === null) {
    wanted = bundle + "pagefind.js";
    ready();
  }
}

export function hold(on) {
  held = Boolean(on);
}

/* Pagefind's own module: one per address, the same the box imports to merge shards. */
async function real() {
  await configured;
  return module || (module = import(wanted));
}

export const options = async (opts) => (await real()).options(opts);
export const init = async () => (await real()).init();
export const destroy = async () => (await real()).destroy();
export const mergeIndex = async (path, opts) => (await real()).mergeIndex(path, opts);
export const search = async (term, opts) => (await real()).search(term, opts);
export const debouncedSearch = async (term, opts, ms) => (await real()).debouncedSearch(term, opts, ms);
export const preload = async (term, opts) => (await real()).preload(term, opts);
export const filters = async () => {
  begun();
  return held ? {} : (await real()).filters();
};
