"""The loader turns files into Articles, and every bad file into a finding with file, line and code."""

import string
import time

import pytest

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from tests.conftest import article


def load(root):
    return load_knowledge_base(root, load_config(root))


def codes(findings):
    return [(f.code, f.path, f.line) for f in findings]


def test_an_article_and_its_translation_load(write_kb):
    root = write_kb({
        "content/account/reset-password.md": article(tags="[ログイン]", related="[]"),
        "content/account/reset-password.en.md": article(title="Forgot your password?", summary="Reset it."),
    })
    kb, findings = load(root)
    assert findings == []
    ja, en = kb.get("reset-password", "ja"), kb.get("reset-password", "en")
    assert ja.title == "パスワードを忘れた場合はどうすればよいですか？" and not ja.is_translation
    assert en.is_translation and en.title == "Forgot your password?"
    assert ja.body_line == 10  # fence, 7 fields, fence
    assert ja.line_of("summary") == 3


def test_id_from_front_matter_overrides_the_file_name(write_kb):
    kb, _ = load(write_kb({"content/account/x.md": article(id="reset-password")}))
    assert kb.get("reset-password") is not None


GONE, KEPT = (), ("content/account/a.md",)


# A file whose errors are all in optional fields is kept, those fields at their defaults: its body is
# checked and links to it resolve. Without a valid title, date or the like there is no article.
@pytest.mark.parametrize("text, code, line, articles", [
    pytest.param("# no front matter\n", "KB101", 1, GONE, id="no-front-matter"),
    pytest.param("---\ntitle: [unclosed\n---\n", "KB102", 2, GONE, id="malformed-yaml"),
    pytest.param("---\ntitle: a\nsummary: b\n", "KB102", 1, GONE, id="unclosed-front-matter"),
    pytest.param("---\n- a list\n---\n", "KB102", 2, GONE, id="not-a-mapping"),
    pytest.param(article(title="A？", tags="[x]").replace("tags: [x]", "title: B？"), "KB103", 7, GONE,
                 id="duplicate-key"),
    pytest.param(article(owner=None), "KB104", 1, GONE, id="missing-owner"),
    pytest.param(article(tittle="x"), "KB105", 7, KEPT, id="unknown-field"),
    pytest.param(article(last_reviewed="yesterday"), "KB106", 6, GONE, id="bad-date"),
    pytest.param(article(last_reviewed="2026-13-01"), "KB106", 6, GONE, id="date-that-does-not-exist"),
    pytest.param(article(expires="2027-02-30"), "KB106", 7, KEPT, id="expiry-that-does-not-exist"),
    pytest.param(article(review_every="0x_"), "KB106", 7, KEPT, id="number-that-is-none"),
    pytest.param(article(last_reviewed="!!timestamp soon"), "KB106", 6, GONE, id="tagged-date-that-is-none"),
    pytest.param(article(title="42"), "KB106", 2, GONE, id="title-not-text"),
    pytest.param(article(status="live"), "KB106", 7, KEPT, id="bad-status"),
    pytest.param(article(review_every="often"), "KB106", 7, KEPT, id="bad-period"),
    pytest.param(article(category="nowhere"), "KB108", 4, GONE, id="unknown-category"),
])
def test_each_load_error_is_a_finding(write_kb, text, code, line, articles):
    kb, findings = load(write_kb({"content/account/a.md": text}))
    assert codes(findings) == [(code, "content/account/a.md", line)]
    assert findings[0].hint or findings[0].message
    assert tuple(a.path for a in kb.articles) == articles


# PyYAML stops reading lines below a writer's mistake, in its own words; the finding names the
# line of the mistake and what to change.
@pytest.mark.parametrize("text, line, message, hint", [
    pytest.param(article(title='"パスワードを忘れた場合は？'), 2, 'the " opened on this line is not closed',
                 'end the value with " on the same line', id="unclosed-quote"),
    pytest.param(article(summary="'再設定メールを送れます。"), 3, "the ' opened on this line is not closed",
                 "end the value with ' on the same line", id="unclosed-single-quote"),
    pytest.param(article(tags="\n\t- ログイン"), 8, "a tab indents this line",
                 "indent with spaces (two per level); YAML does not accept tabs", id="tab-indent"),
    pytest.param(article(summary="注意: 再設定メールを送れます。"), 3, "': ' inside the unquoted value of summary",
                 'put the value in quotes: summary: "…"', id="colon-in-value"),
    pytest.param(article().replace("category:", "- ログイン\ncategory:"), 4, "a list item among the fields",
                 "a list belongs to a field: write `tags:` and indent its items under it (`  - item`), "
                 "or make the line a `field: value`", id="list-item-among-fields"),
])
def test_a_yaml_mistake_is_reported_where_it_is_made(write_kb, text, line, message, hint):
    _, findings = load(write_kb({"content/account/a.md": text}))
    assert [(f.code, f.line, f.message, f.hint) for f in findings] == [("KB102", line, message, hint)]


def test_a_byte_order_mark_and_windows_line_ends_are_read_as_written(write_kb):
    # Notepad writes a BOM, git on Windows checks out CRLF: kbgen reads both, lines counted as the editor shows.
    def windows(text):
        return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    kb, findings = load(write_kb({"content/account/a.md": windows(article(tags="[ログイン]", body="本文\n")),
                                  "content/account/b.md": windows(article(status="live"))}))
    assert codes(findings) == [("KB106", "content/account/b.md", 7)]
    a = kb.get("a")
    assert a.line_of("tags") == 7 and a.body_line == 9 and a.body == "本文\n" and a.title.startswith("パスワード")


def test_unknown_field_suggests_the_right_one(write_kb):
    _, findings = load(write_kb({"content/account/a.md": article(sumary="x")}))
    assert [f.hint for f in findings if f.code == "KB105"] == ["did you mean 'summary'?"]


def test_no_is_not_turned_into_false(write_kb):
    kb, findings = load(write_kb({"content/account/a.md": article(title="no")}))
    assert findings == [] and kb.get("a").title == "no"


def test_not_utf8_is_a_finding_with_its_line(write_kb):
    text = article(body="一行目\n二行目\n").encode("utf-8") + "シフトJIS".encode("shift_jis")
    _, findings = load(write_kb({"content/account/a.md": text}))
    assert codes(findings) == [("KB109", "content/account/a.md", 10)]


def test_binary_file_is_a_finding(write_kb):
    _, findings = load(write_kb({"content/account/a.md": b"\x89PNG\r\n\x1a\n\x00\x00"}))
    assert [f.code for f in findings] == ["KB109"]


def test_duplicate_id_across_categories(write_kb):
    config = {
        "site": {"name": "x", "url": "https://x.example/", "language": "ja"},
        "categories": {"account": {"title": "A"}, "billing": {"title": "B"}},
    }
    _, findings = load(write_kb({
        "content/account/a.md": article(),
        "content/billing/a.md": article(category="billing"),
    }, config=config))
    assert codes(findings) == [("KB107", "content/billing/a.md", 1)]


def test_category_must_match_its_folder(write_kb):
    config = {"site": {"name": "x", "url": "https://x.example/"},
              "categories": {"account": {"title": "A"}, "billing": {"title": "B"}}}
    _, findings = load(write_kb({"content/billing/a.md": article()}, config=config))
    assert [(f.code, f.message) for f in findings] == [
        ("KB108", "category 'account' does not match the folder 'billing'")]


def test_translation_in_an_unconfigured_language(write_kb):
    _, findings = load(write_kb({"content/account/a.md": article(), "content/account/a.fr.md": article()}))
    assert codes(findings) == [("KB111", "content/account/a.fr.md", None)]


def test_translation_without_source(write_kb):
    _, findings = load(write_kb({"content/account/a.en.md": article()}))
    assert [f.code for f in findings] == ["KB111"]


def test_a_source_that_does_not_load_is_not_reported_missing_by_its_translation(write_kb):
    _, findings = load(write_kb({"content/account/a.md": article(last_reviewed="yesterday"),
                                 "content/account/a.en.md": article()}))
    assert codes(findings) == [("KB106", "content/account/a.md", 6)]


def test_snippets_and_assets_are_not_articles(write_kb):
    kb, findings = load(write_kb({
        "content/_snippets/open-settings.md": "---\nowner: '@x'\nlast_reviewed: 2026-10-01\n---\n1. 設定を開きます。\n",
        "content/account/assets/shot.png": b"\x89PNG",
        "content/account/a.md": article(),
    }))
    assert findings == []
    assert [a.id for a in kb.articles] == ["a"]
    assert kb.snippets["open-settings.md"].meta.owner == "@x"
    assert "content/account/assets/shot.png" in kb.files


def laughs(depth: int) -> str:
    """An article carrying a "billion laughs": each level names the one before four times, so the
    document expanded holds 9 * 4**depth items at the top level."""
    names = string.ascii_lowercase[:depth + 1]
    levels = {b: f"&{b} [{', '.join([f'*{a}'] * 4)}]" for a, b in zip(names, names[1:], strict=False)}
    return article(a="&a [x, x, x, x, x, x, x, x, x]", **levels)


def test_billion_laughs_stays_linear(write_kb):
    def load_laughs(depth: int):
        """(least CPU seconds of three loads, what the last one returned): CPU time, not wall time,
        so that other processes on the machine do not count."""
        root = write_kb({"content/account/a.md": laughs(depth)})
        timings = []
        for _ in range(3):
            started = time.process_time()
            loaded = load(root)
            timings.append(time.process_time() - started)
        return min(timings), loaded

    small, _ = load_laughs(1)
    # Expanded, each level would cost four times the one before: this fails within a few levels, fast.
    for depth in range(2, 21):
        seconds, (kb, findings) = load_laughs(depth)
        assert seconds < 10 * small, f"{depth} levels: {seconds:.4f}s, one level: {small:.4f}s"
    assert codes(findings) == [("KB105", "content/account/a.md", line) for line in range(7, 28)]  # a..u
    assert [a.path for a in kb.articles] == ["content/account/a.md"]
