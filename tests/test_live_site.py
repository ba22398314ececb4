"""The preview's partial rebuilds: after any edit the served folder equals a fresh `kbgen build`, file for file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.render import build_site
from kbgen.render.live_site import LiveSite
from tests.conftest import REPO, TODAY


def _load(root: Path):
    return load_knowledge_base(root, load_config(root))[0]


def _previewed_sample(tmp_path: Path) -> tuple[Path, LiveSite]:
    """A copy of the sample KB, and its preview built once."""
    root = tmp_path / "kb"
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site_config.yml", root)
    live = LiveSite(tmp_path / "preview")
    live.update(_load(root), TODAY)
    return root, live


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


PARTIAL, FULL = "partial", "full"
EDITS = {  # what is edited -> (the edit, the rebuild it takes)
    "an article's body": (lambda root: _append(root / "content/account/change-email.md", "\n追記した一文です。\n"),
                          PARTIAL),
    "a translation's title, shown on its home and category pages and where it is related": (
        lambda root: _replace(root / "content/account/change-email.en.md",
                              "title: Can I change the email address I sign in with?",
                              "title: How do I change my sign-in email?"), PARTIAL),
    "a review date, listed in the sitemaps": (
        lambda root: _replace(root / "content/account/change-email.md", "last_reviewed: 2026-", "last_reviewed: 2025-"),
        PARTIAL),
    "a shared block, re-rendering the pages that include it": (
        lambda root: _append(root / "content/_snippets/open-settings.md", "\n追記です。\n"), PARTIAL),
    "an expiry date, which takes the article out of the answer feed alone": (
        lambda root: _replace(root / "content/account/change-email.md", "last_reviewed:",
                              "expires: 2026-01-31\nlast_reviewed:"), PARTIAL),
    "a new article": (lambda root: shutil.copy(root / "content/account/change-email.md",
                                               root / "content/account/change-email-again.md"), FULL),
    "a deleted article": (lambda root: (root / "content/account/change-email.en.md").unlink(), FULL),
    "the theme": (lambda root: _append(root / "theme/assets/extra.css", "\nbody { color: black; }\n"), FULL),
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_the_preview_equals_a_fresh_build(tmp_path, edit):
    root, live = _previewed_sample(tmp_path)

    change, rebuild = EDITS[edit]
    change(root)
    kb = _load(root)
    update = live.update(kb, TODAY)
    update.write_search_index()
    build_site(kb, tmp_path / "fresh", TODAY)

    assert (FULL if update.full else PARTIAL) == rebuild
    if edit == "an article's body":
        assert update.rendered == 1
    preview, fresh = _files(tmp_path / "preview"), _files(tmp_path / "fresh")
    assert sorted(preview) == sorted(fresh)
    assert [name for name in fresh if preview[name] != fresh[name]] == []


def test_a_search_index_left_out_for_a_newer_save_is_written_by_the_next(tmp_path):
    root, live = _previewed_sample(tmp_path)
    _append(root / "content/account/change-email.md", "\nペリカンの話です。\n")
    live.update(_load(root), TODAY).write_search_index(superseded=lambda: True)
    _replace(root / "content/account/reset-password.en.md", "forgot my password", "lost my password")  # en

    kb = _load(root)
    update = live.update(kb, TODAY)
    assert [plan.lang for plan, _documents in update.stale_search] == ["ja", "en"] and not update.full
    update.write_search_index()
    build_site(kb, tmp_path / "fresh", TODAY)
    preview, fresh = _files(tmp_path / "preview"), _files(tmp_path / "fresh")
    assert [name for name in fresh if "search-index" in name and preview.get(name) != fresh[name]] == []
