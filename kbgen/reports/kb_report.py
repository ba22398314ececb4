"""The knowledge manager's report as plain data: freshness, owners, helpfulness, near-duplicate questions.

Shared by `kbgen report` (text, CSV, JSON) and the site's report page (kbgen.render draws its charts).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kbgen.checks.similarity import closest_matches
from kbgen.content.freshness import review_due
from kbgen.content.model import Article, KnowledgeBase
from kbgen.errors import KbgenError

OVERDUE, DUE_SOON, FRESH = "overdue", "due-soon", "fresh"
STATES = (OVERDUE, DUE_SOON, FRESH)
FEEDBACK_FIELDS = ("id", "vote", "date", "comment")


@dataclass(frozen=True)
class ArticleFreshness:
    id: str
    lang: str
    path: str
    title: str
    category: str
    owner: str
    last_reviewed: date
    due: date  # the review deadline, or the expiry date when that comes first
    days_left: int  # negative when overdue
    state: str


@dataclass(frozen=True)
class Tally:
    """Articles per freshness state for one owner or one category."""

    name: str
    overdue: int = 0
    due_soon: int = 0
    fresh: int = 0

    @property
    def total(self) -> int:
        return self.overdue + self.due_soon + self.fresh


@dataclass(frozen=True)
class Vote:
    id: str
    helpful: bool
    day: date
    comment: str = ""


@dataclass(frozen=True)
class Helpfulness:
    id: str
    title: str
    yes: int
    no: int
    flagged: bool  # under the threshold, with enough votes to tell
    comments: tuple[str, ...] = ()

    @property
    def votes(self) -> int:
        return self.yes + self.no

    @property
    def ratio(self) -> float:
        return self.yes / self.votes if self.votes else 0.0


@dataclass(frozen=True)
class DuplicateCluster:
    articles: tuple[tuple[str, str], ...]  # (id, title), sorted by id
    similarity: float  # the closest pair's


@dataclass
class KbReport:
    today: date
    days: int
    language: str  # the default language: votes (keyed by id) count for its articles
    articles: list[ArticleFreshness]
    owners: list[Tally]
    categories: list[Tally]
    helpfulness: list[Helpfulness] | None = None
    unknown_feedback_ids: list[str] = field(default_factory=list)
    threshold: float = 0.5
    duplicates: list[DuplicateCluster] = field(default_factory=list)

    @property
    def overdue(self) -> list[ArticleFreshness]:
        return [a for a in self.articles if a.state == OVERDUE]

    @property
    def due_soon(self) -> list[ArticleFreshness]:
        return [a for a in self.articles if a.state == DUE_SOON]


def build_report(kb: KnowledgeBase, today: date, days: int | None = None,
                 votes: list[Vote] | None = None) -> KbReport:
    """``days``: the "due soon" window (default freshness.warn_before); ``votes``: a feedback export's."""
    settings = kb.config.report
    if days is None:
        warn = kb.config.freshness.warn_before
        days = (warn.after(today) - today).days
    articles = sorted((_freshness(kb, a, today, days) for a in kb.published()),
                      key=lambda a: (a.due, a.path))
    report = KbReport(today, days, kb.default_language, articles, _tallies(articles, lambda a: a.owner),
                      _tallies(articles, lambda a: a.category, order=list(kb.config.categories)),
                      threshold=settings.helpful_threshold)
    if votes is not None:
        report.helpfulness, report.unknown_feedback_ids = _helpfulness(kb, votes, settings.helpful_threshold,
                                                                       settings.min_votes)
    # The same closest matches and threshold as the near-duplicate rule (KB402), grouped.
    matches = closest_matches(kb.published(), kb.config.lint.near_duplicate_threshold)
    report.duplicates = duplicate_clusters(matches)
    return report


def _freshness(kb: KnowledgeBase, article: Article, today: date, days: int) -> ArticleFreshness:
    meta = article.meta
    due = review_due(article, kb.config)
    if meta.expires and meta.expires < due:
        due = meta.expires
    left = (due - today).days
    state = OVERDUE if left < 0 else DUE_SOON if left <= days else FRESH
    return ArticleFreshness(article.id, article.lang, article.path, article.title, article.category, meta.owner,
                            meta.last_reviewed, due, left, state)


def _tallies(articles: list[ArticleFreshness], key: Callable[[ArticleFreshness], str],
             order: list[str] | None = None) -> list[Tally]:
    counts: dict[str, dict[str, int]] = {name: {} for name in order or []}
    for article in articles:
        bucket = counts.setdefault(key(article), {})
        bucket[article.state] = bucket.get(article.state, 0) + 1
    tallies = [Tally(name, c.get(OVERDUE, 0), c.get(DUE_SOON, 0), c.get(FRESH, 0)) for name, c in counts.items()]
    if order is None:  # owners: the most overdue first
        tallies.sort(key=lambda t: (-t.overdue, -t.due_soon, t.name))
    return [t for t in tallies if t.total]


def _helpfulness(kb: KnowledgeBase, votes: list[Vote], threshold: float,
                 min_votes: int) -> tuple[list[Helpfulness], list[str]]:
    by_id: dict[str, list[Vote]] = {}
    for vote in votes:
        by_id.setdefault(vote.id, []).append(vote)
    rows, unknown = [], []
    for article_id, group in by_id.items():
        article = kb.get(article_id)
        if article is None:
            unknown.append(article_id)
            continue
        yes = sum(v.helpful for v in group)
        no = len(group) - yes
        comments = tuple(v.comment for v in sorted(group, key=lambda v: v.day, reverse=True) if v.comment)
        rows.append(Helpfulness(article_id, article.title, yes, no,
                                flagged=len(group) >= min_votes and yes / len(group) < threshold, comments=comments))
    rows.sort(key=lambda h: (h.ratio, -h.votes, h.id))
    return rows, sorted(unknown)


def duplicate_clusters(pairs: list[tuple[Article, Article, float]]) -> list[DuplicateCluster]:
    """Pairs of similar articles (each article and its closest match) joined into groups
    (A~B and B~C make one group of three)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    titles: dict[str, str] = {}
    best: dict[str, float] = {}
    for a, b, _score in pairs:
        titles[a.id], titles[b.id] = a.title, b.title
        parent[find(a.id)] = find(b.id)
    for a, _b, score in pairs:
        root = find(a.id)
        best[root] = max(best.get(root, 0.0), score)
    groups: dict[str, list[str]] = {}
    for key in titles:
        groups.setdefault(find(key), []).append(key)
    clusters = [DuplicateCluster(tuple((i, titles[i]) for i in sorted(ids)), round(best[root], 3))
                for root, ids in groups.items()]
    return sorted(clusters, key=lambda c: (-c.similarity, c.articles))


def load_votes(path: Path) -> list[Vote]:
    """A feedback export: CSV with a header row, or a JSON list of objects; fields id, vote, date, comment."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise KbgenError(f"{path}: feedback export not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KbgenError(f"{path}: cannot read the feedback export ({exc})") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise KbgenError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
        if not isinstance(data, list):
            raise KbgenError(f"{path}: expected a JSON list of votes such as "
                             '[{"id": "reset-password", "vote": "yes", "date": "2026-11-01"}]')
        records = [(f"item {n}", row) for n, row in enumerate(data, start=1)]
    else:
        reader = csv.DictReader(io.StringIO(text))
        missing = [name for name in FEEDBACK_FIELDS[:3] if name not in (reader.fieldnames or [])]
        if missing:
            raise KbgenError(f"{path}:1: the header row lacks {', '.join(missing)} (expected id,vote,date[,comment])")
        records = [(f"line {reader.line_num}", row) for row in reader]
    votes, problems = [], []
    for where, row in records:
        vote = _vote(row)
        if isinstance(vote, str):
            problems.append(f"{path}: {where}: {vote}")
        else:
            votes.append(vote)
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise KbgenError("\n".join(problems[:5]) + more)
    return votes


def _vote(row: object) -> Vote | str:
    if not isinstance(row, dict):
        return "expected an object with id, vote and date"
    article_id, vote, day = (str(row.get(k) or "").strip() for k in FEEDBACK_FIELDS[:3])
    if not article_id:
        return "no id"
    if vote.lower() not in {"yes", "no"}:
        return f"vote must be yes or no, got {vote!r}"
    try:
        parsed = date.fromisoformat(day[:10])
    except ValueError:
        return f"date must be YYYY-MM-DD, got {day!r}"
    return Vote(article_id, vote.lower() == "yes", parsed, str(row.get("comment") or "").strip())

