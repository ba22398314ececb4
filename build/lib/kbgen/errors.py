"""Errors the user caused: one clear line, never a traceback (``--debug`` re-raises)."""

from __future__ import annotations

import click


class KbgenError(click.ClickException):
    """A problem with the user's input or environment that stops a command (exit 2)."""

    exit_code = 2


class ConfigError(KbgenError):
    """site_config.yml is missing or invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
