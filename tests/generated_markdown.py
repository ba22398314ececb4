"""Hypothesis strategies for articles that mix every construct the checks read, with Japanese text.

Each block is one construct as writers use it (a link inside a footnote, a heading with an attribute
list, a link inside a code fence that must stay code); an article is a list of them, so that the
differential test also sees each construct next to and inside the others.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

SNIPPETS = {"shared.md": "## 共有の手順\n\n[共有リンク](shared-link.md) と ![共有画像](assets/shared.png)\n"}

TEXT = st.sampled_from(["パスワードを再設定します。", "管理画面を開き", "「設定」を押してください", "注意：",
                        "ver. 6.3", "Ctrl + C", "手順", "(補足)", "*強調*", "**重要**", "==印==", "2026年"])
TARGET = st.sampled_from(["../billing/invoices.md", "reset-password.md#手順", "#よくある質問", "https://example.com/ja/パス?x=1&y=2",
                          "mailto:support@example.com", "a(b).md", "<with space.md>", 'titled.md "タイトル"',
                          "file\\).md", "../guide/setup.md#step-1", "javascript:alert(1)", "page.md?tab=1#設定"])
IMAGE = st.sampled_from(["assets/画面.png", "assets/x.png \"説明\"", "https://example.com/i.png",
                         "data:image/png;base64,AA"])
LABEL = st.sampled_from(["ref1", "参照", "Ref 2"])
FOOTNOTE = st.sampled_from(["1", "*1", "注"])

INLINE = st.one_of(
    TEXT,
    st.builds("[{}]({})".format, TEXT, TARGET),
    st.builds("![{}]({})".format, st.sampled_from(["", "画面", "ログイン画面"]), IMAGE),
    st.builds("[{}][{}]".format, TEXT, LABEL),
    st.builds("[{}]".format, LABEL),
    st.builds("[^{}]".format, FOOTNOTE),
    st.builds("`[コード]({})`".format, TARGET),
    st.just("`` `[二重](double.md)` ``"),
    st.just("<https://example.com/auto>"),
    st.just('<a href="html-link.md">HTML のリンク</a>'),
    st.just('<img src="assets/html.png" alt="HTML の画像">'),
    st.just('<span id="html-id">目印</span>'),
    st.just("<kbd>Enter</kbd>"),
    st.just("\\[エスケープ](escaped.md)"),
    st.just("<!-- [隠し](hidden.md) -->"),
    st.just("https://example.com/bare"),
)
LINE = st.lists(INLINE, min_size=1, max_size=4).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
HEADING_TEXT = st.one_of(TEXT, st.sampled_from(["よくある質問", "手順 1：ログイン", "Step 1", "`config.yml` の場所",
                                                "[リンク見出し](heading-link.md)", "設定 {#custom-id}",
                                                "注意 {: #note-id .important }", "返品 ##", "A & B"]))
HEADING = st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 4), HEADING_TEXT)
SETEXT = st.builds(lambda text, mark: f"{text}\n{mark}", TEXT, st.sampled_from(["===", "---"]))


def indented(block: str, by: str = "    ") -> str:
    return "\n".join(by + line if line else line for line in block.split("\n"))


BLOCK = st.deferred(lambda: st.one_of(
    PARAGRAPH, PARAGRAPH, HEADING, HEADING, SETEXT,
    st.builds("```{}\n{}\n```".format, st.sampled_from(["", "markdown", "yaml"]), LINE),
    st.builds("~~~\n## 見出しではない\n{}\n~~~".format, LINE),
    st.builds("{}\n\n    {}".format, PARAGRAPH, LINE),  # indented code after a paragraph
    st.builds("[{}]: {}".format, LABEL, TARGET),
    st.builds("[^{}]: {}".format, FOOTNOTE, LINE),
    st.builds("[^{}]: {}\n    {}".format, FOOTNOTE, LINE, LINE),
    st.builds(lambda kind, title, body: f'{kind} {title}\n\n{indented(body)}',
              st.sampled_from(["!!! note", "!!! warning", "??? tip", "???+ info"]),
              st.sampled_from(['"注意"', '""', ""]), st.one_of(PARAGRAPH, HEADING)),
    st.builds(lambda title, body: f'=== "{title}"\n\n{indented(body)}', TEXT, PARAGRAPH),
    st.builds(lambda body: f"<details markdown>\n<summary>詳細</summary>\n\n{body}\n\n</details>", PARAGRAPH),
    st.builds(lambda body: f"<details>\n<summary>詳細</summary>\n\n{body}\n\n</details>", PARAGRAPH),
    st.just('<div class="box">\n<a href="block-link.md">ブロック</a>\n</div>'),
    st.builds("- {}\n- {}\n    - {}".format, LINE, LINE, LINE),
    st.builds("1. {}\n2. {}".format, LINE, LINE),
    st.builds("| 項目 | 説明 |\n| --- | --- |\n| {} | {} |".format, INLINE, INLINE),
    st.builds("> {}".format, LINE),
    st.builds("> [!NOTE]\n> {}".format, LINE),
    st.builds("用語\n:   {}".format, LINE),
    st.just('--8<-- "shared.md"'),
    st.just("<!--\n[コメント内](comment.md)\n## コメント内の見出し\n-->"),
))

_DEFINITION = re.compile(r"^\[([^\]]+)\]:", re.MULTILINE)


def defines_once(body: str) -> bool:
    """A label defined twice is its own mistake (the last definition wins), not a reading to compare."""
    labels = [label.lower() for label in _DEFINITION.findall(body)]
    return len(labels) == len(set(labels))


ARTICLES = st.lists(BLOCK, min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n").filter(defines_once)
