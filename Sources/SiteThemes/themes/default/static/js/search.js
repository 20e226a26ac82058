/* The search page of the default theme (templates/search.mustache), over the Pagefind index the build writes to
   pagefind/ at the site's root. Pagefind keeps one index per <html lang>: the page's own language is searched;
   "all languages" searches pagefind-all/, every page indexed as one language. What is searched lives in the query string
   (?q=…&countries=Estonia&year=2014&all=1), so a term page can link to its filtered view and a search can be
   shared. Filters combine as a reader expects: any of the values ticked within one filter, all of the filters. */
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("search-settings").textContent);
  var form = document.getElementById("search");
  var input = document.getElementById("search-q");
  var everyLanguage = document.getElementById("search-all");
  var filterBox = document.getElementById("search-filters");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var root = new URL(settings.root, location.href);
  var bundle = new URL(settings.bundle, root);
  var everyLanguageBundle = new URL(settings.everyLanguageBundle, root);
  var pageSize = 10;
  var engine = null;
  var engineSpansLanguages = false;
  var results = [];
  var shown = 0;
  var searchNumber = 0;
  var selected = {};

  function words(key, count) {
    return settings.strings[key].replace("{count}", String(count));
  }

  function readQuery() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    everyLanguage.checked = params.get("all") === "1";
    selected = {};
    settings.filters.forEach(function (filter) {
      var values = params.getAll(filter.name);
      if (values.length) selected[filter.name] = values;
    });
  }

  function writeQuery() {
    var params = new URLSearchParams();
    var query = input.value.trim();
    if (query) params.set("q", query);
    if (everyLanguage.checked) params.set("all", "1");
    settings.filters.forEach(function (filter) {
      (selected[filter.name] || []).forEach(function (value) { params.append(filter.name, value); });
    });
    var text = params.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  }

  async function pagefind() {
    if (engine && engineSpansLanguages === everyLanguage.checked) return engine;
    if (engine) await engine.destroy();
    // Pagefind loads the index of the page's language; the every-language index holds one, which it falls back to.
    var folder = everyLanguage.checked ? everyLanguageBundle : bundle;
    engine = await import(new URL("pagefind.js", folder).href);
    // Result URLs from the folder the site is served under, whatever it is (a sub-path, a preview server).
    await engine.options({ basePath: folder.href, baseUrl: root.pathname });
    await engine.init();
    // Pagefind loads a filter's values only when asked: a search's counts cover only the filters loaded.
    await engine.filters();
    engineSpansLanguages = everyLanguage.checked;
    return engine;
  }

  function collator() {
    try { return new Intl.Collator(settings.language); } catch (error) { return new Intl.Collator(); }
  }

  function showFilters(available) {
    var compare = collator().compare;
    filterBox.textContent = "";
    settings.filters.forEach(function (filter) {
      var counts = available[filter.name] || {};
      var values = Object.keys(counts).concat((selected[filter.name] || []).filter(function (value) { return !(value in counts); }));
      if (!values.length) return;
      values.sort(filter.name === "year" ? function (a, b) { return Number(b) - Number(a); } : compare);
      var fieldset = document.createElement("fieldset");
      fieldset.className = "search-filter";
      var legend = document.createElement("legend");
      legend.textContent = filter.label;
      fieldset.appendChild(legend);
      values.forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = filter.name;
        box.value = value;
        box.checked = (selected[filter.name] || []).indexOf(value) >= 0;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " "));
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = "(" + (counts[value] || 0) + ")";
        label.appendChild(count);
        fieldset.appendChild(label);
      });
      filterBox.appendChild(fieldset);
    });
  }

  function readFilters() {
    selected = {};
    filterBox.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (selected[box.name] = selected[box.name] || []).push(box.value);
    });
  }

  function pagefindFilters() {
    var filters = {};
    Object.keys(selected).forEach(function (name) {
      if (selected[name].length) filters[name] = { any: selected[name] };
    });
    return filters;
  }

  /* The language of a result, from the first folder of its address, for lang= on its title. */
  function languageOf(url) {
    var path = new URL(url, location.href).pathname;
    var first = path.slice(root.pathname.length).split("/")[0];
    return settings.languages.indexOf(first) >= 0 ? first : settings.language;
  }

  async function showMore() {
    var batch = results.slice(shown, shown + pageSize);
    shown += batch.length;
    var data = await Promise.all(batch.map(function (result) { return result.data(); }));
    data.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url;
      link.textContent = (page.meta && page.meta.title) || page.url;
      var language = languageOf(page.url);
      if (language !== settings.language) link.lang = language;
      var heading = document.createElement("h2");
      heading.className = "search-result-title";
      heading.appendChild(link);
      item.appendChild(heading);
      var excerpt = document.createElement("p");
      // Pagefind's excerpt is the page's own text, escaped by Pagefind, with the words found in <mark>.
      excerpt.innerHTML = page.excerpt;
      if (language !== settings.language) excerpt.lang = language;
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    more.hidden = shown >= results.length;
  }

  async function search() {
    var number = ++searchNumber;
    writeQuery();
    var query = input.value.trim();
    var filters = pagefindFilters();
    try {
      var api = await pagefind();
      if (!Object.keys(filters).length && !query) {
        showFilters(await api.filters());
        status.textContent = "";
        list.textContent = "";
        more.hidden = true;
        return;
      }
      status.textContent = settings.strings.searching;
      var found = await api.search(query || null, { filters: filters });
      if (number !== searchNumber) return; // a later search has started
      showFilters(found.filters);
      results = found.results;
      shown = 0;
      list.textContent = "";
      list.dataset.total = String(results.length);
      await showMore();
      if (number !== searchNumber) return;
      // Said once the results are there, so that what the status announces can be read at once.
      status.textContent = results.length === 0 ? words("none", 0) : results.length === 1 ? words("one", 1) : words("many", results.length);
    } catch (error) {
      status.textContent = document.querySelector("noscript") ? document.querySelector("noscript").textContent.trim() : String(error);
    }
  }

  var pending = null;
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(search, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(pending);
    search();
  });
  everyLanguage.addEventListener("change", search);
  filterBox.addEventListener("change", function () {
    readFilters();
    search();
  });
  more.querySelector("button").addEventListener("click", showMore);
  readQuery();
  search();
})();
