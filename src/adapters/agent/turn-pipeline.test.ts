import { describe, expect, it } from 'vitest'
import type { Actor, ConversationMessage } from '../../services/ports.ts'
import type { Services } from '../../services/services.ts'
import type { ChatEvent, TurnInput } from './chat-types.ts'
import { beginTurn, endTurn, offer } from './turn-pipeline.ts'

const actor: Actor = { id: 'key-1', name: 'Specialist', role: 'specialist' }

/** Only the conversation store: the pipeline reads and writes nothing else. */
function conversations() {
  const saved: { state: unknown; messages: ConversationMessage[] }[] = []
  const services = {
    store: {
      conversations: {
        load: async () => (saved.length ? { sessionId: 's-1', ...saved.at(-1)! } : null),
        save: async (_id: string, state: unknown, messages: ConversationMessage[]) => {
          saved.push({ state: structuredClone(state), messages })
        },
      },
    },
  } as unknown as Services
  return { services, saved }
}

const input = (over: Partial<TurnInput>): TurnInput => ({
  sessionId: 's-1',
  message: '',
  actor,
  today: '2026-03-02',
  readOnly: false,
  ...over,
})

describe('the turn pipeline both engines run', () => {
  it('saves a form correction as "[correction]", not as a cancel', async () => {
    const { services, saved } = conversations()
    const turn = await beginTurn(services, input({ correct: { quantityReceived: 4 } }), undefined)
    await endTurn(services, turn, { reply: 'Updated.', questions: [], effects: [] })
    expect(saved[0]?.messages.map((m) => m.content)).toEqual(['[correction]', 'Updated.'])
  })

  it('streams the questions before the reply, remembers them as asked, and keeps the steps between', async () => {
    const { services, saved } = conversations()
    const events: ChatEvent[] = []
    const turn = await beginTurn(services, input({ message: 'a pricing one' }), (e) => events.push(e))
    const step: ConversationMessage = { role: 'tool', content: '{}', at: '2026-03-02T10:00:00Z' }
    const answer = await endTurn(services, turn, {
      reply: 'Which invoice?',
      questions: [{ topic: 'invoice', text: 'Which invoice?' }],
      effects: [],
      steps: [step],
      remembered: 'Asked for the invoice.',
    })
    expect(events.map((e) => e.type)).toEqual(['questions', 'text'])
    expect(answer).toMatchObject({ reply: 'Which invoice?', resolution: null, actions: [], understood: null })
    expect(saved[0]?.messages.map((m) => m.content)).toEqual(['a pricing one', '{}', 'Asked for the invoice.'])
    const next = await beginTurn(services, input({ message: 'INV-7' }), undefined)
    expect(next.state.asked).toEqual(['invoice'])
    expect(next.history).toHaveLength(3)
  })

  it('does not say a reply again that the model streamed', async () => {
    const { services } = conversations()
    const events: ChatEvent[] = []
    const turn = await beginTurn(services, input({ message: 'hello' }), (e) => events.push(e))
    await endTurn(services, turn, { reply: 'Hi.', questions: [], effects: [], streamed: true })
    expect(events).toEqual([])
  })

  it('drops an older proposal when a new one is refused, so its button cannot run instead', async () => {
    const { services } = conversations()
    const turn = await beginTurn(services, input({ message: 'record it', readOnly: true }), undefined)
    turn.state.pending = {
      token: 'older-token',
      actorId: actor.id,
      proposal: { kind: 'add_note', summary: 'Add a note.', disputeId: 'd-1' },
      steps: [{ tool: 'add_dispute_note', input: { disputeId: 'd-1', note: 'x' } }],
    }
    const line = offer(turn.state, turn.ctx, { kind: 'resolve_dispute', summary: 'Resolve it.', disputeId: 'd-1' }, [
      { tool: 'resolve_dispute', input: { disputeId: 'd-1', outcome: 'done' } },
    ])
    expect(line).toMatch(/read-only/)
    expect(turn.state.pending).toBeNull()
  })
})
