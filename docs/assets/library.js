// The Bridges library: full-text search and facets over the Pagefind index of the page's
// language. The state (query, filters, sort) lives in the URL, so a search can be shared and the
// back button works. Pagefind loads only the index chunks a search needs.
const PAGE_SIZE = 20;

const root = document.getElementById("bridges-library");
const configElement = document.getElementById("bridges-library-config");

if (root && configElement) {
  start(JSON.parse(configElement.textContent)).catch((error) => {
    // Leave the plain listing in place: the page stays usable without search.
    console.warn("Library search unavailable:", error);
  });
}

async function start(config) {
  const pagefindUrl = new URL(config.pagefind, document.baseURI);
  const pagefind = await import(pagefindUrl.href);
  // Result URLs are root-relative: tell Pagefind where the site lives (e.g. /bridges/).
  await pagefind.options({ baseUrl: pagefindUrl.pathname.replace(/pagefind\/pagefind\.js$/, "") });
  await pagefind.init();
  await pagefind.filters(); // loads the filter index, so that searches report counts per value

  const words = config.words;
  const form = document.getElementById("library-form");
  const input = document.getElementById("library-q");
  const sort = document.getElementById("library-sort");
  const facetsBox = document.getElementById("library-facets");
  const status = document.getElementById("library-status");
  const list = document.getElementById("library-results");
  const more = document.getElementById("library-more");
  const clear = document.getElementById("library-clear");
  const staticListing = document.querySelector(".bridges-library-static");

  // Show the search UI where the plain listing was.
  if (staticListing) {
    staticListing.before(root);
    staticListing.hidden = true;
  }
  root.hidden = false;

  let results = [];
  let shown = 0;
  let generation = 0;

  function readState() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [name] of config.facets) {
      const values = params.getAll(name);
      if (values.length) filters[name] = values;
    }
    return { q: params.get("q") || "", sort: params.get("sort") || "", filters };
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

  function currentState() {
    const filters = {};
    for (const box of facetsBox.querySelectorAll("input[type=checkbox]:checked")) {
      (filters[box.name] ||= []).push(box.value);
    }
    return { q: input.value.trim(), sort: sort.value, filters };
  }

  async function run(state) {
    const mine = ++generation;
    list.dataset.busy = "true";
    const options = { filters: {} };
    for (const [name, values] of Object.entries(state.filters)) options.filters[name] = { any: values };
    if (state.sort === "newest") options.sort = { date: "desc" };
    if (state.sort === "oldest") options.sort = { date: "asc" };
    const search = await pagefind.search(state.q || null, options);
    if (mine !== generation || !search) return; // a newer search has started
    results = search.results;
    // Counts of a facet that has a selection ignore that selection, so that its other values
    // show how many results choosing them too would add (values of one facet combine with "or").
    const counts = { ...search.filters };
    for (const name of Object.keys(state.filters)) {
      const others = { ...options, filters: { ...options.filters } };
      delete others.filters[name];
      const wider = await pagefind.search(state.q || null, others);
      if (mine !== generation || !wider) return;
      counts[name] = wider.filters[name];
    }
    renderFacets(counts, state.filters);
    list.replaceChildren();
    shown = 0;
    status.textContent = results.length
      ? words.results.replace("{count}", results.length.toLocaleString(document.documentElement.lang))
      : words.no_results;
    await showMore(mine);
    if (mine === generation) delete list.dataset.busy;
  }

  async function showMore(mine) {
    const page = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(page.map((result) => result.data()));
    if (mine !== generation) return;
    for (const item of data) list.append(renderResult(item));
    shown += page.length;
    more.hidden = shown >= results.length;
  }

  function renderResult(item) {
    const li = document.createElement("li");
    const heading = document.createElement("h3");
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    heading.append(link);
    li.append(heading);
    const details = document.createElement("p");
    details.className = "bridges-library__details";
    details.textContent = [item.meta.kind, item.meta.fallback && words.in_language.replace("{language}", item.meta.fallback)]
      .filter(Boolean).join(" · ");
    if (item.meta.fallback) {
      li.classList.add("bridges-library__result--fallback");
    }
    li.append(details);
    const excerpt = document.createElement("p");
    excerpt.innerHTML = item.excerpt; // Pagefind escapes the text; only <mark> is added
    li.append(excerpt);
    return li;
  }

  function renderFacets(counts, selected) {
    const focused = document.activeElement && document.activeElement.id;
    facetsBox.replaceChildren();
    for (const [name, label] of config.facets) {
      const values = Object.entries(counts[name] || {});
      const chosen = selected[name] || [];
      if (!values.length && !chosen.length) continue;
      const fieldset = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = label;
      fieldset.append(legend);
      values.sort((a, b) => (name === "year" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0])));
      for (const [value, count] of values) {
        const id = `facet-${name}-${value}`.replace(/[^\w-]/g, "_");
        const row = document.createElement("div");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.id = id;
        box.checked = chosen.includes(value);
        const text = document.createElement("label");
        text.htmlFor = id;
        text.textContent = `${value} (${count.toLocaleString(document.documentElement.lang)})`;
        row.append(box, text);
        fieldset.append(row);
      }
      facetsBox.append(fieldset);
    }
    if (focused) document.getElementById(focused)?.focus();
  }

  function apply(push) {
    const state = currentState();
    writeState(state, push);
    run(state);
  }

  function restore() {
    const state = readState();
    input.value = state.q;
    sort.value = state.sort;
    run(state);
  }

  let typing;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => apply(false), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply(true);
  });
  sort.addEventListener("change", () => apply(true));
  facetsBox.addEventListener("change", () => apply(true));
  clear.addEventListener("click", () => {
    for (const box of facetsBox.querySelectorAll("input:checked")) box.checked = false;
    apply(true);
  });
  more.addEventListener("click", () => showMore(generation));
  window.addEventListener("popstate", restore);
  restore();
}
