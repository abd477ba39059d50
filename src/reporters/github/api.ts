/**
 * Thin wrapper around the Octokit from @actions/github: builds the client for a target repository
 * (honouring GitHub Enterprise Server API URLs), bounds every request with a timeout, and turns
 * failures into one-line reasons that never contain the token.
 */
import { getOctokit } from '@actions/github'

export type GitHubClient = ReturnType<typeof getOctokit>

/** Where to publish: the repository, the commit the findings belong to, and the pull request if any. */
export interface GitHubTarget {
  token: string
  /** REST API root, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3` (GITHUB_API_URL). */
  apiUrl: string
  owner: string
  repo: string
  /** The pull request's head commit (not the merge commit GITHUB_SHA points to on pull_request events). */
  headSha: string
  pullNumber?: number
}

/** What every publish function returns. `reason` is one line: what was skipped and why. */
export type PublishResult = { ok: true; url?: string; detail?: string } | { ok: false; reason: string }

export interface ClientOptions {
  /** Milliseconds to wait for each HTTP request before giving up. Default 30 000. */
  timeoutMs?: number
  /** Receives debug lines (e.g. `core.debug`). The token is removed from every line before it is passed on. */
  log?: (line: string) => void
}

export const DEFAULT_TIMEOUT_MS = 30_000

/** Creates an Octokit for `target.apiUrl`. Throws only for a missing token (check `missingToken` first). */
export function createClient(target: Pick<GitHubTarget, 'token' | 'apiUrl'>, options: ClientOptions = {}): GitHubClient {
  const log = safeLogger(target.token, options.log)
  const octokit = getOctokit(target.token, {
    baseUrl: target.apiUrl.replace(/\/+$/, ''),
    log: { debug: log, info: log, warn: log, error: log }
  })
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  octokit.hook.wrap('request', async (request, requestOptions) => {
    // Inner hooks (token auth) read the options object they were bound to, not our argument: set it in place.
    requestOptions.request = { ...requestOptions.request, signal: AbortSignal.timeout(timeoutMs) }
    return request(requestOptions)
  })
  return octokit
}

/** A logger that strips the token from each line; a no-op when no sink is given. */
export function safeLogger(token: string, sink?: (line: string) => void): (line: string) => void {
  if (!sink) return () => {}
  return (line: string) => sink(redact(String(line), token))
}

export function missingToken(target: Pick<GitHubTarget, 'token'>): boolean {
  return !target.token || target.token.trim() === ''
}

/** Replaces every occurrence of the token with `***`. */
export function redact(text: string, token: string): string {
  if (!token || token.length < 4) return text
  return text.split(token).join('***')
}

/** Collapses whitespace so that a reason is a single line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The permission a workflow needs for each kind of write, used in failure reasons. */
export type Permission = 'checks: write' | 'pull-requests: write'

/**
 * Explains why a GitHub call failed, in one line and without the token, e.g.
 * `HTTP 403 "Resource not accessible by integration": read-only token (fork pull request) or the workflow lacks \`permissions: checks: write\``.
 */
export function describeFailure(error: unknown, permission: Permission, apiUrl: string, token: string): string {
  return oneLine(redact(classify(error, permission, apiUrl), token))
}

interface ErrorShape {
  status?: number
  message?: string
  name?: string
  cause?: unknown
  response?: { status: number; headers?: Record<string, string | number | undefined>; data?: unknown }
}

function classify(error: unknown, permission: Permission, apiUrl: string): string {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorShape
  if (!e.response && (e.name === 'HttpError' || isTimeout(e))) return networkFailure(e, apiUrl)
  if (!e.response) return `unexpected error: ${clip(e.message ?? String(error), 200)}`
  const status = e.response.status
  const message = githubMessage(e.response.data)
  const quoted = message ? ` "${clip(message, 120)}"` : ''
  if (status === 401) return `HTTP 401${quoted}: the token is invalid or expired`
  if (isRateLimited(status, e.response.headers, message)) return `HTTP ${status}${quoted}: GitHub API rate limit reached`
  if (status === 403 || (status === 404 && /not accessible by integration/i.test(message))) {
    return `HTTP ${status}${quoted}: the token cannot write here (read-only token of a fork pull request, or the workflow lacks \`permissions: ${permission}\`)`
  }
  if (status === 404) return `HTTP 404${quoted}: repository, commit or pull request not found, or the token cannot see it`
  if (status === 422) return `HTTP 422${quoted}: GitHub rejected the request`
  if (status >= 500) return `HTTP ${status}${quoted}: GitHub is unavailable or failed`
  return `HTTP ${status}${quoted}`
}

function networkFailure(e: ErrorShape, apiUrl: string): string {
  const where = safeHost(apiUrl)
  if (isTimeout(e)) return `no answer from ${where} in time (network timeout)`
  const code = errorCode(e)
  return `could not reach ${where} (network error${code ? ` ${code}` : ''})`
}

function isTimeout(e: ErrorShape): boolean {
  const names = [e.name, nested(e.cause, 'name')]
  return names.some((n) => n === 'TimeoutError' || n === 'AbortError') || /timeout|aborted/i.test(e.message ?? '')
}

function errorCode(e: ErrorShape): string | undefined {
  let current: unknown = e
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = nested(current, 'code')
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code
    current = nested(current, 'cause')
  }
  return undefined
}

function nested(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

function isRateLimited(status: number, headers: Record<string, string | number | undefined> | undefined, message: string): boolean {
  if (status !== 403 && status !== 429) return false
  return status === 429 || String(headers?.['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message)
}

function githubMessage(data: unknown): string {
  if (typeof data === 'string') return data.startsWith('<') ? '' : data
  const message = nested(data, 'message')
  return typeof message === 'string' ? message : ''
}

/** Scheme and host of the API URL, without credentials, path or query. */
function safeHost(apiUrl: string): string {
  try {
    const url = new URL(apiUrl)
    return `${url.protocol}//${url.host}`
  } catch {
    return 'the GitHub API'
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Cuts text so that its UTF-8 encoding fits in `maxBytes`, ending with `suffix` when cut. */
export function truncateUtf8(text: string, maxBytes: number, suffix = '\n… (truncated)'): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text
  const budget = maxBytes - Buffer.byteLength(suffix, 'utf8')
  let cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8')
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1)
  while (Buffer.byteLength(cut, 'utf8') > budget) cut = cut.slice(0, -1)
  return cut + suffix
}
