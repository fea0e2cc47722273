/** Eval runs over time and one run's cases, with failing checks' expected and actual side by side. */
import { h } from '../../shared/dom.ts'
import { lineChart } from '../charts.ts'
import { errorBox, percent, section, table, type ViewContext } from '../context.ts'

interface RunSummary {
  id: string
  startedAt: string
  engine: string
  commit: string | null
  passRate: number
}
interface Check {
  name: string
  passed: boolean
  expected?: unknown
  actual?: unknown
}
interface Report {
  cases?: { id: string; passed: boolean; ms?: number; checks?: Check[]; error?: string }[]
  summary?: { cases: number; passed: number; failed: number; checks: number; checksPassed: number }
}

const show = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v, null, 1))

export async function evalsView(ctx: ViewContext): Promise<HTMLElement> {
  const r = await ctx.api.get<{ items: RunSummary[]; total: number }>('/api/evals/runs?limit=200')
  if (!r.ok) return section('Evals', errorBox(r.error))
  const runs = [...r.value.items].sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  if (!runs.length) return section('Evals', h('p', {}, 'No eval run recorded yet. Run `npm run evals` to add one.'))
  return section(
    'Evals',
    lineChart(
      'Pass rate per run',
      runs.map((x) => ({ label: x.startedAt.slice(5, 10), value: x.passRate * 100 })),
      { min: 0, max: 100, format: (n) => `${n.toFixed(0)}%` },
    ),
    table(
      ['Run', 'Started', 'Engine', 'Commit', 'Pass rate'],
      [...runs]
        .reverse()
        .map((x) => [
          h('a', { href: `#eval/${encodeURIComponent(x.id)}` }, x.id),
          x.startedAt.replace('T', ' ').slice(0, 16),
          x.engine,
          x.commit?.slice(0, 8) ?? '—',
          percent(x.passRate),
        ]),
      'Eval runs, newest first',
    ),
  )
}

export async function evalRunView(ctx: ViewContext, id: string): Promise<HTMLElement> {
  const back = h('p', {}, h('a', { href: '#evals' }, '← All runs'))
  const r = await ctx.api.get<RunSummary & { report: Report }>(`/api/evals/runs/${encodeURIComponent(id)}`)
  if (!r.ok) return section(`Eval run ${id}`, back, errorBox(r.error))
  const cases = r.value.report?.cases ?? []
  const s = r.value.report?.summary
  const failing = cases.filter((c) => !c.passed)
  return h(
    'div',
    {},
    section(
      `Eval run ${id}`,
      back,
      h(
        'p',
        {},
        `${r.value.engine} engine, ${percent(r.value.passRate)} passed` +
          (s ? `: ${s.passed}/${s.cases} cases, ${s.checksPassed}/${s.checks} checks.` : '.'),
      ),
      table(
        ['Case', 'Result', 'Checks passed', 'Time'],
        cases.map((c) => [
          c.id,
          h('span', { class: c.passed ? 'ok' : 'error' }, c.passed ? 'Passed' : 'Failed'),
          `${(c.checks ?? []).filter((k) => k.passed).length}/${(c.checks ?? []).length}`,
          c.ms === undefined ? '—' : `${c.ms} ms`,
        ]),
        'Cases',
      ),
    ),
    section(
      'Failing checks',
      failing.length
        ? table(
            ['Case', 'Check', 'Expected', 'Actual'],
            failing.flatMap((c) =>
              (c.checks ?? [])
                .filter((k) => !k.passed)
                .map((k) => [c.id, k.name, h('pre', {}, show(k.expected)), h('pre', {}, show(k.actual))])
                .concat(c.error ? [[c.id, 'error', h('pre', {}, '—'), h('pre', {}, c.error)]] : []),
            ),
          )
        : h('p', {}, 'Every case passed.'),
    ),
  )
}
