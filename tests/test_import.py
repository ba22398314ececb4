"""`kbgen import`: a foreign Markdown folder becomes articles that check and build, text kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from tests.conftest import CORPORA, TODAY, corpus
from tests.conftest import run_kbgen as run

FIXTURE = Path(__file__).parent / "fixtures" / "foreign-docs"


def import_into(root: Path, source: Path, *extra: str):
    return run("import", "--root", str(root), str(source), "--owner", "@docs", "--reviewed-from",
               TODAY.isoformat(), *extra)


def test_import_writes_one_article_per_page_with_front_matter_and_categories(new_kb):
    config_before = (new_kb / "site_config.yml").read_text(encoding="utf-8")
    result = import_into(new_kb, FIXTURE)
    assert result.exit_code == 0, result.output
    assert "recognised: plain Markdown folder" in result.output
    assert "imported 5 articles" in result.output
    assert "skipped 1 files: _sidebar.md (navigation or project file)" in result.output

    config_after = (new_kb / "site_config.yml").read_text(encoding="utf-8")
    assert config_after.startswith(config_before.split("\nfreshness:")[0])  # comments and order kept
    assert "# feedback:" in config_after
    assert list(load_config(new_kb).categories) == ["getting-started", "general", "faq", "guide", "wiki"]

    kb, findings = load_knowledge_base(new_kb, load_config(new_kb))
    assert findings == []
    setup = kb.get("setup")
    assert setup.meta.title == "How do I set up Acme?"
    assert setup.summary == "Install the app, then connect your store. It takes five minutes."
    assert setup.meta.tags == ["setup"] and setup.meta.owner == "@docs" and setup.meta.last_reviewed == TODAY
    assert "# How do I set up Acme?" not in setup.body  # the page shows the title itself
    home = kb.get("home")  # the folder's index is the home page, whatever the folder is called
    assert home.meta.title == "Welcome to the Acme docs"
    assert home.summary.startswith("Acme keeps your stock in sync.")


def test_summary_is_the_first_paragraph_cut_at_a_sentence_end(new_kb):
    import_into(new_kb, FIXTURE)
    billing = (new_kb / "content/faq/billing.md").read_text(encoding="utf-8")
    kb, _ = load_knowledge_base(new_kb, load_config(new_kb))
    summary = kb.get("billing").summary
    assert summary == "Acme bills monthly, in advance, on the first day of the month."
    assert "so that you can change plans in time." in billing  # the body is kept whole
    assert "# Billing" not in billing  # the page shows the front matter's title as its only h1


def test_containers_and_alerts_become_github_alerts_and_links_follow_the_files(new_kb):
    import_into(new_kb, FIXTURE)
    setup = (new_kb / "content/guide/setup.md").read_text(encoding="utf-8")
    assert "> [!TIP]\n> **Before you start**\n>\n> Have your store's admin password at hand." in setup
    assert "> [!WARNING]\n> Never share your API key." in setup
    assert "[back home](../general/home.md)" in setup
    billing = (new_kb / "content/faq/billing.md").read_text(encoding="utf-8")
    assert "> [!NOTE]\n>\n> Invoices are in Settings > Billing." in billing
    home = (new_kb / "content/general/home.md").read_text(encoding="utf-8")
    assert "[the setup guide](../guide/setup.md)" in home
    assert "[billing](../faq/billing.md#invoices)" in home  # {#invoices} is kept on the heading
    assert "[the setup guide again](../guide/setup.md)" in home  # its anchor did not exist
    wiki = (new_kb / "content/wiki/getting-started.md").read_text(encoding="utf-8")
    assert ("Start with [Install Guide](install-guide.md), then read "
            "the billing FAQ<!-- kbgen import: link target not found: Billing Notes -->.") in wiki
    billing = (new_kb / "content/faq/billing.md").read_text(encoding="utf-8")
    assert "See the old page<!-- kbgen import: link target not found: missing.md -->." in billing


def test_what_could_not_be_converted_is_summarised_with_file_and_line(new_kb):
    result = import_into(new_kb, FIXTURE)
    assert "  1 Template tag (kept as text) in 1 files\n    faq/billing.md:18: {{ site.plan }}" in result.output
    assert ("  2 unresolvable link (left as text and a comment) in 2 files\n"
            "    faq/billing.md:18: missing.md\n"
            "    wiki/Getting-Started.md:3: [[the billing FAQ|Billing Notes]]") in result.output
    assert ("  1 anchor not found (link now goes to the page) in 1 files\n"
            "    content/general/home.md:12: ../guide/setup.md#no-such-heading") in result.output
    assert "faq/billing.md:9: {#invoices}" in result.output


def test_imported_kb_checks_and_builds(new_kb, tmp_path):
    import_into(new_kb, FIXTURE)
    assert run("check", "--root", str(new_kb), "--today", TODAY.isoformat()).exit_code == 0
    out = tmp_path / "site"
    result = run("build", "--root", str(new_kb), "--out", str(out), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    page = (out / "guide" / "setup" / "index.html").read_text(encoding="utf-8")
    assert "admonition tip" in page and "Never share your API key." in page


def test_import_never_overwrites_without_force(new_kb):
    assert import_into(new_kb, FIXTURE).exit_code == 0
    again = import_into(new_kb, FIXTURE)
    assert again.exit_code == 2
    assert "would overwrite" in again.output and "--force" in again.output
    assert import_into(new_kb, FIXTURE, "--force").exit_code == 0


def test_ids_from_non_ascii_file_names_are_unique(new_kb, tmp_path):
    source = tmp_path / "wiki"
    source.mkdir()
    for name in ("ログイン.md", "パスワード.md"):
        (source / name).write_text("# 質問\n\n答えです。\n", encoding="utf-8")
    assert import_into(new_kb, source).exit_code == 0
    assert sorted(p.name for p in (new_kb / "content/general").iterdir()) == ["article-2.md", "article.md"]


def test_the_real_adobe_commerce_japanese_kb_imports_and_builds(new_kb, tmp_path):
    source = tmp_path / "help"
    shutil.copytree(corpus(CORPORA / "adobe-commerce-kb-ja" / "help"), source)
    result = import_into(new_kb, source)
    assert result.exit_code == 0, result.output
    assert "imported 210 articles" in result.output
    out = tmp_path / "site"
    built = run("build", "--root", str(new_kb), "--out", str(out), "--today", TODAY.isoformat())
    assert built.exit_code == 0, built.output
    assert len(list(out.glob("*/*/index.html"))) >= 210


# One hand-written project per generator, in that generator's own layout (tests/fixtures/import/<name>/):
# (what the report says it recognised, pages paired with a counterpart, file references rewritten).
GENERATORS = {
    "mkdocs": ("MkDocs + mkdocs-static-i18n (mkdocs.yml)", 4, 4),
    "vuepress": ("VuePress 1 (docs/.vuepress/config.js)", 5, 4),
    "vitepress": ("VitePress (docs/.vitepress/config.ts)", 2, 2),
    "docusaurus": ("Docusaurus (docusaurus.config.js)", 4, 3),
    "hugo": ("Hugo (hugo.toml)", 2, 2),
    "jekyll": ("Jekyll (_config.yml)", 0, 1),
    "gitbook": ("GitBook (SUMMARY.md)", 0, 1),
    "wiki": ("GitHub wiki (Home.md)", 0, 1),
    "plain": ("plain Markdown folder (no generator config)", 2, 2),
}


@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_each_generator_s_project_imports_checks_clean_and_builds(generator, new_kb, tmp_path):
    recognised, paired, files = GENERATORS[generator]
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / generator)
    assert result.exit_code == 0, result.output
    assert f"recognised: {recognised}\n" in result.output
    assert f"{paired} pages paired with their counterparts" in result.output
    assert f"images and files: {files} references rewritten" in result.output
    checked = run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format", "json")
    assert '"error": 0' in checked.output, checked.output
    built = run("build", "--root", str(new_kb), "--out", str(tmp_path / "site"), "--today", TODAY.isoformat())
    assert built.exit_code == 0, built.output


def test_counterparts_pair_with_the_kb_language_as_source_and_new_languages_are_added(new_kb):
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "vuepress")
    assert "added to site_config.yml: languages ko" in result.output
    assert load_config(new_kb).site.languages == ["ja", "en", "ko"]
    guide = new_kb / "content" / "guide"
    assert sorted(p.name for p in guide.glob("*.md")) == ["guide.en.md", "guide.md", "login.en.md", "login.ko.md",
                                                         "login.md"]
    login = (guide / "login.md").read_text(encoding="utf-8")
    assert login.startswith('---\ntitle: "サインインする"')  # the Japanese page is the source
    assert "> [!WARNING]\n> **背景**" in login
    assert "![ログイン画面](assets/login.png)" in login  # /help/screens/login.png: public/ under the base
    guide_en = (guide / "guide.en.md").read_text(encoding="utf-8")
    assert '<img src="assets/logo.png" alt="logo">' in guide_en  # :src="$withBase('/logo.png')"
    assert "[[toc]]" not in guide_en and "[signing in](login.md#reset)" in guide_en
    assert sorted(p.name for p in (guide / "assets").iterdir()) == ["login.png", "logo.png"]  # each once


def test_syntax_of_each_dialect_becomes_what_kbgen_renders(new_kb, tmp_path):
    fixtures = Path(__file__).parent / "fixtures" / "import"
    import_into(new_kb, fixtures / "docusaurus")
    install = (new_kb / "content/setup/install.en.md").read_text(encoding="utf-8")
    assert '=== "Windows"\n\n    Run the installer.' in install and "import " not in install
    assert '<img src="../general/assets/dashboard.png" alt="Dashboard" />' in install  # one copy, shared
    intro = (new_kb / "content/general/intro.en.md").read_text(encoding="utf-8")
    assert "> [!NOTE]\n> **Changelog**" in intro  # a kind the project declares in its config
    built = run("build", "--root", str(new_kb), "--out", str(tmp_path / "site"), "--today", TODAY.isoformat())
    assert built.exit_code == 0, built.output
    page = (tmp_path / "site" / "en" / "setup" / "install" / "index.html").read_text(encoding="utf-8")
    assert "tabbed-set" in page


def test_what_has_no_equivalent_stays_visible_with_file_and_line(new_kb):
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "hugo")
    assert "content/ja/orders/refund.md:8: {{< youtube abc123 >}}" in result.output
    refund = (new_kb / "content/orders/refund.md").read_text(encoding="utf-8")
    assert "{{< youtube abc123 >}}" in refund
    cancel = (new_kb / "content/orders/cancel.md").read_text(encoding="utf-8")
    assert "> [!NOTE]\n> 発送前の注文だけキャンセルできます。" in cancel
    assert "![注文一覧](assets/orders.png)" in cancel and "[返金について](refund.md)" in cancel


def test_links_written_with_windows_backslashes_follow_the_files_they_name(new_kb):
    r"""`..\Robot\Settings.md` names a file of the project, read with `/`; one that names nothing is reported."""
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "jekyll-windows")
    assert result.exit_code == 0, result.output
    start = (new_kb / "content/general/start.md").read_text(encoding="utf-8")
    assert "[NuGet マーケット](../market/nugetmarket.md)" in start
    market = (new_kb / "content/market/nugetmarket.md").read_text(encoding="utf-8")
    assert "[ロボットの設定](../robot/settings.md)" in market
    assert "![マーケットの画面](assets/nuget.png)" in market
    settings = (new_kb / "content/robot/settings.md").read_text(encoding="utf-8")
    assert "[パッケージを入れます](../market/nugetmarket.md#install)" in settings  # the anchor is kept
    assert "古い手順<!-- kbgen import: link target not found: ..\\Studio\\OldMarket.md -->" in settings
    assert ("  1 unresolvable link (left as text and a comment) in 1 files\n"
            "    Robot/Settings.md:6: ..\\Studio\\OldMarket.md\n") in result.output
    assert '"error": 0' in run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format",
                               "json").output


def test_a_jekyll_collection_rendered_as_pages_is_imported_and_what_jekyll_leaves_out_is_not(new_kb):
    """Help centers on Jekyll keep their articles in a collection (_articles/, `output: true`), its folders
    the categories; the gems of vendor/bundle and the config's `exclude:` are no pages of the site."""
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "jekyll-collections")
    assert result.exit_code == 0, result.output
    assert "imported 4 articles" in result.output
    assert "added to site_config.yml: categories general, account, billing" in result.output
    forgot = (new_kb / "content" / "account" / "forgot-password.md").read_text(encoding="utf-8")
    assert "[billing](../billing/update-card.md)" in forgot
    # the site's own callout tags, on one line or around a block, become alerts
    assert "> [!WARNING]\n> We can't see or reset your password for you.\n" in forgot
    assert "> [!TIP]\n> Use a password manager.\n>\n> It remembers for you.\n" in forgot
    assert "{%" not in forgot and "Liquid" not in result.output


def test_links_to_where_jekyll_published_a_page_follow_it_and_its_old_urls_redirect(new_kb, tmp_path):
    """A Jekyll site links its pages by their published URLs: a collection's permalink pattern
    (/article/:name/), a page's own `permalink:`, an old URL it redirects from (`redirect_from:`).
    The links go to the imported files; those URLs become the articles' aliases, so old links keep working."""
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "jekyll-collections")
    assert result.exit_code == 0, result.output
    card = (new_kb / "content" / "billing" / "update-card.md").read_text(encoding="utf-8")
    assert "[Reset your password](../account/forgot-password.md)" in card
    assert "[contact us](../general/contact.md)" in card
    contact = (new_kb / "content" / "general" / "contact.md").read_text(encoding="utf-8")
    assert "[reset your password](../account/forgot-password.md)" in contact  # {% link _articles/… %}
    assert "[old card page](update-card.md)" in card
    assert 'aliases: ["article/update-card", "help/old-card-page"]' in card
    # the old site's billing landing page was at /billing/, now the billing category's page: no alias
    assert "aliases" not in (new_kb / "content" / "general" / "billing-overview.md").read_text(encoding="utf-8")
    checked = run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format", "json")
    assert '"error": 0' in checked.output, checked.output
    built = run("build", "--root", str(new_kb), "--out", str(tmp_path / "site"), "--today", TODAY.isoformat())
    assert built.exit_code == 0, built.output
    assert "billing/update-card/" in (tmp_path / "site" / "help" / "old-card-page" / "index.html").read_text(
        encoding="utf-8")
    assert (new_kb / "content" / "billing" / "update-card.md").is_file()


def test_an_anchor_written_for_another_generator_s_heading_ids_or_with_a_typo_is_mended(new_kb):
    """Generators slugify headings their own way (a second "Receipts" is receipts-1 for Jekyll, receipts_1
    here): the same letters and digits name the same heading. An anchor one typo from a heading's (long
    enough not to be another's) links to it, and the report says so; one that names nothing goes to the page."""
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "jekyll-collections")
    assert result.exit_code == 0, result.output
    forgot = (new_kb / "content" / "account" / "forgot-password.md").read_text(encoding="utf-8")
    assert "[older receipts](../billing/update-card.md#receipts_1)" in forgot
    assert "[the card steps](../billing/update-card.md#change-the-card-now)" in forgot
    assert "[the archive](../billing/update-card.md)" in forgot
    assert "1 anchor one typo from a heading (now links to it; check) in 1 files" in result.output
    assert "#change-the-cards-now -> #change-the-card-now" in result.output
    assert "1 anchor not found (link now goes to the page) in 1 files" in result.output


def test_duplicate_titles_are_told_apart_by_their_folder(new_kb, tmp_path):
    for version in ("v1.0", "v2.0"):
        page = tmp_path / "docs" / "guide" / version / "settings.md"
        page.parent.mkdir(parents=True)
        page.write_text("# 設定する\n\n設定画面を開きます。\n", encoding="utf-8")
    result = import_into(new_kb, tmp_path / "docs")
    assert "titles made distinct by their folder: 1 (e.g. 設定する（v1.0） / 設定する（v2.0）)" in result.output
    # a version folder is no topic: both land in guide/
    assert sorted(p.name for p in (new_kb / "content" / "guide").iterdir()) == ["settings-2.md", "settings.md"]
    assert '"error": 0' in run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format",
                               "json").output


def test_folders_that_differ_only_in_case_do_not_tell_titles_apart(new_kb, tmp_path):
    """KB401 compares titles case-folded: 拡張（Extensions） and 拡張（extensions） would still clash."""
    for folder in ("Studio/Extensions", "Robot/Settings/extensions"):
        page = tmp_path / "docs" / folder / "360SE.md"
        page.parent.mkdir(parents=True)
        page.write_text("# ブラウザ拡張機能\n\n拡張機能を入れます。\n", encoding="utf-8")
    result = import_into(new_kb, tmp_path / "docs")
    assert "ブラウザ拡張機能（Settings） / ブラウザ拡張機能（Studio）" in result.output
    assert '"error": 0' in run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format",
                               "json").output


def test_titles_no_folder_and_no_file_name_tells_apart_take_both(new_kb, tmp_path):
    """Kagi's four "Quick Start" pages: kagi/api/{api-portal,quick-start}.md, kagi/getting-started/index.md
    and orion/getting-started/quick-start.md share folders at every depth, and file names too."""
    for path in ("kagi/api/api-portal.md", "kagi/api/quick-start.md", "kagi/getting-started/index.md",
                 "orion/getting-started/quick-start.md"):
        page = tmp_path / "docs" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# Quick Start\n\nStart here.\n", encoding="utf-8")
    result = import_into(new_kb, tmp_path / "docs")
    assert ("Quick Start (api/api-portal) / Quick Start (api/quick-start) / "
            "Quick Start (kagi/getting-started) / Quick Start (getting-started/quick-start)") in result.output
    assert '"error": 0' in run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format",
                               "json").output


def test_a_bookmarklet_becomes_its_name_and_its_code_to_copy(new_kb, tmp_path):
    """kbgen shows no javascript: link (KB306); the reader can still paste the code into a bookmark."""
    page = tmp_path / "docs" / "summarizer.md"
    page.parent.mkdir()
    page.write_text("# Summarizer\n\nDrag it to your bookmarks bar: <a href=\"javascript:location='https://kagi.com/"
                    "summarizer/?url='+encodeURIComponent(location)\">Summarize</a>\n", encoding="utf-8")
    result = import_into(new_kb, tmp_path / "docs")
    text = (new_kb / "content/general/summarizer.md").read_text(encoding="utf-8")
    assert ("Drag it to your bookmarks bar: Summarize: "
            "` javascript:location='https://kagi.com/summarizer/?url='+encodeURIComponent(location) `") in text
    assert "1 bookmarklet javascript: link (now its code, to copy into a bookmark) in 1 files" in result.output
    assert '"error": 0' in run("check", "--root", str(new_kb), "--today", TODAY.isoformat(), "--format",
                               "json").output


def test_a_failed_import_leaves_the_kb_as_it_was(new_kb):
    config = new_kb / "site_config.yml"
    # categories kbgen cannot append to: the import fails once every page is converted, before writing
    text = config.read_text(encoding="utf-8")
    start, end = text.index("categories:\n"), text.index("\nfreshness:")
    flow = "categories: {getting-started: {title: はじめに}}\n"
    config.write_text(text[:start] + flow + text[end:], encoding="utf-8")
    before = {p: p.read_bytes() for p in new_kb.rglob("*") if p.is_file()}
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "vuepress")
    assert result.exit_code != 0 and "add these categories yourself" in result.output
    assert {p: p.read_bytes() for p in new_kb.rglob("*") if p.is_file()} == before


def test_an_import_that_fails_while_writing_puts_everything_back(new_kb):
    (new_kb / "content" / "guide").mkdir()
    (new_kb / "content" / "guide" / "assets").write_text("a file where the images' folder goes\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in new_kb.rglob("*") if p.is_file()}
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "vuepress")
    assert result.exit_code == 2
    assert result.output.startswith("Error: cannot write content/guide/assets/") and "as it was" in result.output
    # the articles placed before the images are gone again, and so are the new language and category
    assert {p: p.read_bytes() for p in new_kb.rglob("*") if p.is_file()} == before
    assert not list(new_kb.glob(".kbgen-import-*"))


def test_a_footnote_is_not_a_link_and_a_link_longer_than_a_file_name_is_reported(new_kb, tmp_path):
    """Obsidian's Japanese help: `[^1]: …` is a footnote, whose text, a Japanese sentence without
    spaces, was looked up as a file name too long for the system (a traceback instead of an import)."""
    note = "保管庫IDはランダムに生成される英数字の文字列で、設定画面の保管庫一覧から確認できます" * 4
    project = tmp_path / "help"
    (project / "ja").mkdir(parents=True)
    (project / "ja" / "uri.md").write_text(f"# URI\n\nvault を開きます[^1]。[詳細]({note}.md)\n\n[^1]: {note}\n",
                                          encoding="utf-8")
    result = import_into(new_kb, project)
    assert result.exit_code == 0, result.output
    (imported,) = (new_kb / "content").rglob("uri.md")
    assert f"[^1]: {note}\n" in imported.read_text(encoding="utf-8")
    assert 'summary: "vault を開きます。' in imported.read_text(encoding="utf-8")  # without the footnote's mark
    assert f"ja/uri.md:3: {note}.md" in result.output  # the link names no file: reported, as any other


def test_material_icon_shortcodes_leave_titles_summaries_and_text_kbgen_does_not_render_them(new_kb):
    """MkDocs Material draws `:material-heart-outline:` as an icon; kbgen's Markdown has no icons, and a
    title is also what search results, the browser tab and the contact form show: the shortcodes go."""
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "mkdocs-icons")
    assert result.exit_code == 0, result.output
    kb, _ = load_knowledge_base(new_kb, load_config(new_kb))
    favorites = kb.get("favorites")
    assert favorites.meta.title == "気になるリストについて知りたい"
    assert favorites.summary == "気になるリストは、タレントプール機能です。"
    assert kb.get("manage").meta.title == "候補者を管理する"
    text = (new_kb / "content/candidates/favorites.md").read_text(encoding="utf-8")
    assert "\n## Web\n" in text
    assert "アイコンは `:material-heart:` と書きます。" in text  # code is shown as written
    manage = (new_kb / "content/guide/manage.md").read_text(encoding="utf-8")
    assert "候補者の一覧から、Slack に通知できます。" in manage
    assert "7 Material icon shortcode dropped" in result.output


def test_the_home_page_of_a_project_is_named_home_not_after_the_folder_it_was_copied_to(new_kb):
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "mkdocs-icons")
    home = (new_kb / "content/general/home.md").read_text(encoding="utf-8")
    assert home.startswith('---\ntitle: "公式ヘルプページ"')
    assert "[採用担当の方](../candidates/favorites.md)" in home
    assert "mkdocs-icons" not in result.output.split("needs a writer")[0]


def test_a_link_written_one_folder_off_goes_to_the_page_it_names_and_is_listed_to_check(new_kb):
    """recruiter/faq/candidates/favorites.md links ../guide/manage.md, meaning recruiter/guide/manage.md:
    no file is where the link points (MkDocs too would warn), one is a folder up."""
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "mkdocs-icons")
    text = (new_kb / "content/candidates/favorites.md").read_text(encoding="utf-8")
    assert "[候補者を管理する](../guide/manage.md)" in text
    assert ("  1 link one folder off (now goes to the page it names; check) in 1 files\n"
            "    docs/recruiter/faq/candidates/favorites.md:9: ../guide/manage.md\n") in result.output
    assert "unresolvable link" not in result.output


def test_links_through_a_symlinked_folder_go_to_the_one_imported_copy_and_never_out_of_the_project(new_kb):
    """kagi/company and orion/company are symlinks to common/team: its pages are imported once, and a
    link through either symlink goes to them. A symlinked page is the page it points to, unless that is
    no article (orion/README.md -> common/SUMMARY.md). A symlink out of the project is not followed."""
    result = import_into(new_kb, Path(__file__).parent / "fixtures" / "import" / "symlinks" / "docs")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(new_kb / "content").as_posix() for p in (new_kb / "content").rglob("*.md")
                  if "getting-started" not in p.parts and "example" not in p.name) == [
        "faq/faq.md", "kagi/kagi.md", "orion/browser.md", "orion/orion.md", "team/hiring.md"]
    assert "index.md (symlink to kagi/index.md)" in result.output
    assert "orion/outside.md (symlink out of the project)" in result.output
    faq = (new_kb / "content/faq/faq.md").read_text(encoding="utf-8")
    assert "Yes, [see here](../team/hiring.md). Also [the company](../team/hiring.md)." in faq
    assert "the wiki's install page<!-- kbgen import: link target not found" in faq
    assert "<!-- kbgen import: image not found: ![setup screen](../elsewhere/images/setup.png) -->" in faq
    browser = (new_kb / "content/orion/browser.md").read_text(encoding="utf-8")
    assert "[Join us](../team/hiring.md)" in browser
