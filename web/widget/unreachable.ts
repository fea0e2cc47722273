/**
 * What the widget says when its request never got an answer. A browser reports a refused CORS
 * check and a server that is down alike (a TypeError, no status), so on a page of another origin the
 * widget asks once more with a request CORS does not guard (`no-cors`, for the widget's own script,
 * which any origin may load): if that one is answered, the server is up and this page's origin is
 * not allowed, and the message names the setting that allows it.
 */

/** Resolves true when the server answered a request CORS does not check, false when nothing came back. */
export type ServerProbe = (url: string) => Promise<boolean>

export const browserProbe: ServerProbe = (url) =>
  fetch(url, { mode: 'no-cors', cache: 'no-store' }).then(
    () => true,
    () => false,
  )

export async function unreachableMessage(apiBase: string, pageOrigin: string, probe: ServerProbe): Promise<string> {
  const base = apiBase.replace(/\/+$/, '')
  if (new URL(base).origin === pageOrigin)
    return 'Could not reach the dispute assistant. Check the connection and try again.'
  if (await probe(`${base}/widget.js`)) {
    return (
      `The dispute assistant at ${base} does not accept requests from this page: ` +
      `add ${pageOrigin} to DISPUTE_DESK_CORS_ORIGINS on its server.`
    )
  }
  return `Could not reach the dispute assistant at ${base}. Check the connection and try again.`
}
