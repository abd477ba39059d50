/**
 * A fake GitHub REST API for tests: a real `node:http` server on 127.0.0.1 (random port).
 *
 * Point a client at `fake.url` (or `${fake.url}/api/v3`, the GitHub Enterprise Server layout; the
 * prefix is accepted and stripped), e.g. `GITHUB_API_URL=${fake.url}` for a subprocess.
 *
 * Implemented routes (anything else answers 404 `{"message":"Not Found"}`):
 *   POST  /repos/:owner/:repo/check-runs                    create; stores annotations (max 50, else 422)
 *   PATCH /repos/:owner/:repo/check-runs/:id                update; appends `output.annotations` (max 50)
 *   GET   /repos/:owner/:repo/check-runs/:id                the stored check run
 *   GET   /repos/:owner/:repo/check-runs/:id/annotations    all stored annotations
 *   GET   /repos/:owner/:repo/issues/:number/comments       paginated (`per_page`, `page`, `Link` header)
 *   POST  /repos/:owner/:repo/issues/:number/comments       create (body > 65,536 chars → 422 like GitHub)
 *   GET   /repos/:owner/:repo/issues/comments/:id           one comment
 *   PATCH /repos/:owner/:repo/issues/comments/:id           update (same size check)
 *   GET   /repos/:owner/:repo/pulls/:number/files           files set with `setPullFiles` (paginated)
 * Every request needs an `Authorization` header (401 otherwise), as on GitHub.
 *
 * Inspection and fault injection:
 *   fake.requests                    every request: { method, path (without /api/v3), query, headers, body (parsed JSON) }
 *   fake.checkRuns / fake.comments   the server's state (comments keyed by id, with `issue_number`)
 *   fake.seedComments(n, count, make) add `count` comments to pull request `n` (for pagination tests)
 *   fake.failWith(pattern, status, { times, message })
 *       pattern: a RegExp or string tested against `"METHOD /path"`, e.g. /^POST \/repos\/[^/]+\/[^/]+\/check-runs$/;
 *       status: an HTTP status (403 answers GitHub's `{"message":"Resource not accessible by integration"}`),
 *       'hang' (never answers; close() ends it) or 'reset' (destroys the connection).
 *       `times` limits how many requests fail (default: all).
 *   fake.clearFailures(), fake.close()
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

export interface FakeCheckRun {
  id: number
  name: string
  head_sha: string
  status?: string
  conclusion?: string
  details_url?: string
  output: { title?: string; summary?: string; text?: string }
  annotations: Record<string, unknown>[]
}

export interface FakeComment {
  id: number
  issue_number: number
  body: string
  user: { login: string; type: string }
}

export type FailureMode = number | 'hang' | 'reset'

export interface FakeGitHub {
  url: string
  requests: RecordedRequest[]
  checkRuns: Map<number, FakeCheckRun>
  comments: Map<number, FakeComment>
  seedComments(issueNumber: number, count: number, body?: (i: number) => string): FakeComment[]
  setPullFiles(pullNumber: number, files: string[]): void
  failWith(pattern: RegExp | string, mode: FailureMode, options?: { times?: number; message?: string }): void
  clearFailures(): void
  close(): Promise<void>
}

interface Failure {
  pattern: RegExp
  mode: FailureMode
  remaining: number
  message?: string
}

type Handler = (req: RecordedRequest, params: string[]) => { status: number; body: unknown; headers?: Record<string, string> }

const MAX_COMMENT_CHARS = 65_536
const MAX_OUTPUT_CHARS = 65_535
const MAX_ANNOTATIONS_PER_REQUEST = 50

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = []
  const checkRuns = new Map<number, FakeCheckRun>()
  const comments = new Map<number, FakeComment>()
  const pullFiles = new Map<number, string[]>()
  const failures: Failure[] = []
  const sockets = new Set<Socket>()
  let nextId = 1000
  let baseUrl = ''

  const checkRunError = (output: unknown): string | undefined => {
    const o = (output ?? {}) as { summary?: string; text?: string; annotations?: unknown[] }
    if ((o.annotations?.length ?? 0) > MAX_ANNOTATIONS_PER_REQUEST) return 'Only 50 annotations are allowed per request'
    if ((o.summary?.length ?? 0) > MAX_OUTPUT_CHARS) return 'output.summary is too long (maximum is 65535 characters)'
    if ((o.text?.length ?? 0) > MAX_OUTPUT_CHARS) return 'output.text is too long (maximum is 65535 characters)'
    return undefined
  }
  const unprocessable = (message: string) => ({ status: 422, body: { message: 'Validation Failed', errors: [message] } })
  const notFound = { status: 404, body: { message: 'Not Found' } }
  const commentJson = (c: FakeComment, owner: string, repo: string) => ({
    ...c,
    html_url: `${baseUrl}/${owner}/${repo}/pull/${c.issue_number}#issuecomment-${c.id}`
  })
  const checkRunJson = (run: FakeCheckRun, owner: string, repo: string) => {
    const { annotations, ...rest } = run
    return { ...rest, output: { ...run.output, annotations_count: annotations.length }, html_url: `${baseUrl}/${owner}/${repo}/runs/${run.id}` }
  }
  const paginate = <T>(items: T[], req: RecordedRequest) => {
    const perPage = Math.min(100, Number(req.query['per_page'] ?? 30))
    const page = Math.max(1, Number(req.query['page'] ?? 1))
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (p: number, rel: string) => {
      const query = new URLSearchParams({ ...req.query, per_page: String(perPage), page: String(p) })
      return `<${baseUrl}${req.path}?${query}>; rel="${rel}"`
    }
    const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])]
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(', ') } : undefined }
  }

  const routes: [string, RegExp, Handler][] = [
    ['POST', /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/, (req, [owner, repo]) => {
      const b = req.body as Record<string, unknown>
      const error = checkRunError(b['output'])
      if (error) return unprocessable(error)
      if (!b['name'] || !b['head_sha']) return unprocessable('name and head_sha are required')
      const { annotations = [], ...output } = (b['output'] ?? {}) as { annotations?: Record<string, unknown>[] }
      const run: FakeCheckRun = {
        id: nextId++,
        name: String(b['name']),
        head_sha: String(b['head_sha']),
        status: b['status'] as string | undefined,
        conclusion: b['conclusion'] as string | undefined,
        details_url: b['details_url'] as string | undefined,
        output,
        annotations: [...annotations]
      }
      checkRuns.set(run.id, run)
      return { status: 201, body: checkRunJson(run, owner!, repo!) }
    }],
    ['PATCH', /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/, (req, [owner, repo, id]) => {
      const run = checkRuns.get(Number(id))
      if (!run) return notFound
      const b = req.body as Record<string, unknown>
      const error = checkRunError(b['output'])
      if (error) return unprocessable(error)
      if (b['output']) {
        const { annotations = [], ...output } = b['output'] as { annotations?: Record<string, unknown>[] }
        run.output = { ...run.output, ...output }
        run.annotations.push(...annotations)
      }
      for (const key of ['status', 'conclusion', 'name', 'details_url'] as const) if (b[key] !== undefined) (run as unknown as Record<string, unknown>)[key] = b[key]
      return { status: 200, body: checkRunJson(run, owner!, repo!) }
    }],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/, (_req, [owner, repo, id]) => {
      const run = checkRuns.get(Number(id))
      return run ? { status: 200, body: checkRunJson(run, owner!, repo!) } : notFound
    }],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)\/annotations$/, (req, [, , id]) => {
      const run = checkRuns.get(Number(id))
      return run ? paginate(run.annotations, req) : notFound
    }],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, (req, [owner, repo, n]) => {
      const list = [...comments.values()].filter((c) => c.issue_number === Number(n)).sort((a, b) => a.id - b.id)
      return paginate(list.map((c) => commentJson(c, owner!, repo!)), req)
    }],
    ['POST', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, (req, [owner, repo, n]) => {
      const body = (req.body as { body?: unknown }).body
      if (typeof body !== 'string' || body === '') return unprocessable('body is required')
      if (body.length > MAX_COMMENT_CHARS) return unprocessable('Body is too long (maximum is 65536 characters)')
      const comment: FakeComment = { id: nextId++, issue_number: Number(n), body, user: { login: 'github-actions[bot]', type: 'Bot' } }
      comments.set(comment.id, comment)
      return { status: 201, body: commentJson(comment, owner!, repo!) }
    }],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/, (_req, [owner, repo, id]) => {
      const comment = comments.get(Number(id))
      return comment ? { status: 200, body: commentJson(comment, owner!, repo!) } : notFound
    }],
    ['PATCH', /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/, (req, [owner, repo, id]) => {
      const comment = comments.get(Number(id))
      if (!comment) return notFound
      const body = (req.body as { body?: unknown }).body
      if (typeof body !== 'string' || body === '') return unprocessable('body is required')
      if (body.length > MAX_COMMENT_CHARS) return unprocessable('Body is too long (maximum is 65536 characters)')
      comment.body = body
      return { status: 200, body: commentJson(comment, owner!, repo!) }
    }],
    ['GET', /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/, (req, [, , n]) => {
      const files = (pullFiles.get(Number(n)) ?? []).map((filename) => ({ filename, status: 'modified' }))
      return paginate(files, req)
    }]
  ]

  const failureFor = (key: string): Failure | undefined => {
    const failure = failures.find((f) => f.remaining > 0 && f.pattern.test(key))
    if (failure) failure.remaining--
    return failure
  }

  const respond = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '')
    let body: unknown = raw
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      /* keep the raw text */
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), headers: req.headers, body }
    requests.push(recorded)
    const failure = failureFor(`${recorded.method} ${path}`)
    if (failure?.mode === 'hang') return
    if (failure?.mode === 'reset') return req.socket.destroy()
    if (typeof failure?.mode === 'number') return respond(res, failure.mode, { message: failure.message ?? defaultMessage(failure.mode) })
    if (!req.headers.authorization) return respond(res, 401, { message: 'Requires authentication' })
    for (const [method, pattern, handler] of routes) {
      const match = method === recorded.method ? pattern.exec(path) : null
      if (!match) continue
      const result = handler(recorded, match.slice(1))
      return respond(res, result.status, result.body, result.headers)
    }
    respond(res, 404, { message: 'Not Found' })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => respond(res, 500, { message: String(error) }))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    requests,
    checkRuns,
    comments,
    seedComments(issueNumber, count, body = (i) => `an unrelated comment ${i}`) {
      const seeded: FakeComment[] = []
      for (let i = 0; i < count; i++) {
        const comment: FakeComment = { id: nextId++, issue_number: issueNumber, body: body(i), user: { login: 'someone', type: 'User' } }
        comments.set(comment.id, comment)
        seeded.push(comment)
      }
      return seeded
    },
    setPullFiles(pullNumber, files) {
      pullFiles.set(pullNumber, files)
    },
    failWith(pattern, mode, options = {}) {
      const regex = typeof pattern === 'string' ? new RegExp(escapeRegExp(pattern)) : pattern
      failures.unshift({ pattern: regex, mode, remaining: options.times ?? Number.POSITIVE_INFINITY, message: options.message })
    },
    clearFailures() {
      failures.length = 0
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function defaultMessage(status: number): string {
  if (status === 403) return 'Resource not accessible by integration'
  if (status === 404) return 'Not Found'
  if (status === 401) return 'Bad credentials'
  if (status >= 500) return 'Server Error'
  return 'Error'
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
