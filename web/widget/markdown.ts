/**
 * The reply is Markdown from our own renderer, but it quotes customer words (the email, the
 * description), so it is treated as hostile: raw HTML in the source is shown as text, and the
 * rendered HTML still passes DOMPurify before it touches the DOM.
 */
import DOMPurify from 'dompurify'
import { Marked } from 'marked'

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: (token) => escapeHtml(token.text),
  },
})

let hooked = false
function purifier(): typeof DOMPurify {
  if (!hooked) {
    // Links open away from the host page and never hand it a window.opener.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank')
        node.setAttribute('rel', 'noopener noreferrer nofollow')
      }
    })
    hooked = true
  }
  return DOMPurify
}

/** Markdown → a sanitised fragment. No script, handler or style from the text can survive. */
export function renderMarkdown(source: string): DocumentFragment {
  const html = marked.parse(source) as string
  return purifier().sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'img', 'svg', 'math'],
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  })
}

/** The customer email's text as quoted in the reply, for the copy button when no resolution came. */
export function emailFromReply(source: string): string | null {
  const m = /^#{1,6}\s*Customer email\s*$/im.exec(source)
  if (!m) return null
  const rest = source.slice(m.index + m[0].length)
  const next = /^#{1,6}\s/m.exec(rest)
  const section = (next ? rest.slice(0, next.index) : rest).trim()
  const fenced = /```[^\n]*\n([\s\S]*?)```/.exec(section)
  if (fenced) return (fenced[1] ?? '').trimEnd()
  const quoted = section
    .split('\n')
    .filter((l) => l.startsWith('>'))
    .map((l) => l.replace(/^>\s?/, ''))
  return quoted.length ? quoted.join('\n').trim() : section || null
}
