// The Bridges library: full-text search and facets over the Pagefind index of the page's
// language, and matches from the other languages' indexes when a search finds little.
//
// - Nothing of Pagefind is fetched before the reader touches the search box or the filters:
//   until then the page shows its latest items (the page's Markdown), which is also all a
//   reader without JavaScript gets.
// - The state (query, filters, sort) lives in the URL: a search can be shared, and the back
//   button works.
// - Results take the place of the latest items inside a box of reserved height (library.css),
//   so that nothing on screen moves when they arrive.
// - A first search reads the index of the newest items only (config.recent per language, see
//   bridges/outputs/search.py), so that what it downloads does not grow with the library. The
//   index of the older items is merged in when the reader asks for more results, opens the
//   filters or sorts oldest first. When the newest items hold less than a page of results (a
//   rare word), the library shows them and offers "Search the N older items too": the status
//   says which items a count is over, and a first search stays the same size for any word.
// - Matches from the other languages are looked for once the search covers every item of the
//   page's language (at once in a library of fewer than config.recent items).
// - An address with a search (/library/?q=...) starts it after the page's first paint: the page
//   shows its intro and latest items first, then the results take their place.
const PAGE_SIZE = 10;
const FEW = 3; // fewer results than this: look in the other languages too
const OTHERS_PER_LANGUAGE = 5;

const configElement = document.getElementById("bridges-library-config");
if (configElement) start(JSON.parse(configElement.textContent));

function start(config) {
  const words = config.words;
  const lang = document.documentElement.lang;
  const number = (value) => value.toLocaleString(lang);
  const $ = (id) => document.getElementById(id);
  const form = $("library-form");
  const input = $("library-q");
  const sort = $("library-sort");
  const toggle = $("library-filters-toggle");
  const toggleCount = $("library-filters-count");
  const panel = $("library-filters");
  const facetsBox = $("library-facets");
  const status = $("library-status");
  const clear = $("library-clear");
  const list = $("library-results");
  const more = $("library-more");
  const older = $("library-older");
  const others = $("library-others");
  const othersList = $("library-others-results");
  const latest = document.querySelector(".bridges-library-static");

  const pagefindUrl = new URL(config.pagefind, document.baseURI);
  // Result URLs are root-relative: Pagefind must know where the site lives (e.g. /bridges/).
  const baseUrl = pagefindUrl.pathname.replace(/pagefind\/pagefind\.js$/, "");
  const instances = new Map(); // language -> Promise of a Pagefind module
  const wholes = new Map(); // language -> Promise of the same module with the older items merged in
  const olderUrl = config.older ? new URL(config.older, document.baseURI).pathname : null;
  let whole = !olderUrl; // the page's language: are the older items in its index yet?
  let worker = false; // Pagefind in its web worker: see the end of start()
  if (olderUrl) older.textContent = words.older.replace("{count}", number(config.items - config.recent));

  // One Pagefind per language. A module imported under another URL is a separate instance;
  // Pagefind picks its index from <html lang> when it starts, so that is set for the instant
  // init() reads it (nothing renders in between).
  function pagefind(language = lang) {
    if (!instances.has(language)) {
      instances.set(language, (async () => {
        const url = language === lang ? pagefindUrl.href : `${pagefindUrl.href}?language=${language}`;
        const module = await import(url);
        // part: which index a page is in, so that a sort by date can put one before the other.
        await module.options({ baseUrl, excerptLength: 24, noWorker: !worker, mergeFilter: { part: "recent" } });
        const root = document.documentElement;
        const own = root.getAttribute("lang");
        root.setAttribute("lang", language);
        const started = module.init();
        root.setAttribute("lang", own);
        await started;
        return module;
      })());
    }
    return instances.get(language);
  }

  // The module of `language` searching all items: the older items' index merged into it (its
  // script and WebAssembly are those already loaded). Does nothing when there are no older items.
  function everything(language = lang) {
    if (!olderUrl) return pagefind(language);
    if (!wholes.has(language)) {
      wholes.set(language, (async () => {
        const engine = await pagefind(language);
        // Pagefind would merge another language's index when this one has no older items.
        const response = await fetch(`${olderUrl}pagefind-entry.json`);
        const entry = response.ok ? await response.json() : {};
        if (entry.languages && entry.languages[language]) {
          await engine.mergeIndex(olderUrl, { language, baseUrl, excerptLength: 24, mergeFilter: { part: "older" } });
        }
        if (language === lang) whole = true;
        return engine;
      })());
    }
    return wholes.get(language);
  }

  // The results of a search, in order, and the counts of its filter values. Sorted by date over
  // both indexes: the newest items are all newer than the older ones, so one list follows the
  // other (Pagefind's merge would order them by their rank in their own index).
  async function find(engine, state, options) {
    const search = await engine.search(state.q || null, options);
    if (!search || !whole || !options.sort) return search && { results: search.results, filters: search.filters };
    const parts = state.sort === "oldest" ? ["older", "recent"] : ["recent", "older"];
    const results = [];
    for (const part of parts) {
      const one = await engine.search(state.q || null, { ...options, filters: { ...options.filters, part } });
      if (!one) return null;
      results.push(...one.results);
    }
    return { results, filters: search.filters };
  }

  let facetsLoaded = null; // Promise: the filter index, loaded when the filters are first opened
  let results = [];
  let shown = 0;
  let generation = 0;
  let lastCounts = null;
  let searched = null; // the state of the results shown

  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [name] of config.facets) {
      const values = params.getAll(name);
      if (values.length) filters[name] = values;
    }
    return { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", filters };
  }

  function currentState() {
    const state = readState(); // filters not drawn yet (panel never opened) stay as they are
    if (facetsBox.childElementCount) {
      state.filters = {};
      for (const box of facetsBox.querySelectorAll("input[type=checkbox]:checked")) {
        (state.filters[box.name] ||= []).push(box.value);
      }
    }
    return { ...state, q: input.value.trim(), sort: sort.value };
  }

  function writeState(state, push) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort) params.set("sort", state.sort);
    for (const [name, values] of Object.entries(state.filters)) {
      for (const value of values) params.append(name, value);
    }
    const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
    if (url !== `${location.pathname}${location.search}`) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  const activeFilters = (state) => Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);

  function showFilterCount(state) {
    const count = activeFilters(state);
    toggleCount.textContent = count ? `(${number(count)})` : "";
    clear.hidden = count === 0;
  }

  // The latest items (no search) or the results: one or the other, in the same place.
  function showLatest() {
    list.hidden = more.hidden = older.hidden = others.hidden = true;
    list.replaceChildren();
    othersList.replaceChildren();
    if (latest) latest.hidden = false;
    status.textContent = status.dataset.total;
  }

  function showResults() {
    if (latest) latest.hidden = true;
    list.hidden = false;
  }

  async function run(state) {
    const mine = ++generation;
    showFilterCount(state);
    const searching = state.q || activeFilters(state);
    if (!searching) {
      showLatest();
      if (facetsLoaded) renderFacets(await totalCounts(), state.filters);
      return;
    }
    list.dataset.busy = "true";
    status.textContent = words.searching;
    searched = state;
    // Counts of filter values and the oldest items are over the whole library.
    const engine = await (facetsLoaded || activeFilters(state) || state.sort === "oldest" ? everything() : pagefind());
    const options = { filters: {} };
    for (const [name, values] of Object.entries(state.filters)) options.filters[name] = { any: values };
    if (state.sort === "newest") options.sort = { date: "desc" };
    if (state.sort === "oldest") options.sort = { date: "asc" };
    const search = await find(engine, state, options);
    if (mine !== generation || !search) return; // a newer search has started
    results = search.results;
    if (facetsLoaded) {
      await facetsLoaded;
      // Counts of a facet that has a selection ignore that selection, so that its other values
      // show how many results choosing them too would add (values of one facet combine with "or").
      const counts = { ...search.filters };
      for (const name of Object.keys(state.filters)) {
        const others = { ...options, filters: { ...options.filters } };
        delete others.filters[name];
        const wider = await engine.search(state.q || null, others); // counts only: no sort needed
        if (mine !== generation || !wider) return;
        counts[name] = wider.filters[name];
      }
      renderFacets(counts, state.filters);
    }
    showResults();
    list.replaceChildren();
    shown = 0;
    showCount();
    await showMore(mine);
    if (mine !== generation) return;
    await lookElsewhere(state, mine);
    if (mine === generation) delete list.dataset.busy;
  }

  function showCount() {
    if (!results.length) status.textContent = whole ? words.no_results : words.no_results_recent.replace("{recent}", number(config.recent));
    else if (results.length === 1) status.textContent = whole ? words.result_one : words.result_one_recent.replace("{recent}", number(config.recent));
    else if (whole) status.textContent = words.results.replace("{count}", number(results.length));
    else status.textContent = words.results_recent.replace("{count}", number(results.length)).replace("{recent}", number(config.recent));
  }

  async function showMore(mine) {
    const page = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(page.map((result) => result.data()));
    if (mine !== generation) return;
    for (const item of data) list.append(renderResult(item));
    shown += page.length;
    // More of these results; or, all of the newest items' shown (a rare word), the older items.
    more.hidden = shown >= results.length;
    older.hidden = whole || !more.hidden;
  }

  // "More results" after a search of the newest items: the same search over all items. The
  // results shown stay where they are; the next ones are the best of all the others.
  async function widen(mine) {
    const options = { filters: {} }; // none: a search with filters reads both indexes from the start
    if (searched.sort === "newest") options.sort = { date: "desc" };
    const search = await find(await everything(), searched, options);
    if (mine !== generation || !search) return;
    const seen = new Set(results.slice(0, shown).map((result) => result.id));
    results = results.slice(0, shown).concat(search.results.filter((result) => !seen.has(result.id)));
    showCount();
  }

  async function moreResults() {
    const mine = generation;
    list.dataset.busy = "true";
    if (!whole) await widen(mine);
    if (mine !== generation) return;
    await showMore(mine);
    if (mine === generation) delete list.dataset.busy;
  }

  // "Search the N older items too", offered when the newest items hold a page of results or
  // fewer: the results shown stay, the older items' follow them (the best first), then, if there
  // are still few, those of the other languages. Focus goes to the first result it adds.
  async function searchOlder() {
    const mine = generation;
    const before = shown;
    list.dataset.busy = "true";
    status.textContent = words.searching;
    await widen(mine);
    if (mine !== generation) return;
    await showMore(mine);
    if (mine !== generation) return;
    await lookElsewhere(searched, mine);
    if (mine !== generation) return;
    delete list.dataset.busy;
    const added = list.children[before] || (others.hidden ? null : othersList.firstElementChild);
    (added ? added.querySelector("a") : input).focus();
  }

  // Few results for words (not for filters, whose values are named in the page's language):
  // the same words in the indexes of the languages the items are written in. Only once the
  // search covers all the items of the page's language: before, the reader is offered those.
  async function lookElsewhere(state, mine) {
    othersList.replaceChildren();
    others.hidden = true;
    if (!whole || !state.q || activeFilters(state) || results.length >= FEW || !config.languages.length) return;
    const seen = new Set((await Promise.all(results.map((result) => result.data()))).map((item) => item.meta.item));
    const found = await Promise.all(config.languages.map(async ([code, name, dir]) => {
      const search = await (await everything(code)).search(state.q);
      const data = await Promise.all((search?.results || []).slice(0, OTHERS_PER_LANGUAGE * 2).map((result) => result.data()));
      return data.map((item) => [item, { code, name, dir }]);
    }));
    if (mine !== generation) return;
    for (const matches of found) {
      for (const [item, language] of matches.filter(([item]) => !seen.has(item.meta.item)).slice(0, OTHERS_PER_LANGUAGE)) {
        seen.add(item.meta.item);
        othersList.append(renderResult(item, language));
      }
    }
    others.hidden = othersList.childElementCount === 0;
  }

  function renderResult(item, language) {
    const li = document.createElement("li");
    li.className = "bridges-library__result";
    // Under the page's title, or under the heading of the other languages' matches.
    const heading = document.createElement(language ? "h3" : "h2");
    heading.className = "bridges-library__title";
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    heading.append(link);
    const excerpt = document.createElement("p");
    excerpt.className = "bridges-library__excerpt";
    excerpt.innerHTML = item.excerpt; // Pagefind escapes the text; only <mark> is added
    // A result from another language's index, or a page shown in its original: the title and
    // excerpt are in that language, marked so for screen readers and the direction of the text.
    const textLang = language ? language.code : item.meta.fallback_lang;
    if (textLang) {
      for (const element of [heading, excerpt]) {
        element.lang = textLang;
        element.dir = language ? language.dir : "auto";
      }
    }
    if (language) link.hreflang = language.code;
    const details = document.createElement("p");
    details.className = "bridges-library__details";
    const shownIn = language ? language.name : item.meta.fallback;
    details.textContent = [item.meta.kind, shownIn && words.in_language.replace("{language}", shownIn)]
      .filter(Boolean).join(" · ");
    if (shownIn) li.classList.add("bridges-library__result--other-language");
    li.append(heading, details, excerpt);
    return li;
  }

  async function totalCounts() {
    if (!lastCounts) lastCounts = await facetsLoaded;
    return lastCounts;
  }

  function renderFacets(counts, selected) {
    const focused = document.activeElement && facetsBox.contains(document.activeElement) ? document.activeElement.id : null;
    facetsBox.replaceChildren();
    for (const [name, label] of config.facets) {
      const chosen = selected[name] || [];
      // Values with no result are left out, unless chosen (so that they can be unchosen).
      const values = Object.entries(counts[name] || {}).filter(([value, count]) => count > 0 || chosen.includes(value));
      for (const value of chosen) if (!values.some(([known]) => known === value)) values.push([value, 0]);
      if (!values.length) continue;
      const fieldset = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = label;
      fieldset.append(legend);
      values.sort((a, b) => (name === "year" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], lang)));
      for (const [value, count] of values) {
        const id = `facet-${name}-${value}`.replace(/[^\w-]/g, "_");
        const row = document.createElement("label");
        row.className = "bridges-library__value";
        row.htmlFor = id;
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.id = id;
        box.checked = chosen.includes(value);
        const text = document.createElement("span");
        text.textContent = value;
        const amount = document.createElement("span");
        amount.className = "bridges-library__count";
        amount.textContent = number(count);
        row.append(box, text, amount);
        fieldset.append(row);
      }
      facetsBox.append(fieldset);
    }
    if (focused) document.getElementById(focused)?.focus();
  }

  function loadFacets() {
    if (!facetsLoaded) {
      facetsLoaded = everything().then((engine) => engine.filters());
    }
    return facetsLoaded;
  }

  function apply(push) {
    const state = currentState();
    writeState(state, push);
    run(state).catch(failed);
  }

  function restore() {
    const state = readState();
    input.value = state.q;
    sort.value = state.sort;
    run(state).catch(failed);
  }

  function failed(error) {
    // Leave the latest items in place: the page stays usable without search.
    console.warn("Library search unavailable:", error);
    showLatest();
  }

  // The first touch of the search box starts Pagefind, so that the first search is quick.
  const warmUp = () => pagefind().catch(failed);
  input.addEventListener("focus", warmUp, { once: true });
  input.addEventListener("pointerdown", warmUp, { once: true });

  let typing;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => apply(false), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    apply(true);
  });
  sort.addEventListener("change", () => apply(true));
  facetsBox.addEventListener("change", () => apply(true));
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open && !facetsLoaded) {
      loadFacets().then(() => run(readState())).catch(failed);
    }
  });
  clear.addEventListener("click", () => {
    for (const box of facetsBox.querySelectorAll("input:checked")) box.checked = false;
    const state = { ...currentState(), filters: {} };
    writeState(state, true);
    run(state).catch(failed);
    input.focus();
  });
  more.addEventListener("click", () => moreResults().catch(failed));
  older.addEventListener("click", () => searchOlder().catch(failed));
  window.addEventListener("popstate", restore);

  // A search in the address starts after the first paint: Pagefind's WebAssembly and the search
  // would otherwise hold back the page's first and largest paint (Lighthouse timed 3 s on a
  // phone). The latest items stay in place until the results replace them, in a box of the same
  // reserved height (library.css). That search runs in Pagefind's web worker: while the page
  // loads, its main thread has the page to lay out and the reader's first taps to answer, and
  // compiling the WebAssembly and searching there blocked it for 0.9 to 1.9 s on Lighthouse's
  // phone (0.1 to 0.5 s with the worker). A search the reader types runs on the main thread: the
  // worker is a second copy of Pagefind's search code (12 KB gzip), and a first typed search
  // stays within 150 KB (bench/library.py).
  const initial = readState();
  input.value = initial.q;
  sort.value = initial.sort;
  showFilterCount(initial);
  if (initial.q || activeFilters(initial)) {
    worker = true;
    afterFirstPaint(restore);
  }
}

// Calls `then` once the browser has painted the page's first text or image (Paint Timing; a page
// opened in the background paints when it is shown), or, where that is not reported, once a frame
// has been drawn.
function afterFirstPaint(then) {
  if (!(window.PerformanceObserver && PerformanceObserver.supportedEntryTypes?.includes("paint"))) {
    requestAnimationFrame(() => setTimeout(then, 0));
    return;
  }
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntriesByName("first-contentful-paint").length) return;
    observer.disconnect();
    setTimeout(then, 0);
  });
  observer.observe({ type: "paint", buffered: true });
}
