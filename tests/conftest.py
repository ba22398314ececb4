"""Fixture ladder: a tiny KB factory for rule and loader tests; the sample KB built once per session."""

from __future__ import annotations

import os
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 26)
# Real help centers' exports, kept outside the repository: $KBGEN_CORPORA, else the shared folder
# beside this checkout, else the workplace's.
CORPORA = next((p for p in (Path(os.environ.get("KBGEN_CORPORA", REPO.parent / "shared" / "corpora")),
                            Path("/work/shared/corpora")) if p.is_dir()), REPO.parent / "shared" / "corpora")

MINIMAL_CONFIG = {
    "site": {"name": "テスト ヘルプセンター", "url": "https://example.github.io/help/", "language": "ja",
             "languages": ["ja", "en"]},
    "categories": {"account": {"title": {"ja": "アカウント", "en": "Account"}}},
    "feedback": {"url": "https://example.com/feedback?id={id}&vote={vote}&reviewed={reviewed}",
                 "contact_url": "https://example.com/contact"},
}


def corpus(path: Path) -> Path:
    """``path``, a folder of CORPORA. Without it a test is skipped on a developer's machine, but fails
    under CI=true: there a skip would hide that the real-corpus tests never ran."""
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI runs the real-corpus tests")
        pytest.skip(f"{path} is not on this machine")
    return path


def article(title: str = "パスワードを忘れた場合はどうすればよいですか？",
            summary: str = "ログイン画面から再設定メールを送れます。",
            body: str = "## 手順\n\n1. ログイン画面を開きます。\n", **fields) -> str:
    """An article file's text; keyword arguments add or override front matter (None removes a field)."""
    meta = {"title": title, "summary": summary, "category": "account", "owner": '"@support"',
            "last_reviewed": "2026-10-01"}
    meta.update(fields)
    lines = [f"{key}: {value}" for key, value in meta.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@pytest.fixture
def write_kb(tmp_path: Path):
    """write_kb({"content/account/x.md": text, ...}, config=dict|str) -> the KB's root folder."""

    def write(files: dict[str, str | bytes], config: dict | str | None = None) -> Path:
        root = tmp_path / "kb"
        root.mkdir(exist_ok=True)
        config_text = config if isinstance(config, str) else yaml.safe_dump(
            config or MINIMAL_CONFIG, allow_unicode=True, sort_keys=False)
        (root / "site_config.yml").write_text(textwrap.dedent(config_text), encoding="utf-8")
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return write


def run_kbgen(*args: str):
    """kbgen's command line, in process: the click result (exit_code, output)."""
    from click.testing import CliRunner

    from kbgen.cli import cli

    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def new_kb(tmp_path: Path) -> Path:
    """A KB fresh from `kbgen init`, as an import starts from."""
    root = tmp_path / "kb"
    assert run_kbgen("init", str(root), "--today", TODAY.isoformat()).exit_code == 0
    return root


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, shared by every browser test (Playwright's sync API allows one per process)."""
    from tests.chromium import chromium_browser

    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own sample help center, built once with `kbgen build`."""
    from click.testing import CliRunner

    from kbgen.cli import cli

    out = tmp_path_factory.mktemp("sample") / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(REPO), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def local_http():
    """A web server on 127.0.0.1 for link checking: /ok answers 200, /no-head refuses HEAD (405) but
    answers GET, /slow takes two seconds, anything else is 404."""
    import http.server
    import threading
    import time

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.answer("HEAD")

        def do_GET(self):
            self.answer("GET")

        def answer(self, method):
            if self.path.startswith("/slow"):
                time.sleep(2)
            ok = self.path.startswith(("/ok", "/slow")) or (self.path.startswith("/no-head") and method == "GET")
            self.send_response(200 if ok else 405 if self.path.startswith("/no-head") else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()

