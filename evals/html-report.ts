/**
 * A self-contained HTML page of one run a lead can open from disk: summary, every case, failing
 * checks with expected and actual side by side, email quality and the judge's scores. No scripts,
 * no external assets; every piece of text is escaped (case ids, turns and replies are untrusted).
 */
import { escapeHtml } from '../web/pages.ts'
import type { CheckResult } from './case-schema.ts'
import type { CaseRun, RunReport } from './run-evals.ts'

export { escapeHtml }

const show = (v: unknown): string =>
  escapeHtml(v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v, null, 1))
const pct = (x: number) => `${(x * 100).toFixed(1)} %`

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}pre{margin:0;white-space:pre-wrap;word-break:break-word;font-size:12px}
.pass{color:#116329;font-weight:600}.fail{color:#a40e26;font-weight:600}
.muted{color:#57606a}details{margin:.25rem 0}summary{cursor:pointer}
`

function checkRows(checks: readonly CheckResult[]): string {
  return checks
    .map(
      (k) =>
        `<tr><td>${escapeHtml(k.name)}</td><td class="${k.passed ? 'pass' : 'fail'}">${k.passed ? 'pass' : 'fail'}</td>` +
        `<td><pre>${show(k.expected)}</pre></td><td><pre>${show(k.actual)}</pre></td></tr>`,
    )
    .join('')
}

function caseSection(c: CaseRun): string {
  const head = `<summary><span class="${c.passed ? 'pass' : 'fail'}">${c.passed ? 'pass' : 'FAIL'}</span> ${escapeHtml(c.id)} <span class="muted">${c.ms} ms${c.file ? ` · ${escapeHtml(c.file)}` : ''}</span></summary>`
  const error = c.error ? `<p class="fail">${escapeHtml(c.error)}</p>` : ''
  const checks = c.checks.length
    ? `<table><thead><tr><th>check</th><th>result</th><th>expected</th><th>actual</th></tr></thead><tbody>${checkRows(c.checks)}</tbody></table>`
    : ''
  const judge = c.email?.judge
    ? `<p>Judge: <strong>${c.email.judge.score ?? '—'}</strong>/5 — ${escapeHtml(c.email.judge.reason)}</p>`
    : ''
  const email = c.email
    ? `<details><summary>Email quality (${c.email.checks.filter((k) => k.passed).length}/${c.email.checks.length})</summary>${judge}<table><tbody>${checkRows(c.email.checks)}</tbody></table></details>`
    : ''
  const transcript = c.transcript?.length
    ? `<details><summary>Conversation</summary><table><tbody>${c.transcript.map((x) => `<tr><th scope="row">specialist</th><td><pre>${escapeHtml(x.turn)}</pre></td></tr><tr><th scope="row">assistant</th><td><pre>${escapeHtml([x.reply, ...(x.questions ?? []).map((q) => `? ${q}`)].join('\n'))}</pre></td></tr>`).join('')}</tbody></table></details>`
    : ''
  return `<details${c.passed ? '' : ' open'}>${head}${error}${checks}${transcript}${email}</details>`
}

export function renderHtml(report: RunReport): string {
  const s = report.summary
  const failing = report.cases.filter((c) => !c.passed)
  const emailChecks = report.cases.flatMap((c) => c.email?.checks ?? [])
  const judged = report.cases.flatMap((c) => (c.email?.judge?.score ? [c.email.judge.score] : []))
  const rows = [
    ['Engine', report.engine],
    ['Started', report.startedAt],
    ['Commit', report.commit ?? 'unknown'],
    ['Cases passed', `${s.passed}/${s.cases} (${pct(report.passRate)})`],
    ['Harmful (money on the wrong invoice or amount)', String(s.harmful)],
    ['Checks passed', `${s.checksPassed}/${s.checks}`],
    ['Email quality checks', `${emailChecks.filter((k) => k.passed).length}/${emailChecks.length}`],
    ...(judged.length
      ? [
          [
            'Judge, mean score',
            `${(judged.reduce((a, b) => a + b, 0) / judged.length).toFixed(2)}/5 over ${judged.length}`,
          ],
        ]
      : []),
    ['Run time', `${report.ms} ms`],
  ]
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>DisputeDesk evals: ${escapeHtml(pct(report.passRate))} on ${escapeHtml(report.engine)}</title>
<style>${STYLE}</style></head><body>
<h1>DisputeDesk eval run</h1>
<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k ?? '')}</th><td>${escapeHtml(v ?? '')}</td></tr>`).join('')}</tbody></table>
<h2>Failing cases (${failing.length})</h2>
${failing.length ? failing.map(caseSection).join('\n') : '<p>Every case passed.</p>'}
<h2>All cases</h2>
${report.cases.map(caseSection).join('\n')}
</body></html>
`
}
