/**
 * `npx tsx src/cli/scripted-model.ts [--port 4010]`: an OpenAI-compatible server on 127.0.0.1 that
 * plays a stand-in model (src/adapters/agent/llm/stand-in-model.ts), so the LLM engine and its evals
 * run with no model: point OPENAI_BASE_URL at it and run `npm run evals -- --engine llm`.
 */
import { standInReply } from '../adapters/agent/llm/stand-in-model.ts'
import { startScriptedModelServer } from '../adapters/agent/scripted-model-server.ts'
import { exitCodes, runIfEntry } from './entry.ts'

const USAGE = `usage: npx tsx src/cli/scripted-model.ts [--port N]
Serves POST /v1/chat/completions on 127.0.0.1 (default port 4010) with a stand-in model that resolves
the invoice, investigates and asks, for running the LLM engine without a model:
  OPENAI_API_KEY=scripted OPENAI_BASE_URL=http://127.0.0.1:4010/v1 npm run evals -- --engine llm
${exitCodes('stopped with Ctrl-C', 'could not listen (port in use)')}`

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const at = args.indexOf('--port')
  const port = at >= 0 ? Number(args[at + 1]) : 4010
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (args.length && at < 0)) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const server = await startScriptedModelServer({ port, fallback: standInReply }).catch((error: unknown) => {
    process.stderr.write(`scripted model: could not listen on 127.0.0.1:${port}: ${String(error)}\n`)
    return null
  })
  if (!server) return 1
  process.stderr.write(`scripted model: ${server.baseURL} (stand-in model; Ctrl-C stops it)\n`)
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
  await server.close()
  return 0
}

runIfEntry(import.meta.url, main)
