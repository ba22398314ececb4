"""KB4xx: consistency across the knowledge base: duplicate and near-duplicate questions, terminology."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kbgen.checks.prose import prose_lines
from kbgen.checks.registry import KB, CheckContext, Problem, rule
from kbgen.checks.similarity import closest_matches, folded
from kbgen.content.model import Article, KnowledgeBase
from kbgen.findings import Severity


def _title_key(article: Article) -> tuple[str, str]:
    return article.lang, " ".join(folded(article.title).split())


@rule("KB401", "duplicate-title", Severity.ERROR, "two articles ask the same question", scope=KB)
def duplicate_title(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    """Two articles in the same language have the same title (ignoring case and width).

    ## Why
    Search shows two identical questions; customers cannot tell which answer is current, and
    the two answers drift apart.

    ## Example
    `account/reset-password.md` and `security/forgot-password.md` both titled
    「パスワードを忘れた場合はどうすればよいですか？」.

    ## Fix
    Merge the two answers into one article and add the other's URL to its `aliases:`.
    """
    first: dict[tuple[str, str], Article] = {}
    for article in kb.articles:
        key = _title_key(article)
        if key in first:
            yield Problem(article.line_of("title"), f"same title as {first[key].path}",
                          "merge the two answers; keep the old URL as an alias", path=article.path)
        else:
            first[key] = article


@rule("KB402", "near-duplicate", Severity.WARNING, "two articles ask nearly the same question", scope=KB)
def near_duplicate(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    """An article whose question is nearly the same as another's in the same language, with the
    closest such article and their similarity score (0-1); each article is reported at most once,
    and a pair that are each other's closest match once, on the article with the larger path.
    Titles are compared after normalisation: width (ＡＢＣ/ABC),
    punctuation and polite endings (ですか, ますか, でしょうか) are ignored, and words most
    titles share (a product name, 「するにはどうすればよいですか」) count little.
    The threshold is `lint.near_duplicate_threshold` (0.6 by default).

    ## Why
    The same question answered twice is how answers drift apart: one gets updated, the
    other keeps the old price.

    ## Example
    「請求書を再発行できますか？」 and 「請求書を再発行できるでしょうか」 (score 0.85).

    ## Fix
    Merge them (keep the old URL in `aliases:`), or make the questions say how they differ.
    If they really are different questions, silence the pair with
    `<!-- kbgen-disable KB402 -->` in one of them.
    """
    matches = closest_matches(kb.articles, context.config.lint.near_duplicate_threshold)
    closest = {article.path: match.path for article, match, _score in matches}
    for article, match, score in matches:
        if score == 1 and _title_key(article) == _title_key(match):
            continue  # KB401 reports it (the same title scores 1; only then is the key worth computing)
        if closest.get(match.path) == article.path and article.path < match.path:
            continue  # each other's closest: reported once, on the other one
        yield Problem(article.line_of("title"), f"question is {score:.0%} similar to {match.path} "
                      f"(「{match.title}」, score {score:.2f})",
                      "merge the two answers, or reword the questions so they differ", path=article.path)


def _word_pattern(word: str) -> re.Pattern:
    # ASCII words match whole words only: 'app' must not match 'apple'.
    if word.isascii():
        return re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", re.IGNORECASE)
    return re.compile(re.escape(word))


@rule("KB403", "terminology", Severity.WARNING, "a word that `terms` in site_config.yml asks to replace")
def terminology(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A word listed under `instead_of` of a `terms` entry, in the title, summary or body
    (code, URLs and HTML comments are skipped).

    ## Why
    Customers search with the words the help center uses; one product, one word.

    ## Example
    ```yaml
    # site_config.yml
    terms:
      - use: ログイン
        instead_of: [ログオン, サインイン]
    ```
    ```markdown
    管理画面にサインインします。
    ```

    ## Fix
    Use the preferred word: 管理画面にログインします。
    """
    for term in context.config.terms:
        for text_line in prose_lines(article):
            preferred = [(m.start(), m.end()) for m in _word_pattern(term.use).finditer(text_line.text)]
            for word in term.instead_of:
                for match in _word_pattern(word).finditer(text_line.text):
                    if any(start <= match.start() and match.end() <= end for start, end in preferred):
                        continue  # サーバ inside サーバー is the preferred word
                    column = match.start() + 1 if text_line.line >= article.body_line else None
                    yield Problem(text_line.line, f"「{match.group(0)}」: use 「{term.use}」",
                                  f"the KB writes 「{term.use}」 (terms in site_config.yml)", column)
