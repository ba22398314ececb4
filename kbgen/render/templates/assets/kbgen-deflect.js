/* kbgen deflect: up to three help-center articles under a contact form's message field, on any site.
 *
 *   <script src="https://help.example.com/assets/kbgen-deflect.js" data-kbgen-for="#message" defer></script>
 *
 * It loads the help center's own search (kbgen-search.js, next to this file) and its index, from the
 * help center only, without cookies. Anything that fails leaves the host's form as it was: the
 * customer who needs a person must never wait on this. Documented in docs/contact-form-widget.md. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var SUGGESTIONS = 3, DEBOUNCE_MS = 300, MIN_LENGTH = 4;
  var STRINGS = {
    ja: {heading: "こちらの記事で解決するかもしれません", found: "{n}件の記事が見つかりました"},
    en: {heading: "These articles may answer your question", found: "{n} articles found"}
  };
  var root = new URL("../", script.src).href;  // the help center's folder this file was served from
  var lang = (script.getAttribute("data-kbgen-lang") || document.documentElement.lang || "").toLowerCase().split("-")[0];
  var text = STRINGS[lang] || STRINGS.en;

  function loadSearch() {
    if (window.kbgenSearch) return Promise.resolve(window.kbgenSearch);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = root + "assets/kbgen-search.js";
      tag.crossOrigin = "anonymous";  // no cookies to the help center
      tag.onload = function () { return window.kbgenSearch ? resolve(window.kbgenSearch) : reject(new Error("kbgen")); };
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  /* The index of the page's language: a language other than the help center's default lives in its
   * own folder (en/); when there is none, the folder this file came from. */
  function indexBase(search) {
    var own = root + "search-index/";
    if (!lang) return Promise.resolve(own);
    var other = root + lang + "/search-index/";
    return search.load(other).then(function () { return other; }, function () { return own; });
  }

  var STYLE = ".kbgen-deflect{font:var(--kbgen-deflect-font,inherit);color:var(--kbgen-deflect-text,inherit);" +
    "background:var(--kbgen-deflect-background,#f5f7ff);border:1px solid var(--kbgen-deflect-border,#c5cae9);" +
    "border-radius:var(--kbgen-deflect-radius,6px);padding:.5em .75em;margin:.5em 0}" +
    ".kbgen-deflect[hidden]{display:none}.kbgen-deflect__heading{font-weight:600;margin:0 0 .25em}" +
    ".kbgen-deflect ol{list-style:none;margin:0;padding:0}.kbgen-deflect li{margin:.25em 0}" +
    ".kbgen-deflect a{color:var(--kbgen-deflect-link,#1a237e);text-decoration:underline}" +
    ".kbgen-deflect a:focus-visible{outline:2px solid var(--kbgen-deflect-focus,#1a237e);outline-offset:2px}" +
    ".kbgen-deflect__summary{display:block;color:var(--kbgen-deflect-muted,#424242);font-size:.9em}" +
    ".kbgen-deflect__status{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}";

  function Widget(field, search, base) {
    this.field = field;
    this.search = search;
    this.base = base;
    this.generation = 0;
    this.box = document.querySelector("[data-kbgen-suggestions]");
    if (!this.box) {
      this.box = document.createElement("div");
      this.box.setAttribute("data-kbgen-suggestions", "");
      field.insertAdjacentElement("afterend", this.box);
    }
    this.box.classList.add("kbgen-deflect");
    this.box.hidden = true;
    // Told once the list changes, not while it is read: a polite live region outside the list.
    this.status = document.createElement("p");
    this.status.className = "kbgen-deflect__status";
    this.status.setAttribute("role", "status");
    this.box.insertAdjacentElement("afterend", this.status);
    var self = this, timer = null;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, DEBOUNCE_MS);
    });
    this.box.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link) return;
      field.dispatchEvent(new CustomEvent("kbgen:opened", {bubbles: true, detail: {
        url: link.href, title: link.getAttribute("data-kbgen-title"), rank: Number(link.getAttribute("data-kbgen-rank"))}}));
    });
  }

  Widget.prototype.run = function () {
    var self = this, message = this.field.value, generation = ++this.generation;
    if (message.trim().length < MIN_LENGTH) { this.show(message, []); return; }
    var stale = function () { return generation !== self.generation; };
    this.search.suggest([this.base], message, SUGGESTIONS, stale).then(function (found) {
      if (!stale()) self.show(message, found.results);
    }, function () {
      if (!stale()) self.show(message, []);  // the help center is unreachable: the form as it was
    });
  };

  Widget.prototype.show = function (message, articles) {
    var escape = this.search.escapeHtml, root = new URL("../", this.base).href;
    var shown = articles.map(function (doc, k) {
      return {url: new URL(doc.url, root).href, title: doc.title, summary: doc.summary, rank: k + 1};
    });
    this.box.innerHTML = shown.length ? '<p class="kbgen-deflect__heading">' + escape(text.heading) + "</p><ol>" +
      shown.map(function (a) {
        return '<li><a href="' + escape(a.url) + '" target="_blank" rel="noopener" data-kbgen-rank="' + a.rank +
          '" data-kbgen-title="' + escape(a.title) + '">' + escape(a.title) +
          '<span class="kbgen-deflect__summary">' + escape(a.summary) + "</span></a></li>";
      }).join("") + "</ol>" : "";
    this.box.hidden = !shown.length;
    var said = shown.length ? text.found.replace("{n}", shown.length) : "";
    if (this.status.textContent !== said) this.status.textContent = said;
    this.box.setAttribute("data-kbgen-suggested", message);  // tools and tests wait on it
    if (shown.length) {
      this.field.dispatchEvent(new CustomEvent("kbgen:suggested", {bubbles: true, detail: {
        message: message, articles: shown.map(function (a) { return {url: a.url, title: a.title, rank: a.rank}; })}}));
    }
  };

  function start() {
    var field = document.querySelector(script.getAttribute("data-kbgen-for") || "textarea");
    if (!field) return;
    loadSearch().then(function (search) {
      return indexBase(search).then(function (base) {
        var style = document.createElement("style");
        style.textContent = STYLE;
        document.head.insertBefore(style, document.head.firstChild);  // the host's own rules come later and win
        return new Widget(field, search, base);
      });
    }).catch(function () {});  // no help center, no widget: the form is untouched
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
