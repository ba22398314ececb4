"""KB3xx: links and structure: internal links, anchors, related ids, images, aliases, shared blocks."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from kbgen.checks.prose import AT_HAND, heading_lines, included_snippets, new_tuple, text_lines
from kbgen.checks.registry import KB, CheckContext, Problem, rule
from kbgen.content.loader import CONTENT_DIR, SNIPPETS_DIR
from kbgen.content.model import Article, KnowledgeBase, alias_path
from kbgen.content.safe_html import unsafe_url
from kbgen.findings import Severity

# A destination's characters: an escaped one (\\) is a character like any other, not a parenthesis.
_DESTINATION_CHAR = r"(?:[^()\s\\]|\\.)"
_INLINE = re.compile(r"(?<!\\)(!?)(?<!\\)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*"
                     rf"(<[^>]*>|{_DESTINATION_CHAR}*(?:\({_DESTINATION_CHAR}*\){_DESTINATION_CHAR}*)*)"
                     r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
# A link reference definition; `[^label]:` is a footnote's text, not a link.
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)([^\[\]]*)\]:[ ]*<?(\S+?)>?[ ]*(?:([\"'])(.*)\3[ ]*|\((.*)\)[ ]*)?$")
# Where a reference is used: [text][label], [label][] or [label].
_REFERENCE_USE = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\](?:[ ]?\[([^\[\]]*)\]|(?![(:]))")
_HTML_ATTR = re.compile(r"<(a|img)\b[^<>]*?\b(href|src)\s*=\s*([\"'])(.*?)\3[^<>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*([\"'])\s*\S", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_HTML_ID = re.compile(r"(?<![\w-])(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f]")  # browsers drop them: "java\tscript:" is javascript:
_IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")


class Link(NamedTuple):
    """A link or image of a body. A tuple made by _link, which works out the last three as the link
    is read: six rules ask each of a KB's 60,000 links at 10,000 articles."""

    line: int
    column: int
    target: str
    text: str
    is_image: bool
    has_alt: bool
    scheme: str  # lower case; "" for a relative or site URL
    is_relative: bool
    parts: tuple[str, str]  # path and anchor (split_target)


def _link(line: int, column: int, target: str, text: str, is_image: bool, has_alt: bool = True) -> Link:
    match = _SCHEME.match(_INVISIBLE.sub("", target))
    scheme = match.group(1).lower() if match else ""
    relative = not scheme and not target.startswith(("/", "#")) and bool(target)
    return new_tuple(Link, (line, column, target, text, is_image, has_alt, scheme, relative, split_target(target)))


def links_in(article: Article) -> tuple[Link, ...]:
    """Every Markdown and HTML link and image of the body, outside code and comments."""
    return links_of_body(article.body, article.body_line)


@lru_cache(maxsize=AT_HAND)  # six rules read an article's links
def links_of_body(body: str, first_line: int) -> tuple[Link, ...]:
    result = []
    # A reference definition is a link only where the text uses it: unused, the page has no link.
    definitions: list[tuple[str, Link]] | None = [] if "]:" in body else None
    used: set[str] = set()
    for text_line in text_lines(body, first_line, keep_urls=True):
        text = text_line.text
        # Each pattern runs only on lines holding the characters it needs: most lines link nowhere.
        if "](" in text:
            for match in _INLINE.finditer(text):
                target = match.group(3).strip("<>")
                target = _ESCAPE.sub(r"\1", target) if "\\" in target else target
                result.append(_link(text_line.line, match.start() + 1, target, match.group(2), match.group(1) == "!",
                                   bool(match.group(2).strip())))
        if "<" in text:
            for match in _AUTOLINK.finditer(text):
                result.append(_link(text_line.line, match.start() + 1, match.group(1), match.group(1), False))
        if "]:" in text and (reference := _REFERENCE.match(text)):
            definitions.append((_label(reference.group(1)),
                                _link(text_line.line, reference.start(2) + 1, reference.group(2), "", False)))
            continue
        if definitions is not None and "]" in text:
            # `[text][label]` falls back to `[text]` as a label of its own when `label` is not defined.
            used.update(_label(label) for use in _REFERENCE_USE.finditer(text) for label in use.groups() if label)
        if "<" in text:
            for match in _HTML_ATTR.finditer(text):
                is_image = match.group(1).lower() == "img"
                result.append(_link(text_line.line, match.start() + 1, match.group(4), "", is_image,
                                   not is_image or bool(_HTML_ALT.search(match.group(0)))))
    if definitions:
        result += [link for label, link in definitions if label in used]
    return tuple(result)


def _label(written: str) -> str:
    """A reference label as Python-Markdown matches it: case and runs of white space do not count."""
    return " ".join(written.lower().split())


def split_target(target: str) -> tuple[str, str]:
    """('../billing/invoices.md', 'download') from '../billing/invoices.md#download' (percent-decoded)."""
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    return unquote(path), unquote(anchor)


def resolve(article: Article, path: str) -> str:
    return _joined(article.path.rpartition("/")[0], path)  # its folder: content/<category>


@lru_cache(maxsize=1 << 12)  # a KB's articles link to the same few pages from the same few folders
def _joined(folder: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(folder, path))


def linked_article(kb: KnowledgeBase, source: Article, file: str) -> Article | None:
    """The article a link to ``file`` shows in ``source``'s language (its translation when there is one)."""
    found = kb.at_path(file)
    return (kb.get(found.id, source.lang) or found) if found else None


@rule("KB301", "broken-link", Severity.ERROR, "an internal link points to a file or article that does not exist")
def broken_link(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A relative link to a Markdown file (or another file under content/) that does not exist,
    or to an article that is not published.

    ## Why
    Customers following the link land on a 404 page, exactly when they needed more help.

    ## Example
    ```markdown
    詳しくは[ログインが制限されたとき](login-lock.md)をご覧ください。
    ```

    ## Fix
    Link to the article's file as it is named (`login-locked.md`), relative to this article:
    `../billing/invoices.md` for another category.
    """
    for link in links_in(article):
        if link.is_image or not link.is_relative:
            continue
        path, _ = link.parts
        if not path or not posixpath.splitext(path)[1]:
            continue  # a folder or site URL: MkDocs keeps it as written
        file = resolve(article, path)
        if file not in context.kb.files:
            yield Problem(link.line, f"link to {path}: no such file ({file})",
                          "check the file name and the relative path (../<category>/<id>.md)", link.column)
            continue
        target = linked_article(context.kb, article, file)
        if target is not None and not target.published and article.published:
            yield Problem(link.line, f"link to {path}: the article is {target.meta.status}, not published",
                          "publish the target or remove the link", link.column)


@lru_cache(maxsize=1)
def _heading_slugify():
    from pymdownx.slugs import slugify

    # A KB repeats a few headings (手順, 注意点) in most articles: each is slugified once.
    return lru_cache(maxsize=1 << 12)(slugify(case="lower"))


@lru_cache(maxsize=1)
def _heading_renderer():
    import markdown

    return markdown.Markdown(extensions=["toc", "attr_list"],
                             extension_configs={"toc": {"slugify": _heading_slugify()}})


def heading_id(text: str) -> str:
    """The id the renderer gives the first heading of plain ``text``."""
    return _heading_slugify()(" ".join(text.split()), "-")


# A heading of plain text: no inline Markdown, HTML, entity, escape, attribute list or closing #s,
# so the renderer's id is the slug of the text as written.
_PLAIN_HEADING = re.compile(r"#{1,6}[ \t]+([^\\`*_\[\]<>&{}!#~=^|$]+?)[ \t]*")


@lru_cache(maxsize=1 << 16)  # a whole KB: articles are linked to, each from many others
def heading_ids(body: str) -> frozenset[str]:
    """The ids a Markdown body renders to: heading anchors as the renderer makes them (Unicode,
    `_1` suffix), attr_list and HTML ids. Shared blocks must already be included in ``body``."""
    headings = heading_lines(body)
    ids = _html_ids(body) if "=" in body else set()
    plain = [match.group(1) for line in headings if (match := _PLAIN_HEADING.fullmatch(line))]
    if len(plain) == len(headings):  # most articles: slugified and numbered as the renderer's toc does
        from markdown.extensions.toc import unique

        taken, counters = set(), {}
        return frozenset(ids | {unique(heading_id(text), taken, counters) for text in plain})
    # Only the headings are rendered, by one reused renderer: Python-Markdown's own inline parsing
    # and toc numbering at a fraction of the cost of the whole body (which matters at 10,000 articles).
    md = _heading_renderer().reset()
    md.convert("\n\n".join(headings))

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            ids.add(token["id"])
            walk(token["children"])

    walk(md.toc_tokens)
    return frozenset(ids)


def _html_ids(body: str) -> set[str]:
    """The id and name attributes of the body's HTML tags, outside code and comments."""
    return {found for line in text_lines(body, 1, keep_urls=True) if "<" in line.text
            for tag in _HTML_TAG.findall(line.text) for found in _HTML_ID.findall(tag)}


def anchors_of(article: Article, kb: KnowledgeBase) -> frozenset[str]:
    """The ids the rendered article has: headings slugified as the renderer does (Unicode, `_1` suffix),
    with its shared blocks included (a block may bring headings)."""
    included = included_snippets(article)
    if not included:
        return heading_ids(article.body)
    lines = article.body.split("\n")
    for line, name in included:
        snippet = kb.snippets.get(name)
        lines[line - article.body_line] = snippet.body if snippet else ""
    return heading_ids("\n".join(lines))


@rule("KB302", "broken-anchor", Severity.ERROR, "a link's #anchor matches no heading of the target article")
def broken_anchor(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A link's `#anchor` is not the id of any heading in the article it points to.

    Anchors are computed as the site computes them: lower case, Japanese kept, spaces to `-`,
    and `_1`, `_2` appended to repeated headings.

    ## Why
    The page opens at its top instead of the section the link promised; after a heading is
    reworded, every link to it silently stops working.

    ## Example
    ```markdown
    [出荷後の返品](cancelled-order-stock.md#返品の方法)   <!-- the heading is 「出荷後の返品」 -->
    ```

    ## Fix
    Use the heading's anchor (`#出荷後の返品`), or the new heading's text after a rename.
    """
    for link in links_in(article):
        if link.is_image or not (link.is_relative or link.target.startswith("#")):
            continue
        path, anchor = link.parts
        if not anchor or anchor.startswith(("fn:", "fnref:")):
            continue
        target = article if not path else linked_article(context.kb, article, resolve(article, path))
        if target is not None and anchor not in anchors_of(target, context.kb):
            lower = anchor.lower()
            close = [a for a in anchors_of(target, context.kb) if a.lower() == lower]
            yield Problem(link.line, f"anchor #{anchor} is not a heading of {target.path}",
                          f"did you mean #{close[0]}?" if close else "link to a heading's anchor as the page shows it",
                          link.column)


@rule("KB303", "unknown-related", Severity.ERROR, "a related: id names no article")
def unknown_related(article: Article, context: CheckContext) -> Iterator[Problem]:
    """Each id in `related:` must be the id of an existing article. An article whose file is
    there but does not load is not reported here: its own findings say why.

    ## Why
    Related articles are listed under the answer; an unknown id would be dropped or lead
    nowhere.

    ## Example
    ```yaml
    related: [two-factor]   # the article is enable-two-factor
    ```

    ## Fix
    Use the article's id: its file name without `.md`, or its `id:`.
    """
    for related in article.meta.related:
        if context.kb.get(related, article.lang) is None and context.kb.get(related) is None:
            if any(f"{CONTENT_DIR}/{category}/{related}.md" in context.kb.files
                   for category in context.config.categories):
                continue  # the article is there but does not load: its own findings say why
            yield Problem(article.line_of("related"), f"related: no article with id '{related}'",
                          "use the id (file name without .md) of an existing article")
        elif related == article.id:
            yield Problem(article.line_of("related"), "related: the article lists itself", "remove its own id")


@rule("KB304", "missing-image", Severity.ERROR, "an image file does not exist")
def missing_image(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A relative image path that points to no file.

    ## Why
    Customers see a broken image icon where the screenshot should explain the step.

    ## Example
    ```markdown
    ![ログイン画面](assets/login.png)   <!-- the file is assets/login-screen.png -->
    ```

    ## Fix
    Put the image in `content/<category>/assets/` and link it relative to the article.
    """
    for link in links_in(article):
        if link.is_image and link.is_relative:
            path, _ = link.parts
            file = resolve(article, path)
            if file not in context.kb.files:
                yield Problem(link.line, f"image {path} not found ({file})",
                              "check the file name; images live in content/<category>/assets/", link.column)


@rule("KB305", "image-alt", Severity.WARNING, "an image has no alt text")
def image_alt(article: Article, context: CheckContext) -> Iterator[Problem]:
    """An image without alternative text (`![](…)` or `<img>` without `alt`).

    ## Why
    Screen readers announce the file name instead; customers on a slow connection see nothing.

    ## Example
    ```markdown
    ![](assets/login-screen.png)
    ```

    ## Fix
    Describe what the image shows: `![「パスワードをお忘れですか？」リンクの位置](assets/login-screen.png)`.
    """
    for link in links_in(article):
        if link.is_image and not link.has_alt:
            yield Problem(link.line, f"image {link.target} has no alt text",
                          "describe what the image shows inside ![...]", link.column)


@rule("KB306", "unsafe-link", Severity.ERROR, "a link uses a javascript:, vbscript: or data: URL")
def unsafe_link(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A link or image whose URL runs script or embeds data: `javascript:`, `vbscript:`, or
    `data:` (for links; images may be `data:image/…`). The page shows such a link as plain text.

    ## Why
    A help center is trusted by customers; a script link is the classic way to turn a content
    edit into an attack, and browsers block or mangle such links anyway.

    ## Example
    ```markdown
    [サポートに連絡](javascript:openChat())
    ```

    ## Fix
    Link to an `https:` page or a `mailto:` address.
    """
    for link in links_in(article):
        if unsafe_url(link.target, "src" if link.is_image else "href"):  # what the renderer drops
            yield Problem(link.line, f"unsafe {link.scheme}: URL", "link to an https: page instead", link.column)


@rule("KB313", "remote-image", Severity.WARNING, "an image is loaded from another host")
def remote_image(article: Article, context: CheckContext) -> Iterator[Problem]:
    """An image whose file is on another host than the help center's (`site.url`).

    ## Why
    The built help center makes no third-party requests: a customer reading an article tells no one
    else what they read. A remote image does, to its host, on every page view; and the answer breaks
    the day that host moves or deletes the file. Imports from other docs tools keep such images
    remote and list them.

    ## Example
    ```markdown
    ![設定画面](https://cdn.example.com/images/settings.png)
    ```

    ## Fix
    Save the image next to the article (`assets/settings.png`) and link it relatively.
    """
    own = urlsplit(context.config.site.url).netloc.lower()
    for link in links_in(article):
        if not link.is_image:
            continue
        remote = link.scheme in ("http", "https") or (not link.scheme and link.target.startswith("//"))
        host = urlsplit(link.target).netloc.lower()
        if remote and host != own:
            yield Problem(link.line, f"image from {host}", "save it next to the article (assets/) and link it "
                          "relatively", link.column)


def _url_path(alias: str) -> str:
    value = alias_path(alias)
    for suffix in ("/index.html", "/index.md", ".html", ".md"):
        if value.endswith(suffix):
            return value[: -len(suffix)]
    return value


@rule("KB307", "alias-collision", Severity.ERROR, "an alias is the URL of a page or another alias", scope=KB)
def alias_collision(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    """An `aliases:` entry (an old URL that redirects to the article) that is also the URL of an
    article or category page, or an alias of another article, in the same language.

    ## Why
    Only one page can live at a URL: the redirect would overwrite the page, or one of the two
    redirects would win at random.

    ## Example
    ```yaml
    # content/account/change-email.md
    aliases: [account/reset-password]
    ```

    ## Fix
    Remove the alias, or choose an old URL that no page uses.
    """
    for lang in kb.config.site.languages:
        articles = kb.published(lang)
        pages = {c: "a category page" for c in kb.config.categories}
        pages.update({f"{a.category}/{a.id}": a.path for a in articles})
        seen: dict[str, str] = {}
        for a in articles:
            for alias in a.meta.aliases:
                key = _url_path(alias)
                if key in pages:
                    yield Problem(a.line_of("aliases"), f"alias '{alias}' is the URL of {pages[key]}",
                                  "remove the alias; a redirect cannot replace a page", path=a.path)
                elif key in seen and seen[key] != a.path:
                    yield Problem(a.line_of("aliases"), f"alias '{alias}' is also an alias of {seen[key]}",
                                  "keep the alias on one article only", path=a.path)
                seen.setdefault(key, a.path)


@rule("KB308", "missing-snippet", Severity.ERROR, "an included shared block does not exist")
def missing_snippet(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A `--8<-- "name.md"` line names a shared answer block that is not in `content/_snippets/`.

    ## Why
    The build cannot include a block that is not there; kbgen refuses to build rather than
    publish an answer with a hole in it.

    ## Example
    ```markdown
    --8<-- "plan-price.md"
    ```

    ## Fix
    Use the block's file name as it is in `content/_snippets/` (`plan-prices.md`), or create it.
    """
    base = f"{CONTENT_DIR}/{SNIPPETS_DIR}"
    for line, name in included_snippets(article):
        file = posixpath.normpath(f"{base}/{name}")
        if not file.startswith(base + "/") or file not in context.kb.files:
            known = ", ".join(sorted(context.kb.snippets)) or "none yet"
            yield Problem(line, f"shared block {name} not found in {base}/", f"known blocks: {known}")


def external_urls(article: Article) -> list[Link]:
    return [link for link in links_in(article) if link.scheme in ("http", "https")]


@rule("KB309", "external-link", Severity.WARNING, "an external link does not answer (only with --external)", scope=KB)
def external_link(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    """An `http(s)` link that fails: an HTTP error status, a timeout, or no connection.
    Checked only with `kbgen check --external`, all URLs concurrently, each once.

    ## Why
    Outside pages move and disappear; a dead link in an answer sends the customer nowhere.

    ## Example
    ```markdown
    [Shopify のヘルプ](https://help.shopify.com/ja/manual/no-such-page)
    ```

    ## Fix
    Update the link to the page's new address, or remove it.
    """
    if context.fetch is None:
        return
    found = [(article, link) for article in kb.published() for link in external_urls(article)]
    statuses = context.fetch([link.target for _, link in found])
    for article, link in found:
        status = statuses.get(link.target)
        if status is not None and status.error:
            yield Problem(link.line, f"{link.target}: {status.error}", "update or remove the link", link.column,
                          path=article.path)
