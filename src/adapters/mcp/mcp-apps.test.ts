/**
 * Which tools name a card and where its page comes from. Listing and reading it over a real client,
 * and the card itself in a browser under the SDK's host side: web/mcp-app/dispute-card.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { tools } from '../../../tools/index.ts'
import { appListing, appsOf, DISPUTE_CARD_URI, readApp, toolAppMeta } from './mcp-apps.ts'
import { testTools } from './test-tools.ts'

describe('MCP Apps', () => {
  it('names the card on investigate_dispute only, in the current and the older key', () => {
    const named = tools.filter((t) => toolAppMeta(t.name)).map((t) => t.name)
    expect(named).toEqual(['investigate_dispute'])
    expect(toolAppMeta('investigate_dispute')).toEqual({
      ui: { resourceUri: DISPUTE_CARD_URI },
      'ui/resourceUri': DISPUTE_CARD_URI,
    })
  })

  it('serves the prebuilt page it is given (the Worker cannot run esbuild), with its MIME type and _meta.ui', async () => {
    const [card] = appsOf(tools.map((t) => t.name))
    if (!card) throw new Error('no card for the real registry')
    expect(appListing(card)).toMatchObject({ uri: DISPUTE_CARD_URI, mimeType: 'text/html;profile=mcp-app' })
    const read = await readApp(card, { disputeCardHtml: async () => '<!doctype html><p>prebuilt</p>' })
    expect(read.contents).toEqual([
      {
        uri: DISPUTE_CARD_URI,
        mimeType: 'text/html;profile=mcp-app',
        text: '<!doctype html><p>prebuilt</p>',
        _meta: { ui: { prefersBorder: true, csp: {} } },
      },
    ])
  })

  it('offers no card when its tool is not in the registry', () => {
    expect(appsOf(testTools.map((t) => t.name))).toEqual([])
  })
})
