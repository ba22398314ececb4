"""`kbgen import` of an Obsidian vault: wikilinks and embeds become Markdown links and images, resolved
as Obsidian resolves them; what kbgen cannot show (a note embedded in another) stays visible and listed."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import TODAY
from tests.conftest import run_kbgen as run
from tests.test_import import import_into

VAULT = Path(__file__).parent / "fixtures" / "import" / "obsidian"


def test_a_vault_is_recognised_by_its_obsidian_folder_not_taken_for_a_github_wiki(new_kb):
    result = import_into(new_kb, VAULT)
    assert result.exit_code == 0, result.output
    assert "recognised: Obsidian vault (.obsidian)\n" in result.output
    # every note is a note: Obsidian has no navigation files (GitBook's GLOSSARY.md is one)
    assert "skipped" not in result.output and (new_kb / "content/guides/glossary.md").is_file()


def test_a_vault_copied_without_its_own_files_is_recognised_by_its_embeds(new_kb, tmp_path):
    copy = tmp_path / "notes"
    shutil.copytree(VAULT, copy, ignore=shutil.ignore_patterns(".obsidian", "publish.css"))
    result = import_into(new_kb, copy)
    assert "recognised: Obsidian vault (![[…]] in Home.md)\n" in result.output
    assert "[Install](../guides/install.md)" in (new_kb / "content/general/home.md").read_text(encoding="utf-8")


def test_wikilinks_go_to_the_note_obsidian_opens_and_headings_to_their_anchors(new_kb):
    import_into(new_kb, VAULT)
    home = (new_kb / "content/general/home.md").read_text(encoding="utf-8")
    # [[Page]], [[Page|text]], [[Page#Heading|text]]: a name anywhere in the vault, the shortest path first
    # (Guides/Install.md, not Old versions/2023/Install.md); the heading's anchor is the one kbgen renders
    assert ("Start with [Install](../guides/install.md), or read [the install guide](../guides/install.md) "
            "and [check the version](../guides/install.md#check-the-version).") in home
    assert ("[Install](../guides/install.md) and [Guides/Install](../guides/install.md) name the same note; "
            "so does [install](../guides/install.md).") in home
    assert "Jump [below](#getting-help)." in home  # [[#Heading|text]]
    assert "| [install](../guides/install.md) | first |" in home  # [[Page\|text]] in a table
    # code is shown as written, a Markdown link in it too; a link whose text is code is a link
    assert "Write `[[Install]]` to link a note." in home
    assert "Or write `[Install](Install.md)` in Markdown, as [`Install`](../guides/install.md) does" in home
    assert "Read No such note<!-- kbgen import: link target not found: No such note --> later." in home
    # a Japanese file name has no ASCII id: the note's Obsidian Publish permalink gives one, and its old URL
    assert "see [Glossary](../guides/glossary.md) and [はじめに](../guides/start.md)." in home
    assert 'aliases: ["start"]' in (new_kb / "content/guides/start.md").read_text(encoding="utf-8")


def test_embedded_images_are_images_and_embedded_notes_stay_visible_as_links(new_kb, tmp_path):
    result = import_into(new_kb, VAULT)
    home = (new_kb / "content/general/home.md").read_text(encoding="utf-8")
    assert "![screen](assets/screen.png)\n" in home
    assert '![screen](assets/screen.png){ width="300" }\n' in home  # ![[image.png|300]]: its width
    assert "![The sign-in screen](assets/screen.png)\n" in home  # ![[image.png|alt text]]
    assert ("[Install](../guides/install.md)\n"
            "[Install > Check the version](../guides/install.md#check-the-version)\n") in home
    assert ("  2 embedded note or file (now a link to it; copy its text here if it must be read here) in 1 files\n"
            "    Home.md:22: ![[Install]]\n"
            "    Home.md:23: ![[Install#Check the version]]\n") in result.output
    assert "  1 unresolvable link (left as text and a comment) in 1 files\n    Home.md:25: [[No such note]]\n" \
        in result.output
    checked = run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format", "json")
    assert '"error": 0' in checked.output, checked.output
    built = run("build", "--root", str(new_kb), "--out", str(tmp_path / "site"), "--today", TODAY.isoformat())
    assert built.exit_code == 0, built.output
    page = (tmp_path / "site" / "general" / "home" / "index.html").read_text(encoding="utf-8")
    assert 'width="300"' in page


def test_callouts_keep_their_titles_and_obsidian_only_marks_are_not_shown(new_kb):
    result = import_into(new_kb, VAULT)
    home = (new_kb / "content/general/home.md").read_text(encoding="utf-8")
    assert "> [!NOTE]\n> **Summary**\n>\n> Install, then check the version." in home  # [!abstract]- folded
    assert "> [!NOTE]\n> **Questions**\n>\n> Ask in the forum." in home  # [!faq]
    assert "> [!NOTE]\n> **Works on**\n>\n> Windows and macOS." in home  # the vault's own, in publish.css
    assert "unknown admonition kind" not in result.output  # Obsidian's kinds, and the vault's, are known
    assert "to link a note.\n" in home and "^intro" not in home  # a block id is no text
    assert "<!-- a note to the writers -->" in home  # %% comment %%
