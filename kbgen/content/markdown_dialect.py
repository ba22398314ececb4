"""The Markdown dialect articles are written in: Python-Markdown with the extensions below.

The renderer hands this list to MkDocs; it lives here, outside render, so that the test holding the
checks' fast reader to the renderer (tests/test_markdown_dialect.py) renders with the very same one.
kbgen's own two extensions (cjk_line_breaks, safe_html) live beside it, and are named here by their
modules' names, so that the import directions (tests/test_architecture.py) see them.
"""

from __future__ import annotations


def snippet_options(snippets_dir: str) -> dict:
    """pymdownx.snippets' settings: blocks only from content/_snippets (written there without front matter)."""
    return {"base_path": [snippets_dir], "check_paths": True, "restrict_base_path": True}


def markdown_extensions(snippets_dir: str) -> list[str | dict]:
    """MkDocs' ``markdown_extensions`` setting; shared blocks are included from ``snippets_dir``."""
    from pymdownx.slugs import slugify

    from kbgen.content import cjk_line_breaks, safe_html

    return [
        {"toc": {"permalink": True, "slugify": slugify(case="lower")}},
        "admonition", "attr_list", "md_in_html", "tables", "def_list", "footnotes",
        "pymdownx.details", "pymdownx.superfences", "pymdownx.inlinehilite", "pymdownx.mark",
        {"pymdownx.tabbed": {"alternate_style": True}},  # === "Tab" (MkDocs, imported Docusaurus tabs)
        {"pymdownx.highlight": {"anchor_linenums": False}},
        {"pymdownx.tasklist": {"custom_checkbox": True}},
        {"pymdownx.snippets": snippet_options(snippets_dir)},
        "github-callouts",
        cjk_line_breaks.__name__,
        safe_html.__name__,
    ]
