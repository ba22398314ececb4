"""A Python-Markdown extension: a line break inside Japanese text is not a space.

Writers wrap long Japanese paragraphs; browsers render that newline as a visible
space between two kanji. We drop newlines that sit between two CJK characters,
outside code.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_CJK = r"\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uff61-\uff9f"
_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_SKIP = {"pre", "code", "script", "style", "kbd", "samp"}


class _JoinCjkLines(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        for child in element:
            if child.tag not in _SKIP:
                if child.text:
                    child.text = _BREAK.sub("", child.text)
                self._walk(child)
            if child.tail:
                child.tail = _BREAK.sub("", child.tail)


class CjkLineBreakExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API name)
        # Priority below the inline processor (20), so text is final.
        md.treeprocessors.register(_JoinCjkLines(md), "kbgen_cjk_line_break", 5)


def makeExtension(**kwargs) -> CjkLineBreakExtension:  # noqa: N802
    return CjkLineBreakExtension(**kwargs)
