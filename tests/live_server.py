"""A real `kbgen serve` in a subprocess, for the serve tests and the reload benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


class ServeProcess:
    def __init__(self, root: Path, *extra: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kbgen", "serve", "--root", str(root), "--port", str(self.port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)

    def wait_for_output(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.output):
            assert self.process.poll() is None, "kbgen serve exited:\n" + "".join(self.output)
            assert time.monotonic() < deadline, f"no {text!r} in:\n" + "".join(self.output)
            time.sleep(0.05)

    def status(self, path: str) -> int:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.status

    def header(self, path: str, name: str) -> str | None:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.headers.get(name)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        self.process.stdout.close()


@contextmanager
def kbgen_serve(root: Path, *extra: str, startup_timeout: float = 60):
    server = ServeProcess(root, *extra)
    try:
        server.wait_for_output("serving http://", startup_timeout)
        yield server
    finally:
        server.stop()


def seconds_until_reloaded(page, path: Path, new_text: str, timeout_ms: int = 30_000) -> float:
    """Append ``new_text`` to the article at ``path``; seconds until the open page shows it (no manual reload)."""
    started = time.monotonic()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{new_text}\n")
    page.get_by_text(new_text).wait_for(timeout=timeout_ms)
    return time.monotonic() - started
