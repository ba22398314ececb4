"""What a summary is, the short answer shown under a question: at most SUMMARY_MAX characters.

KB110 holds written summaries to the limit; an imported article's summary, and an FAQ page's answer
in the search index, are cut to it by ``shorten``.
"""

from __future__ import annotations

import re

SUMMARY_MAX = 200

_SENTENCE_END = re.compile(r"[。．！？!?]|\.(?=\s|$)")


def shorten(text: str, limit: int = SUMMARY_MAX) -> str:
    """At most ``limit`` characters, cut after the last sentence end that fits (else at a word, with …)."""
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit) if m.end() <= limit]
    if ends:
        return text[: ends[-1]].strip()
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"
