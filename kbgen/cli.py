"""The kbgen command line: a thin click group; each command hands off to kbgen.commands."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

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
    from kbgen.workers import available_processes, collector_paused

    # What kbgen check makes (pydantic's schemas as it imports, the KB, the findings) lives until it
    # exits: the cycle collector would walk it all to free nothing (0.1-0.2 s at 10,000 articles).
    with collector_paused():
        from kbgen.commands.check import affected as list_affected
        from kbgen.commands.check import check as run

        if affected:
            sys.exit(list_affected(root, affected))
        sys.exit(run(root, _today(today), fmt=fmt, strict=strict, external=external,
                     processes=available_processes()))


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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that render the articles, and check a large KB [default: the CPUs available; "
                   "under 200 articles, one]. 1: all in this process.")
@today_option
def build(root: Path, out: Path | None, strict: bool, verbose: bool, jobs: int | None, today: str | None) -> None:
    """Check, then render the help center into site/."""
    from kbgen.commands.build import build as run
    from kbgen.workers import available_processes

    sys.exit(run(root, out or root / "site", _today(today), strict=strict, verbose=verbose,
                 processes=jobs or available_processes(), any_size=jobs is not None))


@cli.command()
@root_option
@click.argument("question")
@click.option("--category", "-c", required=True, help="A key of categories in site_config.yml.")
@click.option("--lang", help="The article's language [default: site.language].")
@click.option("--owner", help="Person or team handle [default: git config user.email].")
@click.option("--id", "article_id", help="The article's id (its URL); needed when the question has no ASCII words.")
@today_option
def new(root: Path, question: str, category: str, lang: str | None, owner: str | None, article_id: str | None,
        today: str | None) -> None:
    """Write content/CATEGORY/<id>.md from the article template."""
    from kbgen.commands.new import new_article
    from kbgen.content.article_id import ascii_id

    if article_id is None and not ascii_id(question) and sys.stdin.isatty():
        # Most questions are written in Japanese: ask for the id rather than fail.
        article_id = click.prompt("The question has no ASCII words to make the article's id (its URL) from.\n"
                                  "Id, e.g. reset-password").strip()
    sys.exit(new_article(root, question, category, _today(today), lang=lang, owner=owner, article_id=article_id))


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The help center's name [default: from the folder's name].")
@click.option("--url", help="The GitHub Pages URL the site is served at, e.g. https://owner.github.io/help/.")
@click.option("--kbgen-spec", default=None, metavar="PIP_REQUIREMENT",
              help="What the workflows pip-install as kbgen (overridable later with the KBGEN_PIP_SPEC variable).")
@click.option("--language", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              help="The default language: its articles are <id>.md, the other's <id>.<lang>.md.")
@today_option
def init(directory: Path, name: str | None, url: str | None, kbgen_spec: str | None, language: str,
         today: str | None) -> None:
    """Scaffold a new KB repository in DIRECTORY, GitHub workflows included."""
    from kbgen.commands.init import DEFAULT_KBGEN_SPEC
    from kbgen.commands.init import init as run

    sys.exit(run(directory, _today(today), name=name, url=url, kbgen_spec=kbgen_spec or DEFAULT_KBGEN_SPEC,
                 language=language))


@cli.command()
@root_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True)
@today_option
def serve(root: Path, host: str, port: int, today: str | None) -> None:
    """Live preview on localhost: rebuilds on every change and prints the findings."""
    from kbgen.commands.serve import serve as run

    sys.exit(run(root, host, port, _today(today) if today else None))


@cli.command()
@root_option
@click.option("--days", type=click.IntRange(0), default=None,
              help="'Due soon' window in days [default: freshness.warn_before].")
@click.option("--feedback", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A feedback export (CSV or JSON: id, vote, date, comment); see docs/feedback-export.md.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@today_option
def report(root: Path, days: int | None, feedback: Path | None, fmt: str, today: str | None) -> None:
    """Freshness and ownership, helpfulness from votes, near-duplicate questions."""
    from kbgen.commands.report import report as run

    sys.exit(run(root, _today(today), days=days, feedback=feedback, fmt=fmt))


@cli.command("import")
@root_option
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--category-from", type=click.Choice(["folder", "top"]), default="folder", show_default=True,
              help="folder = the page's own folder, top = the first folder below the pages' root.")
@click.option("--owner", help="Owner of the imported articles [default: git config user.email; "
                             "for Zendesk, the author's e-mail when the export has users].")
@click.option("--reviewed-from", default="git", show_default=True, metavar="git|mtime|YYYY-MM-DD",
              help="last_reviewed from the last commit (else mtime), the file's mtime, or one date.")
@click.option("--force", is_flag=True, help="Replace articles that already exist.")
@click.option("--download-images", is_flag=True,
              help="Fetch the images pages load from other hosts (network requests) and save them next to the "
                   "articles; one that fails stays as it was and is listed.")
def import_(root: Path, source: Path, category_from: str, owner: str | None, reviewed_from: str, force: bool,
            download_images: bool) -> None:
    """Adopt a docs project (MkDocs, VuePress/VitePress, Docusaurus, Hugo, Jekyll, GitBook, GitHub wiki), a
    folder of Markdown, or a Zendesk Guide export (Help Center API responses: a .json file or a folder of
    them) into this KB: languages paired, images copied, the import report printed."""
    from kbgen.adopt.folder import import_folder
    from kbgen.adopt.zendesk import import_zendesk, is_zendesk_export

    if is_zendesk_export(source):
        sys.exit(import_zendesk(root, source, owner=owner, force=force, download=download_images))

    sys.exit(import_folder(root, source, category_from=category_from, owner=owner, reviewed_from=reviewed_from,
                           force=force, download=download_images))


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
    except SystemExit as finished:
        if isinstance(finished.code, int) or finished.code is None:
            _exit_at_once(finished.code or 0)
        raise
    except Exception as exc:  # a bug in kbgen, not the user's input: one line unless --debug
        if debug:
            raise
        click.echo(f"kbgen: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)", err=True)
        sys.exit(3)


def _exit_at_once(code: int) -> NoReturn:
    """End the process without tearing the interpreter down, as mypy does: freeing a loaded KB's
    objects one by one took a third of a second at 10,000 articles, with nothing left to do.
    Every command has returned (its files closed, its workers joined); only the streams need flushing."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (kbgen check | head), or a closed stream
            pass
    os._exit(code)
