"""kbgen new: a new article from the template, ready to be written and to pass `kbgen check`."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from kbgen.content.article_id import ascii_id
from kbgen.content.config import load_config
from kbgen.content.loader import CONTENT_DIR
from kbgen.content.model import ARTICLE_ID
from kbgen.errors import KbgenError
from kbgen.git import user_email

# The placeholders are whole sentences in the article's language so that the new file checks clean;
# they read as instructions, so a reviewer sees at once what was never replaced.
_TEMPLATES = {
    "ja": ("ここに、質問への短い答えを 1〜2 文で書きます。",
           "## 手順\n\n1. ここに最初の手順を書きます。\n2. ここに次の手順を書きます。\n\n"
           "## 解決しない場合\n\nここに、次に試すことや問い合わせ先を書きます。\n"),
    "en": ("Write the short answer to the question here, in one or two sentences.",
           "## Steps\n\n1. Write the first step here.\n2. Write the next step here.\n\n"
           "## If this does not help\n\nWrite what to try next, or whom to contact, here.\n"),
}


def new_article(root: Path, question: str, category: str, today: date, lang: str | None = None,
                owner: str | None = None, article_id: str | None = None, stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    config = load_config(root)
    question = question.strip()
    if not question:
        raise KbgenError("the question is empty: kbgen new \"<the question, as a customer asks it>\" --category C")
    if category not in config.categories:
        raise KbgenError(f"unknown category '{category}': use one of {', '.join(config.categories)} "
                         "(or add it under categories: in site_config.yml)")
    lang = lang or config.site.language
    if lang not in config.site.languages:
        raise KbgenError(f"--lang {lang}: not one of site.languages ({', '.join(config.site.languages)})")
    article_id = article_id or ascii_id(question)
    if not article_id:
        raise KbgenError("the question has no ASCII words to make the article's id (its URL) from: "
                         "pass one with --id, e.g. --id reset-password")
    if not re.match(ARTICLE_ID, article_id):
        raise KbgenError(f"--id {article_id}: use ASCII letters, digits, - and _ (e.g. reset-password)")
    owner = owner or user_email(root)
    if not owner:
        raise KbgenError("no owner: pass --owner @team-or-person (or set git config user.email)")

    name = f"{article_id}.md" if lang == config.site.language else f"{article_id}.{lang}.md"
    path = root / CONTENT_DIR / category / name
    if path.exists():
        raise KbgenError(f"{path.relative_to(root).as_posix()} already exists: kbgen new never overwrites an article")
    if lang == config.site.language:
        clash = sorted((root / CONTENT_DIR).glob(f"*/{article_id}.md"))
        if clash:
            raise KbgenError(f"id '{article_id}' is taken by {clash[0].relative_to(root).as_posix()}: "
                             "pick another with --id")
    summary, body = _TEMPLATES.get(lang, _TEMPLATES["en"])
    front_matter = "\n".join([
        "---",
        f"title: {json.dumps(question, ensure_ascii=False)}",
        f"summary: {json.dumps(summary, ensure_ascii=False)}",
        f"category: {category}",
        f"owner: {json.dumps(owner, ensure_ascii=False)}",
        f"last_reviewed: {today.isoformat()}",
        "tags: []",
        "---",
    ])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never replace a file created meanwhile
        handle.write(f"{front_matter}\n\n{body}")
    stream.write(f"wrote {path.relative_to(root).as_posix()}: replace the summary and the body, "
                 "then preview with kbgen serve\n")
    return 0

