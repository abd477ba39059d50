/**
 * The only way the org layer talks to Salesforce: a jsforce Connection whose HTTP transport is gated.
 *
 * - Read-only: the gate lets through only GETs of the read endpoints this layer uses (describeGlobal, describe,
 *   query and its next pages) and the OAuth token POST. Anything else (any other method, and GETs such as the
 *   Tooling API's executeAnonymous, which runs Apex) is refused. It sits on the transport, under every jsforce
 *   API, so no code path can write to the org.
 * - Counting: every request to the org's REST API (not the token endpoint) is one API call, retries included.
 * - Faults: jsforce's own retries are turned off; this module retries 5xx, 429, timeouts and connection
 *   errors with bounded back-off, and answers a 401 with one token refresh when the auth flow has a refresh path.
 * - Errors leave only as OrgError, one redacted line.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Connection, HttpRequest, HttpRequestOptions, QueryResult, Record as SfRecord } from 'jsforce'
import { DEFAULT_RETRY, type RetryOptions } from './options.js'
import { OrgError, type OrgErrorKind, type Redactor } from './redact.js'

const TOKEN_PATH = /\/services\/oauth2\/token$/
/** The read endpoints: describeGlobal, describe, query, next page of a query. */
const READ_PATH = /^\/services\/data\/v\d+\.\d+\/(sobjects|sobjects\/[A-Za-z0-9_]+\/describe|query|query\/[A-Za-z0-9-]+)$/

interface Transportish {
  httpRequest(req: HttpRequest, options?: HttpRequestOptions): Promise<{ statusCode: number }>
}

/** What the gate saw of one attempt's HTTP response (tracked per async context, so calls may run in parallel). */
interface Attempt {
  status?: number
}

export class RequestGate {
  /** REST API requests sent to the org (token requests excluded). */
  calls = 0
  private readonly current = new AsyncLocalStorage<Attempt>()
  readonly retry: RetryOptions

  constructor(retry: Partial<RetryOptions> | undefined) {
    this.retry = { ...DEFAULT_RETRY, ...retry }
    if (this.retry.attempts < 1) this.retry.attempts = 1
  }

  /** Puts the gate on a jsforce transport (a Connection's or an OAuth2's `_transport`). */
  install(transport: Transportish): void {
    const inner = transport.httpRequest.bind(transport)
    transport.httpRequest = (req, options) => {
      this.check(req)
      const attempt = this.current.getStore()
      const pending = inner(req, {
        ...options,
        // retries are ours; a redirect would carry the Authorization header elsewhere
        retry: { maxRetries: 0 },
        followRedirect: false,
        timeout: this.retry.timeoutMs
      })
      pending.then(
        res => {
          if (attempt) attempt.status = res.statusCode
        },
        () => undefined
      )
      return pending
    }
  }

  private check(req: HttpRequest): void {
    const method = (req.method ?? 'GET').toUpperCase()
    const path = safePath(req.url)
    const token = method === 'POST' && TOKEN_PATH.test(path)
    if (!token && !(method === 'GET' && READ_PATH.test(path))) {
      throw new OrgError('read-only', `refused ${method} ${path}: sf-backup-guard only reads from the org`)
    }
    if (!token) this.calls++
  }

  /** Runs one attempt, recording the HTTP status its request got. */
  attempt<T>(fn: () => Promise<T>): { seen: Attempt; result: Promise<T> } {
    const seen: Attempt = {}
    return { seen, result: this.current.run(seen, fn) }
  }
}

function safePath(url: string): string {
  try {
    return new URL(url, 'http://relative').pathname
  } catch {
    return '(unparsable URL)'
  }
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

/** Describes a failed request in one line (before redaction). */
function explain(err: unknown, status: number | undefined, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; errorCode?: string; cause?: { code?: string; cause?: { code?: string } } }
  if (e?.name === 'AbortError' || /aborted due to timeout/i.test(e?.message ?? '')) return `no response within ${timeoutMs} ms`
  if (status === undefined) {
    const code = e?.cause?.code ?? e?.cause?.cause?.code
    return `connection failed${code ? ` (${code})` : ''}: ${e?.message ?? String(err)}`
  }
  const code = e?.errorCode ?? e?.name
  const message = e?.message ?? ''
  // an HTML error page (maintenance, proxy) says nothing useful beyond the status
  if (/html content/i.test(message) || /^\s*</.test(message)) return `HTTP ${status}`
  return `HTTP ${status}${code && code !== 'Error' ? ` ${code}` : ''}${message ? `: ${message}` : ''}`
}

export interface RetryContext {
  gate: RequestGate
  redactor: Redactor
  /** Kind of the error thrown for a non-transient failure (`auth` for the token endpoint). */
  failKind: OrgErrorKind
  /** The logged-in session (absent while logging in): its refresh answers a 401. */
  session?: Session
}

/**
 * Runs one request with retries: 5xx, 429, timeouts and connection errors are retried with back-off; a 401 is
 * answered with one refresh (when possible) and the request is repeated. Throws OrgError.
 */
export async function retrying<T>(ctx: RetryContext, what: string, fn: () => Promise<T>): Promise<T> {
  const { gate, redactor } = ctx
  const { attempts, delaysMs, timeoutMs } = gate.retry
  let refreshed = false
  for (let attempt = 1; ; attempt++) {
    const generation = ctx.session?.generation ?? 0
    const { seen, result } = gate.attempt(fn)
    try {
      return await result
    } catch (err) {
      if (err instanceof OrgError) throw err
      const status = seen.status
      if (status === 401 && ctx.failKind !== 'auth') {
        if (ctx.session?.refresh && !refreshed) {
          refreshed = true
          await ctx.session.refresh(generation)
          attempt--
          continue
        }
        const why = refreshed
          ? 'even after a token refresh'
          : `and the ${ctx.session?.method ?? 'configured'} login has no way to refresh it (expired access token?)`
        throw new OrgError('auth', `${what}: the org rejected the session (HTTP 401) ${why}`)
      }
      const transient = status === undefined || status >= 500 || status === 429
      const reason = redactor.line(explain(err, status, timeoutMs))
      if (transient && attempt < attempts) {
        await sleep(delaysMs[Math.min(attempt - 1, delaysMs.length - 1)] ?? 0)
        continue
      }
      if (transient) throw new OrgError('unreachable', `${what} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`)
      throw new OrgError(ctx.failKind, `${what} failed: ${reason}`)
    }
  }
}

export interface Session {
  connection: Connection
  method: string
  /** Counts the tokens put on the connection; a call that started before a refresh just retries. */
  generation: number
  /**
   * Gets a new access token and puts it on the connection, unless the token changed since `seenGeneration`
   * (parallel calls that all saw the same 401 share one refresh). Absent for a bare access token.
   */
  refresh?: (seenGeneration: number) => Promise<void>
}

/** Read-only access to one org: describes and queries, each retried, paged and counted. */
export class OrgClient {
  private readonly ctx: RetryContext

  constructor(
    private readonly session: Session,
    private readonly gate: RequestGate,
    redactor: Redactor
  ) {
    this.ctx = { gate, redactor, failKind: 'api', session }
  }

  /** The underlying jsforce connection (its transport is gated: writes are refused). */
  get connection(): Connection {
    return this.session.connection
  }

  get method(): string {
    return this.session.method
  }

  get apiCalls(): number {
    return this.gate.calls
  }

  describeGlobal(): Promise<{ sobjects: { name: string; queryable: boolean; customSetting?: boolean }[] }> {
    return retrying(this.ctx, 'describeGlobal', () => this.connection.describeGlobal())
  }

  describe(object: string): Promise<{ name: string; fields: { name: string; permissionable?: boolean }[] }> {
    return retrying(this.ctx, `describe ${object}`, () => this.connection.describe(object))
  }

  /** Runs a SOQL query and follows nextRecordsUrl to the end; each page is retried on its own. */
  async query<R extends SfRecord>(soql: string, label: string): Promise<R[]> {
    const conn = this.connection
    let page: QueryResult<R> = await retrying(this.ctx, `query ${label}`, async () => await conn.query<R>(soql))
    const records = [...page.records]
    while (!page.done && page.nextRecordsUrl) {
      const next = page.nextRecordsUrl
      page = await retrying(this.ctx, `query ${label} (next page)`, () => conn.request<QueryResult<R>>(next))
      records.push(...page.records)
    }
    return records
  }
}
