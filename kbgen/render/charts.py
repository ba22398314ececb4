"""Bar charts as inline SVG, drawn at build time: no chart library, no script, no CDN."""

from __future__ import annotations

from html import escape

WIDTH = 640
ROW = 26
LABEL_WIDTH = 200
BAR_HEIGHT = 16


def stacked_bars(title: str, rows: list[tuple[str, list[int]]], series: list[tuple[str, str]]) -> str:
    """One horizontal bar per row, split into ``series`` (name, CSS colour); a legend above, counts on the right."""
    top = 30
    height = top + ROW * len(rows) + 8
    largest = max([sum(values) for _, values in rows] + [1])
    scale = (WIDTH - LABEL_WIDTH - 50) / largest
    parts = [_open(title, height)]
    x = 0
    for name, colour in series:
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="15">{escape(name)}</text>')
        x += 24 + 7 * sum(2 if ord(ch) > 0x2E80 else 1 for ch in name)
    for index, (label, values) in enumerate(rows):
        y = top + index * ROW
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end">{escape(_clip(label))}</text>')
        x = LABEL_WIDTH
        for value, (name, colour) in zip(values, series, strict=True):
            if value:
                width = value * scale
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}">'
                             f"<title>{escape(label)}: {escape(name)} {value}</title></rect>")
                x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 13}">{sum(values)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def ratio_bars(title: str, rows: list[tuple[str, float, bool]], threshold: float, flag_colour: str,
               colour: str) -> str:
    """One bar per row for a 0..1 ratio, flagged rows in ``flag_colour``; a dashed line marks the threshold."""
    top = 8
    height = top + ROW * len(rows) + 8
    span = WIDTH - LABEL_WIDTH - 60
    parts = [_open(title, height)]
    for index, (label, ratio, flagged) in enumerate(rows):
        y = top + index * ROW
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end">{escape(_clip(label))}</text>'
                     f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(ratio * span, 1):.1f}" height="{BAR_HEIGHT}" '
                     f'fill="{flag_colour if flagged else colour}"><title>{escape(label)}: {ratio:.0%}</title></rect>'
                     f'<text x="{LABEL_WIDTH + ratio * span + 6:.1f}" y="{y + 13}">{ratio:.0%}</text>')
    line_x = LABEL_WIDTH + threshold * span
    parts.append(f'<line x1="{line_x:.1f}" x2="{line_x:.1f}" y1="0" y2="{height}" stroke="currentColor" '
                 'stroke-dasharray="4 3"/></svg>')
    return "".join(parts)


def _open(title: str, height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="kb-chart" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" role="img" aria-label="{escape(title)}" font-size="12" fill="currentColor">'
            f"<title>{escape(title)}</title>")


def _clip(label: str, limit: int = 30) -> str:
    """Fit the label column: a CJK character is about two Latin ones wide at this size."""
    used = 0
    for index, ch in enumerate(label):
        used += 2 if ord(ch) > 0x2E80 else 1
        if used > limit:
            return label[:index].rstrip() + "…"
    return label
