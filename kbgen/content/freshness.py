"""When an article's review falls due, and when its answer stops being true.

The date arithmetic shared by the freshness rules (KB2xx), the site's overdue notice, the knowledge
manager's report and the answer feed, so that all four agree on which answers are stale. Every
function is given ``today``; none reads the clock.
"""

from __future__ import annotations

from datetime import date

from kbgen.content.config import SiteConfig
from kbgen.content.model import Article


def review_due(article: Article, config: SiteConfig) -> date:
    """The article's ``review_every`` (else ``freshness.review_every``) after its ``last_reviewed``."""
    return (article.meta.review_every or config.freshness.review_every).after(article.meta.last_reviewed)


def is_overdue(article: Article, config: SiteConfig, today: date) -> bool:
    return review_due(article, config) < today


def is_expired(article: Article, today: date) -> bool:
    """Past its ``expires`` date; the answer is still true on that day itself."""
    return article.meta.expires is not None and article.meta.expires < today
