"""Whatever lands in content/, kbgen answers with findings or a clean exit, never a traceback.

Hypothesis writes hostile files (bounded: a minute or two in CI); a seeded random-mutation run
does the same to the sample KB's own articles.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.cli import cli
from tests.conftest import MINIMAL_CONFIG, REPO, TODAY, article


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FIELDS = ["title", "summary", "category", "owner", "last_reviewed", "review_every", "expires", "status", "tags",
          "related", "aliases", "id"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates(), st.just("account"), st.just("2026-10-01"), st.just("180d"))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                           max_size=4), max_leaves=8)
front_matter = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), values, max_size=10)


def nested_list(depth: int) -> str:
    return "\n".join("    " * i + "- 項目" for i in range(depth)) + "\n"


bodies = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="#*_`[]()<>!|-:>\n 　あア漢{}~=+\\&;\"'", max_size=400),
    st.integers(1, 400).map(nested_list),
    st.integers(1, 400).map(lambda n: "> " * n + "引用\n"),
    st.integers(1, 300).map(lambda n: "<div>" * n + "本文" + "</span>" * (n // 2)),
    st.integers(10_000, 300_000).map(lambda n: "あ" * n + "\n"),
    st.sampled_from(["```\nunclosed fence\n", "<!-- unclosed comment\n", "[link](<unclosed\n", "|a|\n|-\n|b|c|d|\n",
                     "<details markdown><summary>x", "![](", "[^1]\n", "$$\n", "{: #id .class onclick=x }\n"]),
)


def front_matter_text(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# Written as they are, unquoted: what YAML itself reads as a date, a time or a number, in range or not.
plain_scalars = st.one_of(
    st.builds("{:04d}-{:d}-{:d}".format, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.builds("{:04d}-{:02d}-{:02d}T{:d}:{:02d}:{:02d}Z".format, st.integers(1, 9999), st.integers(1, 12),
              st.integers(1, 28), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)),
    st.sampled_from(["1e999", "-.inf", ".nan", "0x_", "0o8", "1_000", "~", "!!binary 4", "!!timestamp x"]),
)
documents = st.one_of(
    st.builds(lambda fm, body: f"---\n{front_matter_text(fm)}---\n{body}", front_matter, bodies),
    st.builds(lambda key, value: article(**{key: value}), st.sampled_from(FIELDS), plain_scalars),
    st.builds(lambda body: article(body=body), bodies),
    st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", st.text(max_size=200), bodies),  # YAML garbage
    st.builds(lambda key, a, b: article(**{key: a}).replace("\n---\n", f"\n{key}: {b}\n---\n", 1),  # dup key
              st.sampled_from(FIELDS), st.text("abc1", min_size=1, max_size=5), st.text("xz2", min_size=1, max_size=5)),
)
raw_files = st.one_of(
    documents.map(lambda text: text.encode("utf-8")),
    st.binary(max_size=300),
    documents.map(lambda text: text.encode("utf-8") + b"\xff\xfe\x80"),  # invalid UTF-8
    documents.map(lambda text: text.encode("shift_jis", errors="replace")),
    documents.map(lambda text: text.replace("\n", "\r\n").encode("utf-8-sig")),
)
file_names = st.sampled_from(["content/account/a.md", "content/account/a.en.md", "content/account/a.fr.md",
                              "content/account/deep/a.md", "content/nowhere/a.md", "content/_snippets/s.md",
                              "content/a.md", "content/account/assets/a.md", "content/account/a b.md"])


def run(command: str, root: Path, *extra: str):
    result = CliRunner().invoke(cli, [command, "--root", str(root), "--today", TODAY.isoformat(), *extra])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # the traceback a user would have seen
    assert result.exit_code in (0, 1), result.output
    return result


def write(root: Path, files: dict[str, bytes]) -> None:
    (root / "site_config.yml").write_text(yaml.safe_dump(MINIMAL_CONFIG, allow_unicode=True), encoding="utf-8")
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


@fuzz(150)
@given(st.dictionaries(file_names, raw_files, min_size=1, max_size=4))
def test_check_survives_any_content(files):
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), files)
        run("check", Path(tmp), "--format", "json")


def test_build_survives_any_article_that_passes_check():
    passed = []

    @fuzz(12)
    @given(st.builds(lambda body: article(body=body), bodies) | documents)
    def check_then_build(text):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write(root, {"content/account/a.md": text.encode("utf-8"),
                         "content/account/b.md": article(title="別の質問はどこですか？").encode("utf-8")})
            checked = run("check", root)
            result = run("build", root, "--out", str(root / "site"))
            assert (root / "site" / "index.html").is_file() == (result.exit_code == 0)
            if checked.exit_code == 0:
                assert result.exit_code == 0, result.output
                passed.append(text)

    check_then_build()
    assert len(passed) >= 3  # not vacuous: 5 of the 12 pass check


def mutate(text: str, rng: random.Random) -> str:
    """One random edit of the kind that breaks files: cut, duplicate, swap, inject bytes or markup."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    edit = rng.randrange(7)
    if edit == 0:
        del lines[i]
    elif edit == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif edit == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif edit == 3:
        k = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:k] + rng.choice([":", "- ", "[", "{", "'", '"', "---", "\t", "&a", "*a", "!!int ",
                                              "\x00", "\ufeff", "<div>", "`", "|"]) + lines[i][k:]
    elif edit == 4:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    elif edit == 5:
        lines[i] = lines[i] * rng.randrange(2, 2000)
    else:
        lines.insert(i, "  " * rng.randrange(0, 50) + rng.choice(["- ", "1. ", "> ", "#", "```", "--8<-- "]) + "x")
    return "\n".join(lines)


def test_random_mutations_of_the_sample_articles(tmp_path):
    rng = random.Random(20261126)
    sample = sorted((REPO / "content").rglob("*.md"))
    root = tmp_path / "kb"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for round_ in range(40):
        victim = rng.choice(sample)
        target = root / victim.relative_to(REPO)
        text = victim.read_text(encoding="utf-8")
        for _ in range(rng.randrange(1, 4)):
            text = mutate(text, rng)
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            run("check", root)
            if round_ % 10 == 0:
                run("build", root, "--out", str(tmp_path / "site"))
        except BaseException:
            print(f"round {round_}: {target.relative_to(root)}:\n{text[:2000]}")
            raise
        finally:
            shutil.copy(victim, target)

