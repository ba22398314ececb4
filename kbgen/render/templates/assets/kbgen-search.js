/* kbgen search: the browser half of kbgen/search (tokenizer.py and index.py).
 * tokenize() must give exactly the terms tokenizer.py gives; tests/test_search_parity.py checks it.
 * The index is fetched in pieces: meta.json, then one term chunk per query term, then the
 * document chunks of the results shown. Nothing is built in the browser. */
(function () {
  "use strict";

  /* Porter stemmer from lunr.js 2.3.9 (MIT, Oliver Nightingale), the algorithm lunr's Python
   * port uses at build time. */
  var porterStemmer = (function () {
  var step2list = {
      "ational" : "ate",
      "tional" : "tion",
      "enci" : "ence",
      "anci" : "ance",
      "izer" : "ize",
      "bli" : "ble",
      "alli" : "al",
      "entli" : "ent",
      "eli" : "e",
      "ousli" : "ous",
      "ization" : "ize",
      "ation" : "ate",
      "ator" : "ate",
      "alism" : "al",
      "iveness" : "ive",
      "fulness" : "ful",
      "ousness" : "ous",
      "aliti" : "al",
      "iviti" : "ive",
      "biliti" : "ble",
      "logi" : "log"
    },

    step3list = {
      "icate" : "ic",
      "ative" : "",
      "alize" : "al",
      "iciti" : "ic",
      "ical" : "ic",
      "ful" : "",
      "ness" : ""
    },

    c = "[^aeiou]",          // consonant
    v = "[aeiouy]",          // vowel
    C = c + "[^aeiouy]*",    // consonant sequence
    V = v + "[aeiou]*",      // vowel sequence

    mgr0 = "^(" + C + ")?" + V + C,               // [C]VC... is m>0
    meq1 = "^(" + C + ")?" + V + C + "(" + V + ")?$",  // [C]VC[V] is m=1
    mgr1 = "^(" + C + ")?" + V + C + V + C,       // [C]VCVC... is m>1
    s_v = "^(" + C + ")?" + v;                   // vowel in stem

  var re_mgr0 = new RegExp(mgr0);
  var re_mgr1 = new RegExp(mgr1);
  var re_meq1 = new RegExp(meq1);
  var re_s_v = new RegExp(s_v);

  var re_1a = /^(.+?)(ss|i)es$/;
  var re2_1a = /^(.+?)([^s])s$/;
  var re_1b = /^(.+?)eed$/;
  var re2_1b = /^(.+?)(ed|ing)$/;
  var re_1b_2 = /.$/;
  var re2_1b_2 = /(at|bl|iz)$/;
  var re3_1b_2 = new RegExp("([^aeiouylsz])\\1$");
  var re4_1b_2 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  var re_1c = /^(.+?[^aeiou])y$/;
  var re_2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;

  var re_3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;

  var re_4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var re2_4 = /^(.+?)(s|t)(ion)$/;

  var re_5 = /^(.+?)e$/;
  var re_5_1 = /ll$/;
  var re3_5 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  return function porterStemmer(w) {
    var stem,
      suffix,
      firstch,
      re,
      re2,
      re3,
      re4;

    if (w.length < 3) { return w; }

    firstch = w.substr(0,1);
    if (firstch == "y") {
      w = firstch.toUpperCase() + w.substr(1);
    }

    // Step 1a
    re = re_1a
    re2 = re2_1a;

    if (re.test(w)) { w = w.replace(re,"$1$2"); }
    else if (re2.test(w)) { w = w.replace(re2,"$1$2"); }

    // Step 1b
    re = re_1b;
    re2 = re2_1b;
    if (re.test(w)) {
      var fp = re.exec(w);
      re = re_mgr0;
      if (re.test(fp[1])) {
        re = re_1b_2;
        w = w.replace(re,"");
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1];
      re2 = re_s_v;
      if (re2.test(stem)) {
        w = stem;
        re2 = re2_1b_2;
        re3 = re3_1b_2;
        re4 = re4_1b_2;
        if (re2.test(w)) { w = w + "e"; }
        else if (re3.test(w)) { re = re_1b_2; w = w.replace(re,""); }
        else if (re4.test(w)) { w = w + "e"; }
      }
    }

    // Step 1c - replace suffix y or Y by i if preceded by a non-vowel which is not the first letter of the word (so cry -> cri, by -> by, say -> say)
    re = re_1c;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      w = stem + "i";
    }

    // Step 2
    re = re_2;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step2list[suffix];
      }
    }

    // Step 3
    re = re_3;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step3list[suffix];
      }
    }

    // Step 4
    re = re_4;
    re2 = re2_4;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      if (re.test(stem)) {
        w = stem;
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1] + fp[2];
      re2 = re_mgr1;
      if (re2.test(stem)) {
        w = stem;
      }
    }

    // Step 5
    re = re_5;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      re2 = re_meq1;
      re3 = re3_5;
      if (re.test(stem) || (re2.test(stem) && !(re3.test(stem)))) {
        w = stem;
      }
    }

    re = re_5_1;
    re2 = re_mgr1;
    if (re.test(w) && re2.test(w)) {
      re = re_1b_2;
      w = w.replace(re,"");
    }

    // and turn initial Y back to y

    if (firstch == "y") {
      w = firstch.toLowerCase() + w.substr(1);
    }

    return w;
  };
  })();

  /* ---- tokenizer: kbgen/search/tokenizer.py, rule for rule ---- */
  var WORD = 0, DIGIT = 1, KANJI = 2, HIRAGANA = 3, KATAKANA = 4, OTHER = 5;
  var PARTICLES = "のをがはにでともへやか";
  var LONG_VOWEL = "ー";
  var stopWords = new Set();

  function charClass(code) {
    if (code >= 0x30 && code <= 0x39) return DIGIT;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return WORD;
    if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return WORD;
    if (code >= 0x370 && code <= 0x4ff) return WORD;
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) ||
        (code >= 0xf900 && code <= 0xfaff) || code === 0x3005) return KANJI;
    if ((code >= 0x3041 && code <= 0x3096) || (code >= 0x309d && code <= 0x309e)) return HIRAGANA;
    if ((code >= 0x30a1 && code <= 0x30fa) || (code >= 0x30fc && code <= 0x30fe) ||
        (code >= 0x31f0 && code <= 0x31ff)) return KATAKANA;
    return OTHER;
  }

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function foldKana(ch) {
    var code = ch.charCodeAt(0);
    return code >= 0x3041 && code <= 0x3096 ? String.fromCharCode(code + 0x60) : ch;
  }

  /* Calls emit(term, start, end) for each term of already normalized text, positions in it. */
  function scan(text, emit) {
    var i = 0, n = text.length;
    while (i < n) {
      var cls = charClass(text.charCodeAt(i));
      if (cls === OTHER) { i += 1; continue; }
      var j = i + 1;
      if (cls === WORD || cls === DIGIT) {
        while (j < n && charClass(text.charCodeAt(j)) === cls) j += 1;
        var word = text.slice(i, j);
        if (cls === DIGIT) emit(word, i, j);
        else if (!stopWords.has(word)) emit(wordTerm(word), i, j);
      } else {
        while (j < n && [KANJI, HIRAGANA, KATAKANA].indexOf(charClass(text.charCodeAt(j))) >= 0) j += 1;
        japaneseTerms(text.slice(i, j), i, emit);
      }
      i = j;
    }
  }

  /* A Latin-script word's term (not a stop word): stemmed when longer than three letters. */
  function wordTerm(word) {
    return word.length > 3 ? porterStemmer(word) : word;
  }

  function japaneseTerms(run, offset, emit) {
    var classes = [], keep = [], k;
    for (k = 0; k < run.length; k++) { classes.push(charClass(run.charCodeAt(k))); keep.push(true); }
    var start = 0, words = [];
    while (start < run.length) {
      var end = start;
      while (end < run.length && classes[end] === classes[start] && (classes[start] === KATAKANA || classes[start] === KANJI)) end += 1;
      if (end - start >= 4 && run[end - 1] === LONG_VOWEL) keep[end - 1] = false;
      var word = "";
      for (k = start; k < end; k++) if (keep[k]) word += run[k];
      if (word.length >= 3) words.push([word, start, end]);
      start = Math.max(end, start + 1);
    }
    var bridges = [];
    for (var i = 0; i < run.length; i++) {
      if (classes[i] !== KANJI) continue;
      for (var gap = 1; gap <= 2; gap++) {
        var j = i + gap + 1;
        if (j < run.length && classes[j] === KANJI && classes.slice(i + 1, j).every(function (c) { return c === HIRAGANA; })) {
          if (!(gap === 1 && PARTICLES.indexOf(run[i + 1]) >= 0)) bridges.push([run[i] + run[j], i, j + 1]);
          break;
        }
      }
    }
    var chars = [], where = [];
    for (k = 0; k < run.length; k++) if (keep[k]) { chars.push(foldKana(run[k])); where.push(k); }
    if (chars.length === 1) emit(chars[0], offset + where[0], offset + where[0] + 1);
    else for (k = 0; k + 1 < chars.length; k++) emit(chars[k] + chars[k + 1], offset + where[k], offset + where[k + 1] + 1);
    bridges.forEach(function (b) { emit(b[0], offset + b[1], offset + b[2]); });
    words.forEach(function (w) { emit(w[0], offset + w[1], offset + w[2]); });
  }

  function tokenize(text) {
    var terms = [];
    scan(normalize(text), function (term) { terms.push(term); });
    return terms;
  }

  /* ---- the index: meta.json, term chunks, document chunks ---- */
  var fetched = {};
  function fetchJson(url, fresh) {
    if (fresh) delete fetched[url];
    if (!fetched[url]) {
      fetched[url] = fetch(url, fresh ? {cache: "no-cache"} : {}).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
      fetched[url].catch(function () { delete fetched[url]; });
    }
    return fetched[url];
  }

  function Index(base) { this.base = base; }

  /* The index map; ``fresh``: read again, past the browser's cache too. pageOf: each document's page,
   * itself but for an FAQ page's sections (kbgen/search/sections.py). */
  Index.prototype.load = function (fresh) {
    var self = this;
    return fetchJson(this.base + "meta.json", fresh).then(function (meta) {
      self.meta = meta;
      meta.stop_words.forEach(function (w) { stopWords.add(w); });
      self.pageOf = new Int32Array(meta.documents).map(function (_, doc) { return doc; });
      meta.sections.forEach(function (run) { self.pageOf.fill(run[0], run[1], run[1] + run[2]); });
      return self;
    });
  };

  /* The chunk whose term range holds term: the last one starting at or before it. */
  Index.prototype.chunkOf = function (term) {
    var chunks = this.meta.chunks, lo = 0, hi = chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (chunks[mid][0] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  Index.prototype.chunk = function (number) {
    return fetchJson(this.base + this.meta.chunks[number][1]);
  };

  /* How a query is scored (the index holds BM25F impacts per term and document; ranking is here):
   * - each query term is a group of index terms that can stand for it: itself, for a word still being
   *   typed (no space after it) the words it begins, and for a word the index does not have, the
   *   nearest words one or two edits away (a typo still finds), each at a lower weight;
   * - a document scores the sum over groups of its best impact in each group (OR: a query with
   *   unmatched words still ranks what the other words match);
   * - in a query that has other terms, bigrams made only of hiragana (particles, polite endings, です,
   *   できない) are left out: they must not outrank the words, and each would cost a chunk request
   *   (more than its bytes on a phone). At a fifth of a word's weight they ranked
   *   benchmarks/search_queries.yml no better than left out. So a document they alone would match is
   *   not a result (「存在しないことば」 must not list every page with ない and こと, hiding the
   *   no-results help).
   * - a term the query says more than once weighs more, as in BM25 (its query term frequency, saturating
   *   by QUERY_K3): what a message repeats (ドメイン, 型番) is what it is about.
   * (A factor for the share of the query a document matches was tried: it ranked worse on
   * benchmarks/search_queries.yml, rewarding documents that match many weak bigrams.) */
  var PREFIX_WEIGHT = 0.5, FUZZY_MIN_LENGTH = 5, SEAM_WEIGHT = 0.5, RELATIVE = 0.3, QUERY_K3 = 1;

  /* A message (a query of MESSAGE_WORDS words or more, queryWords(), as a contact form gets) says several
   * things, and a document that has only one of them, however strongly, does not answer it: it must score
   * more than the best any one word of the message gives on its own (a katakana word's bigrams are one
   * word; a seam, grammar glued to a word, is none). So the list ends where the answers end, and an
   * unanswerable message, whose words the KB mostly lacks, lists little. A search of a few words keeps
   * what one of them finds. */
  var MESSAGE_WORDS = 5;

  /* What a contact-form message says to be polite, and no article answers: like the hiragana endings,
   * left out of a query that has other terms. As terms, so that they are what scan() gives (stemmed,
   * kana folded: 教え is 教エ). */
  var COURTESY = new Set(tokenize("hi hello hey dear please thanks could would should like help just get got also " +
                                  "already really anyone something know need want tried 世話 御社 貴社 教え 願い 困っ"));

  function allHiragana(text) {
    for (var k = 0; k < text.length; k++) if (charClass(text.charCodeAt(k)) !== HIRAGANA) return false;
    return true;
  }

  /* A bigram across a change of script is mostly grammar (面に, に管, トを, 番サ), but a document with the
   * same phrase has it too (ログインでき): it ranks at SEAM_WEIGHT. A single kanji and its okurigana
   * (忘れ, 届き) is no seam: the only term of that verb; but の, を, は and へ are never okurigana (方の). */
  function seam(normalized, start, end) {
    if (end - start !== 2) return false;
    var a = charClass(normalized.charCodeAt(start)), b = charClass(normalized.charCodeAt(start + 1));
    return a !== b && !(a === KANJI && b === HIRAGANA && NOT_OKURIGANA.indexOf(normalized[start + 1]) < 0 &&
                        (!start || charClass(normalized.charCodeAt(start - 1)) !== KANJI));
  }
  var NOT_OKURIGANA = "のをはへ";

  /* Katakana words of three or more characters: [start, end] in normalized text. (A kanji word's
   * bigrams are words of their own: 注文番号 is 注文 and 番号.) */
  function wordSpans(normalized) {
    return runs(normalized).filter(function (run) { return run[0] === KATAKANA && run[2] - run[1] >= 3; })
      .map(function (run) { return [run[1], run[2]]; });
  }

  /* The runs of one character class in normalized text: [class, start, end]. */
  function runs(normalized) {
    var found = [], i = 0;
    while (i < normalized.length) {
      var cls = charClass(normalized.charCodeAt(i)), j = i + 1;
      while (j < normalized.length && charClass(normalized.charCodeAt(j)) === cls) j += 1;
      found.push([cls, i, j]);
      i = j;
    }
    return found;
  }

  /* How many different words the query says, whether the KB has them or not (a message is long either
   * way): its runs of kanji, katakana, digits and letters, but for stop words and courtesy (hiragana is
   * grammar). */
  function queryWords(normalized) {
    var words = new Set();
    runs(normalized).forEach(function (run) {
      var text = normalized.slice(run[1], run[2]);
      if (run[0] === WORD ? !stopWords.has(text) && !COURTESY.has(wordTerm(text))
                          : run[0] !== HIRAGANA && run[0] !== OTHER) words.add(text);
    });
    return words.size;
  }

  function wordOf(spans, start, end) {
    for (var k = 0; k < spans.length; k++) if (spans[k][0] <= start && end <= spans[k][1]) return k;
    return -1;
  }

  /* The query's term groups: [{term, fuzzy, prefix, alternatives: Map(index term -> factor), word, times}],
   * times: how many times the query has the term. */
  function queryGroups(normalized) {
    var groups = new Map(), grammar = new Set(), last = null, words = wordSpans(normalized);
    scan(normalized, function (term, start, end) {
      var text = normalized.slice(start, end), word = charClass(text.charCodeAt(0)) === WORD;
      if (!groups.has(term)) {
        groups.set(term, {term: term, alternatives: new Map([[term, 1]]), times: 0,
                          fuzzy: word && term.length >= FUZZY_MIN_LENGTH, word: wordOf(words, start, end)});
      }
      groups.get(term).times += 1;
      if (allHiragana(text) || COURTESY.has(term)) grammar.add(term);
      else if (seam(normalized, start, end)) groups.get(term).alternatives.set(term, SEAM_WEIGHT);
      last = word && end === normalized.length ? [groups.get(term), text] : null;
    });
    if (grammar.size < groups.size) grammar.forEach(function (term) { groups.delete(term); });
    var list = Array.from(groups.values());
    var tail = /[a-z\u00c0-\u024f\u0370-\u04ff]{2,}$/.exec(normalized);
    if (last && last[1].length >= 2) {
      last[0].prefix = last[1];
    } else if (tail) {  // a stop word being typed
      list.push({term: tail[0], alternatives: new Map(), fuzzy: false, prefix: tail[0], times: 1});
    }
    return list;
  }

  /* Damerau-Levenshtein distance of a and b, or limit + 1 once it is certainly over limit. */
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = limit + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        best = Math.min(best, d);
      }
      if (best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  /* Index terms of the loaded chunks within the edit limit of a word the index lacks, the nearest only.
   * A typo keeps the first letter in nearly every case, so the word's own chunk and its two
   * neighbours (the terms sorted next to it) hold the candidates. */
  function fuzzyAlternatives(group, chunks) {
    var term = group.term, limit = term.length >= 8 ? 2 : 1, found = [], nearest = limit + 1;
    chunks.forEach(function (chunk) {
      for (var candidate in chunk) {
        if (candidate[0] !== term[0] || candidate === term) continue;
        var d = editDistance(term, candidate, limit);
        if (d > limit || d > nearest) continue;
        if (d < nearest) { nearest = d; found = []; }
        found.push(candidate);
      }
    });
    found.sort().forEach(function (candidate) { group.alternatives.set(candidate, 1 / (1 + nearest)); });
  }

  Index.prototype.chunks = function (numbers) {
    var self = this;
    return Promise.all(Array.from(numbers).map(function (n) { return self.chunk(n); }));
  };

  /* The best `limit` ranked [doc number, score] pairs and the number of matches: {top, total}. With
   * `evidence`, each pair has a third member: what the message says that the document has (see evidenceFor()). */
  Index.prototype.rank = function (query, limit, evidence) {
    var self = this, normalized = normalize(query), groups = queryGroups(normalized), count = this.meta.chunks.length;
    if (!count || !groups.length) return Promise.resolve({top: [], total: 0});
    var numbers = new Set();
    groups.forEach(function (group) {
      if (group.alternatives.size) numbers.add(self.chunkOf(group.term));
      if (!group.prefix) return;
      for (var c = self.chunkOf(group.prefix); c < count; c++) {
        numbers.add(c);
        var next = self.meta.chunks[c + 1];
        if (!next || next[0].slice(0, group.prefix.length) > group.prefix) break;
      }
    });
    return this.chunks(numbers).then(function (loaded) {
      var postings = addPostings(new Map(), loaded);
      groups.forEach(function (group) { if (group.prefix) prefixAlternatives(group, postings); });
      var missing = groups.filter(function (group) {
        return group.fuzzy && !Array.from(group.alternatives.keys()).some(function (term) { return postings.has(term); });
      });
      if (!missing.length) return postings;
      var around = new Set();
      missing.forEach(function (group) {
        var c = self.chunkOf(group.term);
        for (var n = Math.max(0, c - 1); n <= Math.min(count - 1, c + 1); n++) around.add(n);
      });
      return self.chunks(around).then(function (near) {
        missing.forEach(function (group) { fuzzyAlternatives(group, near); });
        return addPostings(postings, near);
      });
    }).then(function (postings) {
      var ranked = score(groups, queryWords(normalized), postings, self, limit);
      if (evidence) ranked.top.forEach(function (entry) {
        entry.push(evidenceFor(groups, postings, self, entry));
        if (entry.page !== undefined) entry.pageEvidence = evidenceFor(groups, postings, self, [entry.page, entry[1]]);
      });
      return ranked;
    });
  };

  /* postings (Map: term -> postings list) with the terms of the loaded chunks added. */
  function addPostings(postings, chunks) {
    chunks.forEach(function (chunk) { for (var term in chunk) postings.set(term, chunk[term]); });
    return postings;
  }

  function prefixAlternatives(group, postings) {
    postings.forEach(function (_, term) {
      if (term.length > group.prefix.length && term.slice(0, group.prefix.length) === group.prefix &&
          !group.alternatives.has(term)) group.alternatives.set(term, PREFIX_WEIGHT);
    });
  }

  /* The best `limit` [doc number, score] pairs, by score then doc number, and how many pages matched.
   * A page is one result, however many of its sections (an FAQ page's questions) match: it ranks by the
   * best score among them and is shown as its best section, where on the page the query's words are, or
   * as itself when none of them answers. (Page and section as two results pushed other answers down:
   * on benchmarks/search_queries.yml, MRR fell.)
   * Arrays indexed by document rather than Maps, and a bounded insertion rather than sorting every
   * match: a query of common terms touches thousands of documents, on a slow phone's main thread. */
  function score(groups, words, postings, index, limit) {
    var documents = index.meta.documents, pageOf = index.pageOf;
    var sums = new Float64Array(documents), said = new Float64Array(documents), best = new Float64Array(documents), matched = [], touched = [];
    var g, k, doc, units = wordUnits(groups, postings, documents), strongest = 0;
    for (g = 0; g < groups.length; g++) {
      var unit = groups[g].word >= 0 ? units[groups[g].word] : null, repeated = repeatWeight(groups[g]);
      touched.length = 0;
      groups[g].alternatives.forEach(function (factor, term) {
        var list = postings.get(term);
        if (!list) return;
        for (var i = 0, d = 0; i < list.length; i += 2) {
          d += list[i];
          var value = list[i + 1] * factor * repeated;
          if (!best[d]) touched.push(d);
          if (value > best[d]) best[d] = value;
        }
      });
      var seam = groups[g].alternatives.get(groups[g].term) === SEAM_WEIGHT;
      var alone = 0;  // the most this group gives a document, when it is a word of its own
      for (k = 0; k < touched.length; k++) {
        doc = touched[k];
        if (!unit || unit.whole[doc] || unit.parts[doc] >= unit.need) {
          if (!sums[doc]) matched.push(doc);
          sums[doc] += best[doc];
          if (seam) continue;
          said[doc] += best[doc];
          if (unit) unit.most = Math.max(unit.most, unit.sums[doc] += best[doc]);
          else alone = Math.max(alone, best[doc]);
        }
      }
      for (k = 0; k < touched.length; k++) best[touched[k]] = 0;
      strongest = Math.max(strongest, alone);
    }
    for (var w in units) strongest = Math.max(strongest, units[w].most);
    var floor = words >= MESSAGE_WORDS ? strongest : 0;
    var top = [], highest = 0, total = 0, pages = [], shown = new Int32Array(documents), ranks = new Float64Array(documents),
        matchedPage = new Uint8Array(documents);
    for (k = 0; k < matched.length; k++) highest = Math.max(highest, sums[matched[k]]);
    for (k = 0; k < matched.length; k++) {
      doc = matched[k];
      if (sums[doc] < RELATIVE * highest || (floor && said[doc] <= floor)) continue;  // the answers have ended
      var page = pageOf[doc], first = !ranks[page];
      if (first) pages.push(page);
      if (doc === page) matchedPage[page] = 1;
      if (first || (doc !== page && (shown[page] === page || before(sums[doc], doc, [shown[page], sums[shown[page]]])))) {
        shown[page] = doc;
      }
      ranks[page] = Math.max(ranks[page], sums[doc]);
    }
    for (k = 0; k < pages.length; k++) {
      doc = shown[pages[k]];
      var value = ranks[pages[k]], at = top.length;
      total += 1;
      if (at === limit && !before(value, doc, top[at - 1])) continue;
      while (at > 0 && before(value, doc, top[at - 1])) at -= 1;
      var entry = [doc, value];
      if (doc !== pages[k] && matchedPage[pages[k]]) entry.page = pages[k];  // the page, for the widget (suggest())
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }
    return {top: top, total: total};
  }

  /* Per katakana word of the query: which documents have the word itself (whole), how many of its
   * bigrams the others have (parts), and how many they need to count (need): all but one, so that
   * グーグルマップ still finds グーグル and マップ, but ダウンロード does not find アカウント by ウン; and what
   * the word gives each document (sums) and at most (most), as one word of a message. */
  function wordUnits(groups, postings, documents) {
    var units = {};
    groups.forEach(function (group) {
      if (group.word < 0) return;
      var unit = units[group.word] || (units[group.word] = {need: 0, parts: new Uint8Array(documents), whole: new Uint8Array(documents),
                                                            sums: new Float64Array(documents), most: 0});
      var whole = group.term.length > 2, list = postings.get(group.term) || [];
      if (!whole) unit.need += 1;
      for (var i = 0, d = 0; i < list.length; i += 2) {
        d += list[i];
        if (whole) unit.whole[d] = 1; else unit.parts[d] += 1;
      }
    });
    for (var w in units) units[w].need = Math.max(units[w].need - 1, Math.ceil(units[w].need * 2 / 3));
    return units;
  }

  function repeatWeight(group) {
    return (QUERY_K3 + 1) * group.times / (QUERY_K3 + group.times);
  }

  /* What a message says that document entry[0] has, for the contact-form widget to judge whether it
   * answers (see suggest()), in measures that mean the same in any KB, however large:
   * - strength: its score in units of the most one term can give (meta.impact_max);
   * - covered: the share of the message's words it has, each weighted by how rare it is in the KB (its
   *   IDF; a word no article has weighs most: the message is about something the KB does not cover). Words,
   *   not the seams between them (grammar) or the whole of a Japanese word (its bigrams stand for it);
   * - impacts: the impact of each of the message's terms on it, for the share of its title they make. */
  function evidenceFor(groups, postings, index, entry) {
    var doc = entry[0], impacts = new Map(), weight = 0, covered = 0;
    groups.forEach(function (group) {
      var has = false, pages = 0, japaneseWord = group.term.length > 2 && charClass(group.term.charCodeAt(0)) > DIGIT;
      group.alternatives.forEach(function (factor, term) {
        var list = postings.get(term), having = 0;
        if (!list) return;
        for (var i = 0, d = 0; i < list.length; i += 2) {
          d += list[i];
          if (index.pageOf[d] === d) having += 1;  // sections are not in the index's statistics
          if (d === doc) { impacts.set(term, list[i + 1]); has = true; }
        }
        pages = Math.max(pages, having);
      });
      if (group.alternatives.get(group.term) === SEAM_WEIGHT || japaneseWord) return;
      var idf = Math.log(1 + (index.meta.pages - pages + 0.5) / (pages + 0.5));
      weight += idf;
      if (has) covered += idf;
    });
    return {strength: entry[1] / index.meta.impact_max, covered: weight ? covered / weight : 0, impacts: impacts,
            impactMax: index.meta.impact_max};
  }

  function before(value, doc, other) {
    return value > other[1] || (value === other[1] && doc < other[0]);
  }

  Index.prototype.documents = function (numbers) {
    var self = this, size = this.meta.docs_per_chunk;
    return Promise.all(numbers.map(function (n) {
      return fetchJson(self.base + self.meta.doc_files[Math.floor(n / size)]).then(function (rows) {
        var row = rows[n % size];
        return {url: row[0], title: row[1], summary: row[2], category: row[3], titleWeight: row[4], questions: row[5] || []};
      });
    }));
  };

  /* While a word is typed in Japanese, the next keystroke makes a bigram that begins with the last
   * character: fetching the chunk(s) of terms beginning with it now takes the term round trip off the
   * next keystroke's path. Skipped when those terms fill more than two chunks (a very common character). */
  Index.prototype.prefetchAfter = function (normalized) {
    var last = normalized.slice(-1), cls = last && charClass(last.charCodeAt(0));
    if ([KANJI, HIRAGANA, KATAKANA].indexOf(cls) < 0 || last === LONG_VOWEL) return;
    var self = this, key = foldKana(last);
    this.load().then(function () {
      var chunks = self.meta.chunks, first = self.chunkOf(key), end = first;
      if (!chunks.length) return;
      while (end + 1 < chunks.length && chunks[end + 1][0] <= key + "\uffff") end += 1;
      for (var c = first; c <= end && end - first < 2; c++) self.chunk(c).catch(function () {});
    }).catch(function () {});
  };

  var indexes = {};
  function indexAt(base) {
    if (!indexes[base]) indexes[base] = new Index(base);
    return indexes[base];
  }

  /* Results of the first index (this page's language) that has any, then the others in order. */
  function search(bases, query, limit, stale, evidence) {
    var tried = 0;
    stale = stale || function () { return false; };
    function inIndex(index, fresh) {
      return index.load(fresh).then(function () { return index.rank(query, limit, evidence); }).then(function (ranked) {
        if (stale() || !ranked.total) return {ranked: ranked, docs: []};
        var pages = ranked.top.filter(function (r) { return r.pageEvidence; });
        return Promise.all([index.documents(ranked.top.map(function (r) { return r[0]; })),
                            index.documents(pages.map(function (r) { return r.page; }))]).then(function (found) {
          var docs = found[0];
          docs.forEach(function (doc, k) { doc.score = ranked.top[k][1]; doc.evidence = ranked.top[k][2]; });
          pages.forEach(function (r, k) {  // a section's page, which the widget may judge to answer better
            var doc = docs[ranked.top.indexOf(r)];
            doc.page = found[1][k];
            doc.page.score = doc.score;
            doc.page.evidence = r.pageEvidence;
          });
          return {ranked: ranked, docs: docs};
        });
      });
    }
    function next() {
      if (tried >= bases.length) return Promise.resolve({results: [], fallback: false});
      var index = indexAt(bases[tried]), fallback = tried > 0;
      tried += 1;
      // A file the map names is gone when the site was deployed again after this page (or the browser's
      // cache) read the map: every file but the map is named by its content. Read the map again, once.
      return inIndex(index, false).catch(function () { return inIndex(index, true); }).then(function (found) {
        if (stale()) return {results: [], fallback: false, stale: true};  // a newer keystroke has taken over
        if (!found.ranked.total) return next();
        return {results: found.docs, total: found.ranked.total, fallback: fallback};
      });
    }
    return next();
  }

  /* ---- suggestions for a message (the contact-form widget, kbgen-deflect.js) ----
   * A message is long and says much besides its question, so a search result is not yet an answer. Each
   * of the SUGGESTION_CANDIDATES best results gets a support, the sum of
   * - asked: the share of its title (the question it answers) the message asks, each title term weighted
   *   by its impact there, so that a rare word counts and "Adobe Commerce" hardly does (a title of
   *   common words only weighs at least one rare word: askedShare()). An FAQ page's
   *   section asks its question as its title; the page itself, whose title ("General FAQs") asks nothing,
   *   the most of any question its headings ask (askedShare()): it is the result when none of its
   *   sections has enough of the message, its words spread over several answers. (Without the
   *   headings' questions the contact-form check of benchmarks/field_inquiries.py lost a message.)
   * - covered: the share of the message's words it has (evidenceFor());
   * - its strength (evidenceFor()) in units of STRENGTH_WORDS terms at their strongest.
   * Shares and a count of terms: they mean the same in a KB of any size, where a raw score does not. The
   * candidates whose support reaches SUPPORT are suggested, those whose question the message asks first
   * (score × (1 + ASKED_WEIGHT × asked)); none when none reaches it: the customer is better served by
   * the form than by a wrong article. Tuned on benchmarks/search_queries.yml (kind inquiry and none) and
   * checked on its held-out messages (heldout: true). */
  var TITLE_WORDS = 1, HEADING_QUESTION = 0.7, SUGGESTION_CANDIDATES = 10, ASKED_WEIGHT = 0.5, STRENGTH_WORDS = 4, SUPPORT = 1.1;

  /* The most of one of its questions the message asks: its title, or a question its headings ask (an FAQ
   * page's "Q: How do I change my email?"), each [text, weight]. A title whose words weigh less than
   * TITLE_WORDS rare words (紹介, or "What is DuckDuckGo VPN?" where every article names the product) is
   * asked by any message that names them; it weighs as much as they would. (Not a heading's question:
   * HEADING_QUESTION discounts those already, and on Bitwarden's FAQ pages success@1 fell 0.267 -> 0.200.) */
  function askedShare(doc) {
    var asks = [doc.title, doc.titleWeight];
    return [asks].concat(doc.questions).reduce(function (most, question) {
      var shared = 0;
      new Set(tokenize(question[0])).forEach(function (term) { shared += doc.evidence.impacts.get(term) || 0; });
      var weight = question === asks ? Math.max(question[1], TITLE_WORDS * doc.evidence.impactMax) : question[1];
      var share = weight ? Math.min(1, shared / weight) : 0;
      return Math.max(most, question === asks ? share : HEADING_QUESTION * share);
    }, 0);
  }

  function suggest(bases, message, count, stale) {
    return search(bases, message, SUGGESTION_CANDIDATES, stale, true).then(function (found) {
      found.results = found.results.map(function (doc) {
        // A section of an FAQ page, or the page, whichever the message asks more of: the page has all
        // of its questions (its headings), when the message's words spread over several answers.
        return [doc].concat(doc.page ? [doc.page] : []).map(function (candidate) {
          var asked = askedShare(candidate), evidence = candidate.evidence;
          return {doc: candidate, order: candidate.score * (1 + ASKED_WEIGHT * asked),
                  support: asked + evidence.covered + evidence.strength / STRENGTH_WORDS};
        }).reduce(function (best, candidate) { return candidate.support > best.support ? candidate : best; });
      }).filter(function (candidate) { return candidate.support >= SUPPORT; }).sort(function (a, b) {
        return b.order - a.order;
      }).slice(0, count).map(function (candidate) { return candidate.doc; });
      return found;
    });
  }

  /* ---- highlighting: mark the characters of text whose terms the query has ---- */
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }

  /* Results repeat the same few hundred characters, and NFKC one character at a time was most of
   * the time it took to show them on a slow phone. */
  var normalizedChars = new Map();
  function normalizedChar(ch) {
    var piece = normalizedChars.get(ch);
    if (piece === undefined) normalizedChars.set(ch, piece = normalize(ch));
    return piece;
  }

  var highlighted = {query: null};
  function highlight(text, query) {
    if (highlighted.query !== query) {  // ten texts of the same query at each rendering
      var normalizedQuery = normalize(query);
      highlighted = {query: query, wanted: new Set(),
                     tail: /[0-9a-z\u00c0-\u024f\u0370-\u04ff]{2,}$/.exec(normalizedQuery)};
      scan(normalizedQuery, function (term) { highlighted.wanted.add(term); });
    }
    var wanted = highlighted.wanted, tail = highlighted.tail;
    var chars = Array.from(text), normalized = "", origin = [];
    chars.forEach(function (ch, k) {
      var piece = normalizedChar(ch);
      normalized += piece;
      for (var u = 0; u < piece.length; u++) origin.push(k);
    });
    var marked = new Array(chars.length).fill(false);
    scan(normalized, function (term, start, end) {
      var word = normalized.slice(start, end);
      if (wanted.has(term) || (tail && word.slice(0, tail[0].length) === tail[0])) {
        for (var u = start; u < end; u++) marked[origin[u]] = true;
      }
    });
    var html = "";
    for (var k = 0; k < chars.length;) {
      var end = k;
      while (end < chars.length && marked[end] === marked[k]) end += 1;
      var piece = escapeHtml(chars.slice(k, end).join(""));
      html += marked[k] ? "<mark>" + piece + "</mark>" : piece;
      k = end;
    }
    return html;
  }

  /* ---- the UI: every form[data-kbgen-search] ---- */
  function feedbackLink(template, query) {
    // Python str.format semantics for the feedback.url template: {title} is the query, the rest empty.
    return template.replace(/\{\{|\}\}|\{(\w*)\}/g, function (m, name) {
      if (m === "{{") return "{";
      if (m === "}}") return "}";
      return name === "title" ? encodeURIComponent(query) : "";
    });
  }

  function element(tag, attributes, html) {
    var node = document.createElement(tag);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  /* Few enough for a phone's screen and for the document chunks fetched before they show; the rest are
   * one link away, on the search page. */
  var DROPDOWN_RESULTS = 5;

  function SearchBox(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.list = form.querySelector("[data-kbgen-search-results]");
    this.status = form.querySelector("[data-kbgen-search-status]");
    this.popup = form.querySelector("[data-kbgen-search-popup]");
    this.page = form.getAttribute("data-kbgen-search") === "page";
    this.root = new URL(form.getAttribute("data-kbgen-search-root"), location.href).href;
    var root = this.root;
    this.bases = form.getAttribute("data-kbgen-search-indexes").split(" ").map(function (prefix) {
      return root + prefix + "search-index/";
    });
    this.generation = 0;
    this.last = "";
    this.active = -1;
    var self = this;
    this.input.addEventListener("input", function () { self.run(); });
    this.input.addEventListener("keydown", function (event) { self.key(event); });
    if (!this.page) {
      this.input.addEventListener("focus", function () {
        // meta.json of every index the box may search (the fallback languages too) while the customer
        // starts typing, so no keystroke waits for it.
        self.bases.forEach(function (base) { indexAt(base).load().catch(function () {}); });
        if (self.input.value.trim()) self.run();
      });
      form.addEventListener("focusout", function (event) {
        if (!form.contains(event.relatedTarget)) self.close();
      });
    } else {
      form.addEventListener("submit", function (event) { event.preventDefault(); self.run(); });
      var q = new URLSearchParams(location.search).get("q");
      if (q) { this.input.value = q; this.run(); }
    }
  }

  SearchBox.prototype.text = function (name) { return this.form.getAttribute("data-kbgen-search-text-" + name) || ""; };

  SearchBox.prototype.run = function () {
    var self = this, query = this.input.value, generation = ++this.generation;
    // One character more than last time: someone typing, whose next character is worth fetching for.
    // (A paste or an IME commit gives no hint, and its own fetches must not wait behind a guess.)
    var typing = query.length === this.last.length + 1 && query.slice(0, -1) === this.last;
    this.last = query;
    if (this.page) history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    if (!query.trim()) { this.render(query, {results: [], fallback: false}); return; }
    var stale = function () { return generation !== self.generation; };
    search(this.bases, query, this.page ? 50 : DROPDOWN_RESULTS, stale).then(function (found) {
      if (!stale()) self.render(query, found);
    }, function () {
      // Offline, say, or the index not reachable: said in the open dropdown, with the way to support.
      if (!stale()) self.render(query, {results: [], fallback: false, failed: true});
    });
    // In a task of its own, so this query's chunk requests (issued in microtasks) go first. Not after
    // the results: on a slow phone they can come after the next keystroke, and the guess with them.
    var index = indexAt(this.bases[0]);
    if (typing) setTimeout(function () { index.prefetchAfter(normalize(query)); }, 0);
  };

  SearchBox.prototype.render = function (query, found) {
    var self = this, results = found.results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    // One string parsed once: a node and an HTML parse per span cost a slow phone more than the rest.
    this.list.innerHTML = results.map(function (doc, k) {
      var option = self.page ? "" : ' role="option" id="' + escapeHtml(self.list.id + "-" + k) +
        '" aria-selected="false" tabindex="-1"';
      var link = '<a href="' + escapeHtml(self.root + doc.url) + '" class="kb-search__result"' + option + ">" +
        '<span class="kb-search__title">' + highlight(doc.title, query) + "</span>" +
        '<span class="kb-search__summary">' + highlight(doc.summary, query) + "</span>" +
        '<span class="kb-search__category">' + escapeHtml(doc.category) + "</span></a>";
      return self.page ? "<li>" + link + "</li>" : link;
    }).join("");
    this.list.hidden = !results.length;
    this.status.textContent = "";
    if (query.trim()) {
      var message = found.failed ? self.text("error") : results.length
        ? self.text("count").replace("{n}", this.page ? results.length : found.total) +
          (found.fallback ? " " + self.text("fallback") : "")
        : self.text("none");
      var line = this.status.appendChild(element("p", {}, escapeHtml(message)));
      if (!this.page && found.total > results.length) {
        line.appendChild(document.createTextNode(" "));
        line.appendChild(element("a", {href: this.form.action + "?q=" + encodeURIComponent(query), "data-kbgen-search-all": ""},
                                 escapeHtml(this.text("all"))));
      }
      if (!results.length) this.status.appendChild(this.missing(query));
    }
    if (!this.page) {
      var open = !!query.trim();
      this.popup.hidden = !open;
      this.input.setAttribute("aria-expanded", open && results.length ? "true" : "false");
    }
    this.form.setAttribute("data-kbgen-searched", query);  // tools and tests wait on it
    this.form.dispatchEvent(new CustomEvent("kbgen:results", {detail: {query: query, count: results.length}}));
  };

  SearchBox.prototype.missing = function (query) {
    var box = element("p", {class: "kb-search__missing"}), contact = this.form.getAttribute("data-kbgen-search-contact"),
        feedback = this.form.getAttribute("data-kbgen-search-feedback");
    if (contact) box.appendChild(element("a", {href: contact, "data-kbgen-contact-link": ""}, escapeHtml(this.text("contact"))));
    if (feedback) {
      if (contact) box.appendChild(document.createTextNode(" · "));
      box.appendChild(element("a", {href: feedbackLink(feedback, query), "data-kbgen-missing-link": ""},
                              escapeHtml(this.text("missing"))));
    }
    return box;
  };

  SearchBox.prototype.options = function () {
    return Array.from(this.list.querySelectorAll("[role=option]"));
  };

  SearchBox.prototype.select = function (k) {
    var options = this.options();
    if (!options.length) return;
    this.active = (k + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === this.active ? "true" : "false"); }, this);
    this.input.setAttribute("aria-activedescendant", options[this.active].id);
    options[this.active].scrollIntoView({block: "nearest"});
  };

  SearchBox.prototype.close = function () {
    if (this.popup) this.popup.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  SearchBox.prototype.key = function (event) {
    if (this.page) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (this.popup.hidden && this.input.value.trim()) { this.popup.hidden = false; }
      this.select(event.key === "ArrowDown" ? this.active + 1 : (this.active < 0 ? -1 : this.active - 1));
    } else if (event.key === "Enter" && this.active >= 0) {
      event.preventDefault();
      location.href = this.options()[this.active].href;
    } else if (event.key === "Escape") {
      if (this.popup.hidden) this.input.value = "";
      this.close();
    }
  };

  window.kbgenSearch = {normalize: normalize, tokenize: tokenize, highlight: highlight, search: search,
                        suggest: suggest, escapeHtml: escapeHtml,
                        load: function (base) { return indexAt(base).load(); }};

  function start() {
    document.querySelectorAll("form[data-kbgen-search]").forEach(function (form) { new SearchBox(form); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
