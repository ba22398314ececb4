"""The shortcuts the Japanese rules take to skip work hold for any text: what they skip could not
have given a finding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.checks.japanese import _DEARU, _DEARU_IN_LINES, _SENTENCE_ENDS, _plain

shortcut_settings = settings(max_examples=1500, deadline=None, derandomize=True, database=None)
pieces = st.sampled_from(list("あいんだでるはな。．！？!?」』）)*_~=`<>[]()#-+1. \t\u3000&;amp#3x")
                         + ["である", "ではない", "だった", "だろう", "ください", "&amp;", "&#33;", "[a](b)",
                            "**", "<b>", "\u200b"])
markdown = st.lists(pieces, max_size=20).map("".join)


@shortcut_settings
@given(markdown)
def test_a_line_as_read_is_never_longer_and_ends_a_sentence_where_it_is_written_to(line):
    plain = _plain(line)
    assert len(plain) <= len(line)
    if line.endswith(_SENTENCE_ENDS):
        assert plain.endswith(line[-1])


@shortcut_settings
@given(st.lists(markdown, max_size=5))
def test_one_search_of_the_joined_lines_finds_a_plain_style_sentence_exactly_when_a_line_has_one(lines):
    assert bool(_DEARU_IN_LINES.search("\n".join(lines))) == any(_DEARU.search(line) for line in lines)
