"""Adopting an existing help site: `kbgen import` of another generator's project or export.

- `generators`: which generator made a project, its page trees, languages and site-root folders.
- `files`: the images and downloads pages reference, found and copied once.
- `mdx`: MDX imports (partials inlined, imported images).
- `report`: the one-screen import report.
- `convert`: foreign Markdown to kbgen's (containers, titles, summaries, links).
- `folder`: walks a source folder and writes articles, images and categories into the KB.

May import: `kbgen.content`, `kbgen.checks` (heading ids, to keep anchors that resolve),
`kbgen.git`, `kbgen.errors`. Never render.
"""
