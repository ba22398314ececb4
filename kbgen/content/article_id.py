"""ASCII article ids (they become URLs and feedback keys) from titles and file names."""

from __future__ import annotations

import re
import unicodedata

_NOT_ID = re.compile(r"[^a-z0-9]+")
MAX_WORDS = 8


def ascii_id(text: str) -> str:
    """``'How do I reset my password?'`` -> ``'how-do-i-reset-my-password'``; '' when nothing ASCII is left.

    Full-width letters and digits are folded first (ＡＢＣ -> abc); Japanese text is dropped, so a
    Japanese title gives the id of its ASCII words ("CSV で受注を取り込む" -> "csv").
    """
    folded = unicodedata.normalize("NFKC", text).lower().replace("'", "")
    words = [w for w in _NOT_ID.split(folded) if w]
    return "-".join(words[:MAX_WORDS])


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… whichever is not in ``taken`` (which is updated)."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate
