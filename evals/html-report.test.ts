import { describe, expect, it } from 'vitest'
import { summarise } from './case-schema.ts'
import { escapeHtml, renderHtml } from './html-report.ts'
import type { CaseRun, RunReport } from './run-evals.ts'

const report = (cases: CaseRun[]): RunReport => ({
  ...summarise('embedded', cases),
  cases,
  startedAt: '2026-03-15T10:00:00.000Z',
  commit: null,
  ms: 1234,
  passRate: cases.filter((c) => c.passed).length / cases.length,
})

describe('renderHtml', () => {
  it('escapes every piece of case text, so a hostile id or value cannot inject markup', () => {
    const html = renderHtml(
      report([
        {
          id: '<script>alert(1)</script>',
          passed: false,
          ms: 3,
          error: '"><img src=x onerror=alert(2)>',
          checks: [
            { name: 'emailMentions:<b>', passed: false, expected: '<i>150.00</i>', actual: { x: '</pre><script>' } },
          ],
        },
      ]),
    )
    expect(html).not.toMatch(/<script>|<img|<b>|<i>/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
  })

  it('is one self-contained page: summary, failing cases open, expected and actual side by side', () => {
    const html = renderHtml(
      report([
        {
          id: 'ok-case',
          passed: true,
          ms: 10,
          checks: [{ name: 'action', passed: true, expected: 'credit_memo', actual: 'credit_memo' }],
        },
        {
          id: 'bad-case',
          passed: false,
          ms: 12,
          checks: [{ name: 'supportedAmount', passed: false, expected: '320.00', actual: '0.00' }],
          email: { checks: [], judge: { score: 4, reason: 'Clear & polite.' } },
        },
      ]),
    )
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toMatch(/<script|<link|src="http|href="http/)
    expect(html).toContain('1/2 (50.0 %)')
    expect(html).toContain('<details open><summary><span class="fail">FAIL</span> bad-case')
    expect(html).toContain('<td><pre>320.00</pre></td><td><pre>0.00</pre></td>')
    expect(html).toContain('Judge: <strong>4</strong>/5 — Clear &amp; polite.')
  })

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
