"""KB1xx: schema and files. KB101-KB109 and KB111 are reported by the loader; they are documented here."""

from __future__ import annotations

from collections.abc import Iterator

from kbgen.checks.registry import CheckContext, Problem, load_rule, rule
from kbgen.content.model import Article
from kbgen.content.summaries import SUMMARY_MAX
from kbgen.findings import Severity

load_rule("KB101", "no-front-matter", "the file has no front matter", """
    A Markdown file under content/ must start with a YAML front matter block.

    ## Why
    Without front matter kbgen knows neither the question, the short answer, the category,
    the owner nor the review date, so the file cannot be published.

    ## Example
    ```markdown
    # パスワードを忘れた場合
    ログイン画面から再設定できます。
    ```

    ## Fix
    Start the file with a `---` block holding `title`, `summary`, `category`, `owner` and
    `last_reviewed`, closed by another `---` line.
    """)

load_rule("KB102", "malformed-front-matter", "the front matter is not valid YAML", """
    The block between the two `---` lines must be a YAML mapping, and it must be closed.

    ## Why
    A YAML syntax error makes every field unreadable. The mistakes writers make are named
    at the line where they are made, not where the YAML parser stopped (often lines
    below): a quote that is not closed, a tab used for indentation, a `: ` inside an
    unquoted value, a list item (`- …`) among the fields. Other errors give the line and
    column the parser stopped at. A byte order mark and Windows line ends are accepted.

    ## Example
    ```yaml
    ---
    title: "パスワードを忘れた場合
    summary: 注意: 再設定メールを送れます。
    ---
    ```

    ## Fix
    Correct the YAML at the reported line (close the quote; quote values that contain
    `: `, `#`, `[` or start with `@`; indent with spaces), and close the block with a
    `---` line.
    """)

load_rule("KB103", "duplicate-key", "a front matter field appears twice", """
    A field is written twice in the same front matter.

    ## Why
    Most YAML parsers silently keep the last value, so one of the two edits is lost
    without anyone noticing.

    ## Example
    ```yaml
    title: パスワードを忘れた場合は？
    summary: 再設定メールを送れます。
    title: パスワードを再設定するには？
    ```

    ## Fix
    Keep one of the two lines.
    """)

load_rule("KB104", "missing-field", "a required front matter field is missing", """
    `title`, `summary`, `category`, `owner` and `last_reviewed` are required.

    ## Why
    The title is the question, the summary the short answer shown in search results, and the
    owner and review date are what keep the answer fresh.

    ## Example
    ```yaml
    title: パスワードを忘れた場合は？
    summary: 再設定メールを送れます。
    category: account
    last_reviewed: 2026-10-01
    ```
    (no `owner`)

    ## Fix
    Add the missing field, e.g. `owner: "@support-account"`.
    """)

load_rule("KB105", "unknown-field", "the front matter has a field kbgen does not know", """
    A field that is not part of the article format, usually a typo; the hint suggests the
    closest known field.

    ## Why
    A misspelt `review_evry:` would otherwise be ignored and the article reviewed on the
    default schedule.

    ## Example
    ```yaml
    sumary: 再設定メールを送れます。
    ```

    ## Fix
    Rename the field as suggested (`summary`), or remove it.
    """)

load_rule("KB106", "invalid-value", "a front matter value has the wrong type or value", """
    A field's value does not have the expected type or form: a date that is not ISO, a status
    other than draft/published/archived, a period such as `often`, a title that is a number, an
    alias no static host could serve (`../old`, `faq?id=3`, `https://old.example/faq`).

    ## Why
    Dates and periods drive freshness; a value kbgen cannot read would silently disable it.
    A wrong optional field (`status`, `expires`, `review_every`, `tags`, `related`, `aliases`,
    `id`) is taken as absent, so the rest of the article is still checked and links to it resolve;
    a wrong title, summary, category, owner or `last_reviewed` leaves no article to check.

    ## Example
    ```yaml
    last_reviewed: yesterday
    status: live
    ```

    ## Fix
    Use the form the message names: `last_reviewed: 2026-10-01`, `status: published`,
    `review_every: 180d`.
    """)

load_rule("KB107", "duplicate-id", "two articles share an id", """
    Two articles in the same language have the same id (the file name, or `id:`), possibly in
    different categories.

    ## Why
    The id is the article's stable key in URLs, links, `related` lists and feedback; two
    articles cannot share it.

    ## Example
    `content/account/fees.md` and `content/billing/fees.md`.

    ## Fix
    Rename one of the files, or give it an explicit `id:`.
    """)

load_rule("KB108", "unknown-category", "the category is not configured or does not match the folder", """
    `category:` must be a key of `categories` in site_config.yml, and the article must sit in
    the folder of that name.

    ## Why
    The category decides where the article is listed and its URL; a typo would hide it.

    ## Example
    ```yaml
    category: acount   # content/account/reset-password.md
    ```

    ## Fix
    Use one of the configured categories, matching the folder (or move the file).
    """)

load_rule("KB109", "not-utf8", "the file is not UTF-8 text", """
    The file cannot be decoded as UTF-8, or contains NUL bytes.

    ## Why
    Japanese text saved as Shift_JIS or EUC-JP would be rendered as mojibake.

    ## Example
    A file saved from an old editor in Shift_JIS.

    ## Fix
    Re-save the file as UTF-8 (without changing its text).
    """)

load_rule("KB111", "misplaced-file", "the file is not where kbgen expects an article", """
    Articles live in `content/<category>/<id>.md`, translations in `<id>.<lang>.md` next to
    their source, with a language from `site.languages`.

    ## Why
    A file elsewhere (nested folders, an unknown language suffix, a translation without its
    source) would not be published.

    ## Example
    `content/account/old/reset-password.md`, `content/account/reset-password.fr.md`.

    ## Fix
    Move or rename the file, or add the language to `site.languages`.
    """)


@rule("KB110", "summary-length", Severity.ERROR, "the summary is empty or longer than 200 characters")
def summary_length(article: Article, context: CheckContext) -> Iterator[Problem]:
    """The summary is the short answer: it must be there, and fit in 200 characters.

    ## Why
    The summary is shown in search results, on category pages, as the meta description and in
    the FAQ structured data. Empty, the customer sees only the question; too long, it is cut.

    ## Example
    ```yaml
    summary: ""
    ```

    ## Fix
    Write the answer in one or two sentences of at most 200 characters; details go in the body.
    """
    length = len(article.summary)
    if length == 0:
        yield Problem(article.line_of("summary"), "summary is empty",
                      "write the short answer customers see in search results")
    elif length > SUMMARY_MAX:
        yield Problem(article.line_of("summary"), f"summary is {length} characters long (at most {SUMMARY_MAX})",
                      "keep the short answer in the summary and move details to the body")
