"""A synthetic knowledge base for benchmarks: realistic Japanese articles, some English translations.

    python -m benchmarks.synthetic_kb OUT_DIR --articles 10000 [--seed 1] [--translated 0.3]

Deterministic for a seed. Articles link to each other (valid links and anchors), carry
headings, steps, lists, tables and code, and check clean apart from what chance makes
look alike (near-duplicate questions are possible at large N, as in real KBs).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

CATEGORIES = [
    ("account", "アカウント", "Account"), ("billing", "料金・お支払い", "Billing"),
    ("security", "セキュリティ", "Security"), ("orders", "受注", "Orders"),
    ("inventory", "在庫", "Inventory"), ("shipping", "出荷・配送", "Shipping"),
    ("integrations", "外部連携", "Integrations"), ("reports", "レポート", "Reports"),
    ("mobile", "モバイルアプリ", "Mobile app"), ("api", "API", "API"),
]
FEATURES = [("受注一覧", "order list"), ("在庫台帳", "stock ledger"), ("商品マスター", "product catalog"),
            ("出荷指示", "shipping instruction"), ("請求書", "invoice"), ("メンバー", "team member"),
            ("通知", "notification"), ("ダッシュボード", "dashboard"), ("倉庫", "warehouse"),
            ("仕入先", "supplier"), ("返品", "return"), ("クーポン", "coupon"), ("配送ラベル", "shipping label"),
            ("売上レポート", "sales report"), ("API トークン", "API token"), ("Webhook", "webhook"),
            ("CSV テンプレート", "CSV template"), ("バーコード", "barcode"), ("セット商品", "bundle"),
            ("予約注文", "pre-order"), ("ポイント", "loyalty point"), ("タグ", "tag"), ("ショップ", "shop"),
            ("ロケーション", "location"), ("棚卸し", "stocktake"), ("納品書", "delivery note"),
            ("送り状", "waybill"), ("定期便", "subscription order"), ("顧客リスト", "customer list"),
            ("権限", "permission")]
ACTIONS = [("追加", "add"), ("削除", "delete"), ("変更", "change"), ("確認", "check"), ("共有", "share"),
           ("エクスポート", "export"), ("インポート", "import"), ("複製", "duplicate"), ("並べ替え", "sort"),
           ("絞り込み", "filter"), ("印刷", "print"), ("復元", "restore"), ("一括編集", "bulk-edit"),
           ("自動化", "automate"), ("無効化", "disable"), ("再送", "resend"), ("承認", "approve"),
           ("統合", "merge"), ("分割", "split"), ("予約", "schedule")]
PLACES = [("スマートフォン", "a phone"), ("管理画面", "the admin screen"), ("一覧画面", "the list view"),
          ("詳細画面", "the detail view"), ("モバイルアプリ", "the mobile app"), ("API", "the API")]
SENTENCES = [
    "この操作は管理者と編集者のメンバーが行えます。",
    "変更はすぐに反映され、連携しているネットショップにも数分以内に同期されます。",
    "操作の履歴は **設定** > **操作ログ** で確認できます。",
    "大量のデータを扱う場合は、CSV での一括処理が便利です。",
    "閲覧者のメンバーには、このメニューは表示されません。",
    "フリープランでは、一度に処理できる件数に上限があります。",
    "うまくいかない場合は、ブラウザーを再読み込みしてからもう一度お試しください。",
]
SENTENCES_EN = [
    "Administrators and editors can do this.",
    "Changes apply at once and reach connected online stores within a few minutes.",
    "You can see the history under **Settings** > **Activity log**.",
    "For large amounts of data, a CSV bulk update is easier.",
    "Members with the viewer role do not see this menu.",
    "On the Free plan, the number of items per operation is limited.",
    "If it does not work, reload the browser and try again.",
]
OWNERS = ["@support-account", "@support-billing", "@support-orders", "@support-integrations", "@docs-team"]


def generate_kb(root: Path, articles: int, seed: int = 1, translated: float = 0.3) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    _write_config(root)
    combos = rng.sample(range(len(FEATURES) * len(ACTIONS) * len(PLACES) * 4), articles)
    specs = []
    for n, combo in enumerate(combos):
        combo, variant = divmod(combo, 4)
        feature, rest = divmod(combo, len(ACTIONS) * len(PLACES))
        action, place = divmod(rest, len(PLACES))
        category = CATEGORIES[n % len(CATEGORIES)][0]
        specs.append((f"a{n:05d}", category, FEATURES[feature], ACTIONS[action], PLACES[place], variant))
    ids = [(s[0], s[1]) for s in specs]
    for spec in specs:
        article_id, category, feature, action, place, variant = spec
        reviewed = date(2026, 11, 20) - timedelta(days=rng.randrange(0, 140))
        links = rng.sample(ids, 3)
        folder = root / "content" / category
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{article_id}.md").write_text(
            _japanese(article_id, category, feature, action, place, variant, reviewed, links, rng), encoding="utf-8")
        if rng.random() < translated:
            (folder / f"{article_id}.en.md").write_text(
                _english(category, feature, action, place, variant, reviewed, rng), encoding="utf-8")
    return root


def _japanese(article_id, category, feature, action, place, variant, reviewed, links, rng) -> str:
    qualifier = ["", "まとめて", "あとから", "自動で"][variant]
    title = f"{place[0]}で{feature[0]}を{qualifier}{action[0]}するにはどうすればよいですか？"
    summary = f"{place[0]}の **{feature[0]}** 画面から{action[0]}できます。"[:200].replace("**", "")
    link_lines = "\n".join(
        f"- [{target_id} の手順](../{target_category}/{target_id}.md#手順)" for target_id, target_category in links)
    body = "\n".join(rng.sample(SENTENCES, 3))
    return f"""---
title: {title}
summary: {summary}
category: {category}
owner: "{rng.choice(OWNERS)}"
last_reviewed: {reviewed.isoformat()}
tags: [{feature[0]}, {action[0]}]
---
{feature[0]}は{place[0]}から{action[0]}できます。
{body}

## 手順

1. {place[0]}で **{feature[0]}** を開きます。
2. 対象を選んで **{action[0]}** をクリックします。
3. 確認画面で内容を確かめて **実行** をクリックします。

## 注意点

| 項目 | 内容 |
| --- | --- |
| 対象プラン | すべてのプラン |
| 反映までの時間 | 数分 |

```bash
curl -H "Authorization: Bearer $TOKEN" https://api.sorami.example/v1/{category}/{article_id}
```

## 関連する手順

{link_lines}
"""


def _english(category, feature, action, place, variant, reviewed, rng) -> str:
    qualifier = ["", " in bulk", " later", " automatically"][variant]
    body = "\n".join(rng.sample(SENTENCES_EN, 3))
    return f"""---
title: How do I {action[1]} a {feature[1]}{qualifier} from {place[1]}?
summary: Open the {feature[1]} screen from {place[1]} and choose {action[1].capitalize()}.
category: {category}
owner: "{rng.choice(OWNERS)}"
last_reviewed: {reviewed.isoformat()}
tags: [{feature[1]}, {action[1]}]
---
You can {action[1]} a {feature[1]} from {place[1]}.
{body}

## Steps

1. Open **{feature[1].capitalize()}** in {place[1]}.
2. Select the items and click **{action[1].capitalize()}**.
3. Check the confirmation screen and click **Run**.
"""


def _write_config(root: Path) -> None:
    categories = "\n".join(f"  {key}:\n    title: {{ja: {ja}, en: {en}}}" for key, ja, en in CATEGORIES)
    (root / "site_config.yml").write_text(f"""site:
  name: Synthetic ヘルプセンター
  url: https://example.github.io/help/
  language: ja
  languages: [ja, en]
categories:
{categories}
freshness:
  review_every: 180d
  warn_before: 30d
feedback:
  url: "https://example.com/feedback?id={{id}}&vote={{vote}}&reviewed={{reviewed}}"
  contact_url: https://example.com/contact
""", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--translated", type=float, default=0.3)
    args = parser.parse_args()
    generate_kb(args.out, args.articles, args.seed, args.translated)
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
