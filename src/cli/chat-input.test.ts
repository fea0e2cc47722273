import { describe, expect, it } from 'vitest'
import { createTurnAssembler } from './chat-input.ts'

const EMAIL = ['Hi,', '', 'INV-1001 charges 14.00 a widget; our contract says 12.50.', 'Thanks, Ana']

const messages = (events: { kind: string; text: string }[]) =>
  events.filter((e) => e.kind === 'message').map((e) => e.text)

describe('the terminal chat’s input', () => {
  it('holds a pasted email and sends it as one message when Enter is pressed', () => {
    const input = createTurnAssembler({ joinPastes: true })
    for (const line of EMAIL) expect(input.line(line)).toEqual([])
    const held = input.pause()
    expect(messages(held)).toEqual([])
    expect(held[0]?.text).toContain('3 pasted lines held')
    // Enter on an empty prompt.
    input.line('')
    expect(messages(input.pause())).toEqual([EMAIL.join('\n')])
  })

  it('sends the paste with the last line when that line came without a newline (typed Enter)', () => {
    const input = createTurnAssembler({ joinPastes: true })
    for (const line of EMAIL.slice(0, 3)) input.line(line)
    input.pause()
    input.line('Thanks, Ana')
    expect(messages(input.pause())).toEqual([EMAIL.join('\n')])
  })

  it('sends a line typed alone at once, one message per line typed', () => {
    const input = createTurnAssembler({ joinPastes: true })
    input.line('the olive oil price is off')
    expect(messages(input.pause())).toEqual(['the olive oil price is off'])
    input.line('yes')
    expect(messages(input.pause())).toEqual(['yes'])
    expect(input.pause()).toEqual([])
  })

  it('drops a held paste when a command is typed after it', () => {
    const input = createTurnAssembler({ joinPastes: true })
    for (const line of EMAIL) input.line(line)
    input.pause()
    input.line('/new')
    expect(messages(input.pause())).toEqual(['/new'])
  })

  it('reads a """ block as one message, piped or typed, and piped lines one by one otherwise', () => {
    const input = createTurnAssembler({ joinPastes: false })
    expect(messages(input.line('first turn'))).toEqual(['first turn'])
    expect(messages(input.line('"""'))).toEqual([])
    for (const line of EMAIL) expect(input.line(line)).toEqual([])
    expect(messages(input.line('"""'))).toEqual([EMAIL.join('\n')])
    expect(messages(input.line('yes'))).toEqual(['yes'])
  })

  it('sends what is held or an unclosed block when the input ends', () => {
    const piped = createTurnAssembler({ joinPastes: false })
    piped.line('"""')
    piped.line('a')
    piped.line('b')
    expect(messages(piped.end())).toEqual(['a\nb'])
    const typed = createTurnAssembler({ joinPastes: true })
    typed.line('a')
    typed.line('b')
    expect(messages(typed.end())).toEqual(['a\nb'])
  })
})
