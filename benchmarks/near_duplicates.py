"""How long closest_matches (KB402) takes on 10,000 generated Japanese questions, one in fifty a rewording.

    .venv/bin/python benchmarks/near_duplicates.py
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kbgen.checks.similarity import closest_matches  # noqa: E402
from kbgen.content.model import Article, FrontMatter  # noqa: E402

KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
KANJI = "請求書再発行変更削除確認登録在庫受注出荷返品支払方法商品倉庫設定表示同期上限履歴制限認証"
ENDINGS = ["できますか", "したい", "が届かない場合は", "するには", "の方法", "はなぜですか"]


def question(rng: random.Random) -> str:
    words = ["".join(rng.choices(alphabet, k=rng.randint(2, 4))) for alphabet in
             rng.sample([KANA, KATAKANA, KANJI, KANJI], k=rng.randint(2, 4))]
    return "の".join(words) + rng.choice(ENDINGS) + "？"


def main(count: int = 10_000) -> None:
    rng = random.Random(1)
    articles = []
    for n in range(count):
        # one question in fifty is a rewording of an earlier one: the pairs to find
        title = question(rng) if n % 50 or not articles else articles[-1].title.replace("の", "は", 1)
        meta = FrontMatter.model_validate({"title": title, "summary": "s", "category": "c", "owner": "@o",
                                           "last_reviewed": date(2026, 1, 1)})
        articles.append(Article(f"a{n}", "ja", f"content/c/a{n}.md", meta, "", 8))
    started = time.perf_counter()
    matches = closest_matches(articles, 0.6)
    print(f"{count} questions: {len(matches)} with a match at >= 0.6 in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
