"""Everyday words for the formal ones a help center writes in: what a customer types (消したい,
メールが届かない, get rid of, money back) for what the article says (削除, 受信, delete, refund).
Japanese articles name actions with Sino-Japanese nouns (削除, 変更, 停止) and customers with native
verbs (消す, 変える, 止まる), whose stems share no character bigram with them; English articles use
product words, customers their own.

Applied at build time, one way: an article that says a formal word is also indexed under its
everyday words (as if its text said them), so a customer's own words find it; an article that says
the everyday word is not indexed under the formal one (取り消し is not 削除). The KB's own synonyms
(`search.synonyms`) work both ways and come on top. A Japanese verb is listed by its stems (消し, 消す,
消せ, 消さ): the tokenizer's kanji-plus-kana bigram is what a conjugated form shares with another.

Words that are also common nouns or other senses are left out: "log" (sign in = log in) is a log
file in a hosting KB, and "turn"/"switch"/"stop" (disable = turn off) matched too widely to keep the
short queries of benchmarks/search_queries.yml where they were.
"""

from __future__ import annotations

# formal word (as an article writes it) -> the everyday words a customer uses for it
EVERYDAY_WORDS: dict[str, tuple[str, ...]] = {
    # Japanese: actions
    "削除": ("消し", "消す", "消せ", "消さ"),
    "追加": ("付け", "付けられ", "増やし", "増やせ"),
    "変更": ("変え", "変える", "変えられ", "替え"),
    "編集": ("直し", "直す", "直せ", "書き換え"),
    "停止": ("止め", "止ま", "止まっ", "止まる"),
    "無効": ("止め", "オフ", "切る", "切り"),
    "有効": ("オン",),  # not 使える: 有効期限 is validity, not use
    "非表示": ("隠し", "隠す", "隠せ", "消し", "消す", "消せ"),
    "受信": ("届か", "届い", "届く", "届け"),
    "送信": ("送っ", "送る", "送れ", "送ら"),
    "復元": ("戻し", "戻す", "戻せ", "元に戻"),
    "作成": ("作り", "作る", "作れ", "作っ"),
    "開始": ("始め", "始める", "始まら"),
    "解約": ("やめ", "辞め", "止め"),
    "退会": ("やめ", "辞め"),
    "返金": ("お金", "返し", "返して"),
    "インポート": ("読み込", "取り込"),
    "エクスポート": ("書き出", "出力"),
    "並べ替え": ("入れ替え", "並び順", "順番"),
    "アップロード": ("上げ", "アップ"),
    "ダウンロード": ("落と", "保存"),
    "ログイン": ("サインイン", "入れな", "入れま"),
    "サインイン": ("ログイン",),
    "パフォーマンス": ("遅い", "遅く", "重い", "重く", "時間がかか"),
    "遅延": ("遅い", "遅く", "遅れ"),
    # Japanese: loanwords, and the native words customers use for them
    "アンケート": ("投票",),
    "フォント": ("文字",),
    "サイズ": ("大きさ", "大きく", "小さく"),
    "アップデート": ("更新",),
    "通知": ("お知らせ",),
    "強調": ("目立",),
    "エラー": ("失敗",),
    "不具合": ("おかし", "バグ"),
    # English
    "delete": ("remove", "erase", "get rid"),
    "remove": ("delete", "erase", "get rid"),
    "sign in": ("login", "signin"),
    "cancel": ("unsubscribe", "stop"),
    "refund": ("money back", "reimburse"),
    "invoice": ("bill", "receipt"),
    "receipt": ("invoice", "bill"),
    "change": ("edit", "modify", "switch"),
    "edit": ("change", "modify"),
    "phone": ("mobile", "smartphone", "cellphone"),
    "mobile": ("phone", "smartphone", "cellphone"),
    "computer": ("laptop", "pc"),
    "two-factor": ("2fa", "two-step", "mfa"),
    "duplicate": ("twice", "double"),
    "crash": ("freeze", "freezes", "hang", "closes"),
    "slow": ("lag", "sluggish", "takes forever"),
}
