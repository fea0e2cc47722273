/**
 * Lines typed or pasted into `npm run chat`, as the messages they mean. A pasted email is one
 * message, not one per line:
 * - anywhere, a line `"""` opens a block that the next `"""` line closes; the block is one message;
 * - at a keyboard (`joinPastes`), lines that arrive together (a paste) are held, and the next line
 *   typed by hand (Enter, even on an empty line) sends them with it as one message. A line typed
 *   alone is sent as it is.
 * Piped input without a block is one message per line, so a scripted transcript keeps working.
 */

export type ChatInput = { kind: 'message'; text: string } | { kind: 'hint'; text: string }

export const BLOCK_FENCE = '"""'
const COMMAND = /^\s*\/[a-z]+\s*$/

export interface TurnAssembler {
  /** A line arrived. */
  line(text: string): ChatInput[]
  /** No line came for a moment: what arrived since the last pause was typed (one line) or pasted (more). */
  pause(): ChatInput[]
  /** The input ended: whatever is held is sent. */
  end(): ChatInput[]
}

const message = (lines: readonly string[]): ChatInput[] => {
  const text = lines.join('\n').trim()
  return text ? [{ kind: 'message', text }] : []
}

export function createTurnAssembler(options: { joinPastes: boolean }): TurnAssembler {
  let block: string[] | null = null
  let held: string[] = []
  let burst: string[] = []

  const takeHeld = (): string[] => {
    const lines = [...held, ...burst]
    held = []
    burst = []
    return lines
  }

  return {
    line(text) {
      if (block) {
        if (text.trim() !== BLOCK_FENCE) {
          block.push(text)
          return []
        }
        const lines = block
        block = null
        return message(lines)
      }
      if (text.trim() === BLOCK_FENCE) {
        const before = message(takeHeld())
        block = []
        return [...before, { kind: 'hint', text: `(multi-line message: end it with ${BLOCK_FENCE} on its own line)` }]
      }
      if (!options.joinPastes) return message([text])
      burst.push(text)
      return []
    },
    pause() {
      if (block || burst.length === 0) return []
      if (burst.length === 1) {
        // A command typed after a paste (/new, /quit) drops the paste instead of sending it along.
        if (held.length && COMMAND.test(burst[0] ?? '')) {
          const command = (burst[0] ?? '').trim()
          held = []
          burst = []
          return [{ kind: 'hint', text: '(the pasted lines were not sent)' }, ...message([command])]
        }
        return message(takeHeld())
      }
      held.push(...burst)
      burst = []
      const count = held.filter((l) => l.trim()).length
      return [{ kind: 'hint', text: `(${count} pasted lines held: press Enter to send them as one message)` }]
    },
    end() {
      const lines = [...(block ?? []), ...takeHeld()]
      block = null
      return message(lines)
    },
  }
}
