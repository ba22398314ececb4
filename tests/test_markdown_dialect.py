"""The checks read Markdown as the renderer does: for every article at hand, the link targets, image
sources and heading ids the rules see are those of the rendered page (Python-Markdown with the site's
own extensions). The fast reader stays for speed; this test holds it to the renderer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from kbgen.cli import cli
from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.content.model import KnowledgeBase
from tests.conftest import CORPORA, REPO, TODAY, corpus
from tests.generated_markdown import ARTICLES, SNIPPETS
from tests.markdown_views import Renderer, article_of, checks_view


def differing(kb: KnowledgeBase) -> list[str]:
    renderer = Renderer({name: snippet.body for name, snippet in kb.snippets.items()})
    try:
        return [f"{article.path}: {difference}" for article in kb.articles
                for difference in checks_view(article, kb).differences(renderer.view(article.body))]
    finally:
        renderer.close()


def loaded(root: Path) -> KnowledgeBase:
    kb, _ = load_knowledge_base(root, load_config(root))
    return kb


def test_the_sample_is_read_alike():
    kb = loaded(REPO)
    assert len(kb.articles) > 50
    assert differing(kb) == []


@pytest.mark.parametrize("name", ["adobe-commerce-kb-ja", "adobe-commerce-kb-en"])
def test_each_imported_corpus_is_read_alike(name, tmp_path):
    root = tmp_path / "kb"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root), "--today", TODAY.isoformat()]).exit_code == 0
    source = corpus(CORPORA / name / "help")
    result = runner.invoke(cli, ["import", "--root", str(root), str(source), "--owner", "@docs",
                                 "--reviewed-from", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    kb = loaded(root)
    assert len(kb.articles) > 100
    assert differing(kb) == []


@pytest.fixture(scope="module")
def renderer():
    renderer = Renderer(SNIPPETS)
    yield renderer
    renderer.close()


@settings(max_examples=2000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(ARTICLES)
def test_generated_articles_are_read_alike(renderer, body):
    article, kb = article_of(body, SNIPPETS)
    assert checks_view(article, kb).differences(renderer.view(body)) == [], f"the article:\n{body}"


def test_a_block_tag_closed_by_its_own_slash_ends_the_raw_html(renderer):
    """`<video … />` (VitePress pages write it) is a whole element to the renderer: the headings after it
    are headings, with ids that links may name."""
    body = '<video src="assets/demo.mp4" autoplay muted loop />\n\nText.\n\n## Keyboard shortcuts\n\nMore text.\n'
    article, kb = article_of(body, SNIPPETS)
    assert checks_view(article, kb).differences(renderer.view(body)) == []
