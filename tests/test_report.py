"""Reporters write exactly this: text for people, JSON for tools, workflow commands for GitHub."""

from __future__ import annotations

import io

import pytest

from kbgen.findings import Finding, Severity
from kbgen.reports.formatters import report_github, report_json, report_text, resolve_format

FINDINGS = [
    Finding("KB505", Severity.WARNING, "content/b.md", 12, "sentence of 120 characters", "split it", 3),
    Finding("KB303", Severity.ERROR, "content/a.md", 7, "related: no article with id 'x'", "use an id"),
    Finding("KB111", Severity.INFO, "content/a.fr.md", None, "'fr' is not one of site.languages"),
]


def test_text_groups_by_file_with_lines_and_a_summary():
    out = io.StringIO()
    report_text(FINDINGS, out, files_checked=3, colour=False)
    assert out.getvalue() == (
        "content/a.fr.md\n"
        "  -       info    KB111  'fr' is not one of site.languages\n"
        "\n"
        "content/a.md\n"
        "  7       error   KB303  related: no article with id 'x'\n"
        "          hint: use an id\n"
        "\n"
        "content/b.md\n"
        "  12:3    warning KB505  sentence of 120 characters\n"
        "          hint: split it\n"
        "\n"
        "3 files checked: 1 error, 1 warning, 1 info\n")


def test_text_is_coloured_only_when_asked_and_never_with_no_color(monkeypatch):
    coloured = io.StringIO()
    report_text(FINDINGS[1:2], coloured, files_checked=1, colour=True)
    assert "\033[31merror  \033[0m KB303" in coloured.getvalue()

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    report_text(FINDINGS[1:2], terminal, files_checked=1)
    assert "\033[" not in terminal.getvalue()


def test_text_when_clean():
    out = io.StringIO()
    report_text([], out, files_checked=58, colour=False)
    assert out.getvalue() == "58 files checked: no problems\n"


def test_github_annotations_escape_data_and_properties():
    tricky = Finding("KB301", Severity.ERROR, "content/a,b:c.md", 3, "100% broken\nsecond line", "fix: it", 2)
    out = io.StringIO()
    report_github([tricky, FINDINGS[2]], out, files_checked=2)
    assert out.getvalue() == (
        "::error file=content/a%2Cb%3Ac.md,line=3,col=2,title=KB301::100%25 broken%0Asecond line (hint: fix: it)\n"
        "::notice file=content/a.fr.md,title=KB111::'fr' is not one of site.languages\n"
        "2 files checked: 1 error, 1 info\n")


def test_auto_format_is_github_inside_actions(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert resolve_format("auto") == "github"
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert resolve_format("auto") == "text"


@pytest.mark.parametrize("report", [report_text, report_json, report_github])
def test_a_report_is_one_write(report):
    # Under PYTHONUNBUFFERED (many CI and Docker images) every write is a system call.
    class CountingStream(io.StringIO):
        writes = 0

        def write(self, text):
            self.writes += 1
            return super().write(text)

    out = CountingStream()
    report(FINDINGS, out, 3)
    assert out.writes == 1 and "KB303" in out.getvalue()
