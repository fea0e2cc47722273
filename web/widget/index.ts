/**
 * The widget's entry: defines <dispute-desk-chat>, and when loaded by a script tag with
 * data-api-key, adds one to the page. The API base defaults to the script's own origin, so a page on
 * another origin needs nothing but the tag.
 */
import { DisputeDeskChat } from './chat-element.ts'

const script = document.currentScript as HTMLScriptElement | null
const scriptOrigin = script?.src ? new URL(script.src, window.location.href).origin : ''
DisputeDeskChat.defaultApiBase = script?.dataset.apiBase || scriptOrigin

if (!customElements.get('dispute-desk-chat')) customElements.define('dispute-desk-chat', DisputeDeskChat)

const key = script?.dataset.apiKey
if (key && !document.querySelector('dispute-desk-chat[data-from-script]')) {
  const mount = () => {
    const el = document.createElement('dispute-desk-chat')
    el.setAttribute('api-key', key)
    el.setAttribute('data-from-script', '')
    if (script?.dataset.apiBase) el.setAttribute('api-base', script.dataset.apiBase)
    if (script?.dataset.title) el.setAttribute('chat-title', script.dataset.title)
    document.body.appendChild(el)
  }
  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount, { once: true })
}
