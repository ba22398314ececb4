"""The prebuilt search index: small files so that a browser fetches only what a query needs.

Layout (in each language's ``search-index/``), every file deterministic for the same input:

- ``meta.json``: term chunk boundaries, document count (and how many of them are pages: all but
  sections), impact_max, each FAQ page's sections, stop words, file names. Fetched first.
- ``t<n>-<hash>.json``: a chunk of the sorted term dictionary, ``{term: [doc, impact, doc, impact, …]}``
  with doc numbers delta-encoded. Chunks are cut by size, as Pagefind cuts its index by term range,
  so a query fetches one small chunk per term however large the KB grows.
- ``d<n>-<hash>.json``: titles, summaries, categories and URLs of DOCS_PER_CHUNK documents, fetched
  only for the results shown, each with its title weight (the sum of its title terms' impacts: the
  browser tells from it how much of an article's question a contact-form message asks) and, for an
  article that asks more questions in its headings (an FAQ page: "### Q: How do I change my email?"),
  each such question with its weight. Documents are
  numbered by their tags (then in site order), so that articles on the same subject, which one query
  finds together, share a chunk: a query's results come in one or two files rather than one each.

A document is an article, or a *section document*: one question of an FAQ page (an article two or more
of whose headings ask a question), made by kbgen.search.sections from the page as rendered. Its title is
the question without its "Q:", its summary the start of its answer (the text up to the next heading of
the same or a higher level, plain, cut as summaries are), its body the answer, its category and tags the
page's, its URL the page's with "#" and the heading's id: a customer who asks that question lands on its
answer. It follows its page (same tags), is scored as a part of it (_postings) and stays out of the
statistics, so that sections change no page's score; the browser shows a page and its sections as one
result, linked to its best-scoring section (kbgen-search.js, score()).

Scores are BM25F computed at build time and stored as integer impacts (1–255): the browser only adds
them up. ``meta.json``'s ``impact_max`` is the most one term can give a document in this index (a term
of one document, many times in it): a score in units of it means much the same in a KB of 50 articles
as in one of 10,000, where every impact is larger. Synonym groups are applied here: a document that
says any member is indexed under all of them, so the query side needs no synonym list.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kbgen.search.everyday import EVERYDAY_WORDS
from kbgen.search.tokenizer import HIRAGANA, STOP_WORDS, char_class, fold_kana, normalize, tokenize

FIELD_WEIGHTS = {"title": 8.0, "tags": 2.0, "summary": 3.0, "body": 1.0}
K1, B = 1.2, 0.75
IMPACT_SCALE = 10
CHUNK_BYTES = 16_000
DOCS_PER_CHUNK = 16
# Terms in more documents than this keep only their strongest postings: such terms carry little
# weight and would otherwise make one query fetch megabytes at 10,000 articles.
MAX_POSTINGS = 1500

_MARKUP = [
    (re.compile(r"```[^\n]*"), " "),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),
    (re.compile(r"\]\([^)]*\)"), "] "),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"^\s*-+8<-+.*$", re.MULTILINE), " "),
    (re.compile(r"\{[:#.][^}]*\}"), " "),
]


@dataclass(frozen=True)
class SearchDocument:
    url: str  # relative to the site root
    title: str
    summary: str
    category: str
    tags: tuple[str, ...] = ()
    body: str = ""


@dataclass
class IndexStats:
    documents: int
    terms: int
    files: int
    bytes: int
    chunk_bytes: list[int] = field(default_factory=list)


def plain_text(markdown: str) -> str:
    """The words of an article body, without link targets, HTML tags and Markdown attributes."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def write_index(documents: list[SearchDocument], synonyms: list[list[str]], out_dir: Path) -> IndexStats:
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = sorted(documents, key=lambda d: [normalize(t) for t in d.tags])  # stable: else in site order
    postings = _postings(documents, synonyms)
    files: dict[str, bytes] = {}
    chunks = []
    asked = [[doc.title, *question_headings(doc.body)] for doc in documents]
    weights = [[0] * len(questions) for questions in asked]
    entries = _adding_question_weights(((term, postings[term]) for term in sorted(postings)), asked, weights)
    for first, body in _term_chunks(entries):
        name = _name("t", len(chunks), body)
        files[name] = body
        chunks.append([first, name])
    doc_files = []
    for start in range(0, len(documents), DOCS_PER_CHUNK):
        rows = [[d.url, d.title, d.summary, d.category, weights[n][0], *_questions_column(asked[n], weights[n])]
                for n, d in enumerate(documents[start:start + DOCS_PER_CHUNK], start)]
        body = _json(rows)
        name = _name("d", len(doc_files), body)
        files[name] = body
        doc_files.append(name)
    pages = sum(not _is_section(d) for d in documents)
    meta = {"version": 1, "documents": len(documents), "pages": pages, "impact_max": _impact_max(pages),
            "docs_per_chunk": DOCS_PER_CHUNK, "sections": _section_runs(documents),
            "doc_files": doc_files, "chunks": chunks, "stop_words": sorted(STOP_WORDS)}
    files["meta.json"] = _json(meta)
    for name, body in files.items():
        (out_dir / name).write_bytes(body)
    return IndexStats(len(documents), len(postings), len(files), sum(len(b) for b in files.values()),
                      [len(b) for n, b in files.items() if n.startswith("t")])


def _is_section(document: SearchDocument) -> bool:
    """Whether ``document`` is a section of an FAQ page (kbgen.search.sections): its URL has the fragment."""
    return "#" in document.url


def _section_runs(documents: list[SearchDocument]) -> list[list[int]]:
    """[page, first, count] for each run of consecutive section documents of one page: a document whose
    URL has a fragment (``faq/#id``) is a section of the document at the URL without it."""
    numbers = {document.url: number for number, document in enumerate(documents)}
    runs: list[list[int]] = []
    for number, document in enumerate(documents):
        page = numbers.get(document.url.partition("#")[0]) if _is_section(document) else None
        if page is None:
            continue
        if runs and runs[-1][0] == page and runs[-1][1] + runs[-1][2] == number:
            runs[-1][2] += 1
        else:
            runs.append([page, number, 1])
    return runs


def _postings(documents: list[SearchDocument], synonyms: list[list[str]]) -> Postings:
    """The postings of ``documents``. A section of an FAQ page is scored as a part of its page, which comes
    before it: with the page's length, so that the words of its answer weigh what they weigh on the page
    and those of its question (its title) more; its summary, the start of its body, only shown; and out of
    the statistics (Postings.add), so that an FAQ page's sections change no other document's score."""
    groups = [_word_group(group, group) for group in synonyms]
    groups += [_word_group([formal], [formal, *everyday]) for formal, everyday in EVERYDAY_WORDS.items()]
    postings = Postings()
    page_lengths: dict[str, float] = {}
    for number, doc in enumerate(documents):
        section = _is_section(doc)
        counts: Counter = Counter()
        length = 0.0
        for name, text in (("title", doc.title), ("summary", "" if section else doc.summary),
                           ("tags", " ".join(doc.tags)), ("body", plain_text(doc.body))):
            weight = FIELD_WEIGHTS[name]
            terms = tokenize(text) + _synonym_terms(normalize(text), groups)
            for term in terms:
                counts[term] += weight
            length += weight * len(terms)
        if section:
            length = page_lengths.get(doc.url.partition("#")[0], length)
        else:
            page_lengths[doc.url] = length
        postings.add(number, counts, length, counted=not section)
    return postings


class Postings(Mapping[str, list[tuple[int, int]]]):
    """Term -> [(document number, impact)], in document order; impacts are worked out per term when asked.

    Held as two compact arrays per term (document numbers, weighted term frequencies), filled one
    document at a time: a tuple per posting and a Counter per document took some 100 bytes a posting,
    most of the build's peak memory at 10,000 articles.
    """

    def __init__(self) -> None:
        self._term_numbers: dict[str, int] = {}
        self._documents: list[array] = []  # per term number: the documents that have the term
        self._frequencies: list[array] = []  # per term number, alongside: its weighted frequency there
        self._counted_df = array("I")  # per term number: the counted documents that have it
        self._lengths = array("d")  # per document: its weighted length
        self._counted = 0  # documents in the statistics
        self._counted_length = 0.0  # their weighted lengths, added up
        self._norms: array | None = None  # per document: BM25's length normalization, once all are added

    def add(self, number: int, counts: Counter, length: float, counted: bool = True) -> None:
        """Document ``number`` (the next one), with its weighted term frequencies and length. One not
        ``counted`` is scored but left out of the statistics (document count and frequencies, average
        length): an FAQ page's section, whose page is counted with the same words."""
        for term, frequency in counts.items():
            at = self._term_numbers.get(term)
            if at is None:
                at = self._term_numbers[term] = len(self._documents)
                self._documents.append(array("I"))
                self._frequencies.append(array("d"))
                self._counted_df.append(0)
            self._documents[at].append(number)
            self._frequencies[at].append(frequency)
            self._counted_df[at] += counted
        self._lengths.append(length)
        if counted:
            self._counted += 1
            self._counted_length += length
        self._norms = None

    def __len__(self) -> int:
        return len(self._term_numbers)

    def __iter__(self):
        return iter(self._term_numbers)

    def __getitem__(self, term: str) -> list[tuple[int, int]]:
        at = self._term_numbers[term]
        documents, frequencies, norms = self._documents[at], self._frequencies[at], self._document_norms()
        idf = _idf(self._counted, max(1, self._counted_df[at]))
        entries = []
        for number, tf in zip(documents, frequencies, strict=True):
            impact = idf * tf * (K1 + 1) / (tf + norms[number])
            entries.append((number, max(1, min(255, round(impact * IMPACT_SCALE)))))
        if len(entries) > MAX_POSTINGS:
            strongest = sorted(entries, key=lambda e: (-e[1], e[0]))[:MAX_POSTINGS]
            entries = sorted(strongest)
        return entries

    def _document_norms(self) -> array:
        if self._norms is None:
            average = (self._counted_length / self._counted) if self._counted else 1.0
            self._norms = array("d", (K1 * (1 - B + B * length / (average or 1.0)) for length in self._lengths))
        return self._norms


def _idf(documents: int, df: int) -> float:
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


def _impact_max(documents: int) -> int:
    """The impact of a term of one document, as its frequency there grows without bound."""
    return min(255, round(_idf(documents, 1) * (K1 + 1) * IMPACT_SCALE)) if documents else 1


def title_terms(title: str) -> set[str]:
    """The terms of a title that a query can share with it: all but the bigrams made only of hiragana
    (particles, verb endings), which a query of other words leaves out."""
    text = normalize(title)
    grammar = Counter(fold_kana(a) + fold_kana(b) for a, b in zip(text, text[1:], strict=False)
                      if char_class(a) == HIRAGANA and char_class(b) == HIRAGANA)
    return {term for term, count in Counter(tokenize(title)).items() if count > grammar[term]}


_QUESTION_HEADING = re.compile(r"^ {0,3}#{2,6}[ \t]+(.+?)(?:[ \t]+\{[^}]*\})?[ \t#]*$")
_Q_PREFIX = r"(?:[QＱ][0-9０-９]*\s*[:：.．]|質問[0-9０-９]*\s*[:：])"  # "Q: …", "Q1. …", "Ｑ：…", "質問：…"
_QUESTION = re.compile(rf"^(?:{_Q_PREFIX}\s*)?(.+?[?？])$|^{_Q_PREFIX}\s*(.+)$", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
MAX_QUESTIONS = 60  # per article: enough for a long FAQ page, few enough for its row


def question_headings(markdown: str) -> list[str]:
    """The questions an article asks in its headings (``## How do I …?``, ``### Q: …``), as an FAQ page
    does: each is a question the article answers, as its title is. Outside fenced code."""
    questions, fence = [], None
    for line in markdown.splitlines():
        opened = _FENCE.match(line)
        if opened:
            fence = None if fence == opened.group(1) else fence or opened.group(1)
            continue
        heading = None if fence else _QUESTION_HEADING.match(line)
        asked = heading and question(heading.group(1))
        if asked and len(questions) < MAX_QUESTIONS:
            questions.append(asked)
    return questions


def question(heading: str) -> str | None:
    """The question a heading's text asks, without its marker ("Q: How do I …?" asks "How do I …?");
    None for a heading that asks none."""
    asked = _QUESTION.match(heading.strip())
    return (asked.group(1) or asked.group(2)).strip() if asked else None


def _questions_column(questions: list[str], weights: list[int]) -> list:
    """A document row's sixth column, [[question, weight], …], for an article with questions besides its
    title; none for the others (most), so their rows stay as they were."""
    return [[[q, w] for q, w in zip(questions[1:], weights[1:], strict=True)]] if len(questions) > 1 else []


def _adding_question_weights(entries, asked: list[list[str]], weights: list[list[int]]):
    """``entries`` (term, postings) passed on, adding each impact of a question's term to that question's
    weight: ``asked[n]`` holds document n's questions (its title first), ``weights[n]`` their weights."""
    holders: dict[str, list[tuple[int, int]]] = {}
    for number, questions in enumerate(asked):
        for k, question in enumerate(questions):
            for term in title_terms(question):
                holders.setdefault(term, []).append((number, k))
    for term, postings in entries:
        if term in holders:
            impacts = dict(postings)
            for number, k in holders[term]:
                weights[number][k] += impacts.get(number, 0)
        yield term, postings


def _word_group(triggers: list[str], members: list[str]) -> tuple[re.Pattern, list[tuple[re.Pattern, list[str]]]]:
    """A text that mentions one of ``triggers`` is indexed under every one of ``members`` (each: where
    the text mentions it, its terms) it does not mention itself. A Latin word is mentioned at the start
    of a word only (edit, edits, editing; not credit)."""
    def mention(words: list[str]) -> re.Pattern:
        return re.compile("|".join(("(?<![0-9a-z])" if re.match("[0-9a-z]", w) else "") + re.escape(w)
                                   for w in map(normalize, words) if w))
    return mention(triggers), [(mention([word]), tokenize(word)) for word in members if normalize(word)]


def _synonym_terms(text: str, groups) -> list[str]:
    """Terms of the words that the groups ``text`` mentions add, and that it does not say itself."""
    extra: list[str] = []
    for trigger, members in groups:
        if trigger.search(text):
            for mentioned, terms in members:
                if not mentioned.search(text):
                    extra.extend(terms)
    return extra


def _term_chunks(entries):
    """Chunks of ``entries`` (term, postings), in term order, cut by size."""
    chunk: dict[str, list[int]] = {}
    size = 0
    for term, postings in entries:
        flat, previous = [], 0
        for number, impact in postings:
            flat += [number - previous, impact]
            previous = number
        entry_size = len(term.encode()) + 4 + len(_json(flat))
        if chunk and size + entry_size > CHUNK_BYTES:
            yield next(iter(chunk)), _json(chunk)
            chunk, size = {}, 0
        chunk[term] = flat
        size += entry_size
    if chunk:
        yield next(iter(chunk)), _json(chunk)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _name(prefix: str, number: int, body: bytes) -> str:
    return f"{prefix}{number}-{hashlib.sha256(body).hexdigest()[:10]}.json"
