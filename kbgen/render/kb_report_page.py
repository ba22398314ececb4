"""The knowledge managers' page (report/): freshness and helpfulness, charted at build time.

Built only when site_config.yml says `report: {page: true}`; left out of navigation, search and
search engines (noindex), since it is for the team, not for customers.
"""

from __future__ import annotations

from datetime import date

from kbgen.content.config import text_in
from kbgen.content.model import KnowledgeBase
from kbgen.render.charts import ratio_bars, stacked_bars
from kbgen.render.site_plan import Page, article_url
from kbgen.reports.kb_report import build_report, load_votes

REPORT_SRC = "report/index.md"
# Colour-blind-safe trio (Okabe-Ito): vermilion, orange, bluish green.
COLOURS = {"overdue": "#D55E00", "due_soon": "#E69F00", "fresh": "#009E73"}
_LABELS = {
    "ja": {"title": "ナレッジ管理レポート", "overdue": "期限切れ", "due_soon": "期限間近", "fresh": "最新",
           "by_category": "カテゴリー別の鮮度", "by_owner": "担当者別の鮮度", "helpfulness": "役に立った割合",
           "duplicates": "似ている質問", "as_of": "基準日", "article": "記事", "owner": "担当", "due": "期限",
           "votes": "投票数", "none": "なし"},
    "en": {"title": "Knowledge base report", "overdue": "Overdue", "due_soon": "Due soon", "fresh": "Fresh",
           "by_category": "Freshness by category", "by_owner": "Freshness by owner", "helpfulness": "Found helpful",
           "duplicates": "Similar questions", "as_of": "As of", "article": "Article", "owner": "Owner",
           "due": "Due", "votes": "Votes", "none": "None"},
}


def kb_report_page(kb: KnowledgeBase, today: date) -> Page:
    config = kb.config
    lang = config.site.language
    labels = _LABELS.get(lang, _LABELS["en"])
    votes = load_votes(kb.root / config.report.feedback) if config.report.feedback else None
    data = build_report(kb, today, votes=votes)
    series = [(labels[key], colour) for key, colour in COLOURS.items()]

    def tally_rows(tallies, name_of):
        return [(name_of(t.name), [t.overdue, t.due_soon, t.fresh]) for t in tallies]

    category_title = {key: text_in(c.title, lang, lang) for key, c in config.categories.items()}
    charts = [
        (labels["by_category"], stacked_bars(labels["by_category"],
                                             tally_rows(data.categories, lambda k: category_title.get(k, k)), series)),
        (labels["by_owner"], stacked_bars(labels["by_owner"], tally_rows(data.owners, str), series)),
    ]
    if data.helpfulness:
        charts.append((labels["helpfulness"], ratio_bars(
            labels["helpfulness"], [(h.title, h.ratio, h.flagged) for h in data.helpfulness],
            data.threshold, COLOURS["overdue"], COLOURS["fresh"])))
    urls = {a.key: article_url(a, lang) for a in kb.published()}
    return Page(REPORT_SRC, "report", labels["title"], "", {
        "labels": labels,
        "today": today.isoformat(),
        "charts": charts,
        "attention": [{"title": a.title, "url": urls[(a.id, a.lang)], "owner": a.owner, "due": a.due.isoformat(),
                       "state": a.state, "state_label": labels["overdue" if a.state == "overdue" else "due_soon"]}
                      for a in data.overdue + data.due_soon],
        "helpfulness": [{"title": h.title, "url": urls.get((h.id, lang)), "ratio": f"{h.ratio:.0%}",
                         "votes": h.votes, "flagged": h.flagged} for h in data.helpfulness or []],
        "duplicates": [[{"title": t, "url": urls.get((i, lang))} for i, t in c.articles] for c in data.duplicates],
    })
