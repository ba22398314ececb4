"""Shared answer blocks (``--8<-- "name.md"``) as the renderer includes them, for the pages and the feed."""

from __future__ import annotations

from pathlib import Path

from kbgen.content.markdown_dialect import snippet_options


class BlockIncluder:
    """Markdown with its shared blocks included, exactly as a page's build includes them."""

    def __init__(self, snippets_dir: Path) -> None:
        import markdown
        from pymdownx.snippets import SnippetExtension

        self._preprocessor = markdown.Markdown(
            extensions=[SnippetExtension(**snippet_options(str(snippets_dir)))]).preprocessors["snippet"]

    def include(self, text: str) -> str:
        """Raises pymdownx.snippets.SnippetMissingError for a block outside content/_snippets or missing."""
        if "8<" not in text:  # most articles include none
            return text
        return "\n".join(self._preprocessor.run(text.split("\n")))
