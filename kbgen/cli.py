"""The kbgen command line: a thin click group; each command hands off to kbgen.commands."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from kbgen import __version__
from kbgen.errors import KbgenError


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint="--today") from None


today_option = click.option("--today", metavar="YYYY-MM-DD",
                            help="Evaluate freshness as of this date (reproducible runs).")
root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                           show_default=True, help="The KB folder (holding site_config.yml).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbgen")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """kbgen: lint and build a help center from Markdown FAQ articles."""
    ctx.obj = {"debug": debug}


@cli.command()
@root_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "auto"]), default="auto",
              show_default=True, help="auto = github inside GitHub Actions, text elsewhere.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--external", is_flag=True, help="Also check external links (network).")
@click.option("--affected", metavar="BLOCK", multiple=True,
              help="Instead of checking, list the articles that include this shared block "
                   "(content/_snippets/NAME.md) and which need a review since it changed.")
@today_option
def check(root: Path, fmt: str, strict: bool, external: bool, affected: tuple[str, ...], today: str | None) -> None:
    """Validate articles and settings; print findings."""
    from kbgen.commands.check import affected as list_affected
    from kbgen.commands.check import check as run

    if affected:
        sys.exit(list_affected(root, affected))
    sys.exit(run(root, _today(today), fmt=fmt, strict=strict, external=external))


@cli.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print every rule's page as Markdown (docs/rules.md).")
def rules(code: str | None, markdown: bool) -> None:
    """List the rules, or show the documentation of one (kbgen rules KB301)."""
    from kbgen.commands.rules import rules as run

    sys.exit(run(code, markdown=markdown))


@cli.command()
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: ROOT/site].")
@click.option("--strict", is_flag=True, help="Refuse to build on warnings too.")
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' and Material's own log lines.")
@today_option
def build(root: Path, out: Path | None, strict: bool, verbose: bool, today: str | None) -> None:
    """Check, then render the help center into site/."""
    from kbgen.commands.build import build as run

    sys.exit(run(root, out or root / "site", _today(today), strict=strict, verbose=verbose))


def main() -> None:
    debug = "--debug" in sys.argv[1:]
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:  # includes KbgenError and usage errors
        if debug and isinstance(exc, KbgenError):
            raise
        exc.show()
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # a bug in kbgen, not the user's input: one line unless --debug
        if debug:
            raise
        click.echo(f"kbgen: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)", err=True)
        sys.exit(3)
