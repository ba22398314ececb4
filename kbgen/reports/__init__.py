"""What kbgen tells people, as text: two ideas, one module each.

- `formatters`: findings as text, JSON or GitHub annotations (what `kbgen check` prints).
- `kb_report`: the knowledge manager's report: overdue and due articles per owner,
  readers' votes, near-duplicate questions (what `kbgen report` prints).

May import: `kbgen.content`, `kbgen.checks` (the near-duplicate scorer), `kbgen.findings`,
`kbgen.errors`. Never render.
"""
