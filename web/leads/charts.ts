/**
 * Inline SVG charts drawn by hand: horizontal bars, a line over time and stacked bars. Every chart
 * carries a title and a text description, and labels are SVG text nodes (never markup).
 */
const NS = 'http://www.w3.org/2000/svg'

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
  if (text !== undefined) el.textContent = text
  return el
}

function frame(width: number, height: number, title: string, desc: string): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'chart' })
  const id = `c${Math.floor(performance.now() * 1000) % 1e9}${title.length}`
  root.setAttribute('aria-labelledby', `${id}t ${id}d`)
  root.append(svg('title', { id: `${id}t` }, title), svg('desc', { id: `${id}d` }, desc))
  return root
}

export interface Bar {
  label: string
  value: number
}

/** A point of a line; null is a gap (a month with nothing to average), never drawn as zero. */
export interface Point {
  label: string
  value: number | null
}

const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490']

export function barChart(title: string, bars: readonly Bar[], format: (n: number) => string = String): SVGSVGElement {
  const rowH = 24
  const labelW = 190
  const width = 640
  const height = Math.max(1, bars.length) * rowH + 10
  const max = Math.max(1, ...bars.map((b) => b.value))
  const root = frame(width, height, title, bars.map((b) => `${b.label}: ${format(b.value)}`).join('; ') || 'No data')
  bars.forEach((b, i) => {
    const y = 5 + i * rowH
    const w = Math.max(1, ((width - labelW - 80) * b.value) / max)
    root.append(
      svg('text', { x: labelW - 6, y: y + 16, 'text-anchor': 'end', class: 'label' }, truncate(b.label, 28)),
      svg('rect', { x: labelW, y: y + 3, width: w, height: rowH - 8, rx: 3, fill: PALETTE[0] as string }),
      svg('text', { x: labelW + w + 6, y: y + 16, class: 'value' }, format(b.value)),
    )
  })
  return root
}

export function lineChart(
  title: string,
  points: readonly Point[],
  opts: { min?: number; max?: number; format?: (n: number) => string } = {},
): SVGSVGElement {
  const format = opts.format ?? String
  const width = 640
  const height = 220
  const pad = { l: 48, r: 36, t: 12, b: 44 }
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]))
  const lo = opts.min ?? Math.min(0, ...values)
  const hi = opts.max ?? Math.max(1, ...values)
  const said = (p: Point) => `${p.label}: ${p.value === null ? 'none' : format(p.value)}`
  const root = frame(width, height, title, points.map(said).join('; ') || 'No data')
  const x = (i: number) => pad.l + (points.length <= 1 ? 0 : (i * (width - pad.l - pad.r)) / (points.length - 1))
  const y = (v: number) => pad.t + (height - pad.t - pad.b) * (1 - (v - lo) / (hi - lo || 1))
  for (const v of [lo, (lo + hi) / 2, hi]) {
    root.append(
      svg('line', { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: pad.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'label' }, format(v)),
    )
  }
  // A gap starts a new segment: M after a null, L otherwise.
  const d = points
    .map((p, i) =>
      p.value === null
        ? ''
        : `${i && points[i - 1]?.value !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`,
    )
    .join(' ')
    .trim()
  if (d) root.append(svg('path', { d, fill: 'none', stroke: PALETTE[0] as string, 'stroke-width': 2.5 }))
  const every = Math.max(1, Math.ceil(points.length / 8))
  points.forEach((p, i) => {
    if (p.value !== null) root.append(svg('circle', { cx: x(i), cy: y(p.value), r: 3.5, fill: PALETTE[0] as string }))
    if (i % every === 0 || i === points.length - 1) {
      root.append(svg('text', { x: x(i), y: height - pad.b + 18, 'text-anchor': 'middle', class: 'label' }, p.label))
    }
  })
  return root
}

export interface StackedBar {
  label: string
  parts: { name: string; value: number }[]
}

export function stackedBarChart(
  title: string,
  bars: readonly StackedBar[],
  format: (n: number) => string = String,
): SVGSVGElement {
  const width = 640
  const height = 240
  const pad = { l: 16, r: 16, t: 28, b: 40 }
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((s, p) => s + p.value, 0)))
  const desc = bars.map((b) => `${b.label}: ${b.parts.map((p) => `${p.name} ${format(p.value)}`).join(', ')}`)
  const root = frame(width, height, title, desc.join('; ') || 'No data')
  const slot = (width - pad.l - pad.r) / Math.max(1, bars.length)
  const names = [...new Set(bars.flatMap((b) => b.parts.map((p) => p.name)))]
  names.forEach((n, i) => {
    root.append(
      svg('rect', { x: pad.l + i * 150, y: 6, width: 12, height: 12, fill: PALETTE[i % PALETTE.length] as string }),
      svg('text', { x: pad.l + i * 150 + 18, y: 16, class: 'label' }, n),
    )
  })
  bars.forEach((b, i) => {
    let top = height - pad.b
    const x = pad.l + i * slot + slot * 0.2
    for (const p of b.parts) {
      const h = ((height - pad.t - pad.b) * p.value) / max
      top -= h
      const fill = PALETTE[names.indexOf(p.name) % PALETTE.length] as string
      root.append(svg('rect', { x, y: top, width: slot * 0.6, height: Math.max(0, h), fill }))
    }
    root.append(
      svg('text', { x: x + slot * 0.3, y: height - pad.b + 16, 'text-anchor': 'middle', class: 'label' }, b.label),
    )
  })
  return root
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s
}
