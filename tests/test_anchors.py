"""KB302's quick anchors (plain headings, no Markdown) are exactly the ids the rendered page has."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.checks.links import _plain_heading_anchors, _rendered_anchors
from kbgen.config import load_config
from kbgen.loader import load_knowledge_base
from tests.conftest import REPO


def rendered(body: str) -> frozenset[str]:
    return _rendered_anchors(body, str(REPO / "content" / "_snippets"))


@pytest.mark.parametrize("body", [
    "## 手順\n\n本文\n\n## 手順\n\n### Step 2 (optional)\n",
    "```bash\n## not a heading\n```\n\n## 見出し ##\n",
    "~~~~\n```\n## inside\n~~~~\n# Top\n",
    "## Hello World 2026\n\nText with [a link](x.md#手順) and **bold**.\n",
])
def test_quick_anchors_match_the_rendered_ones(body):
    assert _plain_heading_anchors(body) == rendered(body)


@pytest.mark.parametrize("body", [
    "## **太字**の見出し\n", "見出し\n---\n", "> ## 引用内\n", '<h2 id="x">x</h2>\n', "## 見出し {#custom}\n",
    '--8<-- "open-settings.md"\n', '!!! note\n    ## 中\n', "```\nunclosed\n",
])
def test_anything_else_is_left_to_markdown(body):
    assert _plain_heading_anchors(body) is None


def test_the_sample_articles_agree():
    kb, _ = load_knowledge_base(REPO, load_config(REPO))
    quick = [a for a in kb.articles if _plain_heading_anchors(a.body) is not None]
    assert len(quick) > len(kb.articles) / 2
    assert {a.path: _plain_heading_anchors(a.body) for a in quick} == {a.path: rendered(a.body) for a in quick}


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(alphabet="あ漢カ AbZ09-_.()（）?？/'\"#", min_size=1, max_size=12), min_size=1, max_size=5))
def test_any_plain_headings_agree(titles):
    body = "\n\n".join(f"## {t}" for t in titles) + "\n"
    quick = _plain_heading_anchors(body)
    if quick is not None:
        assert quick == rendered(body)
