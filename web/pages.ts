/**
 * The two HTML pages the server renders. Anything injected (keys, names) is escaped for its context:
 * attribute values with HTML entities, JSON in a script block with "<" escaped.
 */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** JSON safe inside <script type="application/json">: no "</script>" or "<!--" can form. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

export function demoPage(opts: { demoApiKey?: string; companyName?: string }): string {
  const company = escapeHtml(opts.companyName ?? 'the demo company')
  const tag = opts.demoApiKey
    ? `<script src="/widget.js" data-api-key="${escapeHtml(opts.demoApiKey)}" defer></script>`
    : `<script src="/widget.js" defer></script>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DisputeDesk: invoice dispute assistant</title>
<style>
body { margin: 0; font: 16px/1.55 system-ui, sans-serif; color: #111827; background: #f8fafc; }
main { max-width: 760px; margin: 0 auto; padding: 32px 24px 120px; }
h1 { margin-top: 0; } code, pre { background: #e2e8f0; border-radius: 4px; padding: 1px 4px; }
pre { padding: 10px; overflow-x: auto; } li { margin: 4px 0; }
</style>
</head>
<body>
<main>
<h1>DisputeDesk</h1>
<p>An accounts-receivable assistant over the ledger of ${company}. Open the assistant at the bottom right
and describe a dispute the way a customer told it, for example:</p>
<ul>
<li>“Customer says invoice 1002 was billed at the wrong price for widgets.”</li>
<li>“They only received 42 of the 50 units on INV-1004.”</li>
<li>“The late fee on 1007 should not be there, they paid on time.”</li>
</ul>
<p>Team leads review disputes, approve credit memos and read trends on the <a href="/leads">leads’ dashboard</a>.</p>
<h2>Embed it anywhere</h2>
<pre><code>&lt;script src="https://YOUR-HOST/widget.js" data-api-key="…"&gt;&lt;/script&gt;</code></pre>
<p>or, as an element: <code>&lt;dispute-desk-chat api-key="…" api-base="https://YOUR-HOST"&gt;&lt;/dispute-desk-chat&gt;</code>.
Pages on another origin must be listed in <code>DISPUTE_DESK_CORS_ORIGINS</code>.</p>
${opts.demoApiKey ? '' : '<p><strong>No demo key was configured:</strong> the widget will ask for one.</p>'}
</main>
${tag}
</body>
</html>
`
}

export function leadsPage(opts: { leadApiKey?: string }): string {
  const config = scriptJson(opts.leadApiKey ? { leadApiKey: opts.leadApiKey } : {})
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DisputeDesk</title>
<link rel="stylesheet" href="/leads/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<h1>DisputeDesk</h1>
<nav id="nav" aria-label="Dashboard sections"></nav>
<div id="who"></div>
</header>
<main id="main" tabindex="-1"><p>Loading…</p></main>
<script id="dd-config" type="application/json">${config}</script>
<script src="/leads/app.js" defer></script>
</body>
</html>
`
}

/** The customer portal: no key is ever embedded (a customer signs in with the key they were sent). */
export function portalPage(opts: { companyName?: string } = {}): string {
  const company = escapeHtml(opts.companyName ?? 'Accounts receivable')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${company}: customer disputes portal</title>
<link rel="stylesheet" href="/portal/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<h1>${company}: your invoice disputes</h1>
<div id="who"></div>
</header>
<main id="main" tabindex="-1"><p>Loading…</p></main>
<script src="/portal/app.js" defer></script>
</body>
</html>
`
}
