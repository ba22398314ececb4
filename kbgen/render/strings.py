"""UI strings and date formats per language. Japanese first; English; anything else falls back to English."""

from __future__ import annotations

from datetime import date

_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"]

UI_STRINGS: dict[str, dict[str, str]] = {
    "ja": {
        "home": "ホーム",
        "last_reviewed": "最終確認日",
        "overdue": "この記事は確認期限を過ぎています。内容が古い可能性があります。",
        "helpful": "役に立ちましたか？",
        "yes": "はい",
        "no": "いいえ",
        "contact": "解決しない場合はサポートにお問い合わせください",
        "related": "関連する記事",
        "tags": "タグ",
        "other_language": "この記事の他の言語",
        "copy_answer": "回答をコピー",
        "copied": "コピーしました",
        "recently_reviewed": "最近更新された記事",
        "categories": "カテゴリー",
        "articles_count": "{n}件の記事",
        "articles_count_one": "{n}件の記事",
        "search_placeholder": "質問を入力してください",
        "search_label": "ヘルプセンターを検索",
        "no_results": "該当する記事が見つかりませんでした。",
        "tell_us": "探していた情報を教えてください",
        "short_answer": "回答",
        "language_name": "日本語",
        "not_found": "ページが見つかりません",
        "not_found_text": "お探しのページは移動または削除された可能性があります。検索してみてください。",
        "redirecting": "移動しました",
        "redirect_text": "このページは移動しました。自動で切り替わらない場合は、こちらを開いてください：",
        "breadcrumb": "現在位置",
        "language": "表示言語",
        "search": "検索する",
        "back_home": "ホームに戻る",
        "copy_failed": "コピーできませんでした",
        # llms.txt: what the links lead to, the mark of an overdue answer, another language's feed
        "feed_about": "各リンク先は記事の Markdown 版です（記事のページの URL に index.md を付けたもの）。"
                      "確認日と確認期限を含む全記事の一覧：{articles_json}",
        "feed_overdue": "（確認期限を過ぎています）",
        "feed_language": "このヘルプセンターの日本語版",
    },
    "en": {
        "home": "Home",
        "last_reviewed": "Last reviewed",
        "overdue": "This article is overdue for review. It may be out of date.",
        "helpful": "Was this helpful?",
        "yes": "Yes",
        "no": "No",
        "contact": "Still stuck? Contact support",
        "related": "Related articles",
        "tags": "Tags",
        "other_language": "This article in other languages",
        "copy_answer": "Copy answer",
        "copied": "Copied",
        "recently_reviewed": "Recently reviewed",
        "categories": "Categories",
        "articles_count": "{n} articles",
        "articles_count_one": "{n} article",
        "search_placeholder": "Type your question",
        "search_label": "Search the help center",
        "no_results": "No articles matched your search.",
        "tell_us": "Tell us what you were looking for",
        "short_answer": "Answer",
        "language_name": "English",
        "not_found": "Page not found",
        "not_found_text": "The page you were looking for may have moved or been removed. Try searching.",
        "redirecting": "This page has moved",
        "redirect_text": "This page has moved. If you are not taken there automatically, open:",
        "breadcrumb": "Breadcrumb",
        "language": "Language",
        "search": "Search",
        "back_home": "Back to the home page",
        "copy_failed": "Could not copy",
        "feed_about": "Each link leads to an article's Markdown copy (its page's URL followed by index.md). "
                      "Every article with its review dates: {articles_json}",
        "feed_overdue": " (overdue for review)",
        "feed_language": "This help center in English",
    },
}


# Titles of GitHub alerts (> [!NOTE]), which the Markdown extension writes in English.
ALERT_TITLES: dict[str, dict[str, str]] = {
    "ja": {"Note": "メモ", "Tip": "ヒント", "Important": "重要", "Warning": "注意", "Caution": "警告"},
    "en": {},
}


def alert_titles(lang: str) -> dict[str, str]:
    return ALERT_TITLES.get(lang, {})


def ui_strings(lang: str) -> dict[str, str]:
    return UI_STRINGS.get(lang, UI_STRINGS["en"])


def count_text(n: int, lang: str) -> str:
    strings = ui_strings(lang)
    return (strings["articles_count_one"] if n == 1 else strings["articles_count"]).replace("{n}", str(n))


def format_date(value: date, lang: str) -> str:
    """2026年10月1日 in Japanese, October 1, 2026 otherwise; independent of the machine's locale."""
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"
