/* kbgen: "Copy answer" puts the article as plain text (question, short answer, body, URL) on the clipboard,
   for support staff pasting it into an e-mail. No network, no storage. */
(function () {
  "use strict";

  var SKIP = "a.headerlink, button, script, style, template, .md-clipboard, [data-kbgen-no-copy]";
  var BLOCK = /^(P|DIV|SECTION|H[1-6]|PRE|BLOCKQUOTE|TABLE|THEAD|TBODY|TR|DL|DT|DD|DETAILS|SUMMARY|FIGURE|FIGCAPTION|HR)$/;

  function textOf(node, pre) {
    if (node.nodeType === 3) return pre ? node.data : node.data.replace(/\s+/g, " ");
    if (node.nodeType !== 1 || node.matches(SKIP)) return "";
    var tag = node.tagName;
    if (tag === "BR") return "\n";
    if (tag === "IMG") return node.getAttribute("alt") || "";
    if (tag === "OL" || tag === "UL") return "\n\n" + listText(node, pre) + "\n\n";
    if (tag === "TD" || tag === "TH") return childrenText(node, pre).trim() + "\t";
    var inner = childrenText(node, pre || tag === "PRE");
    if (tag === "PRE") return "\n\n" + inner.replace(/\n+$/, "") + "\n\n";
    if (tag === "TR") return "\n" + inner.replace(/\t$/, "") + "\n";
    return BLOCK.test(tag) ? "\n\n" + inner.trim() + "\n\n" : inner;
  }

  function childrenText(node, pre) {
    var out = "";
    for (var child = node.firstChild; child; child = child.nextSibling) out += textOf(child, pre);
    return out;
  }

  function listText(list, pre) {
    var number = parseInt(list.getAttribute("start") || "1", 10);
    var lines = [];
    for (var i = 0; i < list.children.length; i++) {
      var item = list.children[i];
      if (item.tagName !== "LI") continue;
      var marker = list.tagName === "OL" ? number++ + ". " : "- ";
      var body = tidy(childrenText(item, pre)).replace(/\n+/g, "\n");
      lines.push(marker + body.replace(/\n/g, "\n" + " ".repeat(marker.length)));
    }
    return lines.join("\n");
  }

  function tidy(text) {
    return text.split("\n").map(function (line) { return line.replace(/[ \t]+$/, ""); })
      .join("\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  function answerText(article) {
    var parts = [
      article.querySelector(".kb-question").textContent.trim(),
      article.querySelector(".kb-summary__text").textContent.trim(),
      tidy(childrenText(article.querySelector("[data-kbgen-body]"), false)),
      article.getAttribute("data-kbgen-url"),
    ];
    return parts.filter(Boolean).join("\n\n") + "\n";
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  // The 404 page: search for the words of the address that was not found.
  var searchLink = document.querySelector("[data-kbgen-search-link]");
  if (searchLink) {
    var words = decodeURIComponent(location.pathname).split("/").filter(Boolean).pop() || "";
    searchLink.href += encodeURIComponent(words.replace(/\.html?$/, "").replace(/[-_]+/g, " ").trim());
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-kbgen-copy]");
    if (!button) return;
    var article = button.closest("[data-kbgen-article]");
    var status = article.querySelector(".kb-copy__status");
    copy(answerText(article)).then(
      function () { status.textContent = button.getAttribute("data-copied"); },
      function () { status.textContent = button.getAttribute("data-failed"); }
    );
  });
})();
