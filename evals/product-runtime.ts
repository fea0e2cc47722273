/**
 * The product as the evals run it: the integrator's createRuntime on an in-memory database with no
 * demo data, the case's ledger imported and indexed, and the case's date as today.
 */
import type OpenAI from 'openai'
import { type Config, parseConfig } from '../src/config.ts'
import { createRuntime } from '../src/runtime.ts'
import type { RuntimeFactory } from './run-evals.ts'

/** Settings the evals pass through from the environment (the model endpoint and prompts folder). */
const PASSED_THROUGH = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'DISPUTE_DESK_MODEL',
  'DISPUTE_DESK_EMBEDDINGS',
  'DISPUTE_DESK_EMBEDDING_MODEL',
  'DISPUTE_DESK_PROMPTS',
] as const

export interface ProductRuntimeOptions {
  engine: 'embedded' | 'llm'
  /** The environment the CLI was given; only the model settings and prompts folder are read. */
  env?: Record<string, string | undefined>
  /** A client to use instead of one built from the environment (tests point it at a local server). */
  openai?: OpenAI
  log?: (line: string) => void
}

export function caseConfig(today: string, options: ProductRuntimeOptions): Config {
  const env: Record<string, string | undefined> = {}
  for (const key of PASSED_THROUGH) if (options.env?.[key] !== undefined) env[key] = options.env[key]
  // The embedded engine must stay off the network, embeddings included.
  if (options.engine === 'embedded') env.DISPUTE_DESK_EMBEDDINGS = 'local'
  const parsed = parseConfig({
    ...env,
    DISPUTE_DESK_DATA: 'memory',
    DISPUTE_DESK_EMPTY: '1',
    DISPUTE_DESK_TODAY: today,
    // An injected client stands in for the key; the engine choice is the runtime option's.
    ...(options.openai && !env.OPENAI_API_KEY ? { OPENAI_API_KEY: 'injected-client' } : {}),
  })
  if (!parsed.ok) throw new Error(`invalid configuration: ${parsed.errors.join('; ')}`)
  return parsed.config
}

export function productRuntime(options: ProductRuntimeOptions): RuntimeFactory {
  return async (evalCase, ledger) => {
    const config = caseConfig(evalCase.today, options)
    return createRuntime(config, {
      ledger,
      engine: options.engine,
      ...(options.openai ? { openai: options.openai } : {}),
      ...(options.log ? { log: options.log } : {}),
    })
  }
}
