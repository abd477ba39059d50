/**
 * The bundled action (dist/index.js) run as a subprocess with the environment GitHub sets, against real git
 * repositories and a fake GitHub REST API on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { startFakeGitHub, type FakeGitHub } from './support/fakeGitHub.js'
import { actionEnv, fieldXml, objectXml, readOutputs, runDistAsync, SFDX_PROJECT, SRC, TempRepo } from './support/repo.js'

const TOKEN = 'ghs_e2eSecretToken0123456789abcdef'
let gh: FakeGitHub
const repos: TempRepo[] = []

beforeAll(async () => {
  gh = await startFakeGitHub()
})
afterAll(async () => {
  await gh.close()
  repos.forEach((r) => r.remove())
})

/** A pull request that adds `count` big objects (one error each) and a platform event (a notice). */
function bigPullRequest(count: number) {
  const repo = new TempRepo()
  repos.push(repo)
  const base = repo.commit({ 'sfdx-project.json': SFDX_PROJECT })
  const files: Record<string, string> = { [`${SRC}/objects/Ping__e/Ping__e.object-meta.xml`]: objectXml({ eventType: 'HighVolume' }) }
  for (let i = 0; i < count; i++) {
    const name = `A${String(i).padStart(3, '0')}__b`
    files[`${SRC}/objects/${name}/${name}.object-meta.xml`] = objectXml()
    files[`${SRC}/objects/${name}/fields/F__c.field-meta.xml`] = fieldXml('F__c')
  }
  const head = repo.commit(files)
  repo.git('checkout', '-q', base) // the action must not depend on what is checked out
  return { repo, base, head, payload: { pull_request: { number: 7, base: { sha: base }, head: { sha: head } } } }
}

/** Everything a user could see. `::add-mask::` lines are the masking command itself, consumed by the runner. */
function allOutput(r: { stdout: string; stderr: string }, files: { summary: string; output: string }, extra: string[] = []): string {
  const visible = (s: string) => s.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')
  return [visible(r.stdout), r.stderr, readFileSync(files.summary, 'utf8'), readFileSync(files.output, 'utf8'), ...extra].join('\n')
}

describe('dist/index.js on a pull_request event', () => {
  test('130 findings: a check run with every finding in batches of at most 50, a summary, outputs, exit by fail-on', async () => {
    const pr = bigPullRequest(130)
    const { env, files } = actionEnv(pr.repo.dir, { name: 'pull_request', payload: pr.payload }, { 'fail-on': 'error', 'github-token': TOKEN, 'sarif-file': 'results.sarif' }, { GITHUB_API_URL: gh.url })
    const r = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(r.code).toBe(1)

    const creates = gh.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/check-runs'))
    expect(creates).toHaveLength(1)
    const run = [...gh.checkRuns.values()].pop()!
    expect(run.head_sha).toBe(pr.head)
    expect(run.conclusion).toBe('failure')
    expect(run.annotations).toHaveLength(131)
    const batches = gh.requests.filter((q) => q.path.includes('/check-runs') && (q.body as { output?: { annotations?: unknown[] } })?.output?.annotations?.length)
    expect(batches.map((q) => (q.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([50, 50, 31])

    // With a check run, workflow-command annotations are not repeated.
    expect(r.stdout).not.toMatch(/^::error .*file=/m)
    const outputs = readOutputs(files.output)
    expect(outputs).toMatchObject({ findings: '131', errors: '130', warnings: '0', notices: '1' })
    const report = JSON.parse(readFileSync(outputs['report-path']!, 'utf8'))
    expect(report.findings).toHaveLength(131)
    expect(report.head).toBe(pr.head)
    const summary = readFileSync(files.summary, 'utf8')
    expect(summary).toContain('**130** errors · **0** warnings · **1** notice')
    expect(summary).toContain('A129__b')
    expect(JSON.parse(readFileSync(`${pr.repo.dir}/results.sarif`, 'utf8')).runs[0].results).toHaveLength(131)

    // The sticky comment is created once, then updated in place by a second run.
    const posts = () => gh.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/issues/7/comments')).length
    expect(posts()).toBe(1)
    const again = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(again.code).toBe(1)
    expect(posts()).toBe(1)
    expect([...gh.comments.values()].filter((c) => c.issue_number === 7)).toHaveLength(1)
    expect(allOutput(r, files, [JSON.stringify(report), JSON.stringify([...gh.checkRuns.values()]), JSON.stringify([...gh.comments.values()])])).not.toContain(TOKEN)
  }, 120_000)

  test('a read-only token (403 on checks and comments) falls back to workflow annotations, errors first, and still exits by fail-on', async () => {
    const pr = bigPullRequest(3)
    gh.failWith(/check-runs/, 403)
    gh.failWith(/comments/, 403)
    try {
      const run = async (failOn: string) => {
        const { env, files } = actionEnv(pr.repo.dir, { name: 'pull_request', payload: pr.payload }, { 'fail-on': failOn, 'github-token': TOKEN }, { GITHUB_API_URL: gh.url })
        return { r: await runDistAsync('index.js', [], { env, cwd: pr.repo.dir }), files }
      }
      const { r, files } = await run('error')
      expect(r.code).toBe(1)
      const commands = r.stdout.split('\n').filter((l) => /^::(error|warning|notice) .*file=/.test(l))
      expect(commands.map((l) => l.slice(2, l.indexOf(' ')))).toEqual(['error', 'error', 'error', 'notice'])
      expect(commands[0]).toContain(`file=${SRC}/objects/A000__b/A000__b.object-meta.xml,line=2`)
      expect(commands[0]).toContain('title=big-object')
      expect(r.stdout).toMatch(/::warning::check run skipped: .*403/)
      const summary = readFileSync(files.summary, 'utf8')
      expect(summary).toMatch(/check run skipped/)
      expect(allOutput(r, files)).not.toContain(TOKEN)
      expect(r.stdout).toContain(`::add-mask::${TOKEN}`) // masked before anything else is printed
      expect(r.stdout.indexOf('::add-mask::')).toBe(0)

      const never = await run('never')
      expect(never.r.code).toBe(0)
    } finally {
      gh.clearFailures()
    }
  }, 120_000)

  test('no token at all: annotations and summary, one line saying why, no API call', async () => {
    const pr = bigPullRequest(1)
    const before = gh.requests.length
    const { env, files } = actionEnv(pr.repo.dir, { name: 'pull_request', payload: pr.payload }, { 'fail-on': 'never' }, { GITHUB_API_URL: gh.url })
    const r = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(r.code).toBe(0)
    expect(gh.requests.length).toBe(before)
    expect(r.stdout).toMatch(/^::error title=big-object,file=/m)
    expect(readFileSync(files.summary, 'utf8')).toMatch(/no GitHub token/)
  }, 60_000)
})

describe('dist/index.js: other events and bad input', () => {
  test('a push event compares before..after', async () => {
    const pr = bigPullRequest(2)
    const { env, files } = actionEnv(pr.repo.dir, { name: 'push', payload: { before: pr.base, after: pr.head } }, { 'check-run': 'false', comment: 'never' })
    const r = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(r.code).toBe(1)
    expect(readOutputs(files.output)).toMatchObject({ errors: '2', notices: '1' })
  }, 60_000)

  test('a missing base commit stops with one line naming the fix and exit code 2', async () => {
    const pr = bigPullRequest(1)
    const missing = 'a'.repeat(40)
    const { env, files } = actionEnv(pr.repo.dir, { name: 'pull_request', payload: { pull_request: { number: 1, base: { sha: missing }, head: { sha: pr.head } } } })
    const r = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toContain(`::error::base commit ${missing} is not in this clone`)
    expect(r.stdout).toContain('fetch-depth: 0')
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(existsSync(files.output)).toBe(true)
  }, 60_000)

  test('a bad input value is a clear error, exit 2', async () => {
    const pr = bigPullRequest(1)
    const { env } = actionEnv(pr.repo.dir, { name: 'pull_request', payload: pr.payload }, { 'fail-on': 'sometimes' })
    const r = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('::error::input fail-on must be one of error, warning, notice, never, not "sometimes"')
  }, 60_000)
})
