"""kbgen init: a new KB repository that checks and builds clean at once, workflows included."""

from __future__ import annotations

import re
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TextIO

from kbgen.errors import KbgenError

# Package data cannot reliably ship dot-files, so the template names them dot-gitignore, dot-github.
_DOT_PREFIX = "dot-"
KBGEN_HOME = "https://github.com/YOUR-ORG/kbgen"
# Marked so that it cannot be mistaken for a working value; the README says how to replace it.
DEFAULT_KBGEN_SPEC = f"kbgen @ git+{KBGEN_HOME}"
# The template's articles exist in these languages, as <id>.<lang>.md; the chosen default keeps <id>.md.
LANGUAGES = ("ja", "en")
_SITE_NAME = {"ja": "{} ヘルプセンター", "en": "{} Help Center"}
_TRANSLATED = re.compile(r"^(content/.+)\.([a-z]{2})\.md$")


def template_files() -> dict[str, str]:
    """The template's files, by their path in the new repository."""
    root = resources.files("kbgen") / "init_template"
    files: dict[str, str] = {}

    def walk(node, parts: tuple[str, ...]) -> None:
        for child in node.iterdir():
            name = "." + child.name[len(_DOT_PREFIX):] if child.name.startswith(_DOT_PREFIX) else child.name
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, (*parts, name))
            else:
                files["/".join((*parts, name))] = child.read_text(encoding="utf-8")

    walk(root, ())
    return dict(sorted(files.items()))


def init(target: Path, today: date, name: str | None = None, url: str | None = None,
         kbgen_spec: str = DEFAULT_KBGEN_SPEC, language: str = "ja", stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    folder = target.resolve()
    slug = re.sub(r"[^a-z0-9-]+", "-", folder.name.lower()).strip("-") or "help"
    url = url or f"https://example.github.io/{slug}/"
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        raise KbgenError(f"--url {url}: expected the GitHub Pages URL, such as https://<owner>.github.io/{slug}/")
    if re.search(r"[\"\\\n]", kbgen_spec):  # it sits in a double-quoted YAML string
        raise KbgenError(f"--kbgen-spec {kbgen_spec!r}: a pip requirement without quotes or line breaks")
    values = {
        "__SITE_NAME__": name or _SITE_NAME[language].format(folder.name),
        "__SITE_URL__": url if url.endswith("/") else url + "/",
        "__TODAY__": today.isoformat(),
        "__KBGEN_SPEC__": kbgen_spec,
        "__KBGEN_HOME__": KBGEN_HOME,
        "__LANGUAGE__": language,
        "__LANGUAGES__": "[" + ", ".join([language, *(lang for lang in LANGUAGES if lang != language)]) + "]",
    }
    files = {_path_for(rel, language): text for rel, text in template_files().items()}
    existing = [rel for rel in files if (folder / rel).exists()]
    if existing:
        raise KbgenError(f"{target}: would overwrite {', '.join(existing)}; kbgen init only adds files")
    for rel, text in files.items():
        for token, value in values.items():
            text = text.replace(token, value)
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stream.write(f"created a help center in {target} ({len(files)} files). Next:\n"
                 f"  cd {target} && kbgen serve\n"
                 "  set site.url in site_config.yml to your GitHub Pages URL (see README.md)\n")
    return 0


def _path_for(rel: str, language: str) -> str:
    """content/x/id.<language>.md becomes content/x/id.md: articles of the default language have no suffix."""
    match = _TRANSLATED.match(rel)
    return f"{match.group(1)}.md" if match and match.group(2) == language else rel
