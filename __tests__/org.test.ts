/**
 * The live-org layer against a fake org on 127.0.0.1, through the real jsforce client.
 * Tests that need the recorded Salesforce responses in ../shared skip (with a message) when it is absent.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { FieldModel } from '../src/types.js'
import { UNKNOWN_ACCESS, type AccessAnswer, type AccessView } from '../src/rules/context.js'
import { connect } from '../src/org/auth.js'
import { loadOrg, MAX_SOQL_LENGTH, type OrgLoadResult, type TouchedComponents } from '../src/org/facts.js'
import { mergeAccess } from '../src/org/merge.js'
import { orgOptionsFromEnv, orgOptionsFromInputs, orgSecrets, parseAuthUrl, type OrgOptions } from '../src/org/options.js'
import { OrgError, redact, Redactor } from '../src/org/redact.js'
import { findRecordedFixtures, startFakeSalesforce, type FakeOptions, type FakeOrg, type FakeSalesforce } from './support/fakeSalesforce.js'

const fixturesDir = findRecordedFixtures()
if (!fixturesDir) {
  console.warn('org.test.ts: ../shared/fixtures/salesforce-rest is absent (fresh clone): tests against the fake org are skipped')
}
const withFixtures = fixturesDir ? describe : describe.skip

// ---------------------------------------------------------------------------------------------
// test data

const REFRESH_TOKEN = '5Aep861FAKErefreshTOKENvalue.0123456789abcdef'
const CLIENT_SECRET = 'C1ientS3cretFAKE0123456789'
const ACCESS_TOKEN = '00D000000000FAKE!AQ4AQFAKEaccessTOKEN.0123456789'
const FAST = { attempts: 3, delaysMs: [5, 10], timeoutMs: 400 }

const INTEGRATION = { id: '005INT000000001', username: 'backup.integration@acme.example', profileId: '00eINT000000001', profileName: 'Backup Integration' }
const ENCRYPTED = { id: '005ENC000000001', username: 'backup.encrypted@acme.example', profileId: '00eINT000000001', profileName: 'Backup Integration' }

const ORG: FakeOrg = {
  users: [INTEGRATION, ENCRYPTED, { id: '005CI0000000001', username: 'ci@acme.example', profileId: '00eADMIN0000001', profileName: 'System Administrator' }],
  permissionSets: [
    { id: '0PSPROFILE00001', name: 'X00eINT000000001', profileId: INTEGRATION.profileId, objects: { Case: { read: true } }, fields: ['Case.Subject'] },
    {
      id: '0PSREAD00000001',
      name: 'Backup_Read',
      objects: { Account: { read: true }, Contact: { read: true, viewAllFields: true } },
      fields: ['Account.Industry', 'Account.Rating']
    },
    { id: '0PSLEAD00000001', name: 'Lead_Reader', objects: { Lead: { read: true } }, fields: ['Lead.Rating', 'Lead.Muted__c'] },
    { id: '0PSENC000000001', name: 'Encrypted_Viewer', viewEncryptedData: true }
  ],
  groups: [{ id: '0PG000000000001', name: 'Backup_Group', permissionSetIds: ['0PSLEAD00000001'], muted: { fields: ['Lead.Muted__c'] } }],
  assignments: [
    { userId: INTEGRATION.id, permissionSetId: '0PSREAD00000001' },
    { userId: INTEGRATION.id, groupId: '0PG000000000001' },
    { userId: ENCRYPTED.id, permissionSetId: '0PSENC000000001' }
  ],
  packages: [
    { namespace: 'npsp', allowedLicenses: 10, licensedUserIds: [INTEGRATION.id] },
    { namespace: 'dlrs', allowedLicenses: 5, licensedUserIds: [] },
    { namespace: 'sitewide', allowedLicenses: -1 }
  ]
}

const TOUCHED: TouchedComponents = {
  objects: ['Account', 'Custom__c', 'Widget__c'],
  fields: ['Account.Industry', 'Account.Secret__c', 'Account.Name', 'Contact.Anything__c', 'Lead.Rating', 'Lead.Muted__c', 'Case.Subject', 'Opportunity.Amount'],
  namespaces: ['npsp', 'dlrs', 'sitewide', 'unknownns']
}

function field(fullName: string, extra: Partial<FieldModel> = {}): FieldModel {
  const [object, name] = fullName.split('.') as [string, string]
  return { object, name, fullName, file: `force-app/main/default/objects/${object}/fields/${name}.field-meta.xml`, format: 'source', required: false, trackHistory: false, formula: false, raw: {}, lines: {}, ...extra }
}

interface Logged {
  info: string[]
  warning: string[]
  log: { info(m: string): void; warning(m: string): void }
}
function logger(): Logged {
  const l: Logged = { info: [], warning: [], log: { info: m => void l.info.push(m), warning: m => void l.warning.push(m) } }
  return l
}

let fakes: FakeSalesforce[] = []
async function fake(options: Partial<FakeOptions> = {}): Promise<FakeSalesforce> {
  const f = await startFakeSalesforce({
    fixturesDir: fixturesDir!,
    auth: { clientId: 'PlatformCLI', refreshToken: REFRESH_TOKEN, accessToken: ACCESS_TOKEN },
    org: ORG,
    // the recorded describe of Custom__c is a custom setting's
    extraObjects: [{ name: 'Custom__c', customSetting: true }],
    ...options
  })
  fakes.push(f)
  return f
}

afterEach(async () => {
  const open = fakes
  fakes = []
  for (const f of open) {
    f.assertNoWrites()
    await f.close()
  }
})

function authUrlOptions(f: FakeSalesforce, extra: Partial<OrgOptions> = {}): OrgOptions {
  const host = new URL(f.url).host
  return { authUrl: `force://PlatformCLI::${REFRESH_TOKEN}@${host}`, integrationUser: INTEGRATION.username, apiVersion: '64.0', required: false, retry: FAST, ...extra }
}

function tokenOptions(f: FakeSalesforce, extra: Partial<OrgOptions> = {}): OrgOptions {
  return { instanceUrl: f.url, accessToken: ACCESS_TOKEN, integrationUser: INTEGRATION.username, apiVersion: '64.0', required: false, retry: FAST, ...extra }
}

// ---------------------------------------------------------------------------------------------
// authentication

withFixtures('authentication', () => {
  test('SFDX auth URL: refresh-token login, then every request uses the pinned API version', async () => {
    const f = await fake({ auth: { clientId: 'PlatformCLI', refreshToken: REFRESH_TOKEN } })
    const secrets: string[] = []
    const l = logger()
    const result = await loadOrg(authUrlOptions(f, { onSecret: s => void secrets.push(s) }), TOUCHED, l.log)
    expect(result.warnings).toEqual([])
    expect(result.facts?.queryable('Account')).toBe(true)
    expect(f.issuedTokens).toHaveLength(1)
    expect(secrets).toContain(f.issuedTokens[0])
    expect([...f.versions]).toEqual(['64.0'])
    expect(l.info.join('\n')).toContain('logged in with the SFDX auth URL')
  })

  test('SFDX auth URL with a client secret (a connected app of its own)', async () => {
    const f = await fake({ auth: { clientId: 'MyCiApp', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN } })
    const host = new URL(f.url).host
    const result = await loadOrg(authUrlOptions(f, { authUrl: `force://MyCiApp:${CLIENT_SECRET}:${REFRESH_TOKEN}@${host}` }), TOUCHED, logger().log)
    expect(result.warnings).toEqual([])
    expect(result.facts).toBeDefined()
  })

  test('instance URL + access token: no token request, the configured version is used', async () => {
    const f = await fake()
    const result = await loadOrg(tokenOptions(f, { apiVersion: '62.0' }), TOUCHED, logger().log)
    expect(result.warnings).toEqual([])
    expect(result.access?.objectRead('Account').granted).toBe(true)
    expect(f.requests.filter(r => r.path === '/services/oauth2/token')).toHaveLength(0)
    expect([...f.versions]).toEqual(['62.0'])
  })

  test('JWT bearer: an RS256 assertion signed with the configured key is accepted', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const f = await fake({ auth: { jwt: { publicKey, clientId: '3MVG9FAKEconsumerKEY', username: 'ci@acme.example' } } })
    // CI secrets often hold the PEM with literal \n
    const jwtKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n')
    const options: OrgOptions = { clientId: '3MVG9FAKEconsumerKEY', username: 'ci@acme.example', jwtKey, loginUrl: f.url, integrationUser: INTEGRATION.username, apiVersion: '64.0', required: false, retry: FAST }
    const result = await loadOrg(options, TOUCHED, logger().log)
    expect(result.warnings).toEqual([])
    expect(result.access?.known).toBe(true)
    expect(f.issuedTokens).toHaveLength(1)
  })

  test('invalid credentials give one clear line naming the login method', async () => {
    const f = await fake()
    const host = new URL(f.url).host
    const l = logger()
    const result = await loadOrg(authUrlOptions(f, { authUrl: `force://PlatformCLI::wrong${REFRESH_TOKEN}@${host}` }), TOUCHED, l.log)
    expect(result.facts).toBeUndefined()
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]).toMatch(/login with the SFDX auth URL failed: HTTP 400 invalid_grant: expired access\/refresh token/)
    expect(result.warnings[0]).not.toContain('\n')
    expect(l.warning).toEqual(result.warnings)

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const { publicKey: otherPublic } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const g = await fake({ auth: { jwt: { publicKey: otherPublic, clientId: '3MVG9FAKE', username: 'ci@acme.example' } } })
    const jwt: OrgOptions = {
      clientId: '3MVG9FAKE', username: 'ci@acme.example', jwtKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      loginUrl: g.url, apiVersion: '64.0', required: true, retry: FAST
    }
    const err = await loadOrg(jwt, TOUCHED, logger().log).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OrgError)
    expect((err as OrgError).message).toMatch(/^login with the JWT bearer failed: HTTP 400 invalid_grant: invalid assertion$/)
    expect((err as OrgError).stack).toBe(`OrgError: ${(err as OrgError).message}`)
    // nothing but the token request was made
    expect(g.dataRequests()).toHaveLength(0)
  })

  test('incomplete JWT settings name what is missing', async () => {
    const result = await loadOrg({ clientId: '3MVG9FAKE', apiVersion: '64.0', required: false }, TOUCHED, logger().log)
    expect(result.warnings[0]).toMatch(/JWT bearer login is missing sf-username \(SF_USERNAME\), sf-jwt-key \(SF_JWT_KEY\)/)
  })
})

test('no credentials: nothing is requested, and org-required turns that into an error', async () => {
  const l = logger()
  expect(await loadOrg({ apiVersion: '64.0', required: false }, TOUCHED, l.log)).toEqual({ warnings: [], apiCalls: 0 })
  expect(l.warning).toEqual([])
  await expect(loadOrg({ apiVersion: '64.0', required: true }, TOUCHED, l.log)).rejects.toThrow(/org-required is true but no Salesforce credentials/)
})

// ---------------------------------------------------------------------------------------------
// facts and access

withFixtures('facts read from the org', () => {
  test('system fields come from the describes of touched objects that exist; one describeGlobal', async () => {
    const f = await fake()
    const { facts } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect([...['CreatedDate', 'LastModifiedDate', 'SystemModstamp']].filter(n => facts!.objectFields('Account')!.has(n))).toHaveLength(3)
    // the recorded custom setting has none of the three
    expect(facts!.objectFields('Custom__c')!.has('CreatedDate')).toBe(false)
    expect(facts!.objectFields('Widget__c')).toBeUndefined() // not in the org
    expect(facts!.objectFields('Opportunity')).toBeUndefined() // not touched
    const paths = f.requests.map(r => r.path)
    expect(paths.filter(p => p.endsWith('/sobjects'))).toHaveLength(1)
    expect(paths.filter(p => p.endsWith('/describe')).sort()).toEqual([
      '/services/data/v64.0/sobjects/Account/describe',
      '/services/data/v64.0/sobjects/Custom__c/describe'
    ])
  })

  test('queryable comes from describeGlobal', async () => {
    const f = await fake()
    const { facts } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(facts!.queryable('Account')).toBe(true)
    expect(facts!.queryable('account')).toBe(true)
    expect(facts!.queryable('UserChangeEvent')).toBe(false)
    expect(facts!.queryable('Widget__c')).toBe(false)
  })

  test('package licences: held, missing, site-wide, and no licensed package', async () => {
    const f = await fake()
    const { facts } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(facts!.hasPackageLicense('npsp')).toBe(true)
    expect(facts!.hasPackageLicense('dlrs')).toBe(false)
    expect(facts!.hasPackageLicense('sitewide')).toBe(true)
    expect(facts!.hasPackageLicense('unknownns')).toBeUndefined()
    expect(facts!.hasPackageLicense('notasked')).toBeUndefined()
  })

  test('object and field read through a permission set, the profile, and a permission set group', async () => {
    const f = await fake()
    const { access } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(access!.objectRead('Account')).toEqual({ granted: true, source: 'org', via: 'permission set Backup_Read (objectPermissions.allowRead)' })
    expect(access!.fieldRead(field('Account.Industry'))).toEqual({ granted: true, source: 'org', via: 'permission set Backup_Read (fieldPermissions.readable)' })
    expect(access!.fieldRead(field('Account.Secret__c'))).toEqual({ granted: false, source: 'org' })
    expect(access!.objectRead('Case').via).toBe('profile Backup Integration (objectPermissions.allowRead)')
    expect(access!.fieldRead(field('Case.Subject')).granted).toBe(true)
    expect(access!.objectRead('Lead')).toEqual({
      granted: true, source: 'org', via: 'permission set Lead_Reader (in group Backup_Group) (objectPermissions.allowRead)'
    })
    expect(access!.fieldRead(field('Lead.Rating')).via).toBe('permission set Lead_Reader (in group Backup_Group) (fieldPermissions.readable)')
    // the group mutes it: the component grants it, the group does not
    expect(access!.fieldRead(field('Lead.Muted__c')).granted).toBe(false)
    expect(access!.objectRead('Opportunity')).toEqual({ granted: false, source: 'org' })
    expect(access!.fieldRead(field('Opportunity.Amount')).granted).toBe(false)
    // not asked, or a custom setting (its access is not in ObjectPermissions): cannot tell
    expect(access!.objectRead('Campaign').granted).toBeUndefined()
    expect(access!.objectRead('Custom__c').granted).toBeUndefined()
    expect(access!.fieldRead(field('Account.NotTouched__c')).granted).toBeUndefined()
    expect(access!.describe()).toBe(`org user ${INTEGRATION.username}: profile Backup Integration; permission sets Backup_Read; permission set groups Backup_Group`)
    expect(access!.grantTarget()).toEqual({ kind: 'PermissionSet', name: 'Backup_Read' })
  })

  test('View All Fields on the object grants every field of it', async () => {
    const f = await fake()
    const { access } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(access!.fieldRead(field('Contact.Anything__c'))).toEqual({
      granted: true, source: 'org', via: 'permission set Backup_Read (objectPermissions.viewAllFields)'
    })
  })

  test('an org without the View All Fields permission column still answers from field permissions', async () => {
    const f = await fake({ withoutViewAllFields: true })
    const { access, warnings } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(warnings).toEqual([])
    expect(access!.fieldRead(field('Contact.Anything__c')).granted).toBe(false)
    expect(access!.fieldRead(field('Account.Industry')).granted).toBe(true)
    expect(f.queries('ObjectPermissions').at(-1)).not.toContain('PermissionsViewAllFields')
  })

  test('fields without field-level security (required, master-detail, not permissionable) follow their object', async () => {
    const f = await fake()
    const { access } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    // Account.Name is not permissionable in the recorded describe
    expect(access!.fieldRead(field('Account.Name'))).toEqual({
      granted: true, source: 'org', via: 'a field without field-level security, readable with its object: permission set Backup_Read (objectPermissions.allowRead)'
    })
    expect(access!.fieldRead(field('Opportunity.Amount', { required: true }))).toMatchObject({ granted: false, source: 'org' })
    expect(access!.fieldRead(field('Account.Parent__c', { type: 'MasterDetail' })).granted).toBe(true)
  })

  test('View Encrypted Data', async () => {
    const f = await fake()
    const without = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(without.access!.viewEncryptedData()).toEqual({ granted: false, source: 'org' })
    const withIt = await loadOrg(tokenOptions(f, { integrationUser: ENCRYPTED.username }), TOUCHED, logger().log)
    expect(withIt.access!.viewEncryptedData()).toEqual({ granted: true, source: 'org', via: 'permission set Encrypted_Viewer (userPermissions.ViewEncryptedData)' })

    const g = await fake({
      org: { ...ORG, groups: [{ id: '0PG000000000002', name: 'Secrets', permissionSetIds: ['0PSENC000000001'] }], assignments: [{ userId: INTEGRATION.id, groupId: '0PG000000000002' }] }
    })
    const viaGroup = await loadOrg(tokenOptions(g), TOUCHED, logger().log)
    expect(viaGroup.access!.viewEncryptedData().via).toBe('permission set Encrypted_Viewer (in group Secrets) (userPermissions.ViewEncryptedData)')
  })

  test('query answers larger than a page are followed to the end', async () => {
    const f = await fake({ pageSize: 2 })
    const { access } = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(f.requests.some(r => /\/query\/01gFAKE\d+-\d+$/.test(r.path))).toBe(true)
    expect(access!.fieldRead(field('Account.Industry')).granted).toBe(true)
    expect(access!.fieldRead(field('Lead.Rating')).granted).toBe(true)
    expect(access!.fieldRead(field('Case.Subject')).granted).toBe(true)
  })

  test('without an integration user only the org structure is read', async () => {
    const f = await fake()
    const l = logger()
    const result = await loadOrg(tokenOptions(f, { integrationUser: undefined }), TOUCHED, l.log)
    expect(result.facts?.objectFields('Account')).toBeDefined()
    expect(result.access).toBeUndefined()
    expect(result.facts?.hasPackageLicense('npsp')).toBeUndefined()
    expect(f.queries()).toEqual([])
    expect(l.info.join('\n')).toMatch(/no integration user configured/)
  })

  test('an unknown integration user keeps the facts and warns once', async () => {
    const f = await fake()
    const result = await loadOrg(tokenOptions(f, { integrationUser: 'nobody@acme.example' }), TOUCHED, logger().log)
    expect(result.facts?.queryable('Account')).toBe(true)
    expect(result.access).toBeUndefined()
    expect(result.warnings).toEqual([
      "could not read the integration user's access from the org (integration user nobody@acme.example was not found in the org); access comes from the repository only"
    ])
  })

  test('2,000 touched fields take a few chunked queries, and every call is counted', async () => {
    const f = await fake({
      org: { ...ORG, permissionSets: [...ORG.permissionSets!.filter(p => p.id !== '0PSREAD00000001'), {
        id: '0PSREAD00000001', name: 'Backup_Read', objects: { Account: { read: true } },
        fields: Array.from({ length: 1000 }, (_, i) => `Account.Field_${String(i * 2).padStart(4, '0')}__c`)
      }] }
    })
    const fields = Array.from({ length: 2000 }, (_, i) => `Account.Field_${String(i).padStart(4, '0')}__c`)
    const result = await loadOrg(tokenOptions(f), { objects: ['Account'], fields, namespaces: [] }, logger().log)
    const fieldQueries = f.queries('FieldPermissions')
    expect(fieldQueries.length).toBeGreaterThan(1)
    expect(fieldQueries.length).toBeLessThanOrEqual(8)
    for (const q of f.queries()) expect(q.length).toBeLessThanOrEqual(MAX_SOQL_LENGTH)
    expect(result.apiCalls).toBe(f.dataRequests().length)
    expect(result.facts!.apiCalls).toBe(result.apiCalls)
    expect(result.apiCalls).toBeLessThan(20)
    expect(result.access!.fieldRead(field('Account.Field_1998__c')).granted).toBe(true)
    expect(result.access!.fieldRead(field('Account.Field_1999__c')).granted).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------
// faults

withFixtures('faults', () => {
  test('a 401 refreshes the token once and the request is repeated', async () => {
    const f = await fake()
    f.failNext(1, 401)
    const result = await loadOrg(authUrlOptions(f), TOUCHED, logger().log)
    expect(result.warnings).toEqual([])
    expect(result.facts?.queryable('Account')).toBe(true)
    expect(f.issuedTokens).toHaveLength(2)
  })

  test('parallel describes that all meet an expired token share one refresh', async () => {
    const f = await fake()
    f.failNext(4, 401, /\/describe$/)
    const touched = { ...TOUCHED, objects: ['Account', 'Contact', 'Lead', 'Case'] }
    const result = await loadOrg(authUrlOptions(f), touched, logger().log)
    expect(result.warnings).toEqual([])
    expect(touched.objects.every(o => result.facts!.objectFields(o)?.has('SystemModstamp'))).toBe(true)
    expect(f.issuedTokens).toHaveLength(2)
    expect(f.requests.filter(r => r.path.endsWith('/describe'))).toHaveLength(8)
  })

  test('a 401 that persists after the refresh gives up after one refresh', async () => {
    const f = await fake()
    f.failNext(5, 401)
    const result = await loadOrg(authUrlOptions(f), TOUCHED, logger().log)
    expect(f.issuedTokens).toHaveLength(2)
    expect(result.facts).toBeUndefined()
    expect(result.warnings).toEqual([
      'Salesforce org not used (describeGlobal: the org rejected the session (HTTP 401) even after a token refresh); reporting repository-only results'
    ])
  })

  test('a 401 with a bare access token cannot be refreshed', async () => {
    const f = await fake()
    f.expireSessions()
    const result = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(result.warnings[0]).toMatch(/HTTP 401\) and the access token login has no way to refresh it/)
    expect(f.dataRequests()).toHaveLength(1)
  })

  test('5xx and a hung request are retried, then the run goes on', async () => {
    const f = await fake()
    f.failNext(1, 503)
    f.failNext(1, 'hang')
    const result = await loadOrg(tokenOptions(f), TOUCHED, logger().log)
    expect(result.warnings).toEqual([])
    expect(result.access?.objectRead('Account').granted).toBe(true)
    expect(f.requests.filter(r => r.path.endsWith('/sobjects'))).toHaveLength(3)
    expect(result.apiCalls).toBe(f.dataRequests().length)
  })

  test('an org that stays down: one warning line and no facts', async () => {
    const f = await fake()
    f.failNext(3, 500)
    const l = logger()
    const result = await loadOrg(tokenOptions(f), TOUCHED, l.log)
    expect(result).toEqual({
      warnings: ['Salesforce org not used (describeGlobal failed after 3 attempts: HTTP 500 UNKNOWN_EXCEPTION: An unexpected error occurred.); reporting repository-only results'],
      apiCalls: 3
    })
    expect(l.warning).toEqual(result.warnings)
  })

  test('an org that stays down with org-required: an OrgError', async () => {
    const f = await fake()
    f.failNext(3, 503)
    const err = await loadOrg(tokenOptions(f, { required: true }), TOUCHED, logger().log).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OrgError)
    expect((err as OrgError).message).toBe('describeGlobal failed after 3 attempts: HTTP 503')
  })

  test('an unreachable host (connection refused) gives up after the attempts', async () => {
    const port = await new Promise<number>(resolve => {
      const s = createServer()
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port
        s.close(() => resolve(p))
      })
    })
    const result = await loadOrg({ instanceUrl: `http://127.0.0.1:${port}`, accessToken: ACCESS_TOKEN, apiVersion: '64.0', required: false, retry: FAST }, TOUCHED, logger().log)
    expect(result.facts).toBeUndefined()
    expect(result.warnings[0]).toMatch(/describeGlobal failed after 3 attempts: connection failed \(ECONNREFUSED\)/)
    expect(result.apiCalls).toBe(3)
  })
})

// ---------------------------------------------------------------------------------------------
// read-only

withFixtures('read-only', () => {
  test('a full load sends only GETs and the token POST', async () => {
    const f = await fake()
    await loadOrg(authUrlOptions(f), TOUCHED, logger().log)
    const methods = new Set(f.requests.map(r => `${r.method} ${r.method === 'POST' ? r.path : ''}`.trim()))
    expect([...methods].sort()).toEqual(['GET', 'POST /services/oauth2/token'])
    expect(f.writes).toEqual([])
  })

  test('the client refuses writes before they leave the machine', async () => {
    const f = await fake()
    const client = await connect(tokenOptions(f), new Redactor())
    const create = client.connection.sobject('Account').create({ Name: 'should never exist' })
    await expect(create).rejects.toThrow(/refused POST \/services\/data\/v64.0\/sobjects\/Account: sf-backup-guard only reads from the org/)
    await expect(client.connection.request({ method: 'DELETE', url: '/sobjects/Account/001000000000001' })).rejects.toBeInstanceOf(OrgError)
    // a GET that runs Apex is refused too
    await expect(client.connection.tooling.executeAnonymous('delete [SELECT Id FROM Account];')).rejects.toThrow(/refused GET \/services\/data\/v64.0\/tooling\/executeAnonymous/)
    await expect(client.connection.request('/limits')).rejects.toBeInstanceOf(OrgError)
    expect(f.requests).toEqual([])
    expect(client.apiCalls).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
// secrets

withFixtures('secrets', () => {
  test('no token, refresh token, client secret or key appears in anything the module logs, returns or throws', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const f = await fake({
      echoCredentials: true,
      auth: { clientId: 'MyCiApp', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, accessToken: ACCESS_TOKEN, jwt: { publicKey, clientId: '3MVG9FAKE', username: 'ci@acme.example' } }
    })
    const host = new URL(f.url).host
    const authUrl = `force://MyCiApp:${CLIENT_SECRET}:${REFRESH_TOKEN}@${host}`
    const texts: string[] = []
    const masked: string[] = []
    const l = logger()
    const collect = (r: OrgLoadResult) => {
      texts.push(JSON.stringify(r), ...r.warnings)
      if (r.access) {
        texts.push(r.access.describe(), JSON.stringify(r.access.objectRead('Account')), JSON.stringify(r.access.fieldRead(field('Account.Industry'))))
      }
    }
    const run = async (options: OrgOptions) => {
      try {
        collect(await loadOrg({ ...options, onSecret: s => void masked.push(s) }, TOUCHED, l.log))
      } catch (e) {
        texts.push(String(e), (e as Error).message, (e as Error).stack ?? '', JSON.stringify(e))
      }
    }
    const base: OrgOptions = { apiVersion: '64.0', required: false, retry: FAST, integrationUser: INTEGRATION.username }
    const jwt: OrgOptions = { ...base, clientId: '3MVG9FAKE', username: 'ci@acme.example', jwtKey: pem, loginUrl: f.url }

    // a refresh mid-run, then an org that fails with a body repeating the Authorization header
    f.failNext(1, 401)
    await run({ ...base, authUrl })
    f.failNext(1, 401)
    f.failNext(3, 500)
    await run({ ...base, authUrl })
    await run({ ...base, authUrl, required: true })
    // a refused refresh token, its description repeating the posted form
    await run({ ...base, authUrl: authUrl.replace(REFRESH_TOKEN, `${REFRESH_TOKEN}x`), required: true })
    await run({ ...base, authUrl: authUrl.replace(REFRESH_TOKEN, `${REFRESH_TOKEN}x`) })
    // JWT: accepted, then refused with the assertion repeated
    await run(jwt)
    await run({ ...jwt, username: 'someone.else@acme.example', required: true })
    // a bare access token hit by 500s repeating it
    f.failNext(3, 500)
    await run({ ...base, instanceUrl: f.url, accessToken: ACCESS_TOKEN })
    // an unusable key
    await run({ ...jwt, jwtKey: pem.slice(0, 200), required: true })
    texts.push(...l.info, ...l.warning)

    const secrets = [REFRESH_TOKEN, CLIENT_SECRET, ACCESS_TOKEN, authUrl, ...f.issuedTokens,
      ...pem.split('\n').filter(line => line.length > 20 && !line.startsWith('-----'))]
    expect(f.issuedTokens.length).toBeGreaterThanOrEqual(4)
    // the scenarios did produce messages that carried credentials before redaction
    expect(texts.some(t => t.includes('request had Authorization: Bearer ***'))).toBe(true)
    expect(texts.some(t => /invalid_grant: expired access\/refresh token for .*refresh_token=\*\*\*/.test(t))).toBe(true)
    for (const text of texts) {
      for (const secret of secrets) expect(text.includes(secret) ? `${secret} in: ${text}` : 'clean').toBe('clean')
      expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/)
    }
    // every token handed out at run time went through the onSecret hook
    for (const token of f.issuedTokens) expect(masked).toContain(token)
  })
})

// ---------------------------------------------------------------------------------------------
// merge rule

function view(answers: { object?: AccessAnswer; field?: AccessAnswer; encrypted?: AccessAnswer }, known = true, name = 'repo'): AccessView {
  const unknown: AccessAnswer = { granted: undefined }
  return {
    known,
    describe: () => name,
    objectRead: () => answers.object ?? unknown,
    fieldRead: () => answers.field ?? unknown,
    viewEncryptedData: () => answers.encrypted ?? unknown,
    revoked: () => (name === 'repo' ? [{ kind: 'field', name: 'Lead.SSN__c', file: 'p.permissionset-meta.xml', line: 3, via: 'permission set P' }] : []),
    grantTarget: () => (name === 'repo' ? { kind: 'PermissionSet', name: 'Repo_Set', file: 'p.permissionset-meta.xml' } : { kind: 'PermissionSet', name: 'Org_Set' })
  }
}

describe('merge rule', () => {
  const orgYes: AccessAnswer = { granted: true, source: 'org', via: 'permission set Org_Set (objectPermissions.allowRead)' }
  const orgNo: AccessAnswer = { granted: false, source: 'org' }
  const prYes: AccessAnswer = { granted: true, source: 'pull-request', via: 'permission set Repo_Set' }
  const repoYes: AccessAnswer = { granted: true, source: 'repository', via: 'permission set Repo_Set' }
  const repoNo: AccessAnswer = { granted: false, source: 'repository' }

  test('readable when either side grants; the source says which', () => {
    expect(mergeAccess(view({ object: prYes }), view({ object: orgNo }, true, 'org')).objectRead('X')).toEqual(prYes)
    expect(mergeAccess(view({ object: repoNo }), view({ object: orgYes }, true, 'org')).objectRead('X')).toEqual(orgYes)
    expect(mergeAccess(view({ field: repoYes }), view({ field: orgNo }, true, 'org')).fieldRead(field('A.B'))).toEqual(repoYes)
    expect(mergeAccess(view({ encrypted: prYes }), view({ encrypted: orgYes }, true, 'org')).viewEncryptedData()).toEqual(prYes)
    expect(mergeAccess(view({ object: repoYes }), view({ object: orgYes }, true, 'org')).objectRead('X')).toEqual(orgYes)
  })

  test('denied only when no side grants; unknown on one side takes the other', () => {
    expect(mergeAccess(view({ object: repoNo }), view({ object: orgNo }, true, 'org')).objectRead('X')).toEqual(orgNo)
    expect(mergeAccess(view({ object: repoNo }), view({}, true, 'org')).objectRead('X')).toEqual(repoNo)
    expect(mergeAccess(view({}), view({}, true, 'org')).objectRead('X')).toEqual({ granted: undefined })
  })

  test('an unconfigured repository view becomes known when the org answered', () => {
    const merged = mergeAccess(UNKNOWN_ACCESS, view({ object: orgYes }, true, 'org'))
    expect(merged.known).toBe(true)
    expect(merged.objectRead('X')).toEqual(orgYes)
    expect(merged.describe()).toBe('org')
    expect(merged.grantTarget()).toEqual({ kind: 'PermissionSet', name: 'Org_Set' })
  })

  test('revocations and the grant target come from the repository; no org leaves the view as it is', () => {
    const repo = view({ object: repoNo })
    const merged = mergeAccess(repo, view({ object: orgYes }, true, 'org'))
    expect(merged.revoked()).toHaveLength(1)
    expect(merged.grantTarget()?.file).toBe('p.permissionset-meta.xml')
    expect(merged.describe()).toBe('repo; org')
    expect(mergeAccess(repo, undefined)).toBe(repo)
  })
})

// ---------------------------------------------------------------------------------------------
// options and redaction

describe('options', () => {
  test('from environment variables', () => {
    const o = orgOptionsFromEnv({
      SF_AUTH_URL: ' force://PlatformCLI::tok@acme.my.salesforce.com\n', SF_INSTANCE_URL: 'https://acme.my.salesforce.com', SF_ACCESS_TOKEN: 'at',
      SF_CLIENT_ID: 'cid', SF_USERNAME: 'u@x', SF_JWT_KEY: 'key', SF_LOGIN_URL: 'https://test.salesforce.com',
      SF_INTEGRATION_USER: 'backup@x', SF_API_VERSION: 'v63', SF_ORG_REQUIRED: 'true'
    })
    expect(o).toEqual({
      authUrl: 'force://PlatformCLI::tok@acme.my.salesforce.com', instanceUrl: 'https://acme.my.salesforce.com', accessToken: 'at',
      clientId: 'cid', username: 'u@x', jwtKey: 'key', loginUrl: 'https://test.salesforce.com', integrationUser: 'backup@x', apiVersion: '63.0', required: true
    })
    expect(orgOptionsFromEnv({})).toMatchObject({ apiVersion: '64.0', required: false, authUrl: undefined })
    expect(() => orgOptionsFromEnv({ SF_ORG_REQUIRED: 'maybe' })).toThrow(OrgError)
    expect(() => orgOptionsFromEnv({ SF_API_VERSION: 'latest' })).toThrow(/SF_API_VERSION must look like 64.0/)
  })

  test('from action inputs', () => {
    const inputs: Record<string, string> = { 'sf-instance-url': 'https://acme.my.salesforce.com', 'sf-access-token': 'at', 'integration-user': 'backup@x', 'org-required': 'false', 'api-version': '' }
    expect(orgOptionsFromInputs(name => inputs[name] ?? '')).toMatchObject({
      instanceUrl: 'https://acme.my.salesforce.com', accessToken: 'at', integrationUser: 'backup@x', apiVersion: '64.0', required: false, authUrl: undefined
    })
  })

  test('SFDX auth URLs, also inside the CLI JSON', () => {
    expect(parseAuthUrl('force://PlatformCLI::5Aep861.x@acme.my.salesforce.com')).toEqual({
      clientId: 'PlatformCLI', clientSecret: '', refreshToken: '5Aep861.x', loginUrl: 'https://acme.my.salesforce.com'
    })
    expect(parseAuthUrl('{"status":0,"result":{"sfdxAuthUrl":"force://A:B:C@127.0.0.1:8080"}}').loginUrl).toBe('http://127.0.0.1:8080')
    expect(() => parseAuthUrl('https://acme.my.salesforce.com')).toThrow(/must look like force:\/\//)
  })

  test('orgSecrets lists every configured secret, the JWT key also line by line', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const secrets = orgSecrets({ authUrl: `force://App:${CLIENT_SECRET}:${REFRESH_TOKEN}@acme.my.salesforce.com`, accessToken: ACCESS_TOKEN, jwtKey: pem })
    expect(secrets).toEqual(expect.arrayContaining([REFRESH_TOKEN, CLIENT_SECRET, ACCESS_TOKEN, pem.trim(), pem.split('\n')[1]]))
    expect(secrets.some(s => s.startsWith('-----BEGIN') && !s.includes('\n'))).toBe(false)
  })
})

describe('redaction', () => {
  test('known values and credential-shaped strings are masked', () => {
    const text = `failed for force://A:B:C@host with Authorization: Bearer abc.defghi token ${ACCESS_TOKEN} ` +
      `body refresh_token=${encodeURIComponent(REFRESH_TOKEN + '!')}&x=1 assertion eyJhbGciOi.eyJpc3MiOiIz.c2lnbmF0dXJl secret ${CLIENT_SECRET}`
    const out = redact(text, [CLIENT_SECRET, REFRESH_TOKEN + '!'])
    for (const s of ['A:B:C', 'abc.defghi', ACCESS_TOKEN, REFRESH_TOKEN, 'eyJhbGciOi', CLIENT_SECRET]) expect(out).not.toContain(s)
    expect(out).toContain('force://***')
  })

  test('OrgError is one redacted line with no stack frames', () => {
    const err = new OrgError('api', `line one\n  at something (${CLIENT_SECRET})`, [CLIENT_SECRET])
    expect(err.message).toBe('line one at something (***)')
    expect(err.stack).toBe('OrgError: line one at something (***)')
  })
})
