/**
 * The bundled action with a live org: dist/index.js as a subprocess, jsforce inside it talking to a fake Salesforce
 * org on 127.0.0.1 that serves recorded REST responses and fails the test on any write.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { findRecordedFixtures, startFakeSalesforce, type FakeSalesforce } from './support/fakeSalesforce.js'
import { actionEnv, fieldXml, objectXml, readOutputs, runDistAsync, SFDX_PROJECT, SRC, TempRepo } from './support/repo.js'

const fixturesDir = findRecordedFixtures()
if (!fixturesDir) console.warn('SKIPPED org end-to-end tests: ../shared/fixtures/salesforce-rest is absent')
const maybe = fixturesDir ? describe : describe.skip

const TOKEN = '00Dxx0000001gPL!AQ4AQFakeAccessTokenForTests.0123456789'
let sf: FakeSalesforce
const repos: TempRepo[] = []

beforeAll(async () => {
  if (!fixturesDir) return
  sf = await startFakeSalesforce({
    fixturesDir,
    auth: { accessToken: TOKEN },
    org: {
      users: [{ id: '005000000000001', username: 'backup@acme.example', profileId: '00e000000000001', profileName: 'Backup Integration' }],
      permissionSets: [
        { id: '0PS000000000001', name: 'Backup_Org', objects: { Lead: { read: true } }, fields: ['Lead.SSN__c'] },
        { id: '0PS000000000002', name: 'X00eProfile', profileId: '00e000000000001', objects: {} }
      ],
      assignments: [{ userId: '005000000000001', permissionSetId: '0PS000000000001' }],
      packages: [{ namespace: 'npe01', allowedLicenses: 10, licensedUserIds: [] }]
    }
  })
})
afterEach(() => {
  if (fixturesDir) sf.assertNoWrites()
})
afterAll(async () => {
  if (fixturesDir) await sf.close()
  repos.forEach((r) => r.remove())
})

function pullRequest() {
  const repo = new TempRepo()
  repos.push(repo)
  const base = repo.commit({ 'sfdx-project.json': SFDX_PROJECT })
  const head = repo.commit({
    [`${SRC}/objects/Lead/fields/SSN__c.field-meta.xml`]: fieldXml('SSN__c', { type: 'EncryptedText', maskChar: 'asterisk', maskType: 'all' }),
    [`${SRC}/objects/npe01__OppPayment__c/fields/Memo__c.field-meta.xml`]: fieldXml('Memo__c')
  })
  return { repo, payload: { pull_request: { number: 3, base: { sha: base }, head: { sha: head } } } }
}

const orgInputs = (url: string, extra: Record<string, string> = {}) => ({
  'sf-instance-url': url,
  'sf-access-token': TOKEN,
  'integration-user': 'backup@acme.example',
  'check-run': 'false',
  comment: 'never',
  ...extra
})

maybe('dist/index.js with a live org', () => {
  test('org facts make the access rules exact and say their source; API calls are counted; nothing is written; the token never shows', async () => {
    const pr = pullRequest()
    const { env, files } = actionEnv(pr.repo.dir, { name: 'pull_request', payload: pr.payload }, orgInputs(sf.url))
    const before = sf.dataRequests().length
    const r = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(r.code).toBe(1)
    const report = JSON.parse(readFileSync(readOutputs(files.output)['report-path']!, 'utf8'))
    const rows = report.findings.map((f: { severity: string; ruleId: string; component: { name: string }; source?: string }) => `${f.severity} ${f.ruleId} ${f.component.name} ${f.source ?? '-'}`)
    expect(rows).toContain('error encrypted-field-access Lead.SSN__c org') // the org's user lacks View Encrypted Data
    expect(rows).toContain('warning managed-package-license npe01__OppPayment__c.Memo__c org') // no npe01 licence on the user
    expect(rows.filter((x: string) => / (field|object)-access Lead/.test(x))).toEqual([]) // the org grants read on Lead and the field
    const calls = sf.dataRequests().length - before
    expect(calls).toBeGreaterThan(0)
    const summary = readFileSync(files.summary, 'utf8')
    expect(summary).toContain(`Live org consulted read-only: ${calls} API call`)
    const visible = [r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'), r.stderr, summary, JSON.stringify(report)].join('\n')
    expect(visible).not.toContain(TOKEN)
    expect(r.stdout).toContain(`::add-mask::${TOKEN}`)
    expect(sf.writes).toHaveLength(0)
  }, 60_000)

  test('an unreachable org is one warning and repository-only results; with org-required it is an error (exit 2)', async () => {
    const pr = pullRequest()
    const closed = 'http://127.0.0.1:9' // nothing listens on the discard port
    const { env, files } = actionEnv(pr.repo.dir, { name: 'pull_request', payload: pr.payload }, orgInputs(closed, { 'fail-on': 'never' }))
    const r = await runDistAsync('index.js', [], { env, cwd: pr.repo.dir })
    expect(r.code).toBe(0)
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::Salesforce org not used'))
    expect(warnings).toHaveLength(1)
    const report = JSON.parse(readFileSync(readOutputs(files.output)['report-path']!, 'utf8'))
    // Without the org, View Encrypted Data is unknown: the warning form.
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'encrypted-field-access').severity).toBe('warning')

    const required = actionEnv(pr.repo.dir, { name: 'pull_request', payload: pr.payload }, orgInputs(closed, { 'org-required': 'true' }))
    const r2 = await runDistAsync('index.js', [], { env: required.env, cwd: pr.repo.dir })
    expect(r2.code).toBe(2)
    expect(r2.stdout).toMatch(/^::error::.*/m)
    expect(r2.stdout + r2.stderr).not.toMatch(/\n\s+at /)
  }, 60_000)
})
