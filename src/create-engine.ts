/**
 * The conversation engine a Config names: the embedded one (no network) or the LLM one. Shared by the
 * Node composition root (runtime.ts) and the Worker (worker.ts), so both run the same engine.
 */
import type OpenAI from 'openai'
import type { Config } from './config.ts'
import type { Prompts } from './core/prompts.ts'
import type { Engine } from './adapters/agent/chat-types.ts'
import type { Services } from './services/services.ts'

/** The LLM engine and the OpenAI client library are loaded only when that engine is configured. */
export async function createEngine(
  kind: 'embedded' | 'llm',
  services: Services,
  prompts: Prompts,
  config: Config,
  client: OpenAI | undefined,
): Promise<Engine> {
  const engine = await engineOf(kind, services, prompts, config, client)
  // An LLM turn lasts as long as the model takes (seconds, many tool calls): it reads afresh each time,
  // so a change another person makes meanwhile is seen; its statements are not where its time goes.
  return kind === 'embedded' ? oneTurnOfReads(services, engine) : engine
}

/** Each turn reads through the store's turn memo: the lookups its parts repeat are sent once. */
function oneTurnOfReads(services: Services, engine: Engine): Engine {
  const within = services.store.withinTurn
  if (!within) return engine
  return {
    name: engine.name,
    turn: (input, emit) => within(() => engine.turn(input, emit)),
    ...(engine.warm ? { warm: engine.warm } : {}),
  }
}

async function engineOf(
  kind: 'embedded' | 'llm',
  services: Services,
  prompts: Prompts,
  config: Config,
  client: OpenAI | undefined,
): Promise<Engine> {
  if (kind === 'llm') {
    if (!client && !config.openai)
      throw new Error('The LLM engine needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server).')
    const [{ createLlmEngine }, { default: OpenAIClient }] = await Promise.all([
      import('./adapters/agent/llm-engine.ts'),
      import('openai'),
    ])
    return createLlmEngine({
      services,
      client:
        client ??
        new OpenAIClient({
          apiKey: config.openai?.apiKey ?? '',
          ...(config.openai?.baseURL ? { baseURL: config.openai.baseURL } : {}),
        }),
      model: config.openai?.model ?? 'gpt-4o-mini',
      persona: prompts.persona,
      ...(config.openai ? llmOptions(config.openai.llm) : {}),
    })
  }
  return lazyEmbeddedEngine(services, prompts)
}

/**
 * The embedded engine is the understanding code (about 1.3 s of modules through the tsx loader, its
 * reason model parsed at import): loaded once the server listens (`warm`), or by the first turn if
 * that comes sooner. A failed load fails that turn, and the next turn tries again.
 */
function lazyEmbeddedEngine(services: Services, prompts: Prompts): Engine {
  let loading: Promise<Engine> | undefined
  const load = (): Promise<Engine> => {
    loading ??= Promise.all([
      import('./adapters/agent/embedded-engine.ts'),
      import('./adapters/agent/nlu/index.ts'),
    ]).then(
      ([{ createEmbeddedEngine }, { understand }]) =>
        createEmbeddedEngine({ services, understand, questions: prompts.questions }),
      (error: unknown) => {
        loading = undefined
        throw error
      },
    )
    return loading
  }
  return {
    name: 'embedded',
    turn: async (input, emit) => (await load()).turn(input, emit),
    warm: async () => {
      await load()
      // The first reading builds the currency patterns from ICU's names and symbols (about 0.4 s) and
      // compiles the patterns and code a claim goes through: done here, after listening and after the
      // requests waiting by then, so the first turns do not wait for it.
      const { understand } = await import('./adapters/agent/nlu/index.ts')
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          const today = new Date().toISOString().slice(0, 10)
          for (const text of WARM_UP) understand(text, { today, customers: [], hasDispute: false })
          resolve()
        }, 0),
      )
    },
  }
}

/** Claims of every kind, read once when the engine warms (never stored, never a turn). */
const WARM_UP = [
  'INV-1001: they say they were billed twice for this, disputing 1,250.00',
  'they only received 40 of the 50 cases; the price should be 12.50 not 13.00 per case',
  'the technician never came on 3 March, and their AP rejected it: no PO on the invoice',
  'they already paid it on 2 May by bank transfer and now dispute the late fee',
  'they are tax exempt and were charged VAT; 3 pallets arrived damaged',
  "they don't recognise the handling charge and are unhappy with the service",
]

/** The LLM engine's limits and temperature from the config (DISPUTE_DESK_LLM_*). */
function llmOptions(llm: NonNullable<Config['openai']>['llm']) {
  return {
    limits: {
      maxSteps: llm.maxSteps,
      turnMs: llm.turnMs,
      toolMs: llm.toolMs,
      budget: { historyTokens: llm.historyTokens, turnTokens: llm.turnTokens },
    },
    settings: { temperature: llm.temperature },
  }
}
