import { describe, expect, it } from 'vitest'
import { parseArgs } from './cli-args.ts'

describe('parseArgs', () => {
  it('defaults to the project suite on the embedded engine, stored, judged when a model is configured', () => {
    expect(parseArgs([])).toEqual({
      ok: true,
      args: {
        mode: 'suite',
        cases: 'evals/cases',
        json: false,
        engine: undefined,
        html: undefined,
        store: true,
        judge: true,
        filter: undefined,
        timeoutMs: undefined,
        isolation: 'shared',
      },
    })
  })

  it('reads every suite option, in either --flag value or --flag=value form', () => {
    const r = parseArgs([
      '--cases',
      'x',
      '--json',
      '--engine=llm',
      '--html',
      'r.html',
      '--no-store',
      '--no-judge',
      '--filter',
      'jpy',
      '--timeout=5000',
      '--fresh',
    ])
    expect(r).toEqual({
      ok: true,
      args: {
        mode: 'suite',
        cases: 'x',
        json: true,
        engine: 'llm',
        html: 'r.html',
        store: false,
        judge: false,
        filter: 'jpy',
        timeoutMs: 5000,
        isolation: 'fresh',
      },
    })
  })

  it('switches to the reasons evaluation with --reasons and/or --cfpb', () => {
    expect(parseArgs(['--reasons', 'b.csv', '--json'])).toEqual({
      ok: true,
      args: { mode: 'reasons', reasons: 'b.csv', cfpb: undefined, json: true },
    })
    expect(parseArgs(['--cfpb', 'c.csv'])).toEqual({
      ok: true,
      args: { mode: 'reasons', reasons: undefined, cfpb: 'c.csv', json: false },
    })
  })

  it.each([
    [['--engine', 'gpt'], '--engine must be embedded or llm, not "gpt"'],
    [['--cases'], '--cases needs a value'],
    [['--cases', '--json'], '--cases needs a value'],
    [['--timeout', '-3'], '--timeout must be a positive number of milliseconds, not "-3"'],
    [['--verbose'], 'unknown argument "--verbose"'],
    [['--reasons', 'a.csv', '--cases', 'x'], '--cases cannot be used with --reasons/--cfpb'],
    [['--store', '--no-store'], 'choose --store or --no-store'],
  ])('refuses %j: %s', (argv, error) => {
    expect(parseArgs(argv)).toEqual({ ok: false, error })
  })
})
