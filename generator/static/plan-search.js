/* The search page: Pagefind's JavaScript API behind a small interface.
 *
 * Loaded by templates/sphinx/search.html only. The index is built by
 * generator/search_index.py into <lang>/pagefind/. A query fetches the index
 * chunks holding its words, and one fragment per result shown (ten at a time).
 *
 * Data is text, never markup: titles and excerpts are put into the page as
 * text nodes; matched words are wrapped in <mark> elements made here (see
 * excerptInto), never by parsing an HTML string.
 *
 * "đ": the indexed copy of the pages spells it "d" + U+0335 (Pagefind folds
 * that to "d", as it folds the tones), so "dao tao" finds "đào tạo". Here a
 * query's "đ" is written "d", and "d" + U+0335 is turned back into "đ" in what
 * is shown.
 */

const PAGE_SIZE = 10;
const STROKE = /([dD])\u0335/g;

/** "d" + U+0335 back to "đ" (and "D" + U+0335 to "Đ"). */
export function restore(text) {
  return String(text).replace(STROKE, (_, d) => (d === "d" ? "\u0111" : "\u0110"));
}

/** The query as Pagefind is asked: NFC (a decomposed query would lose its
 * marks word by word), "đ" written "d". */
export function prepareQuery(query) {
  return String(query).normalize("NFC").replace(/\u0111/g, "d").replace(/\u0110/g, "D").trim();
}

/** A word as compared for marking: lower case, "đ" as "d", no marks. */
export function fold(text) {
  return restore(text)
    .normalize("NFC")
    .toLowerCase()
    .replace(/\u0111/g, "d")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC");
}

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

/** Fill `element` with `text`, each word that folds to a query word (or
 * starts with the last one) wrapped in <mark>. */
export function markInto(element, text, query) {
  const terms = fold(query).match(WORD) || [];
  const prefix = terms[terms.length - 1]; // the word being typed may be unfinished
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    if (!terms.includes(word) && !(prefix && word.startsWith(prefix))) continue;
    element.append(text.slice(last, match.index));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    element.append(mark);
    last = match.index + match[0].length;
  }
  element.append(text.slice(last));
}

/** Fill `element` with a result's excerpt, the words Pagefind matched marked.
 * Pagefind gives the excerpt twice: as plain words, and with each matched
 * word wrapped in "<mark>…</mark>". The two are compared word by word, so no
 * string is ever parsed as HTML. */
export function excerptInto(element, data, query) {
  const plain = restore(data.plain_excerpt ?? "").split(" ");
  const marked = restore(data.excerpt ?? "").split(" ");
  if (plain.length !== marked.length) {
    markInto(element, plain.join(" "), query);
    return;
  }
  plain.forEach((word, i) => {
    if (i) element.append(" ");
    if (word && marked[i] === `<mark>${word}</mark>`) {
      const mark = document.createElement("mark");
      mark.textContent = word;
      element.append(mark);
    } else {
      element.append(word);
    }
  });
}

function start() {
  const root = document.getElementById("plan-search");
  if (!root) return;
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("plan-search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("plan-search-more");
  const say = (key, n, q) => {
    status.textContent = root.dataset[key].replace("{n}", String(n)).replace("{q}", q);
  };
  let pagefind = null;
  let results = [];
  let shown = 0;
  let query = "";
  let run = 0;

  async function load() {
    if (!pagefind) {
      pagefind = await import(new URL(root.dataset.pagefind, location.href).href);
      // No web worker: one file less to download (41 KiB), and this page has
      // nothing else to keep responsive while a query runs.
      await pagefind.options({ excerptLength: 24, noWorker: true });
      await pagefind.init();
    }
    return pagefind;
  }

  async function showMore(current) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (current !== run) return;
    let first = null;
    for (const d of data) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = d.url; // Pagefind's address, from where pagefind.js was loaded
      link.className = "plan-search-title";
      link.textContent = restore((d.meta && d.meta.title) || d.url);
      const excerpt = document.createElement("p");
      excerpt.className = "plan-search-excerpt";
      excerptInto(excerpt, d, query);
      item.append(link, excerpt);
      list.append(item);
      first = first || link;
    }
    shown += batch.length;
    more.hidden = shown >= results.length;
    return first;
  }

  async function search(raw) {
    const current = ++run;
    query = raw.normalize("NFC").trim();
    list.replaceChildren();
    more.hidden = true;
    results = [];
    shown = 0;
    if (!query) {
      status.textContent = "";
      return;
    }
    say("busy", 0, query);
    try {
      const pf = await load();
      const found = await pf.search(prepareQuery(query));
      if (current !== run) return;
      results = (found && found.results) || [];
      await showMore(current);
      if (current !== run) return;
      say(results.length === 1 ? "foundOne" : results.length ? "found" : "none", results.length, query);
      root.dataset.state = "done";
    } catch (error) {
      if (current !== run) return;
      say("failed", 0, query);
      root.dataset.state = "failed";
      console.error(error);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    search(input.value);
  });
  more.addEventListener("click", async () => {
    const first = await showMore(run);
    if (first) first.focus(); // keyboard users land on the first new result
  });
  const initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  if (initial) search(initial);
}

if (typeof document !== "undefined") start();
