/**
 * A fake Salesforce org over real HTTP on 127.0.0.1, for tests that drive the real jsforce client.
 *
 *   const fake = await startFakeSalesforce({ fixturesDir, auth: { accessToken: 'tok' }, org: { users, permissionSets, … } })
 *   … new Connection({ instanceUrl: fake.url, accessToken: 'tok', version: '64.0' }) …
 *   fake.assertNoWrites(); await fake.close()
 *
 * Serves (any API version `vNN.N`):
 *   GET  /services/data/vNN.N/sobjects                  recorded describeGlobal.json (+ `extraObjects`)
 *   GET  /services/data/vNN.N/sobjects/<Obj>/describe   recorded describe.<Obj>.json (+ `extraObjects`), else 404 NOT_FOUND
 *   GET  /services/data/vNN.N/query?q=<SOQL>            answered from `org` (below); pages of `pageSize` records
 *   GET  /services/data/vNN.N/query/<locator>           the next page (`nextRecordsUrl`)
 *   POST /services/oauth2/token                         refresh_token grant (checks client id/secret/refresh token) and
 *                                                       JWT bearer grant (verifies RS256 with `auth.jwt.publicKey`,
 *                                                       checks iss = clientId, sub = username, aud = audience (default: the
 *                                                       server URL), exp in the next 10 minutes); else 400 invalid_grant
 * Data requests need `Authorization: Bearer <token>` with `auth.accessToken` or a token the endpoint issued (401 otherwise).
 * URLs longer than 16,384 characters get 414, like Salesforce. `echoCredentials` makes error bodies repeat credentials.
 *
 * SOQL: `SELECT a, b.c FROM Obj [WHERE x = 'v' AND y IN ('a','b') AND z = true] [LIMIT n]` over the tables
 * User, PermissionSet, PermissionSetAssignment, PermissionSetGroupComponent, ObjectPermissions, FieldPermissions,
 * PackageLicense, UserPackageLicense, derived from `org`. String comparison ignores case, like SOQL. An unknown
 * column gives 400 INVALID_FIELD; other syntax gives 400 MALFORMED_QUERY (so a client bug cannot pass unnoticed).
 * A permission set group is assigned through its aggregate permission set (the union of its components minus
 * `muted`), as Salesforce does; the profile's own permission set is assigned to each user of the profile.
 *
 * Controls:
 *   failNext(n, 500 | 503 | 401 | 'hang', scope = 'data' | 'token' | 'any' | /path regex/)  the next n matching requests fail that way
 *                               (503 answers an HTML page, 500 a JSON UNKNOWN_EXCEPTION, 'hang' never answers)
 *   expireSessions()            every token issued so far (and auth.accessToken) is rejected with 401 from now on
 *   requests / writes           every request seen / every write attempt (any method but GET, except the token POST,
 *                               and the GET of tooling/executeAnonymous, which runs Apex);
 *                               a write is answered 405 and recorded — call assertNoWrites() in afterEach
 *   dataRequests()              requests other than the token endpoint (what Salesforce counts as API calls)
 *   queries(from?)              SOQL texts received, optionally only those FROM the given object
 *   issuedTokens                access tokens the token endpoint handed out
 *   versions                    API versions seen in /services/data paths
 */
import { createHash, verify, type KeyObject } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// ---------------------------------------------------------------------------------------------
// test data

export interface FakeUser {
  id: string
  username: string
  profileId: string
  profileName: string
}

export interface FakeObjectAccess {
  read?: boolean
  viewAllRecords?: boolean
  modifyAllRecords?: boolean
  viewAllFields?: boolean
}

export interface FakePermissionSet {
  /** `0PS…` */
  id: string
  name: string
  /** Set for a profile's own permission set. */
  profileId?: string
  viewEncryptedData?: boolean
  viewAllData?: boolean
  modifyAllData?: boolean
  objects?: Record<string, FakeObjectAccess>
  /** Readable fields, `Object.Field`. */
  fields?: string[]
}

export interface FakeGroup {
  /** `0PG…` */
  id: string
  name: string
  permissionSetIds: string[]
  /** What a muting permission set in the group takes away. */
  muted?: { objects?: string[]; fields?: string[] }
}

export interface FakeOrg {
  users?: FakeUser[]
  permissionSets?: FakePermissionSet[]
  groups?: FakeGroup[]
  assignments?: { userId: string; permissionSetId?: string; groupId?: string }[]
  packages?: { namespace: string; allowedLicenses: number; licensedUserIds?: string[] }[]
}

export interface FakeAuth {
  /** A token valid from the start (the instance URL + access token flow). */
  accessToken?: string
  clientId?: string
  /** When set, the refresh grant must send it. */
  clientSecret?: string
  refreshToken?: string
  jwt?: { publicKey: KeyObject | string; clientId: string; username: string; audience?: string }
}

export interface FakeOptions {
  /** Directory of the recorded responses (findRecordedFixtures()). */
  fixturesDir: string
  auth?: FakeAuth
  org?: FakeOrg
  /** Objects added to describeGlobal (and served by describe when `describe` is given). */
  extraObjects?: { name: string; queryable?: boolean; customSetting?: boolean; describe?: unknown }[]
  /** Records per query page (default 2000, like Salesforce). */
  pageSize?: number
  /** Simulates an org without the View All Fields object permission: PermissionsViewAllFields is an unknown column. */
  withoutViewAllFields?: boolean
  /**
   * Simulates a careless proxy: injected 500 errors repeat the request's Authorization header and token-endpoint
   * denials repeat the posted form (refresh token, client secret, assertion). For redaction tests.
   */
  echoCredentials?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  status: number
  soql?: string
  version?: string
}

export type FailMode = 500 | 503 | 401 | 'hang'
/** Which requests a failure applies to: data requests, the token endpoint, any, or data requests whose path matches. */
export type FailScope = 'data' | 'token' | 'any' | RegExp

/** The recorded REST responses in ../shared, or undefined when that directory is absent (a fresh clone). */
export function findRecordedFixtures(): string | undefined {
  const candidates = [
    fileURLToPath(new URL('../../../shared/fixtures/salesforce-rest/', import.meta.url)),
    path.resolve(process.cwd(), '../shared/fixtures/salesforce-rest')
  ]
  return candidates.find(dir => existsSync(path.join(dir, 'describeGlobal.json')))
}

// ---------------------------------------------------------------------------------------------
// tables

type Row = Record<string, unknown>
interface Table {
  columns: string[]
  rows: Row[]
}

const OBJECT_PERMISSION_COLUMNS = ['Id', 'ParentId', 'SobjectType', 'PermissionsRead', 'PermissionsCreate', 'PermissionsEdit',
  'PermissionsDelete', 'PermissionsViewAllRecords', 'PermissionsModifyAllRecords', 'PermissionsViewAllFields']

function buildTables(org: FakeOrg, withoutViewAllFields: boolean): Record<string, Table> {
  const sets = [...(org.permissionSets ?? [])]
  const psRow = (ps: FakePermissionSet, extra: Row = {}): Row => ({
    Id: ps.id,
    Name: ps.name,
    Label: ps.name,
    IsOwnedByProfile: Boolean(ps.profileId),
    ProfileId: ps.profileId ?? null,
    PermissionsViewEncryptedData: Boolean(ps.viewEncryptedData),
    PermissionsViewAllData: Boolean(ps.viewAllData),
    PermissionsModifyAllData: Boolean(ps.modifyAllData),
    Type: ps.profileId ? 'Profile' : 'Regular',
    PermissionSetGroupId: null,
    ...extra
  })
  const psRows = new Map<string, Row>(sets.map(ps => [ps.id, psRow(ps)]))

  // a group's aggregate permission set: the union of its components, minus what its muting permission set mutes
  const aggregates = new Map<string, FakePermissionSet>()
  for (const group of org.groups ?? []) {
    const parts = group.permissionSetIds.map(id => sets.find(ps => ps.id === id)).filter((ps): ps is FakePermissionSet => !!ps)
    const objects: Record<string, FakeObjectAccess> = {}
    for (const ps of parts) {
      for (const [name, access] of Object.entries(ps.objects ?? {})) {
        if (group.muted?.objects?.includes(name)) continue
        const merged = (objects[name] ??= {})
        for (const key of Object.keys(access) as (keyof FakeObjectAccess)[]) merged[key] = Boolean(merged[key] || access[key])
      }
    }
    const aggregate: FakePermissionSet = {
      id: `0PSAGG${group.id.slice(3)}`,
      name: `${group.name}_aggregate`,
      viewEncryptedData: parts.some(p => p.viewEncryptedData),
      viewAllData: parts.some(p => p.viewAllData),
      modifyAllData: parts.some(p => p.modifyAllData),
      objects,
      fields: [...new Set(parts.flatMap(p => p.fields ?? []))].filter(f => !group.muted?.fields?.includes(f))
    }
    aggregates.set(group.id, aggregate)
    psRows.set(aggregate.id, psRow(aggregate, { Type: 'Group', PermissionSetGroupId: group.id }))
  }
  const allSets = [...sets, ...aggregates.values()]

  const assignments: Row[] = []
  for (const user of org.users ?? []) {
    for (const ps of sets.filter(s => s.profileId === user.profileId)) {
      assignments.push({ Id: `0PA${assignments.length}`, AssigneeId: user.id, PermissionSetId: ps.id, PermissionSet: psRows.get(ps.id), PermissionSetGroupId: null, PermissionSetGroup: null })
    }
  }
  for (const a of org.assignments ?? []) {
    const group = a.groupId ? org.groups?.find(g => g.id === a.groupId) : undefined
    const psId = group ? aggregates.get(group.id)!.id : a.permissionSetId!
    assignments.push({
      Id: `0PA${assignments.length}`,
      AssigneeId: a.userId,
      PermissionSetId: psId,
      PermissionSet: psRows.get(psId) ?? null,
      PermissionSetGroupId: group?.id ?? null,
      PermissionSetGroup: group ? { DeveloperName: group.name, MasterLabel: group.name } : null
    })
  }

  const components: Row[] = []
  for (const group of org.groups ?? []) {
    for (const id of group.permissionSetIds) {
      components.push({ Id: `0PC${components.length}`, PermissionSetGroupId: group.id, PermissionSetId: id, PermissionSet: psRows.get(id) ?? null })
    }
    if (group.muted) {
      const mutingId = `0QM${group.id.slice(3)}`
      components.push({ Id: `0PC${components.length}`, PermissionSetGroupId: group.id, PermissionSetId: mutingId, PermissionSet: { Name: `${group.name}_muting` } })
    }
  }

  const objectPermissions: Row[] = []
  const fieldPermissions: Row[] = []
  for (const ps of allSets) {
    for (const [object, access] of Object.entries(ps.objects ?? {})) {
      objectPermissions.push({
        Id: `110${objectPermissions.length}`,
        ParentId: ps.id,
        SobjectType: object,
        PermissionsRead: Boolean(access.read || access.viewAllRecords || access.modifyAllRecords),
        PermissionsCreate: false,
        PermissionsEdit: Boolean(access.modifyAllRecords),
        PermissionsDelete: Boolean(access.modifyAllRecords),
        PermissionsViewAllRecords: Boolean(access.viewAllRecords || access.modifyAllRecords),
        PermissionsModifyAllRecords: Boolean(access.modifyAllRecords),
        PermissionsViewAllFields: Boolean(access.viewAllFields)
      })
    }
    for (const field of ps.fields ?? []) {
      fieldPermissions.push({ Id: `01k${fieldPermissions.length}`, ParentId: ps.id, SobjectType: field.split('.')[0], Field: field, PermissionsRead: true, PermissionsEdit: false })
    }
  }

  const packages = (org.packages ?? []).map((p, i) => ({ Id: `050PKG${i}`, NamespacePrefix: p.namespace, AllowedLicenses: p.allowedLicenses, Status: 'Active' }))
  const userLicences: Row[] = []
  for (const [i, p] of (org.packages ?? []).entries()) {
    for (const userId of p.licensedUserIds ?? []) {
      userLicences.push({ Id: `051UPL${userLicences.length}`, UserId: userId, PackageLicenseId: packages[i]!.Id, PackageLicense: packages[i] })
    }
  }

  return {
    User: {
      columns: ['Id', 'Username', 'Name', 'IsActive', 'ProfileId', 'Profile'],
      rows: (org.users ?? []).map(u => ({ Id: u.id, Username: u.username, Name: u.username, IsActive: true, ProfileId: u.profileId, Profile: { Name: u.profileName } }))
    },
    PermissionSet: {
      columns: ['Id', 'Name', 'Label', 'IsOwnedByProfile', 'ProfileId', 'PermissionsViewEncryptedData', 'PermissionsViewAllData',
        'PermissionsModifyAllData', 'Type', 'PermissionSetGroupId'],
      rows: [...psRows.values()]
    },
    PermissionSetAssignment: {
      columns: ['Id', 'AssigneeId', 'PermissionSetId', 'PermissionSet', 'PermissionSetGroupId', 'PermissionSetGroup'],
      rows: assignments
    },
    PermissionSetGroupComponent: { columns: ['Id', 'PermissionSetGroupId', 'PermissionSetId', 'PermissionSet'], rows: components },
    ObjectPermissions: {
      columns: OBJECT_PERMISSION_COLUMNS.filter(c => !(withoutViewAllFields && c === 'PermissionsViewAllFields')),
      rows: objectPermissions
    },
    FieldPermissions: { columns: ['Id', 'ParentId', 'SobjectType', 'Field', 'PermissionsRead', 'PermissionsEdit'], rows: fieldPermissions },
    PackageLicense: { columns: ['Id', 'NamespacePrefix', 'AllowedLicenses', 'Status'], rows: packages },
    UserPackageLicense: { columns: ['Id', 'UserId', 'PackageLicenseId', 'PackageLicense'], rows: userLicences }
  }
}

// ---------------------------------------------------------------------------------------------
// a small SOQL reader

class SoqlError extends Error {
  constructor(readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE', message: string) {
    super(message)
  }
}

type Value = string | number | boolean | null
interface Condition {
  path: string
  values: Value[]
}
interface Query {
  fields: string[]
  from: string
  where: Condition[]
  limit?: number
}

function tokenize(text: string): string[] {
  const tokens: string[] = []
  const re = /\s*(?:('(?:\\.|[^'\\])*')|([A-Za-z_][\w.]*)|(-?\d+)|(,|\(|\)|=))/y
  let pos = 0
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break
    re.lastIndex = pos
    const m = re.exec(text)
    if (!m) throw new SoqlError('MALFORMED_QUERY', `unexpected token at: ${text.slice(pos, pos + 30)}`)
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]!)
    pos = re.lastIndex
  }
  return tokens
}

function literal(token: string | undefined): Value {
  if (token === undefined) throw new SoqlError('MALFORMED_QUERY', 'unexpected end of query')
  if (token.startsWith("'")) return token.slice(1, -1).replace(/\\(.)/g, '$1')
  if (/^-?\d+$/.test(token)) return Number(token)
  if (/^(true|false)$/i.test(token)) return token.toLowerCase() === 'true'
  if (/^null$/i.test(token)) return null
  throw new SoqlError('MALFORMED_QUERY', `unexpected value ${token}`)
}

export function parseSoql(soql: string): Query {
  const t = tokenize(soql)
  let i = 0
  const expect = (word: string) => {
    if (t[i]?.toUpperCase() !== word) throw new SoqlError('MALFORMED_QUERY', `expected ${word} at ${t[i] ?? 'end'}`)
    i++
  }
  expect('SELECT')
  const fields: string[] = []
  for (;;) {
    const f = t[i++]
    if (!f || !/^[A-Za-z_]/.test(f)) throw new SoqlError('MALFORMED_QUERY', 'expected a field')
    fields.push(f)
    if (t[i] !== ',') break
    i++
  }
  expect('FROM')
  const from = t[i++]!
  const where: Condition[] = []
  if (t[i]?.toUpperCase() === 'WHERE') {
    i++
    for (;;) {
      const fieldPath = t[i++]
      if (!fieldPath || !/^[A-Za-z_]/.test(fieldPath)) throw new SoqlError('MALFORMED_QUERY', 'expected a field in WHERE')
      const op = t[i++]?.toUpperCase()
      if (op === '=') where.push({ path: fieldPath, values: [literal(t[i++])] })
      else if (op === 'IN') {
        if (t[i++] !== '(') throw new SoqlError('MALFORMED_QUERY', 'expected ( after IN')
        const values: Value[] = []
        for (;;) {
          values.push(literal(t[i++]))
          const sep = t[i++]
          if (sep === ')') break
          if (sep !== ',') throw new SoqlError('MALFORMED_QUERY', 'expected , or ) in IN list')
        }
        where.push({ path: fieldPath, values })
      } else throw new SoqlError('MALFORMED_QUERY', `unsupported operator ${op}`)
      if (t[i]?.toUpperCase() !== 'AND') break
      i++
    }
  }
  let limit: number | undefined
  if (t[i]?.toUpperCase() === 'LIMIT') {
    i++
    limit = Number(literal(t[i++]))
  }
  if (i !== t.length) throw new SoqlError('MALFORMED_QUERY', `unexpected ${t[i]}`)
  return { fields, from, where, limit }
}

function get(row: Row, fieldPath: string): unknown {
  let value: unknown = row
  for (const part of fieldPath.split('.')) {
    if (value === null || typeof value !== 'object') return null
    const obj = value as Row
    const key = Object.keys(obj).find(k => k.toLowerCase() === part.toLowerCase())
    value = key === undefined ? null : obj[key]
  }
  return value
}

const same = (a: unknown, b: Value) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b

function project(row: Row, fields: string[], type: string): Row {
  const out: Row = { attributes: { type, url: `/services/data/v64.0/sobjects/${type}/${String(row.Id ?? '')}` } }
  for (const f of fields) {
    const parts = f.split('.')
    if (parts.length === 1) {
      out[parts[0]!] = get(row, f) ?? null
      continue
    }
    const relName = parts[0]!
    const related = get(row, relName)
    if (related === null) {
      out[relName] = null
      continue
    }
    const nested = (out[relName] ??= { attributes: { type: relName } }) as Row
    nested[parts.slice(1).join('.')] = get(related as Row, parts.slice(1).join('.')) ?? null
  }
  return out
}

function runQuery(tables: Record<string, Table>, soql: string): { type: string; records: Row[] } {
  const q = parseSoql(soql)
  const type = Object.keys(tables).find(k => k.toLowerCase() === q.from.toLowerCase())
  if (!type) throw new SoqlError('INVALID_TYPE', `sObject type '${q.from}' is not supported.`)
  const table = tables[type]!
  const known = (p: string) => table.columns.some(c => c.toLowerCase() === p.split('.')[0]!.toLowerCase())
  for (const p of [...q.fields, ...q.where.map(w => w.path)]) {
    if (!known(p)) throw new SoqlError('INVALID_FIELD', `No such column '${p}' on entity '${type}'.`)
  }
  let rows = table.rows.filter(row => q.where.every(c => c.values.some(v => same(get(row, c.path), v))))
  if (q.limit !== undefined) rows = rows.slice(0, q.limit)
  return { type, records: rows.map(r => project(r, q.fields, type)) }
}

// ---------------------------------------------------------------------------------------------
// the server

export interface FakeSalesforce {
  readonly url: string
  readonly requests: RecordedRequest[]
  readonly writes: RecordedRequest[]
  readonly issuedTokens: string[]
  readonly versions: Set<string>
  failNext(count: number, mode: FailMode, scope?: FailScope): void
  expireSessions(): void
  dataRequests(): RecordedRequest[]
  queries(from?: string): string[]
  assertNoWrites(): void
  close(): Promise<void>
}

const MAX_URL = 16_384
const TOKEN_PATH = '/services/oauth2/token'

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startFakeSalesforce(options: FakeOptions): Promise<FakeSalesforce> {
  const dir = options.fixturesDir
  const files = new Map(readdirSync(dir).map(f => [f.toLowerCase(), path.join(dir, f)]))
  const global = JSON.parse(readFileSync(files.get('describeglobal.json')!, 'utf8')) as { sobjects: Row[] }
  for (const extra of options.extraObjects ?? []) {
    global.sobjects.push({ name: extra.name, queryable: extra.queryable ?? true, customSetting: Boolean(extra.customSetting), custom: extra.name.endsWith('__c'), label: extra.name })
  }
  const tables = buildTables(options.org ?? {}, Boolean(options.withoutViewAllFields))
  const pageSize = options.pageSize ?? 2000
  const auth = options.auth ?? {}

  const requests: RecordedRequest[] = []
  const writes: RecordedRequest[] = []
  const issuedTokens: string[] = []
  const versions = new Set<string>()
  const valid = new Set<string>(auth.accessToken ? [auth.accessToken] : [])
  const cursors = new Map<string, { type: string; records: Row[]; version: string }>()
  const failures: { mode: FailMode; scope: FailScope }[] = []
  const hanging = new Set<ServerResponse>()
  let cursorSeq = 0
  let base = ''

  const issue = (): string => {
    const n = issuedTokens.length + 1
    const token = `FAKE.session.${n}.${createHash('sha256').update(`fake-salesforce-${n}`).digest('hex').slice(0, 32)}`
    issuedTokens.push(token)
    valid.add(token)
    return token
  }

  const send = (res: ServerResponse, record: RecordedRequest, status: number, body: unknown) => {
    record.status = status
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json;charset=UTF-8' })
    res.end(text)
  }

  const page = (res: ServerResponse, record: RecordedRequest, version: string, type: string, all: Row[], offset: number, cursor?: string) => {
    const records = all.slice(offset, offset + pageSize)
    const done = offset + pageSize >= all.length
    let id = cursor
    if (!done && !id) {
      id = `01gFAKE${++cursorSeq}`
      cursors.set(id, { type, records: all, version })
    }
    send(res, record, 200, {
      totalSize: all.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${id}-${offset + pageSize}` }),
      records
    })
  }

  const tokenGrant = (res: ServerResponse, record: RecordedRequest, body: string) => {
    const p = new URLSearchParams(body)
    const deny = (description: string, error = 'invalid_grant') =>
      send(res, record, 400, { error, error_description: options.echoCredentials ? `${description} for ${body}` : description })
    const grant = p.get('grant_type')
    if (grant === 'refresh_token') {
      if (!auth.refreshToken || p.get('client_id') !== (auth.clientId ?? 'PlatformCLI')) return deny('invalid client credentials', 'invalid_client_id')
      if (auth.clientSecret !== undefined && p.get('client_secret') !== auth.clientSecret) return deny('invalid client credentials', 'invalid_client')
      if (p.get('refresh_token') !== auth.refreshToken) return deny('expired access/refresh token')
    } else if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const jwt = auth.jwt
      const parts = (p.get('assertion') ?? '').split('.')
      if (!jwt || parts.length !== 3) return deny('invalid assertion')
      const [h, c, s] = parts as [string, string, string]
      let header: Row
      let claims: Row
      try {
        header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Row
        claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Row
      } catch {
        return deny('invalid assertion')
      }
      if (header.alg !== 'RS256') return deny('invalid assertion')
      if (!verify('RSA-SHA256', Buffer.from(`${h}.${c}`), jwt.publicKey, Buffer.from(s, 'base64url'))) return deny('invalid assertion')
      if (claims.iss !== jwt.clientId) return deny('invalid client credentials', 'invalid_client_id')
      if (claims.aud !== (jwt.audience ?? base)) return deny('audience is invalid')
      if (claims.sub !== jwt.username) return deny("user hasn't approved this consumer")
      const now = Date.now() / 1000
      if (typeof claims.exp !== 'number' || claims.exp < now || claims.exp > now + 600) return deny('expired authorization code')
    } else {
      return deny(`unsupported grant type ${grant ?? ''}`, 'unsupported_grant_type')
    }
    const token = issue()
    send(res, record, 200, {
      access_token: token,
      instance_url: base,
      id: `${base}/id/00DFAKE000000001/005FAKE000000001`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      signature: 'fake',
      scope: 'api refresh_token'
    })
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawUrl = req.url ?? '/'
    const url = new URL(rawUrl, base)
    const method = (req.method ?? 'GET').toUpperCase()
    const record: RecordedRequest = { method, path: url.pathname, status: 0 }
    requests.push(record)
    const body = await readBody(req)
    const isToken = url.pathname === TOKEN_PATH
    // executeAnonymous runs Apex (and so DML) although it is a GET
    if (!(method === 'GET' || (isToken && method === 'POST')) || /\/executeAnonymous\b/i.test(url.pathname)) {
      writes.push(record)
      return send(res, record, 405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: `the fake org refuses ${method}: tests must not write` }])
    }
    const failure = failures.findIndex(f =>
      f.scope instanceof RegExp ? !isToken && f.scope.test(url.pathname) : f.scope === 'any' || (f.scope === 'token') === isToken
    )
    if (failure >= 0) {
      const { mode } = failures.splice(failure, 1)[0]!
      if (mode === 'hang') {
        record.status = -1
        hanging.add(res)
        res.on('close', () => hanging.delete(res))
        return
      }
      if (mode === 401) return send(res, record, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])
      const echo = options.echoCredentials ? ` (request had Authorization: ${req.headers.authorization ?? 'none'})` : ''
      return send(res, record, mode, mode === 503 ? '<html><body>Service Unavailable</body></html>' : [{ message: `An unexpected error occurred.${echo}`, errorCode: 'UNKNOWN_EXCEPTION' }])
    }
    if (isToken) return tokenGrant(res, record, body)
    if (rawUrl.length > MAX_URL) return send(res, record, 414, [{ errorCode: 'URI_TOO_LONG', message: 'URI Too Long' }])

    const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname)
    if (!m) return send(res, record, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
    const version = m[1]!
    const rest = m[2] ?? ''
    record.version = version
    versions.add(version)
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (!bearer || !valid.has(bearer)) return send(res, record, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])

    if (rest === '/sobjects') return send(res, record, 200, global)
    const describe = /^\/sobjects\/([^/]+)\/describe$/.exec(rest)
    if (describe) {
      const name = decodeURIComponent(describe[1]!)
      const extra = options.extraObjects?.find(o => o.name.toLowerCase() === name.toLowerCase() && o.describe)
      if (extra) return send(res, record, 200, extra.describe)
      const file = files.get(`describe.${name.toLowerCase()}.json`)
      if (file) return send(res, record, 200, JSON.parse(readFileSync(file, 'utf8')))
      return send(res, record, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
    }
    if (rest === '/query') {
      const soql = url.searchParams.get('q') ?? ''
      record.soql = soql
      try {
        const { type, records } = runQuery(tables, soql)
        return page(res, record, version, type, records, 0)
      } catch (err) {
        if (err instanceof SoqlError) return send(res, record, 400, [{ errorCode: err.errorCode, message: err.message }])
        throw err
      }
    }
    const more = /^\/query\/(01gFAKE\d+)-(\d+)$/.exec(rest)
    if (more && cursors.has(more[1]!)) {
      const cursor = cursors.get(more[1]!)!
      return page(res, record, version, cursor.type, cursor.records, Number(more[2]), more[1])
    }
    return send(res, record, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(err => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify([{ errorCode: 'FAKE_SERVER_BUG', message: String(err) }]))
      }
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    requests,
    writes,
    issuedTokens,
    versions,
    failNext(count, mode, scope = 'data') {
      for (let i = 0; i < count; i++) failures.push({ mode, scope })
    },
    expireSessions() {
      valid.clear()
    },
    dataRequests: () => requests.filter(r => r.path !== TOKEN_PATH),
    queries: from => requests.flatMap(r => (r.soql && (!from || parseSoql(r.soql).from.toLowerCase() === from.toLowerCase()) ? [r.soql] : [])),
    assertNoWrites() {
      if (writes.length) throw new Error(`the fake org received ${writes.length} write request(s): ${writes.map(w => `${w.method} ${w.path}`).join(', ')}`)
    },
    close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      return new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
