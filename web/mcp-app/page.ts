/**
 * The dispute card as one HTML page, script and style inline: MCP Apps hosts render it in a
 * sandboxed iframe whose default CSP allows nothing from the network. web/build.ts bundles the
 * script (dispute-card.ts) and calls this.
 */
export function disputeCardPage(js: string, css: string): string {
  // An inline script ends at the first "</script" it contains, whatever the JavaScript means there.
  const script = js.replace(/<\/(script)/gi, '<\\/$1')
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Dispute card</title>\n' +
    `<style>\n${css}</style>\n</head>\n<body>\n<main id="card"><p class="muted">Waiting for the investigation…</p></main>\n` +
    `<script>\n${script}</script>\n</body>\n</html>\n`
  )
}
