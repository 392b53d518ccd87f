/*
 * qd.js — the reader-side behaviour of the site, with no dependencies:
 *
 *   search       full-text search on the plan's own text (index written by
 *                tools/hooks/search_index.py), exact substring matching in
 *                a canonical form shared by both scripts and the variants
 *                readers type (綫, 着/著, full-width and lower-case Latin),
 *                ?q= in the URL opens it;
 *   highlight    ?h= on a page marks the searched words and the landing
 *                paragraph;
 *   script link  the language switch keeps the reader's place (#anchor);
 *   permalinks   the ¶ after each paragraph copies a citation and its link;
 *   print        a printed page starts with its own address (beforeprint).
 *   citations    引用本章 fills the reader's address and date into the
 *                references and copies one.
 *   touch        a tap (touch or pen) on a glossary term, an emendation
 *                mark or a map place opens its one-line text in place, in a
 *                popover, instead of leaving the page; mouse and keyboard
 *                keep Material's tooltips and the links.
 *   text size    字号: the header's menu sets <html data-qd-size> and
 *                remembers it (the head script applies it on the next page).
 *
 * Text from the index is only ever inserted as text (textContent), never as
 * HTML.
 */
(function () {
  "use strict";

  var doc = document;
  /* The interface strings, in the page's script: tools/ui.py's JS_KEYS,
     inlined in every page by overrides/main.html (tools/hooks/strings.py),
     the document's title filled in from the document model. */
  var T = JSON.parse(doc.getElementById("qd-ui").textContent);

  /* ------------------------------------------------------------ helpers */

  /* What separates the words of a query: any character that is not a
     letter, a number, a mark or a CJK or Kangxi radical (symbols that stand
     for ideographs): spaces, punctuation, other symbols; except a full stop
     between two digits (PM2.5, ２．５). */
  var SEPARATOR = /(?:[^\p{L}\p{N}\p{M}\u2E80-\u2E99\u2E9B-\u2EF3\u2F00-\u2FD5.\uFF0E]|(?<!\p{Nd})[.\uFF0E]|[.\uFF0E](?!\p{Nd}))+/u;

  function unique(list) {
    var seen = {};
    return list.filter(function (w) {
      if (!w || seen[w]) return false;
      seen[w] = true;
      return true;
    });
  }

  function words(query) {
    return unique(String(query || "").split(SEPARATOR));
  }

  function count(haystack, needle) {
    var n = 0, i = haystack.indexOf(needle);
    while (i >= 0) { n++; i = haystack.indexOf(needle, i + needle.length); }
    return n;
  }

  function el(tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  /* Append `text` to `parent`, wrapping [start, end) ranges in <mark>. */
  function appendMarked(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return;
      if (r[0] > at) parent.appendChild(doc.createTextNode(text.slice(at, r[0])));
      parent.appendChild(el("mark", "", text.slice(r[0], r[1])));
      at = r[1];
    });
    if (at < text.length) parent.appendChild(doc.createTextNode(text.slice(at)));
  }

  /* Ranges of every needle in `hay`, sorted, non-overlapping. */
  function rangesOf(hay, needles) {
    var ranges = [];
    needles.forEach(function (n) {
      var i = hay.indexOf(n);
      while (i >= 0) { ranges.push([i, i + n.length]); i = hay.indexOf(n, i + n.length); }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    ranges.forEach(function (r) {
      if (!out.length || r[0] >= out[out.length - 1][1]) out.push(r);
    });
    return out;
  }

  /* ------------------------------------------------------------ search */

  function Index(data) {
    var canon = {};
    var chars = Array.from(data.canon);
    for (var i = 0; i + 1 < chars.length; i += 2) canon[chars[i]] = chars[i + 1];
    // By code point: the map also holds characters outside the BMP. The
    // index builder checks that the text's canonical form keeps its length,
    // so an offset in one is an offset in the other.
    function toCanon(s) {
      var out = "";
      for (var ch of s) out += canon[ch] || ch;
      return out;
    }
    function field(text) {
      return { text: text, canon: toCanon(text) };
    }
    this.toCanon = toCanon;
    this.units = data.units.map(function (u, order) {
      return {
        page: u.u, anchor: u.a, kind: u.k, order: order,
        chapter: u.c, title: field(u.t),
        paras: u.p.map(function (p) {
          var f = field(p[1]);
          f.anchor = p[0];
          f.lead = p[2];
          return f;
        })
      };
    });
    // Glossary forms (term and aliases) → the section that develops the term.
    var terms = {};
    Object.keys(data.terms || {}).forEach(function (t) {
      var entry = data.terms[t];
      terms[toCanon(t)] = { home: entry.home, forms: entry.forms.map(toCanon) };
    });
    this.terms = terms;
  }

  /* Search: every word of the query must occur, contiguously, in the unit's
     title or one of its paragraphs, both compared in the canonical form. */
  Index.prototype.search = function (query) {
    var ws = words(query);
    if (!ws.length) return { words: ws, results: [] };
    var needles = unique(ws.map(this.toCanon));
    var term = needles.length === 1 ? this.terms[needles[0]] : null;
    var home = term && term.home;
    var results = [];
    this.units.forEach(function (u) {
      var total = 0;
      for (var k = 0; k < needles.length; k++) {
        var c = count(u.title.canon, needles[k]);
        u.paras.forEach(function (p) { c += count(p.canon, needles[k]); });
        if (!c) return;
        total += c;
      }
      var inTitle = needles.every(function (n) { return u.title.canon.indexOf(n) >= 0; });
      var inLead = needles.every(function (n) {
        return u.paras.some(function (p) { return p.lead && p.canon.slice(0, p.lead).indexOf(n) >= 0; });
      });
      // The section the plan develops a glossary term in comes first, then its
      // glossary entry; glossary entries that merely mention the words come last.
      var tier = u.kind === "term"
        ? (inTitle && needles.join("") === u.title.canon ? 0.5 : 4)
        : home && home === u.anchor ? 0 : inTitle ? 1 : inLead ? 2 : 3;
      results.push({ unit: u, tier: tier, hits: total, needles: needles });
    });
    // A glossary term's home section comes first even where the plan writes
    // it in another form there (自贸试验区 for 自由贸易试验区).
    if (home && !results.some(function (r) { return r.unit.anchor === home; })) {
      var homeUnit = this.units.filter(function (u) { return u.anchor === home && u.kind !== "term"; })[0];
      if (homeUnit) {
        var forms = term.forms.filter(function (f) {
          return homeUnit.title.canon.indexOf(f) >= 0 || homeUnit.paras.some(function (p) { return p.canon.indexOf(f) >= 0; });
        });
        results.push({ unit: homeUnit, tier: 0, hits: 0, needles: forms.length ? forms : needles });
      }
    }
    results.sort(function (a, b) {
      return a.tier - b.tier || b.hits - a.hits || a.unit.order - b.unit.order;
    });
    return { words: ws, results: results };
  };

  function setupSearch(box) {
    var toggle = doc.getElementById("__search");
    var form = box.querySelector("form");
    var input = box.querySelector("[data-qd-search-input]");
    var meta = box.querySelector("[data-qd-search-meta]");
    var list = box.querySelector("[data-qd-search-list]");
    var root = (box.getAttribute("data-root") || ".").replace(/\/?$/, "/");
    var initial = meta.textContent;
    var index = null, loading = null;

    function load() {
      if (!loading) {
        loading = fetch(box.getAttribute("data-index"))
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (data) { index = new Index(data); window.qdSearchIndex = index; return index; })
          .catch(function (e) { loading = null; meta.textContent = T.search_failed; throw e; });
      }
      return loading;
    }

    function link(result) {
      var u = result.unit, needles = result.needles;
      var target = u.anchor, shown = [];
      for (var i = 0; i < u.paras.length; i++) {
        if (u.paras[i].canon.indexOf(needles[0]) >= 0) { target = u.paras[i].anchor; break; }
      }
      // What the matched words look like in this page's own script.
      needles.forEach(function (n) {
        var fields = [u.title].concat(u.paras);
        for (var j = 0; j < fields.length; j++) {
          var at = fields[j].canon.indexOf(n);
          if (at >= 0) { shown.push(fields[j].text.slice(at, at + n.length)); return; }
        }
      });
      return root + u.page + "?h=" + encodeURIComponent(shown.join(" ")) + "#" + target;
    }

    function snippets(result) {
      var out = [], u = result.unit;
      for (var i = 0; i < u.paras.length && out.length < 2; i++) {
        var p = u.paras[i], ranges = rangesOf(p.canon, result.needles);
        if (!ranges.length) continue;
        var from = Math.max(0, ranges[0][0] - 24), to = Math.min(p.text.length, ranges[0][1] + 56);
        var text = p.text.slice(from, to);
        var local = ranges.filter(function (r) { return r[0] >= from && r[1] <= to; })
          .map(function (r) { return [r[0] - from, r[1] - from]; });
        out.push({ text: (from ? "…" : "") + text + (to < p.text.length ? "…" : ""),
                   ranges: local.map(function (r) { return from ? [r[0] + 1, r[1] + 1] : r; }) });
      }
      return out;
    }

    function render(query) {
      list.textContent = "";
      if (!index) return;
      var found = index.search(query);
      if (!found.words.length) { meta.textContent = initial; return found; }
      var results = found.results;
      meta.textContent = results.length ? results.length + " " + T.search_hits : T.search_none;
      var frag = doc.createDocumentFragment();
      results.forEach(function (r) {
        var u = r.unit;
        var item = el("li", "md-search-result__item");
        var a = el("a", "md-search-result__link");
        a.href = link(r);
        a.setAttribute("data-unit", u.anchor);
        var art = el("article", "md-search-result__article md-typeset");
        if (u.kind === "section" || u.kind === "term") art.appendChild(el("div", "qd-result__where", u.chapter));
        var title = el("div", "qd-result__title");
        appendMarked(title, u.title.text, rangesOf(u.title.canon, r.needles));
        art.appendChild(title);
        snippets(r).forEach(function (s) {
          var p = el("p", "qd-result__snippet");
          appendMarked(p, s.text, s.ranges);
          art.appendChild(p);
        });
        a.appendChild(art);
        item.appendChild(a);
        frag.appendChild(item);
      });
      list.appendChild(frag);
      return found;
    }

    function syncUrl(query) {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(history.state, "", url);
    }

    function run() {
      var query = input.value.trim();
      syncUrl(query);
      if (!index) {
        if (query) meta.textContent = T.search_loading;
        load().then(function () { if (input.value.trim() === query) render(query); });
        return;
      }
      render(query);
    }

    // For tests and the benchmark: search and render synchronously, and time it.
    window.qdSearch = function (query) {
      input.value = query;
      var t0 = performance.now();
      var found = render(query);
      return { ms: performance.now() - t0, found: found };
    };
    window.qdSearchLoad = load;

    input.addEventListener("input", run);
    input.addEventListener("focus", function () { load().catch(function () {}); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) location.href = first.href;
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { input.value = ""; run(); input.focus(); }, 0);
    });
    toggle.addEventListener("change", function () {
      if (toggle.checked) { input.focus(); load().catch(function () {}); }
      else syncUrl("");
    });

    doc.addEventListener("keydown", function (ev) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((ev.target && ev.target.tagName) || "") ||
        (ev.target && ev.target.isContentEditable);
      if (!toggle.checked && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey &&
          (ev.key === "/" || ev.key === "s" || ev.key === "S")) {
        ev.preventDefault();
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
        return;
      }
      if (!toggle.checked) return;
      if (ev.key === "Escape") {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
        input.blur();
        return;
      }
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        var links = Array.prototype.slice.call(list.querySelectorAll("a"));
        if (!links.length) return;
        ev.preventDefault();
        var at = links.indexOf(doc.activeElement);
        var next = ev.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus(); else links[Math.min(next, links.length - 1)].focus();
      }
    });

    var q = new URL(location.href).searchParams.get("q");
    if (q) {
      input.value = q;
      toggle.checked = true;
      load().then(function () { render(q); }).catch(function () {});
    }
  }

  /* ------------------------------------------------------------ highlight */

  /* The edition's own elements (permalinks, see-also notes, PDF buttons): they
     hold none of the plan's text, so search words are never marked in them.
     The same list as EDITION_MARKS in tools/render/__init__.py (a test compares them). */
  var OWN_MARKS = ".para-link, .see-also, .headerlink, .qd-actions, .qd-print-url, .qd-edition, .qd-map-thumb";

  /* Mark every occurrence of `needles` inside the text of `block`, also
     across element boundaries (a term link in the middle of a match). */
  function markBlock(block, needles) {
    var nodes = [], text = "";
    var walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest(OWN_MARKS + ", mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
    var ranges = rangesOf(text, needles);
    for (var r = ranges.length - 1; r >= 0; r--) {
      for (var k = nodes.length - 1; k >= 0; k--) {
        var node = nodes[k][0], start = nodes[k][1], end = start + node.data.length;
        var a = Math.max(ranges[r][0], start), b = Math.min(ranges[r][1], end);
        if (a >= b) continue;
        var range = doc.createRange();
        range.setStart(node, a - start);
        range.setEnd(node, b - start);
        var mark = el("mark", "qd-hit");
        range.surroundContents(mark);
      }
    }
    return ranges.length;
  }

  /* The id the URL's hash names, percent-decoded. A hash that is not valid
     percent-encoded UTF-8 (a lone "%", "%E4%B8", "%ZZ", an encoded lone
     surrogate) names no element of ours: it is taken as written instead of
     throwing URIError, which would stop the rest of this script. */
  function hashId() {
    var raw = location.hash.slice(1);
    try { return decodeURIComponent(raw); } catch (e) { return raw; }
  }

  function highlightFromUrl() {
    var h = new URL(location.href).searchParams.get("h");
    var article = doc.querySelector(".md-content article");
    if (!h || !article) return;
    var needles = words(h);
    var blocks = article.querySelectorAll("p, h1, h2, h3, li, dd");
    for (var i = 0; i < blocks.length; i++) {
      if (!blocks[i].querySelector("p, li")) markBlock(blocks[i], needles);
    }
    var id = hashId();
    var target = id && doc.getElementById(id);
    if (target) {
      target.classList.add("qd-target");
      target.scrollIntoView({ block: "start" });
    }
  }

  /* ------------------------------------------------------------ script switch */

  /* The anchor of what the reader is looking at: the hash if its target is
     (partly) on screen (Material's navigation.tracking keeps the hash at the current
     section), else the last paragraph or heading whose top is above the
     bottom of the header. */
  function currentAnchor() {
    var id = hashId();
    var target = id && doc.getElementById(id);
    if (target) {
      var box = target.getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight) return id;
    }
    var best = null;
    var marks = doc.querySelectorAll(".md-content [id^='p'], .md-content h1[id], .md-content h2[id]");
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].getBoundingClientRect().top <= 80) best = marks[i].id; else break;
    }
    return best || id || null;
  }

  function setupScriptSwitch() {
    doc.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a.md-select__link[hreflang]");
      if (!a) return;
      var anchor = currentAnchor();
      if (!anchor) return;
      var url = new URL(a.href, location.href);
      url.hash = anchor;
      // Navigate here: Material's own handler would look the page up in the
      // sitemap and drop the anchor.
      ev.preventDefault();
      ev.stopPropagation();
      location.href = url.href;
    }, true);
  }

  /* ------------------------------------------------------------ permalinks */

  var toast = null, toastTimer = 0;
  function say(text) {
    if (!toast) {
      toast = el("div", "qd-toast");
      toast.setAttribute("role", "status");
      toast.hidden = true;
      doc.body.appendChild(toast);
    }
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, 2600);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }
  function legacyCopy(text) {
    var area = el("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    try { doc.execCommand("copy"); } finally { doc.body.removeChild(area); }
  }

  function setupPermalinks() {
    doc.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a.para-link");
      if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      var id = a.getAttribute("href").slice(1);
      var url = new URL(location.href);
      url.search = "";
      url.hash = id;
      history.replaceState(history.state, "", url);
      var prev = doc.querySelector(".qd-target");
      if (prev) prev.classList.remove("qd-target");
      var p = doc.getElementById(id);
      if (p) p.classList.add("qd-target");
      var cite = T.cite_title + a.getAttribute("data-cite");
      copy(cite + " " + url.href).then(function () { say(T.link_copied + a.getAttribute("data-cite")); });
    });
  }

  /* ------------------------------------------------------------ citations */

  /* 引用本章: the references hold placeholders (data-fill) for the reader's
     address and access date; they are filled on load and again at copy time,
     so a page left open overnight copies the day it is copied. */
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  function fillCitations(root) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var url = new URL(location.href);
    url.search = "";
    url.hash = "";
    var values = {
      url: url.href,
      accessed: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()),
      accessed_en: MONTHS[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear()
    };
    Array.prototype.forEach.call(root.querySelectorAll("[data-fill]"), function (el) {
      el.textContent = values[el.getAttribute("data-fill")];
    });
  }
  function setupCitations() {
    var blocks = doc.querySelectorAll(".qd-cite");
    if (!blocks.length) return;
    fillCitations(doc);
    doc.addEventListener("click", function (ev) {
      var button = ev.target.closest && ev.target.closest(".qd-cite__copy");
      if (!button) return;
      var ref = button.closest(".qd-cite__ref");
      fillCitations(ref);
      var text = ref.querySelector(".qd-cite__text").textContent;
      copy(text).then(function () { say(T.cite_copied + text); });
    });
  }


  /* ------------------------------------------------------------ touch */

  /* What a tap may open in place: glossary terms in running text (their
     one-line definition is the link's title, which Material's tooltips show on
     hover and focus), emendation marks (the title and #qd-emended-note) and the
     map's places (SVG links with a <title>). */
  var POP_TARGETS = ".md-content a.term, .md-content .qd-emended, .md-content .qd-map-svg a[href]";
  var NOTE_ID = "qd-emended-note";

  /* Material (content.tooltips) removes a [title]'s title while its tooltip is
     shown, and its aria-describedby whenever the tooltip is not (at load too),
     so the emendation marks would lose their note for screen readers
     (issue 11). The marks' note is read here, before Material mounts (this
     deferred script runs before DOMContentLoaded, where Material starts), a
     term's title at the tap's pointerdown (before the tap's focus and emulated
     hover start Material's tooltip), and each mark's aria-describedby is put
     back whenever Material takes it away. */
  var tips = typeof WeakMap === "function" ? new WeakMap() : null;
  function tipOf(node) {
    var text = tips && tips.get(node);
    if (text) return text;
    if (node.getAttribute("title")) return node.getAttribute("title");
    var title = node.querySelector && node.querySelector(":scope > title");
    if (title) return title.textContent;
    var shown = node.getAttribute("aria-describedby");  // Material's tooltip, while shown
    var tip = shown && doc.getElementById(shown.split(" ")[0]);
    return tip ? tip.textContent.trim() : "";
  }
  function keepNotes() {
    var marks = doc.querySelectorAll(".md-content .qd-emended");
    if (!marks.length || !doc.getElementById(NOTE_ID)) return;
    function restore(mark) {
      if (!mark.getAttribute("aria-describedby")) mark.setAttribute("aria-describedby", NOTE_ID);
    }
    Array.prototype.forEach.call(marks, function (m) { if (tips) tips.set(m, m.getAttribute("title") || ""); });
    if (typeof MutationObserver === "function") {
      var watch = new MutationObserver(function (changes) {
        changes.forEach(function (c) { restore(c.target); });
      });
      Array.prototype.forEach.call(marks, function (m) {
        watch.observe(m, { attributes: true, attributeFilter: ["aria-describedby"] });
      });
    }
    doc.addEventListener("DOMContentLoaded", function () { Array.prototype.forEach.call(marks, restore); });
  }

  /* The link a popover offers, and its words: a term's glossary entry, the
     emendations in 本版说明, a place's index entry or the plan's paragraph. */
  function popLink(target) {
    if (target.classList.contains("qd-emended")) {
      var note = doc.querySelector("#" + NOTE_ID + " a[href]");
      return { href: note ? note.href : "", text: T.pop_about };
    }
    var href = new URL(target.getAttribute("href"), location.href).href;
    if (target.classList.contains("term")) return { href: href, text: T.pop_glossary };
    return { href: href, text: /\/places\/(#|$)/.test(href) ? T.pop_index : T.pop_plan };
  }

  function setupTouch() {
    var pointer = { type: "", at: -1e9 };  // the last pointerdown: its kind and time
    var pop = null, trigger = null, refocus = null, guard = null;
    var serial = 0;

    function byTouch(ev) {
      if (ev.pointerType) return ev.pointerType === "touch" || ev.pointerType === "pen";
      // A click without a pointer type (older browsers): the pointer that went down just before.
      return (pointer.type === "touch" || pointer.type === "pen") && ev.timeStamp - pointer.at < 1500;
    }

    /* aria-expanded belongs to links and buttons: on an emendation mark (a span
       with no role) ARIA does not allow it, so a mark names its popover with
       aria-controls alone (a global attribute). */
    function expands(node) {
      return node.matches("a, [role='button']");
    }

    function close(focusBack) {
      if (!pop) return;
      var was = trigger;
      if (guard) guard.disconnect();
      guard = null;
      pop.remove();
      pop = null;
      trigger = null;
      if (expands(was)) was.setAttribute("aria-expanded", "false");
      was.removeAttribute("aria-controls");
      if (focusBack && was.isConnected) was.focus({ preventScroll: true });
    }

    function place(box, at) {
      // Beside the element on a wide screen; a bottom sheet (qd.css) on a narrow one.
      if (window.matchMedia("(max-width: 44.9375em)").matches) return;
      var r = at.getBoundingClientRect();
      var width = Math.min(box.offsetWidth, doc.documentElement.clientWidth - 16);
      var left = Math.max(8, Math.min(r.left, doc.documentElement.clientWidth - width - 8));
      var top = r.bottom + 8;
      if (top + box.offsetHeight > window.innerHeight - 8 && r.top - box.offsetHeight - 8 > 0) {
        top = r.top - box.offsetHeight - 8;
      }
      box.style.left = left + window.scrollX + "px";
      box.style.top = top + window.scrollY + "px";
    }

    function open(target) {
      close(false);
      var id = "qd-pop-" + (++serial);
      var link = popLink(target);
      // A place's name is its <title>; a term's or a mark's, its text, and its line the title.
      var svgTitle = target.querySelector("title");
      var name = (svgTitle ? svgTitle.textContent : target.textContent).trim();
      var text = svgTitle ? "" : tipOf(target);
      pop = el("div", "qd-pop");
      pop.id = id;
      pop.setAttribute("role", "dialog");
      pop.setAttribute("aria-modal", "false");
      pop.setAttribute("aria-label", name);
      pop.appendChild(el("p", "qd-pop__name", name));
      if (text) pop.appendChild(el("p", "qd-pop__text", text));
      var a = el("a", "qd-pop__link", link.text);
      a.href = link.href;
      pop.appendChild(a);
      var x = el("button", "qd-pop__close", "\u00d7");
      x.type = "button";
      x.setAttribute("aria-label", T.pop_close);
      x.addEventListener("click", function () { close(true); });
      pop.appendChild(x);
      doc.body.appendChild(pop);
      place(pop, target);
      trigger = target;
      // Material removes aria-controls whenever its own tooltip for the element
      // hides (a tap starts one through focus and hover): put it back while open.
      if (typeof MutationObserver === "function") {
        guard = new MutationObserver(function () {
          if (pop && trigger && trigger.getAttribute("aria-controls") !== pop.id) trigger.setAttribute("aria-controls", pop.id);
        });
        guard.observe(target, { attributes: true, attributeFilter: ["aria-controls"] });
      }
      // Focus comes back here on close: an emendation mark (a <span>) takes focus from script only.
      if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      if (expands(target)) target.setAttribute("aria-expanded", "true");
      target.setAttribute("aria-controls", id);
      a.focus({ preventScroll: true });
    }

    doc.addEventListener("pointerdown", function (ev) {
      pointer = { type: ev.pointerType || "", at: ev.timeStamp };
      var touching = ev.pointerType === "touch" || ev.pointerType === "pen";
      // Material's hover and focus tooltips stay away while the reader taps (qd.css).
      doc.documentElement.classList.toggle("qd-touch", touching);
      var hit = ev.target.closest && ev.target.closest(POP_TARGETS);
      // Its text before Material's tooltip (which a tap's focus and emulated hover start) takes the title.
      if (hit && tips && hit.getAttribute("title")) tips.set(hit, hit.getAttribute("title"));
      // A tap outside the popover closes it; one on another target opens that one, on click.
      // Focus goes back to the tapped element after the tap's own mouse events (on click).
      if (pop && !pop.contains(ev.target) && !(trigger && trigger.contains(ev.target))) {
        refocus = hit ? null : trigger;
        close(!hit);
      }
    }, true);

    doc.addEventListener("click", function (ev) {
      var back = refocus;
      refocus = null;
      if (back && back.isConnected && (!doc.activeElement || doc.activeElement === doc.body)) {
        back.focus({ preventScroll: true });
      }
      var target = ev.target.closest && ev.target.closest(POP_TARGETS);
      if (!target || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || !byTouch(ev)) return;
      if (pop && trigger === target) {
        // The second tap: a term or a place follows its link; a mark closes.
        if (target.classList.contains("qd-emended")) close(true);
        return;
      }
      ev.preventDefault();
      open(target);
    }, true);

    doc.addEventListener("keydown", function (ev) {
      if (pop && ev.key === "Escape") {
        ev.stopPropagation();
        close(true);
      }
    }, true);

    window.addEventListener("resize", function () { if (pop && trigger) place(pop, trigger); });
  }

  /* ------------------------------------------------------------ text size */

  /* 字号: standard, large, extra large (qd.css: --qd-text 1, 1.25, 1.5 on the
     article's text, its tooltips and popovers; the header, navigation and footer
     keep their size). The inline script in <head> (overrides/main.html) applies
     the stored size before the first paint; storage may be unavailable. */
  var SIZE_KEY = "qd-text-size";
  function storedSize() {
    try { return localStorage.getItem(SIZE_KEY) || ""; } catch (e) { return ""; }
  }
  function setSize(size) {
    if (size !== "l" && size !== "xl") size = "";
    if (size) doc.documentElement.setAttribute("data-qd-size", size);
    else doc.documentElement.removeAttribute("data-qd-size");
    try {
      if (size) localStorage.setItem(SIZE_KEY, size); else localStorage.removeItem(SIZE_KEY);
    } catch (e) { /* private mode: this page only */ }
    Array.prototype.forEach.call(doc.querySelectorAll("[data-qd-size-choice]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-qd-size-choice") === size));
    });
  }
  function setupTextSize() {
    var menu = doc.querySelector("[data-qd-size-menu]");
    if (!menu) return;
    var select = menu.closest(".md-select");
    var now = doc.documentElement.getAttribute("data-qd-size") || storedSize();
    setSize(now === "l" || now === "xl" ? now : "");
    function expand(on) {
      select.classList.toggle("qd-open", on);
      menu.setAttribute("aria-expanded", String(on));
    }
    menu.addEventListener("click", function () { expand(!select.classList.contains("qd-open")); });
    select.addEventListener("click", function (ev) {
      var choice = ev.target.closest && ev.target.closest("[data-qd-size-choice]");
      if (!choice) return;
      setSize(choice.getAttribute("data-qd-size-choice"));
      expand(false);
    });
    select.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && select.classList.contains("qd-open")) { expand(false); menu.focus(); }
    });
    doc.addEventListener("pointerdown", function (ev) {
      if (!select.contains(ev.target)) expand(false);
    });
  }

  /* ------------------------------------------------------------ start */

  var box = doc.querySelector("[data-qd-search]");
  if (box) setupSearch(box);
  highlightFromUrl();
  setupScriptSwitch();
  setupPermalinks();
  keepNotes();
  setupTouch();
  setupTextSize();

  /* ------------------------------------------------------------ print */

  /* A printed page says where it came from: its address at print time, at
     the top of the article (shown in print only, qd.css). Browsers fire
     beforeprint for the print dialog and for Chromium's page.pdf(). */
  function printAddress() {
    var article = doc.querySelector(".md-content__inner");
    if (!article) return;
    var line = article.querySelector(".qd-print-url");
    if (!line) {
      line = el("p", "qd-print-url");
      article.insertBefore(line, article.firstChild);
    }
    line.textContent = location.href.replace(/[?#].*$/, "");
  }
  window.addEventListener("beforeprint", printAddress);
  setupCitations();
})();
