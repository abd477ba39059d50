/**
 * Reads, once and up front, everything the rules may ask the live org about the components a change touches,
 * then answers from memory (the rules call OrgFacts and AccessView synchronously).
 *
 * Requests, all GET: one describeGlobal; one describe per touched object that exists in the org; for the
 * integration user: User, PermissionSetAssignment (with its permission sets' system permissions),
 * PermissionSetGroupComponent (only when groups are assigned), ObjectPermissions and FieldPermissions for the
 * touched objects and fields (IN lists chunked so each SOQL stays under MAX_SOQL_LENGTH), and
 * UserPackageLicense / PackageLicense for the touched namespaces.
 *
 * How grants are read: the user's permission sets are the PermissionSetAssignment rows, which include the
 * profile's own permission set (IsOwnedByProfile) and, for an assigned permission set group, the group's
 * aggregate permission set (its permissions after muting). Grants are taken from those; the group's component
 * permission sets are read only to name which one grants, so a muted permission never counts.
 */
import type { FieldModel } from '../types.js'
import type { AccessAnswer, AccessView, OrgFacts, RevokedAccess } from '../rules/context.js'
import { connect, authMethod } from './auth.js'
import type { OrgClient } from './client.js'
import { orgSecrets, type OrgOptions } from './options.js'
import { OrgError, Redactor } from './redact.js'

export const MAX_SOQL_LENGTH = 10_000

export interface TouchedComponents {
  /** Object API names, e.g. `Account`, `ns__Thing__c`. Described when they exist in the org. */
  objects: string[]
  /** `Object.Field` names. */
  fields: string[]
  /** Managed-package namespaces whose licence matters. */
  namespaces: string[]
}

export interface OrgLog {
  info(message: string): void
  warning(message: string): void
}

export interface OrgLoadResult {
  facts?: OrgFacts
  access?: AccessView
  /** Warning lines (already passed to log.warning): when the org could not be used, or only in part. */
  warnings: string[]
  apiCalls: number
}

type Row = Record<string, unknown>

const lower = (s: string) => s.toLowerCase()
const uniqueBy = (values: Iterable<string>) => {
  const seen = new Map<string, string>()
  for (const v of values) if (v && !seen.has(lower(v))) seen.set(lower(v), v)
  return [...seen.values()]
}
const soqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const bool = (v: unknown) => v === true

/** Splits `values` into queries `head + (v1,v2,…)`, each at most `max` characters long. */
export function chunkedIn(head: string, values: string[], max = MAX_SOQL_LENGTH): string[] {
  const out: string[] = []
  let list: string[] = []
  let length = head.length + 2
  const flush = () => {
    if (list.length) out.push(`${head}(${list.join(',')})`)
    list = []
    length = head.length + 2
  }
  for (const value of values.map(soqlString)) {
    if (head.length + 2 + value.length > max) throw new OrgError('api', `a SOQL query would exceed ${max} characters`)
    if (list.length && length + 1 + value.length > max) flush()
    length += (list.length ? 1 : 0) + value.length
    list.push(value)
  }
  flush()
  return out
}

// ---------------------------------------------------------------------------------------------
// facts

class LoadedFacts implements OrgFacts {
  constructor(
    private readonly global: Map<string, { name: string; queryable: boolean }>,
    private readonly fields: Map<string, Set<string>>,
    private readonly licences: Map<string, boolean | undefined>,
    private readonly calls: () => number
  ) {}

  objectFields(object: string): Set<string> | undefined {
    return this.fields.get(lower(object))
  }

  queryable(object: string): boolean | undefined {
    return this.global.get(lower(object))?.queryable ?? false
  }

  hasPackageLicense(namespace: string): boolean | undefined {
    return this.licences.get(lower(namespace))
  }

  get apiCalls(): number {
    return this.calls()
  }
}

interface Described {
  fields: Map<string, Set<string>>
  /** object → field → permissionable, for the fields of described objects. */
  permissionable: Map<string, Map<string, boolean>>
}

/** Describes in parallel, a few at a time. */
const DESCRIBE_CONCURRENCY = 4

async function describeTouched(client: OrgClient, objects: string[], global: Map<string, { name: string }>, log: OrgLog): Promise<Described> {
  const names = objects.flatMap(o => global.get(lower(o))?.name ?? [])
  const results: (Awaited<ReturnType<OrgClient['describe']>> | OrgError)[] = new Array(names.length)
  let next = 0
  const worker = async () => {
    while (next < names.length) {
      const i = next++
      try {
        results[i] = await client.describe(names[i]!)
      } catch (err) {
        // one object that cannot be described (404, no access) loses only its own answers
        if (err instanceof OrgError && err.kind === 'api') results[i] = err
        else throw err
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(DESCRIBE_CONCURRENCY, names.length) }, worker))

  const fields = new Map<string, Set<string>>()
  const permissionable = new Map<string, Map<string, boolean>>()
  names.forEach((name, i) => {
    const d = results[i]!
    if (d instanceof OrgError) {
      log.info(`org: ${d.message}; its system fields are not checked against the org`)
      return
    }
    fields.set(lower(name), new Set(d.fields.map(f => f.name)))
    permissionable.set(lower(name), new Map(d.fields.map(f => [lower(f.name), f.permissionable !== false])))
  })
  return { fields, permissionable }
}

// ---------------------------------------------------------------------------------------------
// access

interface Grantor {
  id: string
  /** `permission set X`, `profile Y`, `permission set group Z` */
  label: string
  rank: number
  groupId?: string
  viewEncryptedData: boolean
  viewAllData: boolean
  modifyAllData: boolean
}

interface ObjectGrant {
  read: boolean
  viewAllRecords: boolean
  modifyAllRecords: boolean
  viewAllFields: boolean
}

const OBJECT_FLAGS: [keyof ObjectGrant, string][] = [
  ['read', 'objectPermissions.allowRead'],
  ['viewAllRecords', 'objectPermissions.viewAllRecords'],
  ['modifyAllRecords', 'objectPermissions.modifyAllRecords']
]

interface AccessData {
  username: string
  profileName?: string
  grantors: Grantor[]
  /** group id → its component permission sets (for naming) */
  components: Map<string, { id: string; name: string; viewEncryptedData: boolean }[]>
  /** parent id → object → grant */
  objectRows: Map<string, Map<string, ObjectGrant>>
  /** parent id → set of readable fields (`object.field`, lower case) */
  fieldRows: Map<string, Set<string>>
  askedObjects: Set<string>
  askedFields: Set<string>
  permissionable: Map<string, Map<string, boolean>>
  /** Custom settings: their access (customSettingAccesses) is not in ObjectPermissions, so the org cannot tell. */
  customSettings: Set<string>
}

class OrgAccessView implements AccessView {
  readonly known = true

  constructor(private readonly d: AccessData) {}

  describe(): string {
    const sets = this.d.grantors.filter(g => g.rank === 0).map(g => g.label.replace(/^permission set /, ''))
    const groups = this.d.grantors.filter(g => g.rank === 1).map(g => g.label.replace(/^permission set group /, ''))
    const parts = [
      this.d.profileName ? `profile ${this.d.profileName}` : undefined,
      sets.length ? `permission sets ${sets.join(', ')}` : undefined,
      groups.length ? `permission set groups ${groups.join(', ')}` : undefined
    ].filter(Boolean)
    return `org user ${this.d.username}${parts.length ? `: ${parts.join('; ')}` : ' (no permission sets)'}`
  }

  /** Names who grants: a group's component permission set when one of them holds the same grant. */
  private name(grantor: Grantor, holds: (parentId: string) => boolean, what: string): string {
    if (grantor.groupId) {
      const component = this.d.components.get(grantor.groupId)?.find(c => holds(c.id))
      if (component) return `permission set ${component.name} (in group ${grantor.label.replace(/^permission set group /, '')}) (${what})`
    }
    return `${grantor.label} (${what})`
  }

  private answer(granted: boolean, via?: string): AccessAnswer {
    return via === undefined ? { granted, source: 'org' } : { granted, source: 'org', via }
  }

  objectRead(object: string): AccessAnswer {
    const key = lower(object)
    if (!this.d.askedObjects.has(key) || this.d.customSettings.has(key)) return { granted: undefined }
    for (const grantor of this.d.grantors) {
      for (const [flag, what] of OBJECT_FLAGS) {
        const holds = (id: string) => this.d.objectRows.get(id)?.get(key)?.[flag] === true
        if (holds(grantor.id)) return this.answer(true, this.name(grantor, holds, what))
      }
    }
    for (const grantor of this.d.grantors) {
      if (grantor.viewAllData) return this.answer(true, `${grantor.label} (userPermissions.ViewAllData)`)
      if (grantor.modifyAllData) return this.answer(true, `${grantor.label} (userPermissions.ModifyAllData)`)
    }
    return this.answer(false)
  }

  fieldRead(field: FieldModel): AccessAnswer {
    const object = lower(field.object)
    const key = `${object}.${lower(field.name)}`
    // fields that cannot carry field permissions are readable whenever their object is
    const exempt = field.required
      ? 'a required field'
      : field.type === 'MasterDetail'
        ? 'a master-detail field'
        : this.d.permissionable.get(object)?.get(lower(field.name)) === false
          ? 'a field without field-level security'
          : undefined
    if (exempt) {
      const objectAnswer = this.objectRead(field.object)
      if (objectAnswer.granted === undefined) return objectAnswer
      return this.answer(objectAnswer.granted, `${exempt}, readable with its object${objectAnswer.via ? `: ${objectAnswer.via}` : ''}`)
    }
    for (const grantor of this.d.grantors) {
      const holds = (id: string) => this.d.fieldRows.get(id)?.has(key) === true
      if (holds(grantor.id)) return this.answer(true, this.name(grantor, holds, 'fieldPermissions.readable'))
    }
    for (const grantor of this.d.grantors) {
      const holds = (id: string) => {
        const grant = this.d.objectRows.get(id)?.get(object)
        return grant?.viewAllFields === true
      }
      if (holds(grantor.id)) return this.answer(true, this.name(grantor, holds, 'objectPermissions.viewAllFields'))
    }
    if (this.d.askedFields.has(key)) return this.answer(false)
    return { granted: undefined }
  }

  viewEncryptedData(): AccessAnswer {
    for (const grantor of this.d.grantors) {
      if (!grantor.viewEncryptedData) continue
      const component = grantor.groupId ? this.d.components.get(grantor.groupId)?.find(c => c.viewEncryptedData) : undefined
      const holds = (id: string) => component?.id === id
      return this.answer(true, component ? this.name(grantor, holds, 'userPermissions.ViewEncryptedData') : `${grantor.label} (userPermissions.ViewEncryptedData)`)
    }
    return this.answer(false)
  }

  revoked(): RevokedAccess[] {
    return []
  }

  grantTarget(): { kind: 'PermissionSet' | 'Profile'; name: string } | undefined {
    const set = this.d.grantors.find(g => g.rank === 0)
    if (set) return { kind: 'PermissionSet', name: set.label.replace(/^permission set /, '') }
    return this.d.profileName ? { kind: 'Profile', name: this.d.profileName } : undefined
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
const rel = (row: Row, name: string): Row => (row[name] && typeof row[name] === 'object' ? (row[name] as Row) : {})

async function readAccess(
  client: OrgClient,
  username: string,
  touched: { objects: string[]; fields: string[] },
  permissionable: Map<string, Map<string, boolean>>,
  customSettings: Set<string>
): Promise<{ data: AccessData; userId: string }> {
  const users = await client.query<Row>(
    `SELECT Id, Username, ProfileId, Profile.Name FROM User WHERE Username = ${soqlString(username)} LIMIT 1`,
    'User'
  )
  const user = users[0]
  if (!user) throw new OrgError('api', `integration user ${username} was not found in the org`)
  const userId = str(user.Id)!
  const profileName = str(rel(user, 'Profile').Name)

  const assignments = await client.query<Row>(
    'SELECT PermissionSetId, PermissionSetGroupId, PermissionSetGroup.DeveloperName, PermissionSet.Name, ' +
      'PermissionSet.IsOwnedByProfile, PermissionSet.PermissionsViewEncryptedData, PermissionSet.PermissionsViewAllData, ' +
      `PermissionSet.PermissionsModifyAllData FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)}`,
    'PermissionSetAssignment'
  )
  const grantors: Grantor[] = []
  for (const row of assignments) {
    const ps = rel(row, 'PermissionSet')
    const groupId = str(row.PermissionSetGroupId)
    const [label, rank] = groupId
      ? [`permission set group ${str(rel(row, 'PermissionSetGroup').DeveloperName) ?? groupId}`, 1]
      : bool(ps.IsOwnedByProfile)
        ? [`profile ${profileName ?? str(ps.Name)}`, 2]
        : [`permission set ${str(ps.Name)}`, 0]
    grantors.push({
      id: str(row.PermissionSetId)!,
      label,
      rank,
      groupId,
      viewEncryptedData: bool(ps.PermissionsViewEncryptedData),
      viewAllData: bool(ps.PermissionsViewAllData),
      modifyAllData: bool(ps.PermissionsModifyAllData)
    })
  }
  // deterministic order: permission sets, then groups, then the profile; by name within each
  grantors.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label))

  const components = new Map<string, { id: string; name: string; viewEncryptedData: boolean }[]>()
  const groupIds = uniqueBy(grantors.flatMap(g => (g.groupId ? [g.groupId] : [])))
  if (groupIds.length) {
    const head =
      'SELECT PermissionSetGroupId, PermissionSetId, PermissionSet.Name, PermissionSet.PermissionsViewEncryptedData ' +
      'FROM PermissionSetGroupComponent WHERE PermissionSetGroupId IN '
    for (const soql of chunkedIn(head, groupIds)) {
      for (const row of await client.query<Row>(soql, 'PermissionSetGroupComponent')) {
        const id = str(row.PermissionSetId)
        // muting permission sets (0QM…) take permissions away; they never name a grant
        if (!id || !id.startsWith('0PS')) continue
        const ps = rel(row, 'PermissionSet')
        const list = components.get(str(row.PermissionSetGroupId)!) ?? []
        list.push({ id, name: str(ps.Name) ?? id, viewEncryptedData: bool(ps.PermissionsViewEncryptedData) })
        components.set(str(row.PermissionSetGroupId)!, list)
      }
    }
    for (const list of components.values()) list.sort((a, b) => a.name.localeCompare(b.name))
  }

  const parentIds = uniqueBy([...grantors.map(g => g.id), ...[...components.values()].flat().map(c => c.id)])
  const fieldNames = uniqueBy(touched.fields)
  const objectNames = uniqueBy([...touched.objects, ...fieldNames.map(f => f.split('.')[0]!)])
  const parentIn = parentIds.map(soqlString).join(',')

  const objectRows = new Map<string, Map<string, ObjectGrant>>()
  if (parentIds.length && objectNames.length) {
    let withViewAllFields = true
    const select = () =>
      'SELECT ParentId, SobjectType, PermissionsRead, PermissionsViewAllRecords, PermissionsModifyAllRecords' +
      `${withViewAllFields ? ', PermissionsViewAllFields' : ''} FROM ObjectPermissions ` +
      `WHERE ParentId IN (${parentIn}) AND SobjectType IN `
    const run = async (): Promise<Row[]> => {
      const rows: Row[] = []
      for (const soql of chunkedIn(select(), objectNames)) rows.push(...(await client.query<Row>(soql, 'ObjectPermissions')))
      return rows
    }
    let rows: Row[]
    try {
      rows = await run()
    } catch (err) {
      // orgs (or API versions) without the View All Fields object permission
      if (!(err instanceof OrgError && err.kind === 'api' && /PermissionsViewAllFields/.test(err.message))) throw err
      withViewAllFields = false
      rows = await run()
    }
    for (const row of rows) {
      const parent = str(row.ParentId)!
      const map = objectRows.get(parent) ?? new Map<string, ObjectGrant>()
      map.set(lower(str(row.SobjectType) ?? ''), {
        read: bool(row.PermissionsRead),
        viewAllRecords: bool(row.PermissionsViewAllRecords),
        modifyAllRecords: bool(row.PermissionsModifyAllRecords),
        viewAllFields: bool(row.PermissionsViewAllFields)
      })
      objectRows.set(parent, map)
    }
  }

  const fieldRows = new Map<string, Set<string>>()
  if (parentIds.length && fieldNames.length) {
    const head = `SELECT ParentId, Field, PermissionsRead FROM FieldPermissions WHERE ParentId IN (${parentIn}) AND Field IN `
    for (const soql of chunkedIn(head, fieldNames)) {
      for (const row of await client.query<Row>(soql, 'FieldPermissions')) {
        if (!bool(row.PermissionsRead)) continue
        const parent = str(row.ParentId)!
        const set = fieldRows.get(parent) ?? new Set<string>()
        set.add(lower(str(row.Field) ?? ''))
        fieldRows.set(parent, set)
      }
    }
  }

  return {
    userId,
    data: {
      username: str(user.Username) ?? username,
      profileName,
      grantors,
      components,
      objectRows,
      fieldRows,
      askedObjects: new Set(objectNames.map(lower)),
      askedFields: new Set(fieldNames.map(lower)),
      permissionable,
      customSettings
    }
  }
}

/**
 * Licence answers per namespace: true when the user holds a UserPackageLicense or the package is licensed
 * site-wide (AllowedLicenses = -1), false when the package is licensed per user and the user has none,
 * undefined when the org has no licence-managed package with that namespace.
 */
async function readLicences(client: OrgClient, userId: string, namespaces: string[]): Promise<Map<string, boolean | undefined>> {
  const out = new Map<string, boolean | undefined>()
  if (!namespaces.length) return out
  const held = new Set<string>()
  const userHead = `SELECT PackageLicense.NamespacePrefix FROM UserPackageLicense WHERE UserId = ${soqlString(userId)} AND PackageLicense.NamespacePrefix IN `
  for (const soql of chunkedIn(userHead, namespaces)) {
    for (const row of await client.query<Row>(soql, 'UserPackageLicense')) {
      const ns = str(rel(row, 'PackageLicense').NamespacePrefix)
      if (ns) held.add(lower(ns))
    }
  }
  const rest = namespaces.filter(ns => !held.has(lower(ns)))
  for (const ns of namespaces) out.set(lower(ns), held.has(lower(ns)) ? true : undefined)
  if (rest.length) {
    for (const soql of chunkedIn('SELECT NamespacePrefix, AllowedLicenses FROM PackageLicense WHERE NamespacePrefix IN ', rest)) {
      for (const row of await client.query<Row>(soql, 'PackageLicense')) {
        const ns = str(row.NamespacePrefix)
        if (ns) out.set(lower(ns), row.AllowedLicenses === -1)
      }
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// entry point

function asOrgError(err: unknown, redactor: Redactor): OrgError {
  if (err instanceof OrgError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new OrgError('api', `unexpected answer from the org: ${redactor.redact(message)}`)
}

/**
 * Logs in (when credentials are configured), reads the org facts and the integration user's access for the
 * touched components, and returns them. Never throws unless `options.required` is true (then OrgError).
 * With no credentials it returns `{ warnings: [], apiCalls: 0 }` without a request.
 */
export async function loadOrg(options: OrgOptions, touched: TouchedComponents, log: OrgLog): Promise<OrgLoadResult> {
  const redactor = new Redactor(orgSecrets(options), options.onSecret)
  const warnings: string[] = []
  const info = (m: string) => log.info(redactor.line(m))
  const warn = (m: string) => {
    const line = redactor.line(m)
    warnings.push(line)
    log.warning(line)
  }
  let client: OrgClient | undefined
  const give = (err: unknown): OrgLoadResult => {
    const e = asOrgError(err, redactor)
    if (options.required) throw e
    warn(`Salesforce org not used (${e.message}); reporting repository-only results`)
    return { warnings, apiCalls: client?.apiCalls ?? 0 }
  }

  try {
    if (!authMethod(options)) {
      if (options.required) throw new OrgError('config', 'org-required is true but no Salesforce credentials are configured (sf-auth-url, sf-client-id + sf-username + sf-jwt-key, or sf-instance-url + sf-access-token)')
      return { warnings, apiCalls: 0 }
    }
  } catch (err) {
    return give(err)
  }

  try {
    client = await connect(options, redactor)
    info(`org: logged in with the ${client.method} to ${client.connection.instanceUrl} (API v${options.apiVersion})`)

    const described = await client.describeGlobal()
    const global = new Map(described.sobjects.map(s => [lower(s.name), { name: s.name, queryable: s.queryable }]))
    const customSettings = new Set(described.sobjects.filter(s => s.customSetting).map(s => lower(s.name)))
    const objects = uniqueBy(touched.objects)
    const { fields, permissionable } = await describeTouched(client, objects, global, { info, warning: warn })

    let access: AccessView | undefined
    let licences = new Map<string, boolean | undefined>()
    if (!options.integrationUser) {
      info('org: no integration user configured (integration-user / SF_INTEGRATION_USER): its access and package licences are not read from the org')
    } else {
      try {
        const read = await readAccess(client, options.integrationUser, touched, permissionable, customSettings)
        access = new OrgAccessView(read.data)
        licences = await readLicences(client, read.userId, uniqueBy(touched.namespaces))
        info(`org: ${access.describe()}`)
      } catch (err) {
        const e = asOrgError(err, redactor)
        // a lost connection means no facts at all; a refused query (missing permission) only loses access
        if (options.required || e.kind !== 'api') throw e
        access = undefined
        warn(`could not read the integration user's access from the org (${e.message}); access comes from the repository only`)
      }
    }
    const counted = client
    const facts = new LoadedFacts(global, fields, licences, () => counted.apiCalls)
    info(`org: ${client.apiCalls} API call${client.apiCalls === 1 ? '' : 's'}`)
    return { facts, access, warnings, apiCalls: client.apiCalls }
  } catch (err) {
    return give(err)
  }
}
