"""Adopting an existing help site: `kbgen import` of another generator's project or export.

- `generators`: which generator made a project, its page trees, languages and site-root folders.
- `files`: the images and downloads pages reference, found once and each given one KB path.
- `mdx`: MDX imports (partials inlined, imported images).
- `obsidian`: which file of an Obsidian vault a wikilink or an embed names.
- `report`: the one-screen import report.
- `convert`: foreign Markdown to kbgen's (containers, titles, summaries, links, wikilinks).
- `folder`: walks a source folder and turns it into articles, images and categories.
- `zendesk`: the same from a Zendesk Guide export (Help Center API responses).
- `download`: with --download-images, the images pages load from other hosts, fetched once each.
- `writer`: writes either import into the KB, all of it or none of it (site_config.yml edits included).

May import: `kbgen.content`, `kbgen.checks` (heading ids, to keep anchors that resolve),
`kbgen.git`, `kbgen.errors`. Never render.
"""
