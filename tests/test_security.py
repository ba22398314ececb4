"""Hostile articles cannot put script on the help center or read files outside the KB.

Checked on the built HTML with html.parser, the way a browser would tokenise it.
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen.checks import CheckOptions
from kbgen.cli import cli
from kbgen.commands.check import check_knowledge_base
from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.errors import KbgenError
from kbgen.render import build_site
from tests.conftest import MINIMAL_CONFIG, TODAY, article

PAYLOAD = """"'></title></script><script>kbgenPwned()</script><img src=x onerror=kbgenPwned()>"""
YAML_PAYLOAD = json.dumps(PAYLOAD)  # a JSON string is a YAML double-quoted scalar

HOSTILE_BODY = """## 手順

[リンク](javascript:kbgenPwned()) [大文字](JAVASCRIPT:kbgenPwned()) [実体参照](jav&#x61;script:kbgenPwned())
[データ](data:text/html;base64,PHNjcmlwdD5rYmdlblB3bmVkKCk8L3NjcmlwdD4=) [VB](vbscript:kbgenPwned())
[属性](https://example.com/){: onclick="kbgenPwned()" }

<script>kbgenPwned()</script>

行内の <img src=x onerror="kbgenPwned()"> と <kbd>Ctrl</kbd> と <svg onload=kbgenPwned()></svg>

<iframe src="javascript:kbgenPwned()"></iframe>

<div markdown onmouseover="kbgenPwned()">
**太字** <a href="javascript:kbgenPwned()">リンク</a>
</div>

```html
<script>kbgenPwned()</script>
```
"""


class _Tokens(HTMLParser):
    """Every element, attribute and script body a browser would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self._script = None


def tokens(page: Path) -> _Tokens:
    parser = _Tokens()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def live_payloads(page: Path) -> list[str]:
    """Anything from PAYLOAD or HOSTILE_BODY that a browser would run, described."""
    found = []
    parsed = tokens(page)
    for tag, attrs in parsed.elements:
        for name, value in attrs.items():
            if name.startswith("on") and "kbgenPwned" in (value or ""):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "vbscript:",
                                                                                      "data:text")):
                found.append(f"<{tag} {name}={value}>")
        if tag == "iframe" or (tag == "img" and attrs.get("src") == "x"):
            found.append(f"<{tag}>")
    for attrs, text in parsed.scripts:
        if "json" in (attrs.get("type") or ""):
            json.loads(text)  # structured data stays one JSON value: nothing broke out of it
        elif "kbgenPwned" in text:
            found.append("<script>kbgenPwned()</script>")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    config = MINIMAL_CONFIG  # site_config.yml is the site owner's, trusted; articles are anyone's
    fields = {"title": YAML_PAYLOAD, "summary": YAML_PAYLOAD, "tags": f"[{YAML_PAYLOAD}]"}
    files = {
        "content/account/hostile.md": article(body=HOSTILE_BODY, related="[other]", **fields),
        "content/account/hostile.en.md": article(body=HOSTILE_BODY, **fields),
        "content/account/other.md": article(title="ほかの質問はどこで確認できますか？", related="[hostile]"),
    }
    import yaml

    (root / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    out = root / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:  # the checks refuse it: then render it anyway to prove the renderer is safe too
        kb, _ = load_knowledge_base(root, load_config(root))
        build_site(kb, out, TODAY)
    return out


def test_hostile_text_is_never_live_on_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 6
    assert {p.relative_to(hostile_site).as_posix(): live_payloads(p) for p in pages} == {
        p.relative_to(hostile_site).as_posix(): [] for p in pages}


def test_hostile_title_is_shown_as_text(hostile_site):
    page = hostile_site / "account" / "hostile" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;kbgenPwned()&lt;/script&gt;" in html  # the writer can see what was refused
    assert "<kbd>Ctrl</kbd>" in html  # harmless raw HTML still works


def test_feedback_links_carry_the_title_only_as_a_query_value(hostile_site):
    votes = [attrs["href"] for _, attrs in tokens(hostile_site / "account" / "hostile" / "index.html").elements
             if "data-kbgen-vote" in attrs]
    assert len(votes) == 2
    assert all(href.startswith("https://example.com/feedback?id=hostile&vote=") for href in votes), votes


def build_cli(root: Path, out: Path):
    return CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()])


# The site goes into the KB, as it does by default: the renderer copies the blocks to a folder next to
# the site, from which ../../ is the KB's root. Enough ../ for any depth of temporary folder.
@pytest.mark.parametrize("include", ["../" * 32 + "etc/passwd", "/etc/passwd", "../../site_config.yml"])
def test_snippet_includes_cannot_reach_outside_the_snippets_folder(write_kb, include):
    root = write_kb({"content/account/a.md": article(body=f'## 手順\n\n--8<-- "{include}"\n')})
    out = root / "site"
    findings = check_knowledge_base(root, CheckOptions(TODAY)).findings
    assert [(f.path, f.line, f.code) for f in findings] == [("content/account/a.md", 10, "KB308")]
    result = build_cli(root, out)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1 and "KB308" in result.output, result.output
    assert "Traceback" not in result.output
    # Rendered without the checks, the renderer's own restriction to content/_snippets is what stops it.
    kb, _ = load_knowledge_base(root, load_config(root))
    with pytest.raises(KbgenError, match="include only files from content/_snippets/"):
        build_site(kb, out, TODAY)
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_out_of_the_kb_is_a_finding_and_is_not_published(write_kb, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("kbgen-secret-value\n", encoding="utf-8")
    root = write_kb({"content/account/a.md": article(body="![図](assets/leak.png)\n")})
    (root / "content" / "account" / "assets").mkdir()
    (root / "content" / "account" / "assets" / "leak.png").symlink_to(secret)
    (root / "content" / "account" / "leak.md").symlink_to(secret)
    check = CliRunner().invoke(cli, ["check", "--root", str(root), "--today", TODAY.isoformat()])
    assert "KB111" in check.output and "content/account/assets/leak.png" in check.output, check.output
    kb, _ = load_knowledge_base(root, load_config(root))
    build_site(kb, tmp_path / "site", TODAY)
    leaked = [p for p in (tmp_path / "site").rglob("*") if p.is_file() and b"kbgen-secret-value" in p.read_bytes()]
    assert leaked == []
