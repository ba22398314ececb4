"""site_config.yml is validated once, at the edge, with errors naming the line and the key."""

import pytest

from kbgen.content.config import load_config
from kbgen.content.duration import Duration
from kbgen.errors import ConfigError


def test_the_sample_config_loads(write_kb):
    from tests.conftest import REPO

    config = load_config(REPO)
    assert config.site.language == "ja"
    assert list(config.categories)[:2] == ["getting-started", "account"]
    assert config.freshness.review_every == Duration(180, "d")


def test_every_problem_is_reported_with_its_line(write_kb):
    root = write_kb({}, config="""\
        site:
          name: x
          url: 42
          langauge: ja
        categories: {}
        feedback:
          url: "https://x.example/{bogus}"
        freshness: {review_every: 3q}
        """)
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    problems = caught.value.problems
    assert "site_config.yml:3: site.url: input should be a valid string, got 42" in problems
    assert "site_config.yml:4: site.langauge: unknown field (did you mean 'language'?)" in problems
    assert any(p.startswith("site_config.yml:5: categories: expected at least one category") for p in problems)
    assert any(p.startswith("site_config.yml:7: feedback.url: unknown placeholder {bogus}") for p in problems)
    assert any(p.startswith("site_config.yml:8: freshness.review_every: expected a period") for p in problems)


def test_duplicate_keys_are_an_error(write_kb):
    root = write_kb({}, config="site:\n  name: a\n  name: b\n  url: https://x.example/\ncategories:\n  a: {title: A}\n")
    with pytest.raises(ConfigError, match=r"site_config.yml:3: invalid YAML|site_config.yml:3: duplicate key 'name'"):
        load_config(root)


def test_a_yaml_mistake_is_reported_where_it_is_made(write_kb):
    root = write_kb({}, config='site:\n  name: "ヘルプ\n  url: https://x.example/\ncategories:\n  a: {title: A}\n')
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert caught.value.problems == [
        'site_config.yml:2: the " opened on this line is not closed (end the value with " on the same line)']


def test_a_byte_order_mark_and_windows_line_ends_are_read(write_kb):
    root = write_kb({})
    config = root / "site_config.yml"
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes().replace(b"\n", b"\r\n"))
    assert load_config(root).site.language == "ja"


def test_no_stays_a_language_code_not_false(write_kb):
    # YAML 1.1 reads `no` (Norwegian) as False; we follow YAML 1.2.
    root = write_kb({}, config="site:\n  name: a\n  url: https://x.example/\n  language: no\n"
                               "categories:\n  a: {title: A}\n")
    assert load_config(root).site.language == "no"


def test_missing_config_names_the_file(tmp_path):
    with pytest.raises(ConfigError, match="site_config.yml: not found"):
        load_config(tmp_path)


def test_site_url_gets_a_trailing_slash(write_kb):
    root = write_kb({}, config="site:\n  name: a\n  url: https://x.example/help\ncategories:\n  a: {title: A}\n")
    assert load_config(root).site.url == "https://x.example/help/"


@pytest.mark.parametrize("text, start, expected", [
    ("180d", "2026-01-01", "2026-06-30"),
    ("2w", "2026-01-01", "2026-01-15"),
    ("1m", "2026-01-31", "2026-02-28"),
    ("1y", "2024-02-29", "2025-02-28"),
])
def test_durations(text, start, expected):
    from datetime import date

    assert Duration.parse(text).after(date.fromisoformat(start)) == date.fromisoformat(expected)


def test_lint_settings_and_owners_are_validated(write_kb):
    root = write_kb({}, config="""\
        site: {name: x, url: "https://x.example/"}
        categories: {a: {title: A}}
        owners: ["@support", "support team"]
        lint: {near_duplicate_threshold: 1.5, max_sentence_length: 0}
        rules: {KB5: loud}
        """)
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    problems = "\n".join(caught.value.problems)
    assert "site_config.yml:3: owners: 'support team' is not a @handle or an e-mail address" in problems
    assert "site_config.yml:4: lint.near_duplicate_threshold:" in problems
    assert "site_config.yml:4: lint.max_sentence_length:" in problems
    assert "site_config.yml:5: rules.KB5:" in problems
