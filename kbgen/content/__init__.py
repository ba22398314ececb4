"""The content model: what a knowledge base is on disk and in memory.

Owns the KB's settings (`site_config.yml` -> `SiteConfig`), the strict YAML reader, the
article model (`Article`, `KnowledgeBase`), the freshness date arithmetic (review due, overdue,
expired) and the loader that turns files into them,
reporting what it cannot read as KB1xx findings. Also the Markdown dialect articles are written in
(`markdown_dialect`) with kbgen's own Python-Markdown extensions (`cjk_line_breaks`, `safe_html`),
here so that the checks and the renderer read Markdown the same way.

May import: `kbgen.errors`, `kbgen.findings`, `kbgen.workers`. Never checks, reports,
search, render or adopt: everything else builds on this part, not the other way round.
"""
