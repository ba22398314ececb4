"""The search tokenizer: text -> index terms, exactly as kbgen-search.js does it in the browser.

Rules (the browser copy in render/templates/assets/kbgen-search.js must follow them line by line;
tests/test_search_parity.py runs both on the same strings):

1. NFKC, then lower case: ＡＢＣ -> abc, ｶﾀｶﾅ -> カタカナ, ﾊﾟ -> パ.
2. Characters fall into words (Latin, Greek, Cyrillic letters and digits), Japanese runs (kanji,
   hiragana, katakana) or separators (everything else: punctuation, spaces, symbols, emoji).
3. Words split where letters meet digits (10gb -> 10, gb); stop words go; letters get the
   Porter stemmer: lunr's Python port, corrected where it differs from the lunr.js one the browser
   runs (final y, below). Both lunr ports exist, so no stemmer of our own to maintain.
4. Japanese runs: a katakana word of three or more before a final ー loses it (サーバー -> サーバ);
   a katakana or kanji word (a run of one script) of three or more characters is also a term as a
   whole (ログイン besides ログ, グイ, イン; 管理画面), so a document with the word outranks one
   that has its bigrams in other words (イン of インストール);
   two kanji separated by one or two okurigana kana also give the kanji pair (問い合わせ -> 問合,
   as 問合せ does); hiragana folds to katakana; then character bigrams (a one-character run is
   its own term). Bigrams need no dictionary, so particles and polite endings in a query only
   add a few weak terms instead of breaking the match.

Only BMP characters become terms, so sorting terms by code point (Python) and by UTF-16 code
unit (JavaScript) agree; the index's chunk lookup relies on that.
"""

from __future__ import annotations

import re
import unicodedata

from lunr.stemmer import PorterStemmer

STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from how i if in is it me my of on or our so than that the "
    "their them then there these this to was we what when where which who why will with you your".split()
    # what is left of a contraction (can't, doesn't, host's, we'll): customers type them, they say nothing
    + "t s d ll m re ve don doesn didn isn aren wasn weren couldn wouldn shouldn haven hasn".split()
)
# One particle between two kanji is grammar, not okurigana: 会員の登録 must not give 員登.
PARTICLES = frozenset("のをがはにでともへやか")



class _LunrJsPorterStemmer(PorterStemmer):
    """lunr.js turns a final y into i only after a consonant (day -> day, cry -> cri); lunr.py
    does it after any vowel in the stem (day -> dai). The parity test caught it; follow lunr.js."""

    def step1c(self):
        if self.ends("y") and self.k >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


porter_stemmer = _LunrJsPorterStemmer()
WORD, DIGIT, KANJI, HIRAGANA, KATAKANA, OTHER = range(6)
LONG_VOWEL = "ー"


def char_class(ch: str) -> int:
    code = ord(ch)
    if 0x30 <= code <= 0x39:
        return DIGIT
    if 0x61 <= code <= 0x7A or 0x41 <= code <= 0x5A:
        return WORD
    if 0xC0 <= code <= 0x24F and code not in (0xD7, 0xF7):
        return WORD
    if 0x370 <= code <= 0x4FF:
        return WORD
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or code == 0x3005:
        return KANJI
    if 0x3041 <= code <= 0x3096 or 0x309D <= code <= 0x309E:
        return HIRAGANA
    if 0x30A1 <= code <= 0x30FA or 0x30FC <= code <= 0x30FE or 0x31F0 <= code <= 0x31FF:
        return KATAKANA
    return OTHER


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


_KANJI = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3005"
_HIRAGANA = "\u3041-\u3096\u309d\u309e"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff"
# The runs and scripts char_class draws, as regexes: the index tokenizes every character of a KB, and
# scanning by regex is several times faster than character by character (tests/test_search_tokenizer.py
# checks they agree).
_RUN = re.compile(
    r"(?P<digits>[0-9]+)"
    r"|(?P<word>[a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u04ff]+)"
    f"|(?P<japanese>[{_KANJI}{_HIRAGANA}{_KATAKANA}]+)"
)


def tokenize(text: str) -> list[str]:
    """Index terms of ``text`` in order (duplicates kept: they count as term frequency)."""
    terms: list[str] = []
    for match in _RUN.finditer(normalize(text)):
        run = match.group()
        if match.lastgroup == "digits":
            terms.append(run)
        elif match.lastgroup == "word":
            if run not in STOP_WORDS:  # the two Porter ports disagree on some 3-letter words (ies, eed)
                terms.append(porter_stemmer.stem(run) if len(run) > 3 else run)
        else:
            terms.extend(japanese_terms(run))
    return terms


_ONE_SCRIPT_WORD = re.compile(f"[{_KANJI}]+|[{_KATAKANA}]+")
_OKURIGANA_BRIDGE = re.compile(f"(?=([{_KANJI}])([{_HIRAGANA}]{{1,2}})([{_KANJI}]))")
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def japanese_terms(run: str) -> list[str]:
    words = []
    dropped = []  # where a long word's final ー is left out
    for match in _ONE_SCRIPT_WORD.finditer(run):  # each katakana or kanji word: its final long vowel, the word
        word = match.group()
        if len(word) >= 4 and word[-1] == LONG_VOWEL:
            word = word[:-1]
            dropped.append(match.end() - 1)
        if len(word) >= 3:
            words.append(word)
    bridges = [m.group(1) + m.group(3) for m in _OKURIGANA_BRIDGE.finditer(run)
               if not (len(m.group(2)) == 1 and m.group(2) in PARTICLES)]
    chars = fold_kana(run)
    for at in reversed(dropped):
        chars = chars[:at] + chars[at + 1:]
    if len(chars) == 1:
        return [chars] + bridges + words
    return [chars[k:k + 2] for k in range(len(chars) - 1)] + bridges + words


def fold_kana(text: str) -> str:
    """Hiragana as katakana: ひらがな and ヒラガナ are one term."""
    return text.translate(_HIRAGANA_TO_KATAKANA)
