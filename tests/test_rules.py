"""Every rule, case by case: a minimal KB that triggers it and one that does not (sqlfluff-style tables).

Each case names the rule, the files of a tiny KB and the (path, line) of every finding of that rule
it must produce: an empty list is a passing case.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import pytest

from kbgen.checks import RULES, CheckOptions
from kbgen.commands.check import check_knowledge_base
from tests.conftest import MINIMAL_CONFIG, TODAY, article

A = "content/account/a.md"
B = "content/account/b.md"


def config(**settings) -> dict:
    result = copy.deepcopy(MINIMAL_CONFIG)
    result.update(settings)
    return result


TWO_CATEGORIES = config(categories={"account": {"title": "A"}, "billing": {"title": "B"}})
SNIPPET = "---\nowner: '@support'\nlast_reviewed: {}\n---\n| プラン | 月額 |\n| --- | --- |\n| フリー | 0円 |\n"


@dataclass
class Case:
    code: str
    name: str
    files: dict[str, str | bytes]
    expect: list[tuple[str, int | None]]  # (path, line) of each finding with this code; [] passes
    config: dict | None = None
    external: bool = False
    columns: list[int | None] = field(default_factory=list)  # when given, the findings' columns

    @property
    def id(self) -> str:
        return f"{self.code}-{'fail' if self.expect else 'pass'}-{self.name}"


SCHEMA = [
    Case("KB101", "no front matter", {A: "# パスワード\n"}, [(A, 1)]),
    Case("KB101", "front matter", {A: article()}, []),
    Case("KB102", "unclosed list", {A: "---\ntitle: [unclosed\n---\n"}, [(A, 2)]),
    Case("KB102", "valid yaml", {A: article(title="'[括弧] の付いた質問'")}, []),
    Case("KB103", "title twice", {A: article(tags="[x]").replace("tags: [x]", "title: B？")}, [(A, 7)]),
    Case("KB103", "each key once", {A: article(tags="[x]")}, []),
    Case("KB104", "no owner", {A: article(owner=None)}, [(A, 1)]),
    Case("KB104", "all required fields", {A: article()}, []),
    Case("KB105", "typo", {A: article(sumary="x")}, [(A, 7)]),
    Case("KB105", "optional fields", {A: article(tags="[x]", review_every="90d", status="draft")}, []),
    Case("KB106", "bad status", {A: article(status="live")}, [(A, 7)]),
    Case("KB106", "quoted date", {A: article(last_reviewed='"2026-10-01"')}, []),
    Case("KB106", "alias no host can serve", {A: article(aliases="[../../etc, 'faq/a?b', 'https://old.example/x']")},
         [(A, 7)]),
    Case("KB106", "old url as written or copied", {A: article(aliases="[/faq/パス/, 'faq/%E3%83%86', a.html]")},
         []),
    Case("KB107", "same id in two categories", {A: article(), "content/billing/a.md": article(category="billing")},
         [("content/billing/a.md", 1)], TWO_CATEGORIES),
    Case("KB107", "different ids", {A: article(), "content/billing/b.md": article(category="billing")},
         [], TWO_CATEGORIES),
    Case("KB108", "unknown category", {A: article(category="acount")}, [(A, 4)]),
    Case("KB108", "known category", {A: article(category="account")}, []),
    Case("KB109", "shift_jis", {A: article().encode() + "シフトJIS".encode("shift_jis")}, [(A, 11)]),
    Case("KB109", "utf-8", {A: article().encode()}, []),
    Case("KB110", "empty summary", {A: article(summary='""')}, [(A, 3)]),
    Case("KB110", "201 characters", {A: article(summary="あ" * 201)}, [(A, 3)]),
    Case("KB110", "200 characters", {A: article(summary="あ" * 200)}, []),
    Case("KB111", "unknown language", {A: article(), "content/account/a.fr.md": article()},
         [("content/account/a.fr.md", None)]),
    Case("KB111", "configured language", {A: article(), "content/account/a.en.md": article(title="A?")}, []),
]

FRESHNESS = [
    Case("KB201", "reviewed two years ago", {A: article(last_reviewed="2024-11-01")}, [(A, 6)]),
    Case("KB201", "own longer period", {A: article(last_reviewed="2024-11-01", review_every="3y")}, []),
    Case("KB201", "archived", {A: article(last_reviewed="2024-11-01", status="archived")}, []),
    Case("KB202", "due in two days", {A: article(last_reviewed="2026-06-01")}, [(A, 6)]),
    Case("KB202", "due in four months", {A: article(last_reviewed="2026-10-01")}, []),
    Case("KB203", "next month", {A: article(last_reviewed="2026-12-01")}, [(A, 6)]),
    Case("KB203", "today", {A: article(last_reviewed=TODAY.isoformat())}, []),
    Case("KB204", "expired", {A: article(expires="2026-11-01")}, [(A, 7)]),
    Case("KB204", "expires next year", {A: article(expires="2027-01-01")}, []),
    Case("KB205", "free text", {A: article(owner="サポート担当")}, [(A, 5)]),
    Case("KB205", "e-mail", {A: article(owner="help@example.com")}, []),
    Case("KB205", "team handle", {A: article(owner='"@example/support"')}, []),
    Case("KB206", "not declared", {A: article()}, [(A, 5)], config(owners=["@billing"])),
    Case("KB206", "declared", {A: article()}, [], config(owners=["@support"])),
    Case("KB207", "translation older", {A: article(), "content/account/a.en.md": article(
        title="Forgot?", last_reviewed="2026-09-01")}, [("content/account/a.en.md", 6)]),
    Case("KB207", "translation newer", {A: article(), "content/account/a.en.md": article(
        title="Forgot?", last_reviewed="2026-10-02")}, []),
    Case("KB208", "block reviewed later", {A: article(body='料金は次のとおりです。\n\n--8<-- "prices.md"\n'),
                                           "content/_snippets/prices.md": SNIPPET.format("2026-11-01")}, [(A, 10)]),
    Case("KB208", "block reviewed earlier", {A: article(body='--8<-- "prices.md"\n'),
                                             "content/_snippets/prices.md": SNIPPET.format("2026-09-01")}, []),
]

HEADINGS = "## 手順\n\n本文です。\n\n## 手順\n\n## Step 1: 画面を開く\n"
LINKS = [
    Case("KB301", "misspelt file", {A: article(body="詳しくは[こちら](b-typo.md)をご覧ください。\n"), B: article()},
         [(A, 8)], columns=[5]),
    Case("KB301", "draft target", {A: article(body="[下書き](b.md)\n"), B: article(status="draft")}, [(A, 8)]),
    Case("KB301", "existing file", {A: article(body="[別の記事](b.md) と [カテゴリ](../account/)\n"), B: article()},
         []),
    Case("KB301", "link inside code", {A: article(body="`[x](nowhere.md)`\n\n```\n[x](nowhere.md)\n```\n")}, []),
    Case("KB302", "unknown heading", {A: article(body="[手順](b.md#てじゅん)\n"), B: article(body=HEADINGS)}, [(A, 8)]),
    Case("KB302", "unknown own heading", {A: article(body="[下へ](#ない見出し)\n\n## ある見出し\n")}, [(A, 8)]),
    Case("KB302", "japanese, repeated and mixed headings", {
        A: article(body="[a](b.md#手順) [b](b.md#手順_1) [c](b.md#step-1-画面を開く) [d](b.md#%E6%89%8B%E9%A0%86)\n"),
        B: article(body=HEADINGS)}, []),
    Case("KB302", "anchor in the translation", {
        "content/account/a.en.md": article(title="A?", body="[steps](b.md#steps)\n"), A: article(),
        B: article(body="## 手順\n"), "content/account/b.en.md": article(title="B?", body="## Steps\n")}, []),
    Case("KB302", "heading from a shared block", {
        A: article(body='[料金表](#料金表)\n\n--8<-- "prices.md"\n'),
        "content/_snippets/prices.md": SNIPPET.format("2026-09-01").replace("| プラン", "## 料金表\n\n| プラン", 1),
    }, []),
    Case("KB303", "unknown id", {A: article(related="[nope]")}, [(A, 7)]),
    Case("KB303", "existing id", {A: article(related="[b]"), B: article(title="B？")}, []),
    Case("KB303", "id of a file that does not load", {A: article(related="[b]"), B: article(owner=None)}, []),
    Case("KB304", "no such image", {A: article(body="![ログイン画面](assets/login.png)\n")}, [(A, 8)]),
    Case("KB304", "image exists", {A: article(body="![ログイン画面](assets/login.png)\n"),
                                   "content/account/assets/login.png": b"\x89PNG"}, []),
    Case("KB305", "empty alt", {A: article(body="手順です。\n![](assets/x.png)\n"),
                                "content/account/assets/x.png": b"\x89PNG"}, [(A, 9)]),
    Case("KB305", "html img without alt", {A: article(body='<img src="assets/x.png">\n'),
                                           "content/account/assets/x.png": b"\x89PNG"}, [(A, 8)]),
    Case("KB305", "alt text", {A: article(body='![ログイン画面](assets/x.png)\n<img src="assets/x.png" alt="画面">\n'),
                               "content/account/assets/x.png": b"\x89PNG"}, []),
    Case("KB306", "javascript", {A: article(body="[チャット](javascript:openChat())\n")}, [(A, 8)]),
    Case("KB306", "data link in html", {A: article(body='<a href="data:text/html,x">x</a>\n')}, [(A, 8)]),
    Case("KB306", "https and mailto", {A: article(body="[窓口](https://example.com) [メール](mailto:a@example.com)\n")},
         []),
    Case("KB306", "data image that is no image", {A: article(body="![図](data:text/html,x)\n")}, [(A, 8)]),
    Case("KB306", "data image", {A: article(body="![図](data:image/png;base64,iVBORw0K)\n")}, []),
    Case("KB313", "remote image", {A: article(body="![図](https://cdn.example.com/a.png)\n<img src='//cdn.example.com/b.png' alt='図'>\n")},
         [(A, 8), (A, 9)]),
    Case("KB313", "own host and links", {A: article(body="![図](https://example.github.io/help/assets/a.png) [外部](https://example.org)\n")},
         []),
    Case("KB307", "alias is a page", {A: article(aliases="[account/b]"), B: article(title="B？")}, [(A, 7)]),
    Case("KB307", "alias is a page, percent-encoded", {A: article(aliases="[account/%62]"), B: article(title="B？")},
         [(A, 7)]),
    Case("KB307", "alias twice", {A: article(aliases="[faq/x]"), B: article(title="B？", aliases="[faq/x/]")},
         [(B, 7)]),
    Case("KB307", "own old url", {A: article(aliases="[faq/a]"), B: article(title="B？", aliases="[faq/b]")}, []),
    Case("KB308", "no such block", {A: article(body='--8<-- "price.md"\n'),
                                    "content/_snippets/prices.md": SNIPPET.format("2026-09-01")}, [(A, 8)]),
    Case("KB308", "outside the snippets folder", {A: article(body='--8<-- "../account/b.md"\n'), B: article()},
         [(A, 8)]),
    Case("KB308", "block exists", {A: article(body='--8<-- "prices.md"\n'),
                                   "content/_snippets/prices.md": SNIPPET.format("2026-09-01")}, []),
    Case("KB309", "404", {A: article(body="[消えたページ]({server}/gone)\n")}, [(A, 8)], external=True),
    Case("KB309", "200", {A: article(body="[ページ]({server}/ok) <{server}/ok>\n")}, [], external=True),
    Case("KB309", "not without --external", {A: article(body="[消えたページ]({server}/gone)\n")}, []),
    Case("KB310", "h1 in the body", {A: article(body="# パスワードを忘れた場合\n\n手順です。\n")}, [(A, 8)]),
    Case("KB310", "h1 inside code", {A: article(body="```bash\n# コメント\n```\n")}, []),
    Case("KB310", "# after a tag", {A: article(body='<a href="https://example.com">#タグ</a> について\n')}, []),
    Case("KB311", "## then ####", {A: article(body="## 手順\n\n#### 管理画面\n")}, [(A, 10)]),
    Case("KB311", "body starts at ###", {A: article(body="### 手順\n")}, [(A, 8)]),
    Case("KB311", "one level at a time, back up freely", {A: article(body="## 手順\n### 管理画面\n## 補足\n")}, []),
    Case("KB312", "same heading twice in a section", {A: article(body="## 管理画面\n### 手順\n### 手順\n")}, [(A, 10)]),
    Case("KB312", "same heading twice at the top", {A: article(body="## 手順\n### 管理画面\n## 手順\n")}, [(A, 10)]),
    Case("KB312", "same heading under different parents",
         {A: article(body="## 管理画面\n### 手順\n## アプリ\n### 手順\n")}, []),
    Case("KB312", "same heading in two details blocks",
         {A: article(body='??? note "v1.1"\n    ## 新機能\n??? note "v1.0"\n    ## 新機能\n')}, []),
    Case("KB312", "same heading twice in one details block",
         {A: article(body='??? note "v1.1"\n    ## 新機能\n    ## 新機能\n')}, [(A, 10)]),
    Case("KB312", "headings that differ by their code", {A: article(body="## `.env` ファイル\n## `.yml` ファイル\n")}, []),
    Case("KB312", "different headings", {A: article(body="## 管理画面での手順\n## アプリでの手順\n")}, []),
]

TERMS = config(terms=[{"use": "ログイン", "instead_of": ["サインイン"]}, {"use": "サーバー", "instead_of": ["サーバ"]},
                      {"use": "app", "instead_of": ["application"]}])
CONSISTENCY = [
    Case("KB401", "same question", {A: article(), B: article()}, [(B, 2)]),
    Case("KB401", "same question in two languages", {A: article(), "content/account/a.en.md": article()}, []),
    Case("KB402", "nearly the same", {A: article(title="請求書を再発行できますか？"),
                                      B: article(title="請求書を再発行できるでしょうか")}, [(B, 2)]),
    Case("KB402", "different questions", {A: article(title="パスワードを忘れた場合は？"),
                                          B: article(title="請求書を再発行できますか？")}, []),
    Case("KB402", "one title holds the other", {A: article(title="cf 削除して再編集"), B: article(title="削除して再編集")},
         [(B, 2)]),
    Case("KB402", "a version apart", {A: article(title="Siv3D ゲームジャム 2023 の入賞作品を見る"),
                                      B: article(title="Siv3D ゲームジャム 2025 入賞作品を見たい")}, []),
    Case("KB402", "a product apart", {A: article(title='"Deployment fails: Fastly and Adobe Commerce versions incompatible"'),
                                      B: article(title="Deployment fails Elasticsearch Adobe Commerce version incompatible")},
         [], config(lint={"near_duplicate_threshold": 0.3})),
    Case("KB402", "a qualifier in brackets apart", {A: article(title="パスワードの変更（管理者）を知りたい"),
                                                    B: article(title="パスワードの変更（メンバー）が知りたい")}, [],
         config(lint={"near_duplicate_threshold": 0.3})),
    Case("KB402", "one word swapped", {A: article(title="タイムラインを表示するには？"),
                                       B: article(title="タイムラインを追加するには？")}, [],
         config(lint={"near_duplicate_threshold": 0.3})),
    Case("KB402", "a word swapped for its declared synonym",
         {A: article(title="ログイン画面が表示されない"), B: article(title="サインイン画面が表示されない"),
          "content/account/c.md": article(title="請求書を再発行できますか？")}, [(B, 2)],
         config(search={"synonyms": [["ログイン", "サインイン"]]})),
    Case("KB402", "a word swapped for another", {A: article(title="ログイン画面が表示されない"),
                                                 B: article(title="サインイン画面が表示されない"),
                                                 "content/account/c.md": article(title="請求書を再発行できますか？")}, []),
    Case("KB403", "body and title",
         {A: article(title="サインインできない場合は？", body="管理画面にサインインします。\n")},
         [(A, 2), (A, 8)], TERMS, columns=[None, 6]),
    Case("KB403", "preferred word contains the other", {A: article(body="サーバーに接続します。\napplications\n")},
         [], TERMS),
]

JAPANESE = [
    Case("KB501", "one plain sentence", {A: article(body="画面を開きます。\n8文字以上である。\nメールを送ります。\n")},
         [(A, 9)]),
    Case("KB501", "a past verb is not だ", {A: article(body="画面を開きます。\n本を読んだ。急いだ。\n")}, []),
    Case("KB501", "plain list under polite text",
         {A: article(body="次の点に注意します。\n\n- 8文字以上である\n- 英字を含む\n")},
         []),
    Case("KB502", "half-width kana", {A: article(body="ﾊﾟｽﾜｰﾄﾞを入力します。\n")}, [(A, 8)], columns=[1]),
    Case("KB502", "full-width kana", {A: article(body="パスワードを入力します。\n")}, []),
    Case("KB503", "full-width letters", {A: article(body="次に　ＣＳＶを選びます。\n")}, [(A, 8)], columns=[4]),
    Case("KB503", "inside code", {A: article(body="`ＣＳＶ` を選びます。\n\n```\nＣＳＶ\n```\n")}, []),
    Case("KB504", "comma from another style", {A: article(body="設定を開きます。次に，保存します。\n保存しました。\n")},
         [(A, 8)]),
    Case("KB504", "one style", {A: article(body="設定を開き、保存します。\n")}, []),
    Case("KB504", "chinese lines in a japanese article",
         {A: article(body="中国語の説明は次のとおりです。\n\n> 设置完成后，点击保存。\n")}, []),
    Case("KB504", "chinese page in a japanese-first KB", {A: article(title="如何保存？", summary="点击保存。",
                                                                     body="设置完成后，点击保存。\n")}, []),
    Case("KB505", "101 characters", {A: article(body="あ" * 101 + "。\n")}, [(A, 8)]),
    Case("KB505", "[!label] is not a sentence end",
         {A: article(body="[!" + "あ" * 60 + "[!" + "い" * 60 + "。\n")},
         [(A, 8)]),
    Case("KB505", "long sentence over two lines", {A: article(body="あ" * 60 + "\n" + "い" * 60 + "。\n")}, [(A, 8)]),
    Case("KB505", "100 characters and a long URL",
         {A: article(body="あ" * 90 + f"[リンク](https://{'x' * 80}.example)。\n")},
         []),
    Case("KB505", "long as written, short as read",
         {A: article(body="- **" + "あ" * 50 + "** [リンク](https://example.com/" + "x" * 60 + ")。\n"
                     + "あ" * 40 + "&amp;" * 30 + "。\n")},
         []),
    Case("KB505", "a line ends a sentence as read, not as written",
         {A: article(body="あ" * 60 + "。**\n" + "い" * 60 + "。\n")}, []),
    Case("KB505", "html block", {A: article(body="<table>\n<tr><td>" + "あ" * 101 + "</td></tr>\n</table>\n")}, []),
    Case("KB505", "english article", {"content/account/a.en.md": article(title="Why?", body="word " * 40 + ".\n"),
                                      A: article()}, []),
    Case("KB505", "english page in a japanese-first KB", {A: article(title="Why?", summary="Because.",
                                                                      body="word " * 40 + "\n")}, []),
    Case("KB505", "english sentence in a japanese article",
         {A: article(body="次の文言が表示されます。 The payment could not be processed because the card was declined by "
                          "the issuing bank and no other payment method was on file\n")}, []),
    Case("KB505", "an attribute list is not read",
         {A: article(body="あ" * 90 + '[リンク](https://example.com){:target="_blank"}。\n')}, []),
    Case("KB505", "a comment is not read", {A: article(body="あ" * 60 + "<!-- " + "x" * 40 + " -->" + "い" * 30 + "。\n")},
         []),
]

CASES = SCHEMA + FRESHNESS + LINKS + CONSISTENCY + JAPANESE


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_case(case: Case, write_kb, request):
    files = case.files
    if any("{server}" in text for text in files.values() if isinstance(text, str)):
        server = request.getfixturevalue("local_http")
        files = {path: text.replace("{server}", server) if isinstance(text, str) else text
                 for path, text in files.items()}
    root = write_kb(files, case.config)
    findings = check_knowledge_base(root, CheckOptions(TODAY, external=case.external)).findings
    found = [f for f in findings if f.code == case.code]
    assert [(f.path, f.line) for f in found] == case.expect, found
    if case.columns:
        assert [f.column for f in found] == case.columns
    assert all(f.message for f in found)


def test_every_rule_has_a_failing_and_a_passing_case():
    failing = {c.code for c in CASES if c.expect}
    passing = {c.code for c in CASES if not c.expect}
    assert sorted(set(RULES) - failing) == []
    assert sorted(set(RULES) - passing) == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented(code):
    rule = RULES[code]
    assert re.fullmatch(r"KB[1-5]\d\d", code) and re.fullmatch(r"[a-z0-9-]+", rule.name)
    assert rule.message and "\n" not in rule.message
    positions = [rule.doc.find(section + "\n") for section in ("## Why", "## Example", "## Fix")]
    assert -1 not in positions and positions == sorted(positions), rule.doc
    assert rule.doc.split("\n", 1)[0].strip(), "the doc starts with what the rule flags"
