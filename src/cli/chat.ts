/**
 * `npm run chat`: a terminal conversation with the same engine the server runs, on the same data.
 * Type a dispute as you would tell a colleague; `/new` starts another conversation, `/quit` ends.
 * A pasted email is one message (chat-input.ts). Replies are Markdown, drawn for a terminal and
 * left as written for a pipe. Logs and progress go to stderr, the conversation to stdout, so a
 * transcript can be piped.
 */
import { randomUUID } from 'node:crypto'
import { userInfo } from 'node:os'
import { createInterface } from 'node:readline/promises'
import { parseConfig } from '../config.ts'
import type { ChatResponse } from '../adapters/agent/chat-types.ts'
import { BLOCK_FENCE, type ChatInput, createTurnAssembler } from './chat-input.ts'
import { exitCodes, readDotEnv } from './entry.ts'
import type { Actor } from '../services/ports.ts'
import { markdownRenderer } from './terminal-markdown.ts'

const HELP = `usage: npm run chat -- [--engine embedded|llm] [--message "text"]...
Talk to the DisputeDesk assistant in the terminal, on the configured database (DISPUTE_DESK_DATA or
DATABASE_URL, from the environment or a .env file in the working directory). Each --message is one
turn (no prompt); without --message it reads turns from the keyboard, or from piped stdin one line
per turn. A multi-line message (a customer's email): paste it at the prompt and press Enter, or put
it between two lines of ${BLOCK_FENCE} (works piped too). Commands: /new (new conversation), /quit.
Replies are drawn for the terminal (tables, bold, lists); piped, they stay Markdown.
${exitCodes('the conversation ended', 'could not run (database in use or unreachable, the model failed)')}`

function parseArgs(argv: string[]): { engine?: 'embedded' | 'llm'; messages: string[] } | string {
  const messages: string[] = []
  let engine: 'embedded' | 'llm' | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = argv[i + 1]
    if (arg === '--help' || arg === '-h') return HELP
    if (arg === '--engine' && (value === 'embedded' || value === 'llm')) {
      engine = value
      i++
    } else if (arg === '--message' && value !== undefined) {
      messages.push(value)
      i++
    } else return `chat: unknown or incomplete argument "${arg}"\n${HELP}`
  }
  return { messages, ...(engine ? { engine } : {}) }
}

/** Lines arriving closer together than this are a paste, not typing. */
const PASTE_WINDOW_MS = 40

const render = markdownRenderer(process.stdout)

function show(response: ChatResponse): void {
  console.log(`\n${render(response.reply.trim())}\n`)
  for (const q of response.questions) {
    console.log(`? ${q.text}${q.quickReplies?.length ? `\n  try: ${q.quickReplies.join(' | ')}` : ''}`)
  }
  if (response.effects.length) console.error(`[recorded: ${response.effects.join(', ')}]`)
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  if (typeof args === 'string') {
    if (args === HELP) console.log(args)
    else console.error(args)
    return args === HELP ? 0 : 2
  }
  if (!readDotEnv('chat')) return 2
  const parsed = parseConfig(process.env)
  if (!parsed.ok) {
    console.error(`Fix the environment:\n  ${parsed.errors.join('\n  ')}`)
    return 2
  }
  const { createRuntime } = await import('../runtime.ts')
  const runtime = await createRuntime(parsed.config, {
    ...(args.engine ? { engine: args.engine } : {}),
    log: (line) => console.error(line),
  })
  const actor: Actor = { id: 'cli', name: userInfo().username || 'specialist', role: 'specialist' }
  let sessionId = randomUUID()
  const turn = async (message: string) =>
    show(
      await runtime.engine.turn({ sessionId, message, actor, today: runtime.today(), readOnly: false }, (event) => {
        if (event.type === 'progress') console.error(`… ${event.text}`)
      }),
    )
  try {
    if (args.messages.length) {
      for (const message of args.messages) await turn(message)
      return 0
    }
    const tty = process.stdin.isTTY === true
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty })
    if (tty) {
      console.log(`DisputeDesk (${runtime.engine.name} engine, today ${runtime.today()}). /new, /quit.`)
      rl.setPrompt('you> ')
      rl.prompt()
    }
    const input = createTurnAssembler({ joinPastes: tty })
    let done = false
    // Turns run one after another, in the order they were sent.
    let queue = Promise.resolve()
    const act = async (event: ChatInput) => {
      if (done) return
      if (event.kind === 'hint') {
        // At a prompt, below the line being typed, which is drawn again after it.
        console.error(tty ? `\n${event.text}` : event.text)
        if (tty) rl.prompt(true)
        return
      }
      if (event.text === '/quit' || event.text === '/exit') {
        done = true
        rl.close()
        return
      }
      if (event.text === '/new') {
        sessionId = randomUUID()
        console.log('New conversation.')
      } else await turn(event.text)
      if (tty) rl.prompt()
    }
    const handle = (events: ChatInput[]) => {
      for (const event of events) queue = queue.then(() => act(event))
    }
    let pause: NodeJS.Timeout | undefined
    rl.on('line', (line) => {
      handle(input.line(line))
      if (!tty) return
      clearTimeout(pause)
      pause = setTimeout(() => handle(input.pause()), PASTE_WINDOW_MS)
    })
    await new Promise((closed) => rl.once('close', closed))
    clearTimeout(pause)
    handle(input.end())
    await queue
    return 0
  } finally {
    await runtime.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`chat: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
