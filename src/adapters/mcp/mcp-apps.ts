/**
 * MCP Apps (the `ui://` extension): hosts that render apps (Claude, ChatGPT, VS Code) show the
 * investigation as an interactive dispute card; others keep the text result. The card is one
 * self-contained HTML page (script and style inline, no network), served as a resource and named
 * by the tool's `_meta.ui.resourceUri`. It only calls registry tools through the host, so the same
 * roles, caps and confirmation of money apply as for a model.
 */
import { RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server'
import type { Resource, Tool } from '@modelcontextprotocol/sdk/types.js'
import { buildDisputeCard } from '../../../web/build.ts'

export const DISPUTE_CARD_URI = 'ui://dispute-desk/dispute-card.html'

/** The pages, prebuilt where esbuild cannot run (the Worker's assets); built on the first read otherwise. */
export interface AppPages {
  disputeCardHtml: () => Promise<string>
}

let built: Promise<string> | undefined
const buildOnce = (): Promise<string> => {
  built ??= buildDisputeCard()
  built.catch(() => {
    built = undefined
  })
  return built
}

export const defaultAppPages: AppPages = { disputeCardHtml: buildOnce }

interface AppResource {
  uri: string
  /** The tool whose result it renders; offered only when that tool is in the registry. */
  tool: string
  name: string
  title: string
  description: string
  page: keyof AppPages
}

const APPS: readonly AppResource[] = [
  {
    uri: DISPUTE_CARD_URI,
    tool: 'investigate_dispute',
    name: 'dispute-card',
    title: 'Dispute card',
    description:
      'The investigation as a card: the figures, the evidence with document ids, the customer email in three tones, ' +
      'and a credit memo request that asks the user to confirm before it is filed.',
    page: 'disputeCardHtml',
  },
]

/** The card asks for no outside origin: the host's default CSP (nothing but inline) is all it needs. */
const UI_META = { ui: { prefersBorder: true, csp: {} } }

export const appsOf = (toolNames: readonly string[]): AppResource[] => APPS.filter((a) => toolNames.includes(a.tool))

/** `_meta` for a tool with a card: the current key and the one older hosts read. */
export function toolAppMeta(toolName: string): Tool['_meta'] | undefined {
  const app = APPS.find((a) => a.tool === toolName)
  return app ? { ui: { resourceUri: app.uri }, [RESOURCE_URI_META_KEY]: app.uri } : undefined
}

export const appListing = (app: AppResource): Resource => ({
  uri: app.uri,
  name: app.name,
  title: app.title,
  description: app.description,
  mimeType: RESOURCE_MIME_TYPE,
  _meta: UI_META,
})

export async function readApp(app: AppResource, pages: AppPages) {
  return { contents: [{ uri: app.uri, mimeType: RESOURCE_MIME_TYPE, text: await pages[app.page](), _meta: UI_META }] }
}
