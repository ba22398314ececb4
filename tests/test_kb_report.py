"""`kbgen report` and the report/ page: what a knowledge manager acts on."""

from __future__ import annotations

import copy
import csv
import io
import json

from click.testing import CliRunner

from kbgen.cli import cli
from tests.conftest import MINIMAL_CONFIG, TODAY, article

# TODAY is 2026-11-26; the default review period is 180 days, warn_before 30 days.
ARTICLES = {
    "content/account/reset-password.md": article(owner='"@alice"', last_reviewed="2026-04-01"),  # overdue
    "content/account/change-email.md": article(title="メールアドレスを変更するには？", owner='"@alice"',
                                               last_reviewed="2026-06-10"),  # due 2026-12-07
    "content/account/delete-account.md": article(title="アカウントを削除するには？", owner='"@bob"',
                                                 last_reviewed="2026-11-01"),  # fresh
    "content/account/forgot-password.md": article(title="パスワードを忘れた場合はどうすればよいですか。",
                                                  owner='"@bob"', last_reviewed="2026-11-01",
                                                  expires="2026-11-20"),  # expired: overdue
}


def report(root, *args):
    return CliRunner().invoke(cli, ["report", "--root", str(root), "--today", TODAY.isoformat(), *args])


def test_text_report_lists_overdue_then_due_soon_and_counts_per_owner(write_kb):
    result = report(write_kb(ARTICLES))
    assert result.exit_code == 0, result.output
    assert "4 published articles, 2 overdue, 1 due within 30 days" in result.output
    overdue = result.output.split("Overdue (2)\n")[1].split("\n\n")[0]
    assert [line.split()[:5] for line in overdue.split("\n")] == [
        ["2026-09-28", "59d", "late", "@alice", "content/account/reset-password.md"],
        ["2026-11-20", "6d", "late", "@bob", "content/account/forgot-password.md"],  # expired before review due
    ]
    due_soon = result.output.split("Due within 30 days (1)\n")[1].split("\n")[0]
    assert due_soon.split()[:5] == ["2026-12-07", "in", "11d", "@alice", "content/account/change-email.md"]
    owners = result.output.split("By owner\n")[1].split("\n")
    assert [line.split() for line in owners[:3]] == [
        ["owner", "articles", "overdue", "due", "soon"], ["@alice", "2", "1", "1"], ["@bob", "2", "1", "0"]]


def test_days_widens_the_due_soon_window(write_kb):
    assert "0 due within 5 days" in report(write_kb(ARTICLES), "--days", "5").output


def test_feedback_export_ranks_articles_by_helpfulness_and_flags_low_ones(write_kb, tmp_path):
    votes = tmp_path / "votes.csv"
    rows = ["id,vote,date,comment"] + [f"reset-password,no,2026-11-0{d}," for d in range(1, 5)] + [
        "reset-password,yes,2026-11-05,", "reset-password,no,2026-11-06,メールが届きません",
        "delete-account,yes,2026-11-01,", "no-such-article,yes,2026-11-01,"]
    votes.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = report(write_kb(ARTICLES), "--feedback", str(votes))
    assert result.exit_code == 0, result.output
    section = result.output.split("Helpfulness: ")[1]
    assert section.startswith("2 articles with votes, 1 under 50% (least helpful first)")
    lines = section.split("\n")
    assert lines[1].split()[:7] == ["!", "17%", "1", "yes", "5", "no", "reset-password"]
    assert "“メールが届きません”" in lines[2]
    assert "delete-account" in lines[3] and not lines[3].lstrip().startswith("!")  # one vote: too few to flag
    assert "votes for ids not in the KB: no-such-article" in section


def test_feedback_export_may_be_json_and_the_threshold_is_configurable(write_kb, tmp_path):
    config = copy.deepcopy(MINIMAL_CONFIG) | {"report": {"helpful_threshold": 0.9, "min_votes": 1}}
    votes = tmp_path / "votes.json"
    votes.write_text(json.dumps([{"id": "delete-account", "vote": "yes", "date": "2026-11-01"},
                                 {"id": "delete-account", "vote": "no", "date": "2026-11-02T10:00:00Z"}]))
    result = report(write_kb(ARTICLES, config), "--feedback", str(votes), "--format", "json")
    assert result.exit_code == 0, result.output
    helpfulness = json.loads(result.output)["helpfulness"]
    assert helpfulness["articles"] == [{"id": "delete-account", "title": "アカウントを削除するには？",
                                        "yes": 1, "no": 1, "helpful": 0.5, "flagged": True, "comments": []}]


def test_a_bad_feedback_row_is_one_clear_error(write_kb, tmp_path):
    votes = tmp_path / "votes.csv"
    votes.write_text("id,vote,date\nreset-password,maybe,2026-11-01\n", encoding="utf-8")
    result = report(write_kb(ARTICLES), "--feedback", str(votes))
    assert result.exit_code == 2
    assert f"{votes}: line 2: vote must be yes or no, got 'maybe'" in result.output


def test_near_duplicate_questions_are_grouped(write_kb):
    result = report(write_kb(ARTICLES), "--format", "json")
    groups = json.loads(result.output)["near_duplicates"]
    assert [[a["id"] for a in g["articles"]] for g in groups] == [["forgot-password", "reset-password"]]


def test_csv_has_one_row_per_article_for_spreadsheets(write_kb):
    result = report(write_kb(ARTICLES), "--format", "csv")
    assert result.output.startswith("\ufeffid,")  # so that Excel reads the Japanese titles as UTF-8
    rows = list(csv.DictReader(io.StringIO(result.output.encode().decode("utf-8-sig"))))
    assert [(r["id"], r["state"], r["days_left"]) for r in rows] == [
        ("reset-password", "overdue", "-59"), ("forgot-password", "overdue", "-6"),
        ("change-email", "due-soon", "11"), ("delete-account", "fresh", "155")]
    assert rows[0]["duplicate_group"] == rows[1]["duplicate_group"] == "1"


def test_report_settings_are_validated(write_kb):
    config = copy.deepcopy(MINIMAL_CONFIG) | {"report": {"helpful_threshold": 2}}
    result = report(write_kb(ARTICLES, config))
    assert result.exit_code == 2
    assert "report.helpful_threshold" in result.output


def test_report_page_is_built_only_when_enabled_and_hidden_from_customers(write_kb, tmp_path):
    votes = "id,vote,date\nreset-password,no,2026-11-01\nreset-password,no,2026-11-02\n"
    config = copy.deepcopy(MINIMAL_CONFIG) | {"report": {"page": True, "feedback": "votes.csv", "min_votes": 2},
                                              "rules": {"KB204": "warning"}}  # an expired article blocks a build
    root = write_kb({**ARTICLES, "votes.csv": votes}, config)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert page.count("<svg") >= 3 and 'aria-label="役に立った割合"' in page  # category, owner, helpfulness
    assert "<script src" not in page.split("<h1")[1].split("</article>")[0]  # charts need no library
    assert "report/" not in (out / "index.html").read_text(encoding="utf-8")  # not in navigation
    indexed = [row[0] for path in (out / "search-index").glob("d*.json")
               for row in json.loads(path.read_text(encoding="utf-8"))]  # kbgen's search: [url, title, …]
    assert indexed and not [url for url in indexed if url.startswith("report/")]

    plain = write_kb(ARTICLES, {**config, "report": {"page": False}})  # the same KB without the page
    out2 = tmp_path / "site2"
    result = CliRunner().invoke(cli, ["build", "--root", str(plain), "--out", str(out2), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert not (out2 / "report").exists()
