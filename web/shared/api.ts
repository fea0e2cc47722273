/**
 * The one HTTP client of the widget and the dashboard: bearer key, JSON in and out, and API errors
 * (`{ error: { code, message, field? } }`) turned into values instead of exceptions.
 */
export interface ApiError {
  code: string
  message: string
  field?: string
  status: number
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export interface ApiClient {
  readonly base: string
  get<T>(path: string): Promise<ApiResult<T>>
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResult<T>>
  /** The raw response, for streams and downloads. */
  raw(path: string, init?: RequestInit): Promise<Response>
}

export function createApiClient(base: string, apiKey: string): ApiClient {
  const root = base.replace(/\/+$/, '')
  const raw = (path: string, init: RequestInit = {}) =>
    fetch(root + path, {
      ...init,
      headers: { Authorization: `Bearer ${apiKey}`, ...(init.headers as Record<string, string> | undefined) },
    })
  const call = async <T>(path: string, init: RequestInit): Promise<ApiResult<T>> => {
    let response: Response
    try {
      response = await raw(path, init)
    } catch {
      return { ok: false, error: { code: 'network_error', message: 'Could not reach the server.', status: 0 } }
    }
    return readResult<T>(response)
  }
  return {
    base: root,
    raw,
    get: (path) => call(path, { method: 'GET' }),
    post: (path, body, headers = {}) =>
      call(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
  }
}

export async function readResult<T>(response: Response): Promise<ApiResult<T>> {
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (response.ok) return { ok: true, value: body as T }
  const e = (body as { error?: Partial<ApiError> } | undefined)?.error
  return {
    ok: false,
    error: {
      code: typeof e?.code === 'string' ? e.code : `http_${response.status}`,
      message: typeof e?.message === 'string' ? e.message : `The server answered ${response.status}.`,
      ...(typeof e?.field === 'string' ? { field: e.field } : {}),
      status: response.status,
    },
  }
}

/** Formats a decimal-string amount for display without ever turning it into a float. */
export function formatAmount(amount: string, currency?: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount)
  if (!m) return currency ? `${amount} ${currency}` : amount
  const grouped = (m[2] ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const text = `${m[1]}${grouped}${m[3] ? `.${m[3]}` : ''}`
  return currency ? `${text} ${currency}` : text
}
