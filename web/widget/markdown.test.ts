import { describe, expect, it } from 'vitest'
import { emailFromReply } from './markdown.ts'

describe('emailFromReply', () => {
  const cases = [
    {
      name: 'takes a quoted email up to the next heading',
      reply: '### Customer email\n\n> Subject: Invoice\n>\n> Dear team,\n> thanks\n\n### Prevention\n- x',
      expected: 'Subject: Invoice\n\nDear team,\nthanks',
    },
    {
      name: 'takes a fenced email',
      reply: '## Customer email\n```text\nHello\n<script>x</script>\n```\n## Prevention',
      expected: 'Hello\n<script>x</script>',
    },
    { name: 'returns null when the reply has no email section', reply: '### Investigation\nnone', expected: null },
  ]
  for (const c of cases) it(c.name, () => expect(emailFromReply(c.reply)).toBe(c.expected))
})
