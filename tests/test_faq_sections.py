"""An FAQ page's questions in the built site's search index: one document per question, linking to its heading."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.search.index import SearchDocument, write_index
from tests.conftest import TODAY, article

LONG_ANSWER = ("Open Settings and choose Account. " * 8).strip()
FAQ = f"""This page answers what customers ask most.

## Account

### Q: How do I change my email address?

**A:** Open Settings, choose *Email* and confirm the new address.

#### If the confirmation never arrives

Check the spam folder.

### Can I get a receipt?

Every payment has a receipt in Billing history.

## 退会できますか？ {{#leave}}

{LONG_ANSWER}

```
## Is this a heading?
```
"""


def index_rows(folder: Path) -> list[list]:
    """The document rows of the search index in ``folder``, in document order."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return [row for name in meta["doc_files"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]


def impacts(folder: Path) -> dict[tuple[str, str], int]:
    """(term, document URL) -> impact, for every posting of the search index in ``folder``."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    urls = [row[0] for row in index_rows(folder)]
    found = {}
    for _first, name in meta["chunks"]:
        for term, flat in json.loads((folder / name).read_text(encoding="utf-8")).items():
            numbers = [sum(flat[0:k + 1:2]) for k in range(0, len(flat), 2)]  # doc numbers are delta-encoded
            found.update({(term, urls[n]): impact for n, impact in zip(numbers, flat[1::2], strict=True)})
    return found


def built(root: Path, out: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return out


def test_each_question_of_an_faq_page_is_a_document_linking_to_its_heading(write_kb, tmp_path):
    root = write_kb({"content/account/faq.md": article(title="Account FAQs", summary="Answers.", body=FAQ,
                                                       tags="[billing, email]")})
    site = built(root, tmp_path / "site")
    rows = {row[0]: row for row in index_rows(site / "search-index")}
    html = (site / "account" / "faq" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h[2-6] id="([^"]+)"', html)
    assert [url for url in rows if url.startswith("account/faq/")] == [
        "account/faq/", "account/faq/#q-how-do-i-change-my-email-address", "account/faq/#can-i-get-a-receipt",
        "account/faq/#leave"]  # the page keeps its own document; the renderer's ids, {#leave} among them
    for url in rows:
        assert url.partition("#")[2] in ids + [""]
    email = rows["account/faq/#q-how-do-i-change-my-email-address"]
    assert email[1:4] == ["How do I change my email address?",
                          "Open Settings, choose Email and confirm the new address. If the confirmation never "
                          "arrives Check the spam folder.", "アカウント"]
    assert rows["account/faq/#can-i-get-a-receipt"][2] == "Every payment has a receipt in Billing history."
    leave = rows["account/faq/#leave"]
    assert leave[1] == "退会できますか？"
    assert len(leave[2]) <= 200 and LONG_ANSWER.startswith(leave[2]) and leave[2].endswith("Account.")
    tagged = {url for term, url in impacts(site / "search-index") if term == "bill"}  # tag "billing", stemmed
    assert tagged == set(rows)


def test_a_how_to_with_one_question_heading_has_no_sections(write_kb, tmp_path):
    body = "## Why would I do this?\n\nTo be safe.\n\n## Steps\n\n1. Open Settings.\n"
    root = write_kb({"content/account/how-to.md": article(title="Turn on two-step login", body=body)})
    assert [row[0] for row in index_rows(built(root, tmp_path / "site") / "search-index")] == ["account/how-to/"]


def test_an_faq_page_s_sections_change_no_other_document_s_score(tmp_path):
    """A section is part of its page: the index's statistics (document count, frequencies, average length)
    are the pages', so a page's sections leave every impact of every page as it was."""
    pages = [SearchDocument("a/faq/", "General FAQs", "Answers.", "Account", ("faq",),
                            "### How do I change my email?\n\nIn Settings.\n\n### Can I pay by card?\n\nYes.\n"),
             SearchDocument("a/email/", "Email settings", "Where the address is.", "Account", (), "Settings.")]
    sections = [SearchDocument("a/faq/#email", "How do I change my email?", "In Settings.", "Account", ("faq",),
                               "In Settings."),
                SearchDocument("a/faq/#card", "Can I pay by card?", "Yes.", "Account", ("faq",), "Yes.")]

    def indexed(documents):
        out = tmp_path / str(len(documents))
        write_index(documents, [], out)
        return json.loads((out / "meta.json").read_text()), impacts(out)

    (meta, alone), (meta_with, with_sections) = indexed(pages), indexed(pages + sections)
    assert with_sections.items() >= alone.items()
    assert {url for _term, url in with_sections} == {"a/faq/", "a/email/", "a/faq/#email", "a/faq/#card"}
    assert meta_with["impact_max"] == meta["impact_max"] and meta_with["pages"] == 2
    assert meta_with["sections"] == [[1, 2, 2]]  # page 1's sections, 2 and 3 (ordered by tags)
