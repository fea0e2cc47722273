/**
 * The assistant's replies are Markdown (the widget renders them too); a terminal gets them rendered
 * (tables drawn, bold, lists) and anything else (a pipe, a file) gets the Markdown as written.
 * marked-terminal strips control characters from the text, so a customer's words quoted in a reply
 * cannot send escape sequences to the terminal.
 */
import { Marked } from 'marked'
import { markedTerminal } from 'marked-terminal'

export interface TerminalOutput {
  isTTY?: boolean | undefined
  columns?: number | undefined
}

export function markdownRenderer(out: TerminalOutput): (markdown: string) => string {
  if (!out.isTTY) return (markdown) => markdown
  // The terminal wraps long lines itself; the width only sizes rules.
  const width = Math.min(out.columns || 80, 120)
  const marked = new Marked(
    markedTerminal({ width, reflowText: false, emoji: false, showSectionPrefix: false, tab: 2 }),
  )
  return (markdown) => (marked.parse(markdown, { async: false }) as string).trimEnd()
}
