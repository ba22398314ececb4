"""KB2xx: freshness. Every date is compared with the context's ``today``, never the clock."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kbgen.checks.prose import included_snippets
from kbgen.checks.registry import CheckContext, Problem, rule
from kbgen.content.config import OWNER
from kbgen.content.freshness import is_expired, is_overdue, review_due
from kbgen.content.model import Article, KnowledgeBase
from kbgen.findings import Severity


@rule("KB201", "review-overdue", Severity.WARNING, "the article's review is overdue")
def review_overdue(article: Article, context: CheckContext) -> Iterator[Problem]:
    """The article was last reviewed longer ago than its review period allows.

    The period is the article's `review_every`, else `freshness.review_every` in site_config.yml.
    Drafts and archived articles are not checked.

    ## Why
    Prices, screens and policies change; an answer nobody has looked at for a year is likely
    to be wrong, and customers trust it anyway.

    ## Example
    ```yaml
    last_reviewed: 2025-01-10   # review_every: 180d, today 2026-11-26
    ```

    ## Fix
    Read the article against the product, correct it, and set `last_reviewed` to today.
    """
    if article.published and is_overdue(article, context.config, context.today):
        due = review_due(article, context.config)
        yield Problem(article.line_of("last_reviewed"),
                      f"review overdue since {due.isoformat()} ({(context.today - due).days} days)",
                      "check the answer against the product, then set last_reviewed to today")


@rule("KB202", "review-due-soon", Severity.INFO, "the article's review falls due soon")
def review_due_soon(article: Article, context: CheckContext) -> Iterator[Problem]:
    """The review falls due within `freshness.warn_before` (30 days by default).

    ## Why
    Gives the owner time to plan the review before the article turns overdue.

    ## Example
    ```yaml
    last_reviewed: 2026-06-01   # review_every: 180d, today 2026-11-26: due 2026-11-28
    ```

    ## Fix
    Review the article; or leave it until the due date, this is information only.
    """
    due = review_due(article, context.config)
    if article.published and context.today <= due <= context.config.freshness.warn_before.after(context.today):
        yield Problem(article.line_of("last_reviewed"), f"review due on {due.isoformat()}",
                      "plan the review before it is overdue")


@rule("KB203", "review-date-in-future", Severity.ERROR, "last_reviewed is later than today")
def review_date_in_future(article: Article, context: CheckContext) -> Iterator[Problem]:
    """`last_reviewed` lies in the future.

    ## Why
    A future date, usually a typo in the year, would keep the article looking fresh for
    years after anyone last read it.

    ## Example
    ```yaml
    last_reviewed: 2062-10-01
    ```

    ## Fix
    Set `last_reviewed` to the date the review actually happened.
    """
    if article.meta.last_reviewed > context.today:
        yield Problem(article.line_of("last_reviewed"),
                      f"last_reviewed {article.meta.last_reviewed.isoformat()} is after today "
                      f"({context.today.isoformat()})", "use the date of the review, not a planned one")


@rule("KB204", "expired", Severity.ERROR, "the article's expiry date has passed")
def expired(article: Article, context: CheckContext) -> Iterator[Problem]:
    """The article's `expires` date has passed while it is still published.

    ## Why
    `expires` marks answers that stop being true on a known date: a campaign, a price change,
    an end of support. Past it, the article tells customers something false.

    ## Example
    ```yaml
    expires: 2026-03-31
    status: published
    ```

    ## Fix
    Rewrite the article and move `expires` (or remove it), or set `status: archived`.
    """
    if article.published and is_expired(article, context.today):
        yield Problem(article.line_of("expires"), f"expired on {article.meta.expires.isoformat()}",
                      "renew the answer and update expires, or set status: archived")


@rule("KB205", "owner-format", Severity.ERROR, "the owner is not a @handle or an e-mail address")
def owner_format(article: Article, context: CheckContext) -> Iterator[Problem]:
    """`owner` must name someone who can be asked: a `@handle` (a person or a team, as in
    GitHub's `@org/team`) or an e-mail address.

    ## Why
    Reports group overdue articles by owner and CI can mention them; a free-text name such as
    "support" reaches nobody.

    ## Example
    ```yaml
    owner: サポート担当
    ```

    ## Fix
    ```yaml
    owner: "@support-account"   # quote it: a bare @ is not valid YAML
    ```
    """
    if not re.match(OWNER, article.meta.owner):
        yield Problem(article.line_of("owner"), f"owner '{article.meta.owner}' is not a @handle or an e-mail address",
                      'write owner: "@team-name" or owner: name@example.com')


@rule("KB206", "unknown-owner", Severity.WARNING, "the owner is not in the owners: list of site_config.yml")
def unknown_owner(article: Article, context: CheckContext) -> Iterator[Problem]:
    """When site_config.yml declares `owners:`, every article's owner must be one of them.

    ## Why
    People leave and teams are renamed; an owner nobody answers to means the article is
    never reviewed.

    ## Example
    ```yaml
    # site_config.yml
    owners: ["@support-account", "@support-billing"]
    # the article
    owner: "@suport-account"
    ```

    ## Fix
    Use a declared owner, or add the new one to `owners:`.
    """
    owners = context.config.owners
    if owners and article.meta.owner not in owners and re.match(OWNER, article.meta.owner):
        yield Problem(article.line_of("owner"), f"owner '{article.meta.owner}' is not declared in owners:",
                      "use one of: " + ", ".join(owners))


@rule("KB207", "translation-outdated", Severity.WARNING, "a translation was reviewed before its source")
def translation_outdated(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A translation's `last_reviewed` is older than its source article's.

    ## Why
    When the Japanese answer changes, the English one keeps saying the old thing until
    someone brings it up to date.

    ## Example
    `reset-password.md` has `last_reviewed: 2026-10-01`,
    `reset-password.en.md` has `last_reviewed: 2026-04-01`.

    ## Fix
    Compare the translation with the source, update it, and set its `last_reviewed`.
    """
    if not article.is_translation:
        return
    source = context.kb.get(article.id)
    if source is not None and article.meta.last_reviewed < source.meta.last_reviewed:
        yield Problem(article.line_of("last_reviewed"),
                      f"translation reviewed {article.meta.last_reviewed.isoformat()}, its source {source.path} "
                      f"on {source.meta.last_reviewed.isoformat()}",
                      "bring the translation up to date with the source, then update last_reviewed")


@rule("KB208", "snippet-newer", Severity.WARNING, "an included shared block was reviewed after the article")
def snippet_newer(article: Article, context: CheckContext) -> Iterator[Problem]:
    """The article includes a shared answer block (`--8<-- "name.md"`) whose `last_reviewed`
    is later than the article's.

    ## Why
    When a shared block changes (a price, a plan name), every article that shows it may need
    its surrounding text adjusted. `kbgen check --affected content/_snippets/NAME.md` lists them.

    ## Example
    `content/_snippets/plan-prices.md` reviewed 2026-11-01, included by
    `billing/plans-and-prices.md` reviewed 2026-10-01.

    ## Fix
    Read the article with the new block, adjust it if needed, and set its `last_reviewed`.
    """
    for line, name in included_snippets(article):
        snippet = context.kb.snippets.get(name)
        if snippet and snippet.meta.last_reviewed > article.meta.last_reviewed:
            yield Problem(line, f"shared block {name} was reviewed on {snippet.meta.last_reviewed.isoformat()}, "
                          f"after this article ({article.meta.last_reviewed.isoformat()})",
                          "re-read the article with the updated block, then update last_reviewed")


def articles_including(kb: KnowledgeBase, snippet_name: str) -> list[tuple[Article, int]]:
    """Every article (with the line) that includes the shared block ``snippet_name``."""
    return [(article, line) for article in kb.articles
            for line, name in included_snippets(article) if name == snippet_name]

