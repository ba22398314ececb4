"""Front matter read the short way (flat_mapping) gives exactly what PyYAML's node tree gives, or
is left to it: same data, same types, same key lines, on every file at hand and on hostile text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic_kb import generate_kb
from kbgen.content.loader import split_front_matter
from kbgen.content.strict_yaml import YamlError, flat_mapping, load_yaml, load_yaml_tree
from tests.conftest import CORPORA, REPO, corpus


def front_matters(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*.md")):
        try:
            doc = split_front_matter(path.read_text(encoding="utf-8"))
        except YamlError:  # not closed
            continue
        if doc is not None:
            texts.append(doc.front_matter)
    return texts


def assert_read_alike(text: str) -> bool:
    """Whether flat_mapping reads ``text``; when it does, the tree reads it the same."""
    flat = flat_mapping(text)
    if flat is None:
        return False
    data, lines = load_yaml_tree(text)
    assert flat[0] == data
    assert [type(v) for v in flat[0].values()] == [type(v) for v in data.values()]
    assert list(flat[1].items()) == list(lines.items())
    return True


def test_the_sample_kbs_front_matter_is_read_the_short_way_and_alike():
    texts = front_matters(REPO / "content")
    assert sum(assert_read_alike(text) for text in texts) == len(texts)


def test_a_synthetic_kbs_front_matter_is_read_alike(tmp_path):
    texts = front_matters(generate_kb(tmp_path / "kb", 300) / "content")
    assert sum(assert_read_alike(text) for text in texts) == len(texts)


def test_the_corpora_front_matter_is_read_alike():
    texts = [text for folder in sorted(corpus(CORPORA).iterdir()) for text in front_matters(folder)]
    assert texts
    for text in texts:
        assert_read_alike(text)


def test_mutated_sample_front_matter_is_read_alike_or_left_to_the_tree():
    rng = random.Random(8)
    pieces = [": ", " #", "\t", "'", '"', "\\", "[", "]", ",", "{", "- ", "&a", "*a", "!x", "|", "%", "@", "`",
              "no", "true", "null", "~", "1", "0x1F", "1e3", "2026-02-30", "2026-9-1", "\u2028", "\x85", "\ufeff",
              " ", "", "\n", "\n  ", "title: x\n", "ー", "：", "　"]
    texts = front_matters(REPO / "content")
    read = 0
    for _ in range(3000):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(pieces) + text[at + rng.randint(0, 2):]
        try:
            read += assert_read_alike(text)
        except YamlError:
            raise AssertionError(f"read the short way, but the tree rejects it:\n{text}") from None
    assert read > 300  # many mutations keep the text flat: the comparison is not vacuous


HOSTILE = list("abcあ漢 :#-?,[]{}&*!|>'\"%@`\\~.0123456789eE+_\t\x85\u2028\ufeff")
# Hostile characters alone are nearly always left to the tree. Calm text around one of them, or around
# a two-character indicator, is the borderline the short way must get right, and it reads enough of
# that to compare. Keys are unique: a duplicate always goes to the tree (the test below holds its error).
calm = st.text(alphabet="abcあ漢 0", max_size=5)
borderline = st.builds(lambda before, c, after: before + c + after,
                       calm, st.sampled_from(HOSTILE + [": ", " #", "- "]), calm)
values = st.one_of(borderline, st.text(alphabet=st.sampled_from(HOSTILE), min_size=1, max_size=12))
keys = st.sampled_from(["title", "tags", "a_b", "true", "null", "no", "on", "y", "x1"])
flat_texts = st.lists(st.tuples(keys, st.one_of(values, values.map(lambda v: f"[{v}]"),
                                              st.lists(values, max_size=3).map(lambda v: f"[{', '.join(v)}]"))),
                      min_size=1, max_size=4, unique_by=lambda pair: pair[0]).map(
    lambda pairs: "\n".join(f"{k}: {v}" for k, v in pairs))


def test_hostile_flat_looking_text_is_read_alike_or_left_to_the_tree():
    compared = []

    @settings(max_examples=1500, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(flat_texts)
    def read_alike_or_left(text):
        try:
            compared.append(assert_read_alike(text))
        except (YamlError, ValueError):
            assert flat_mapping(text) is None, "read the short way, but the tree rejects it"

    read_alike_or_left()
    assert sum(compared) > 100  # not vacuous: 196 compared; hostile characters alone, some 40


def test_what_the_short_way_leaves_keeps_its_errors_and_meaning():
    with pytest.raises(YamlError) as duplicate:
        load_yaml("title: a\nsummary: b\ntitle: c")
    assert duplicate.value.duplicate_key and duplicate.value.line == 3
    assert load_yaml("language: no\nenabled: true")[0] == {"language": "no", "enabled": True}
    assert load_yaml("tags:\n  - a\n  - b")[1] == {("tags",): 1, ("tags", 0): 2, ("tags", 1): 3}
