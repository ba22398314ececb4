"""The shortcuts the Japanese rules take to skip work hold for any text: what they skip could not
have given a finding."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kbgen.checks.japanese import (
    _DEARU,
    _DEARU_IN_LINES,
    _SENTENCE_ENDS,
    _plain,
    long_sentences,
    may_hold_long_sentence,
)
from kbgen.content.model import Article, FrontMatter
from tests.conftest import TODAY

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


body_pieces = st.sampled_from(["あいう", "えお", "。", "！", "?", "\n", "\n", "\n\n", " \n", "- ", "1. ", "  ", "# ",
                               "| a |", "```", "[a](b)", "**", "<b>", "> ", "&#12290;", "\u3000"])


@shortcut_settings
@given(st.lists(body_pieces, max_size=30).map("".join),
       st.sampled_from(["", "あいうえお", "あいうえおかきくけこさしすせそ"]))
@example("あいうえお\nあいうえお。", "")  # one sentence on two short lines
@example("- あいうえお\n  かきくけこ", "")  # a list item goes on over two lines
@example("あいうえお\n-かきくけこ", "")  # no space after the hyphen: not a list item
@example("", "あいうえおかきくけこさしすせそ")  # a long summary
def test_an_article_no_long_sentence_can_be_in_has_none(body, summary):
    limit = 8  # short, so that random text often has longer sentences
    meta = FrontMatter.model_validate({"title": "題", "summary": summary or "s", "category": "account",
                                       "owner": "@o", "last_reviewed": TODAY})
    doc = Article("a", "ja", "content/account/a.md", meta, body, 8, {"title": 2, "summary": 3})
    if not may_hold_long_sentence(doc, limit):
        assert list(long_sentences(doc, limit)) == []
