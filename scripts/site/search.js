// Full-text search across the site's pages, offline and from file:// as well as over http: the index
// (assets/search-index.js, sections of every page, written by scripts/build_site.py) and MiniSearch
// (assets/minisearch.js, from the npm registry) are plain <script> files, which a page opened from disk
// may load (Pagefind's fetch()/WebAssembly index cannot be read from file://).
(function () {
  const docs = window.ACTLIB_SEARCH_DOCS || [];
  const index = new MiniSearch({
    fields: ["title", "text"],
    storeFields: ["page", "anchor", "title", "pageTitle", "text"],
    searchOptions: {prefix: true, fuzzy: 0.2, boost: {title: 2}, combineWith: "AND"},
  });
  index.addAll(docs);
  const escape = (text) => text.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
  function snippet(text, terms) {
    const lower = text.toLowerCase();
    let at = -1;
    for (const term of terms) { at = lower.indexOf(term.toLowerCase()); if (at >= 0) break; }
    const start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, start + 160) + (text.length > start + 160 ? "…" : "");
  }
  for (const form of document.querySelectorAll(".actlib-search")) {
    const input = form.querySelector("input");
    const results = form.querySelector(".actlib-search-results");
    const show = () => {
      const query = input.value.trim();
      results.innerHTML = "";
      if (query.length < 2) return;
      const hits = index.search(query).slice(0, 12);
      results.innerHTML = hits.length ? hits.map((hit) =>
        `<a href="${escape(hit.page)}${hit.anchor ? "#" + encodeURIComponent(hit.anchor) : ""}">` +
        `<strong>${escape(hit.title)}</strong><small>${escape(hit.pageTitle)}</small>` +
        `${escape(snippet(hit.text, hit.terms))}</a>`).join("")
        : `<a aria-disabled="true">No section matches “${escape(query)}”.</a>`;
    };
    input.addEventListener("input", show);
    form.addEventListener("submit", (event) => { event.preventDefault(); show(); const first = results.querySelector("a[href]"); if (first) first.focus(); });
    input.addEventListener("keydown", (event) => { if (event.key === "Escape") { input.value = ""; results.innerHTML = ""; } });
  }
})();
