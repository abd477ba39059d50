/**
 * Check run and sticky comment publishing, through the real Octokit over HTTP against a fake GitHub
 * API on 127.0.0.1 (see support/fakeGitHub.ts). Nothing here mocks the client library.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import type { Finding, Report, Severity } from '../src/types.js'
import type { GitHubTarget, PublishResult } from '../src/reporters/github/api.js'
import { publishCheckRun } from '../src/reporters/github/checkRun.js'
import { COMMENT_MARKER, upsertComment } from '../src/reporters/github/comment.js'
import { startFakeGitHub, type FakeGitHub } from './support/fakeGitHub.js'

const TOKEN = 'ghs_TESTtoken0123456789abcdefSECRET'
const HEAD = '0123456789abcdef0123456789abcdef01234567'

function finding(i: number, severity: Severity = 'warning', file = `force-app/main/default/objects/Obj${i}__c/fields/F${i}__c.field-meta.xml`): Finding {
  return {
    ruleId: severity === 'error' ? 'encrypted-field-access' : 'history-tracking-gap',
    severity,
    evidence: 'official',
    message: `Field Obj${i}__c.F${i}__c is not readable by the backup integration user.`,
    fix: `Grant read access to Obj${i}__c.F${i}__c in the Backup_Integration permission set.`,
    component: { type: 'CustomField', name: `Obj${i}__c.F${i}__c`, object: `Obj${i}__c` },
    file,
    line: (i % 40) + 1,
    docsUrl: 'https://help.salesforce.com/s/articleView?id=sf.backup_restore_limits.htm',
    fingerprint: `fp-${i.toString().padStart(5, '0')}`
  }
}

function report(findings: Finding[], head = HEAD): Report {
  const summary = { error: 0, warning: 0, notice: 0 }
  for (const f of findings) summary[f.severity]++
  return { schemaVersion: 1, tool: { name: 'sf-backup-guard', version: '0.1.0' }, base: 'b'.repeat(40), head, summary, findings }
}

function many(n: number, severity: Severity = 'warning'): Finding[] {
  return Array.from({ length: n }, (_, i) => finding(i, severity))
}

let gh: FakeGitHub
let pull = 1
const logs: string[] = []
const reasons: string[] = []

function target(overrides: Partial<GitHubTarget> = {}): GitHubTarget {
  return { token: TOKEN, apiUrl: gh.url, owner: 'acme', repo: 'crm', headSha: HEAD, pullNumber: pull, ...overrides }
}

/** Records every failure reason so the last test can check none of them leaks the token. */
function remember(result: PublishResult): PublishResult {
  if (!result.ok) reasons.push(result.reason)
  return result
}

const log = (line: string) => logs.push(line)
const checkRequests = () => gh.requests.filter((r) => r.path.endsWith('/check-runs') || /\/check-runs\/\d+$/.test(r.path))
const commentWrites = () => gh.requests.filter((r) => r.method !== 'GET' && r.path.includes('/comments'))

beforeAll(async () => {
  gh = await startFakeGitHub()
})
afterAll(async () => {
  await gh.close()
})
afterEach(() => {
  gh.clearFailures()
  gh.requests.length = 0
  pull++ // every test gets its own pull request, so comments never leak between tests
})

describe('check run', () => {
  test('130 findings go out in exactly three requests of at most 50 annotations, all 130 delivered', async () => {
    const result = remember(await publishCheckRun(target(), report(many(130)), { failOn: 'error', log }))
    expect(result).toMatchObject({ ok: true })
    const requests = checkRequests()
    expect(requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH'])
    const sizes = requests.map((r) => ((r.body as { output: { annotations: unknown[] } }).output.annotations ?? []).length)
    expect(sizes).toEqual([50, 50, 30])
    const runs = [...gh.checkRuns.values()].filter((r) => r.head_sha === HEAD)
    const run = runs[runs.length - 1]!
    expect(run.name).toBe('sf-backup-guard')
    expect(run.status).toBe('completed')
    expect(run.annotations).toHaveLength(130)
    const details = run.annotations.map((a) => String(a['raw_details']))
    expect(new Set(details).size).toBe(130)
    expect(result.ok && result.url).toContain(`/runs/${run.id}`)
    expect(requests[0]!.headers.authorization).toBe(`token ${TOKEN}`)
  })

  test('annotations carry level, title, fix and a valid line; summary counts everything', async () => {
    const findings = [finding(1, 'error'), { ...finding(2, 'notice'), line: 0 }, finding(3, 'warning')]
    await publishCheckRun(target(), report(findings), { failOn: 'warning' })
    const body = checkRequests()[0]!.body as { output: { title: string; summary: string; annotations: Record<string, unknown>[] } }
    const byPath = new Map(body.output.annotations.map((a) => [a['path'], a]))
    expect(byPath.get(findings[0]!.file)).toMatchObject({ annotation_level: 'failure', title: 'encrypted-field-access', start_line: 2, end_line: 2 })
    expect(byPath.get(findings[1]!.file)).toMatchObject({ annotation_level: 'notice', start_line: 1 })
    expect(byPath.get(findings[2]!.file)).toMatchObject({ annotation_level: 'warning' })
    expect(String(byPath.get(findings[0]!.file)!['message'])).toContain('Fix: Grant read access to Obj1__c.F1__c')
    expect(body.output.title).toBe('3 findings: 1 error, 1 warning, 1 notice')
    expect(body.output.summary).toContain('**Failed:** 2 findings of severity warning or higher')
  })

  test.each([
    ['error', ['warning', 'notice'], 'success'],
    ['warning', ['warning', 'notice'], 'failure'],
    ['notice', ['notice'], 'failure'],
    ['error', ['error'], 'failure'],
    ['never', ['error', 'warning'], 'neutral'],
    ['warning', [], 'success']
  ] as const)('fail-on %s with %j gives conclusion %s', async (failOn, severities, expected) => {
    const findings = severities.map((s, i) => finding(i, s))
    const result = await publishCheckRun(target(), report(findings), { failOn })
    expect(result.ok).toBe(true)
    expect((checkRequests()[0]!.body as { conclusion: string }).conclusion).toBe(expected)
  })

  test('annotateFiles: only findings in the listed files are annotated, the rest still counted', async () => {
    const findings = many(10)
    const changed = new Set([findings[2]!.file, findings[7]!.file])
    await publishCheckRun(target(), report(findings), { failOn: 'error', annotateFiles: changed })
    const body = checkRequests()[0]!.body as { output: { summary: string; annotations: { path: string }[] } }
    expect(body.output.annotations.map((a) => a.path).sort()).toEqual([...changed].sort())
    expect(body.output.summary).toContain('**10 findings**')
    expect(body.output.summary).toContain('Not annotated: 8 findings in files this pull request does not change')
  })

  test('maxAnnotations caps the annotations, most severe first, and says so', async () => {
    const findings = [...many(60, 'notice'), finding(99, 'error')]
    await publishCheckRun(target(), report(findings), { failOn: 'error', maxAnnotations: 20 })
    const requests = checkRequests()
    expect(requests).toHaveLength(1)
    const body = requests[0]!.body as { output: { summary: string; annotations: { annotation_level: string }[] } }
    expect(body.output.annotations).toHaveLength(20)
    expect(body.output.annotations[0]!.annotation_level).toBe('failure')
    expect(body.output.summary).toContain('Not annotated: 41 findings over the limit')
  })

  test('an API URL with the GitHub Enterprise Server /api/v3 prefix is honoured', async () => {
    const result = await publishCheckRun(target({ apiUrl: `${gh.url}/api/v3/` }), report(many(1)), { failOn: 'error' })
    expect(result.ok).toBe(true)
    expect(checkRequests()).toHaveLength(1)
  })

  test('HTTP 403 (read-only fork token) gives ok:false with one line naming the permission', async () => {
    gh.failWith(/^POST .*\/check-runs$/, 403)
    const result = remember(await publishCheckRun(target(), report(many(3)), { failOn: 'error', fallback: 'findings are shown as workflow annotations instead' }))
    expect(result.ok).toBe(false)
    const reason = (result as { reason: string }).reason
    expect(reason).toMatch(/^check run skipped: HTTP 403 "Resource not accessible by integration"/)
    expect(reason).toContain('permissions: checks: write')
    expect(reason).toMatch(/; findings are shown as workflow annotations instead$/)
    expect(reason).not.toContain('\n')
  })

  test('HTTP 500 on create gives ok:false', async () => {
    gh.failWith(/^POST .*\/check-runs$/, 500)
    const result = remember(await publishCheckRun(target(), report(many(3)), { failOn: 'error' }))
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^check run skipped: HTTP 500 .*GitHub is unavailable/) })
  })

  test('a failing update reports how many annotations were delivered', async () => {
    gh.failWith(/^PATCH .*\/check-runs\/\d+$/, 502, { times: 1 })
    const result = remember(await publishCheckRun(target(), report(many(120)), { failOn: 'error' }))
    expect(result.ok).toBe(false)
    expect((result as { reason: string }).reason).toMatch(/^check run \d+ incomplete: 50 of 120 annotations sent, then HTTP 502/)
    expect(checkRequests().map((r) => r.method)).toEqual(['POST', 'PATCH'])
  })

  test('a server that never answers gives ok:false after the timeout', async () => {
    gh.failWith(/check-runs/, 'hang')
    const started = Date.now()
    const result = remember(await publishCheckRun(target(), report(many(3)), { failOn: 'error', timeoutMs: 300 }))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('no answer from http://127.0.0.1:') })
  })

  test('a missing token is reported without any request', async () => {
    const result = remember(await publishCheckRun(target({ token: '' }), report(many(3)), { failOn: 'error' }))
    expect(result).toEqual({ ok: false, reason: 'check run skipped: no GitHub token was given' })
    expect(gh.requests).toHaveLength(0)
  })

  test('summary and text stay within 65,535 characters for thousands of findings', async () => {
    const result = await publishCheckRun(target(), report(many(3000)), { failOn: 'never' })
    expect(result.ok).toBe(true) // the fake answers 422 above the limit, as GitHub does
    const output = (checkRequests()[0]!.body as { output: { summary: string; text: string } }).output
    expect(output.summary.length).toBeLessThanOrEqual(65_535)
    expect(output.text.length).toBeLessThanOrEqual(65_535)
    expect(output.text).toMatch(/more findings left out/)
  })
})

describe('sticky pull request comment', () => {
  const comments = () => [...gh.comments.values()].filter((c) => c.issue_number === pull)

  test('a second run updates the same comment: one POST, then one PATCH, never two POSTs', async () => {
    const first = remember(await upsertComment(target(), report(many(5)), { log }))
    const second = remember(await upsertComment(target(), report(many(2), 'c'.repeat(40)), { log }))
    expect(first).toMatchObject({ ok: true })
    expect(second).toMatchObject({ ok: true })
    expect(commentWrites().map((r) => r.method)).toEqual(['POST', 'PATCH'])
    expect(comments()).toHaveLength(1)
    expect(comments()[0]!.body).toContain(COMMENT_MARKER)
    expect(comments()[0]!.body).toContain('**2 findings**')
    expect(first.ok && second.ok && first.url === second.url).toBe(true)
  })

  test('the marker comment is found on a later page of comments', async () => {
    gh.seedComments(pull, 150)
    const [ours] = gh.seedComments(pull, 1, () => `${COMMENT_MARKER}\nold findings`)
    gh.seedComments(pull, 30)
    const result = remember(await upsertComment(target(), report(many(3))))
    expect(result.ok).toBe(true)
    const pages = gh.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/issues/${pull}/comments`)).map((r) => r.query['page'] ?? '1')
    expect(pages).toEqual(['1', '2'])
    expect(commentWrites().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /repos/acme/crm/issues/comments/${ours!.id}`])
    expect(gh.comments.get(ours!.id)!.body).toContain('**3 findings**')
  })

  test('on-findings with no findings and an existing comment updates it to the all-clear', async () => {
    await upsertComment(target(), report(many(4)))
    const result = remember(await upsertComment(target(), report([])))
    expect(result.ok).toBe(true)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]!.body).toContain('All previously reported findings are resolved')
    expect(commentWrites().map((r) => r.method)).toEqual(['POST', 'PATCH'])
  })

  test('on-findings with no findings and no comment posts nothing', async () => {
    const result = await upsertComment(target(), report([]))
    expect(result).toEqual({ ok: true, detail: 'no findings; no pull request comment posted' })
    expect(commentWrites()).toHaveLength(0)
  })

  test('always posts even with no findings; never makes no request at all', async () => {
    expect((await upsertComment(target(), report([]), { mode: 'always' })).ok).toBe(true)
    expect(comments()[0]!.body).toContain('No findings')
    gh.requests.length = 0
    expect(await upsertComment(target(), report(many(3)), { mode: 'never' })).toMatchObject({ ok: true })
    expect(gh.requests).toHaveLength(0)
  })

  test('an unchanged body is not written again', async () => {
    await upsertComment(target(), report(many(3)))
    const again = await upsertComment(target(), report(many(3)))
    expect(again).toMatchObject({ ok: true, detail: expect.stringContaining('already up to date') })
    expect(commentWrites().map((r) => r.method)).toEqual(['POST'])
  })

  test('thousands of findings stay under 65,536 characters with a note on how many were left out', async () => {
    const findings = [...many(1500, 'error'), ...many(1500, 'warning'), ...many(1500, 'notice')]
    const result = remember(await upsertComment(target(), report(findings), { runUrl: 'https://github.com/acme/crm/actions/runs/1' }))
    expect(result.ok).toBe(true) // the fake rejects bodies over 65,536 characters with 422, as GitHub does
    const body = comments()[0]!.body
    expect(body.length).toBeLessThan(65_536)
    const shownRows = body.split('\n').filter((l) => l.startsWith('| [')).length
    const note = /_([\d,]+) more findings left out to stay within GitHub's comment size limit; see the \[workflow run\]/.exec(body)
    expect(note).not.toBeNull()
    expect(Number(note![1]!.replace(/,/g, '')) + shownRows).toBe(4500)
    expect(body.indexOf('#### 🔴 Errors (1,500)')).toBeGreaterThan(0)
  })

  test('HTTP 403 on the comment write gives ok:false with one line and no throw', async () => {
    gh.failWith(/^POST .*\/comments$/, 403)
    const result = remember(await upsertComment(target(), report(many(2))))
    expect(result.ok).toBe(false)
    expect((result as { reason: string }).reason).toMatch(/^pull request comment skipped: HTTP 403 .*permissions: pull-requests: write/)
  })

  test('HTTP 500 while listing comments gives ok:false and writes nothing', async () => {
    gh.failWith(/^GET .*\/comments$/, 500)
    const result = remember(await upsertComment(target(), report(many(2))))
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^pull request comment skipped: HTTP 500/) })
    expect(commentWrites()).toHaveLength(0)
  })

  test('a reset connection gives ok:false naming a network error', async () => {
    gh.failWith(/comments/, 'reset')
    const result = remember(await upsertComment(target(), report(many(2))))
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^pull request comment skipped: could not reach http:\/\/127\.0\.0\.1:\d+ \(network error/) })
  })

  test('a closed server gives ok:false for both publishers', async () => {
    const dead = await startFakeGitHub()
    const apiUrl = dead.url
    await dead.close()
    const check = remember(await publishCheckRun(target({ apiUrl }), report(many(2)), { failOn: 'error' }))
    const comment = remember(await upsertComment(target({ apiUrl }), report(many(2))))
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/^check run skipped: could not reach .*ECONNREFUSED/) })
    expect(comment).toEqual({ ok: false, reason: expect.stringMatching(/^pull request comment skipped: could not reach .*ECONNREFUSED/) })
  })

  test('not a pull request: no request, ok with a detail', async () => {
    const result = await upsertComment(target({ pullNumber: undefined }), report(many(2)))
    expect(result).toEqual({ ok: true, detail: 'no pull request comment: not a pull request event' })
    expect(gh.requests).toHaveLength(0)
  })
})

test('the token never appears in a reason or a log line (runs last)', () => {
  expect(reasons.length).toBeGreaterThanOrEqual(9)
  expect(logs.length).toBeGreaterThan(0)
  for (const text of [...reasons, ...logs]) expect(text).not.toContain(TOKEN)
  for (const reason of reasons) expect(reason).not.toMatch(/[\r\n]/)
})
