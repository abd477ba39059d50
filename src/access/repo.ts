/**
 * The integration user's access as the repository shows it (head commit), compared with the base commit to tell
 * grants made by the pull request and grants it takes away.
 */
import type { AccessAnswer, AccessView, RevokedAccess } from '../rules/context.js'
import { UNKNOWN_ACCESS } from '../rules/context.js'
import type { ContentSource, FieldModel, FileChange, MetadataDelta, ProjectInfo } from '../types.js'
import type { IntegrationUserConfig } from '../config/types.js'
import type { GrantTarget } from './messages.js'
import { PermissionCatalog } from './permissions.js'
import type { PermissionDoc, PermissionKind, PermissionRef } from './permissions.js'
import { projectRegistry } from './sdr.js'
import { scanXml, childText, stripNamespaceTokens } from './xml.js'
import type { XmlElement } from './xml.js'

export interface BuildRepoAccessArgs {
  /** `Config['integrationUser']`. */
  config: IntegrationUserConfig
  head: ContentSource
  base?: ContentSource
  project: ProjectInfo
  delta: MetadataDelta
  /** One-line warnings (configured names not found in the repository, unreadable permission files). */
  warn(msg: string): void
}

/** One permission component that applies to the integration user. */
interface Source {
  label: string
  doc: PermissionDoc
  /** Muting permission sets of the group this set came through. */
  muting: PermissionDoc[]
}

interface UserModel {
  sources: Source[]
  /** Labels of configured components that could not be found or read: negative answers become "cannot tell". */
  missing: string[]
  /** Every file of every component used (for "did the change touch the integration user's permissions"). */
  files: Set<string>
  target?: GrantTarget
  catalog: PermissionCatalog
}

interface Grant {
  via: string
  file: string
}

const OBJECT_READ_FLAGS = ['allowRead', 'viewAllRecords', 'modifyAllRecords'] as const
const OBJECT_USER_PERMISSIONS = ['ViewAllData', 'ModifyAllData']
const SETTING_USER_PERMISSIONS = ['ViewAllCustomSettings', 'ModifyAllCustomSettings', 'ViewAllData', 'ModifyAllData']

export function integrationUserConfigured(config: IntegrationUserConfig | undefined): boolean {
  return Boolean(config && (config.permissionSets.length || config.permissionSetGroups.length || config.profile))
}

/**
 * Builds the repository's view of the integration user's access. Reads sfdx-project.json, lists the head (and,
 * when the change touches permission files, the base) and reads only the permission files of the configured
 * permission sets, groups (with their members and muting sets) and profile.
 * Returns UNKNOWN_ACCESS when nothing is configured.
 */
export async function buildRepoAccess(args: BuildRepoAccessArgs): Promise<AccessView> {
  const { config, head, base, project, delta, warn } = args
  if (!integrationUserConfigured(config)) return UNKNOWN_ACCESS
  const registry = await projectRegistry(head, warn)
  const headCatalog = await PermissionCatalog.build(head, registry, project.packageDirectories)
  const headModel = await userModel(headCatalog, config, project, warn)

  let baseModel: UserModel | undefined
  let relevant: FileChange[] = []
  if (base && delta.permissionFiles.length) {
    const baseRegistry = await projectRegistry(base)
    const baseCatalog = await PermissionCatalog.build(base, baseRegistry, project.packageDirectories)
    const candidate = await userModel(baseCatalog, config, project, () => {})
    relevant = delta.permissionFiles
      .filter((f) => headModel.files.has(f.path) || candidate.files.has(f.path) || (f.previousPath !== undefined && candidate.files.has(f.previousPath)))
      .sort((a, b) => cmp(a.path, b.path))
    if (relevant.length) baseModel = candidate
  }
  const view = new RepoAccess(headModel, baseModel, delta)
  if (baseModel) await view.computeRevoked(relevant)
  return view
}

async function userModel(catalog: PermissionCatalog, config: IntegrationUserConfig, project: ProjectInfo, warn: (m: string) => void): Promise<UserModel> {
  const model: UserModel = { sources: [], missing: [], files: new Set(), catalog }
  const where = project.packageDirectories.includes('') ? 'the repository' : `the package directories (${project.packageDirectories.join(', ')})`
  const load = async (kind: PermissionKind, name: string, label: string, configKey: string, muting = false): Promise<PermissionDoc | undefined> => {
    const consequence = muting ? 'what it mutes is not taken into account' : 'access it grants cannot be checked from the repository'
    const refs = catalog.find(kind, name)
    if (!refs.length) {
      warn(`${label} (${configKey}) was not found in ${where}; ${consequence}`)
      if (!muting) model.missing.push(label)
      return undefined
    }
    if (refs.length > 1) warn(`${label} is defined ${refs.length} times (${refs.map((r) => r.xml).join(', ')}); using ${refs[0]!.xml}`)
    const stray = refs[0]!.strayParts
    if (stray.length) {
      warn(
        `${label}: ${stray.length} file(s) in its folder (${stray[0]}${stray.length > 1 ? ', …' : ''}) are not part of it for SDR; if they are decomposed permissions, ` +
          `add "sourceBehaviorOptions": ["decomposePermissionSetBeta2"] (or "decomposePermissionSetBeta") to sfdx-project.json; ${consequence}`
      )
      if (!muting) model.missing.push(label)
      return undefined
    }
    const doc = await catalog.load(refs[0]!)
    if (typeof doc === 'string') {
      warn(`${label}: ${doc}; ${consequence}`)
      if (!muting) model.missing.push(label)
      return undefined
    }
    for (const f of doc.ref.files) model.files.add(f)
    return doc
  }
  for (const name of config.permissionSets) {
    const doc = await load('PermissionSet', name, `permission set ${name}`, 'integration-user.permission-sets')
    if (doc) {
      model.sources.push({ label: `permission set ${doc.ref.name}`, doc, muting: [] })
      model.target ??= targetOf(doc.ref)
    }
  }
  for (const name of config.permissionSetGroups) {
    const group = await load('PermissionSetGroup', name, `permission set group ${name}`, 'integration-user.permission-set-groups')
    if (!group) continue
    const muting: PermissionDoc[] = []
    for (const m of group.muting) {
      const doc = await load('MutingPermissionSet', m, `muting permission set ${m} (in group ${group.ref.name})`, 'integration-user.permission-set-groups', true)
      if (doc) muting.push(doc)
    }
    for (const m of group.members) {
      const doc = await load('PermissionSet', m, `permission set ${m} (in group ${group.ref.name})`, 'integration-user.permission-set-groups')
      if (!doc) continue
      model.sources.push({ label: `permission set ${doc.ref.name} (in group ${group.ref.name})`, doc, muting })
      model.target ??= targetOf(doc.ref)
    }
  }
  if (config.profile) {
    const doc = await load('Profile', config.profile, `profile ${config.profile}`, 'integration-user.profile')
    if (doc) model.sources.push({ label: `profile ${doc.ref.name}`, doc, muting: [] })
    model.target ??= doc ? targetOf(doc.ref) : undefined
  }
  if (!model.target) {
    if (config.permissionSets[0]) model.target = { kind: 'PermissionSet', name: config.permissionSets[0] }
    else if (config.profile) model.target = { kind: 'Profile', name: config.profile }
  }
  return model
}

function targetOf(ref: PermissionRef): GrantTarget {
  return { kind: ref.kind === 'Profile' ? 'Profile' : 'PermissionSet', name: ref.name, file: ref.xml }
}

class RepoAccess implements AccessView {
  readonly known = true
  private revokedList: RevokedAccess[] = []
  private readonly customSettings = new Set<string>()
  private readonly deletedObjects = new Set<string>()
  private readonly deletedFields = new Set<string>()
  private readonly exemptFields = new Set<string>()

  constructor(
    private readonly head: UserModel,
    private readonly base: UserModel | undefined,
    delta: MetadataDelta
  ) {
    for (const c of delta.objects) {
      const m = c.after ?? c.before
      if (c.kind === 'deleted' && c.before) this.deletedObjects.add(c.before.name.toLowerCase())
      if (m?.customSettingsType) this.customSettings.add(m.name.toLowerCase())
    }
    for (const name of delta.customSettings ?? []) this.customSettings.add(name)
    for (const c of delta.fields) {
      if (c.kind === 'deleted' && c.before) this.deletedFields.add(c.before.fullName.toLowerCase())
      if (c.after && (c.after.required || c.after.type === 'MasterDetail')) this.exemptFields.add(c.after.fullName.toLowerCase())
    }
  }

  /** One short line (it goes into every access finding): long lists are cut to the first few names. */
  describe(): string {
    this.description ??= (() => {
      const used = this.head.sources.map((s) => s.label)
      const list = used.length > 4 ? `${used.slice(0, 3).join('; ')} and ${used.length - 3} more` : used.join('; ')
      const missing = this.head.missing.length ? `; not found in the repository: ${this.head.missing.join(', ')}` : ''
      return `${used.length ? list : 'no permission files found'}${missing}`
    })()
    return this.description
  }

  private description: string | undefined

  objectRead(object: string): AccessAnswer {
    const name = stripNamespaceTokens(object)
    return this.answer((m) => objectGrant(m, name, this.isCustomSetting(name)))
  }

  fieldRead(field: FieldModel): AccessAnswer {
    if (field.required || field.type === 'MasterDetail') {
      const a = this.objectRead(field.object)
      const why = field.required ? 'a required field' : 'a master-detail field'
      return { ...a, via: a.via ? `${why}, readable with its object: ${a.via}` : undefined }
    }
    const name = stripNamespaceTokens(field.fullName)
    return this.answer((m) => fieldGrant(m, name))
  }

  viewEncryptedData(): AccessAnswer {
    return this.answer((m) => userPermissionGrant(m, ['ViewEncryptedData']))
  }

  revoked(): RevokedAccess[] {
    return this.revokedList
  }

  grantTarget(): GrantTarget | undefined {
    return this.head.target
  }

  private isCustomSetting(object: string): boolean {
    return this.customSettings.has(object.toLowerCase())
  }

  private answer(find: (m: UserModel) => Grant | undefined): AccessAnswer {
    const g = find(this.head)
    if (g) {
      const atBase = this.base ? find(this.base) : undefined
      return { granted: true, source: this.base && !atBase ? 'pull-request' : 'repository', via: g.via }
    }
    if (this.head.missing.length) return { granted: undefined, via: `not granted by ${this.describe()}` }
    return { granted: false, source: 'repository' }
  }

  /** Grants present at base that the head no longer gives (for objects and fields that still exist). */
  async computeRevoked(changed: FileChange[]): Promise<void> {
    const base = this.base
    if (!base || this.head.missing.length) return
    const out = new Map<string, RevokedAccess>()
    const texts = new Map<string, Promise<XmlElement | undefined>>()
    const scan = (catalog: PermissionCatalog, file: string): Promise<XmlElement | undefined> => {
      const key = `${catalog === base.catalog ? 'b' : 'h'}:${file}`
      let p = texts.get(key)
      if (!p) texts.set(key, (p = catalog.text(file).then((t) => (t === undefined ? undefined : scanXml(t)))))
      return p
    }
    const locate = async (kind: 'object' | 'field', name: string, baseFile: string): Promise<{ file: string; line: number }> => {
      const [element, keyChild, flag] = kind === 'object' ? ['objectPermissions', 'object', 'allowRead'] : ['fieldPermissions', 'field', 'readable']
      const change = changed.find((c) => c.path === baseFile || c.previousPath === baseFile)
      if (!change) return { file: changed[0]?.path ?? baseFile, line: 1 }
      if (change.status !== 'deleted') {
        const headEl = findGrantElement(await scan(this.head.catalog, change.path), element, keyChild, name)
        if (headEl) return { file: change.path, line: (headEl.children.find((c) => c.name === flag) ?? headEl).line }
      }
      const baseEl = findGrantElement(await scan(base.catalog, baseFile), element, keyChild, name)
      return { file: change.path, line: baseEl?.line ?? 1 }
    }
    for (const src of base.sources) {
      for (const g of src.doc.objects.values()) {
        const key = g.object.toLowerCase()
        const flags = OBJECT_READ_FLAGS.filter((f) => g[f] && !muted(src, 'object', key, f))
        if (!flags.length || out.has(`o:${key}`) || this.deletedObjects.has(key)) continue
        if (objectGrant(this.head, g.object, this.isCustomSetting(g.object))) continue
        const at = await locate('object', g.object, g.file)
        out.set(`o:${key}`, { kind: 'object', name: g.object, ...at, via: `${src.label} (objectPermissions.${flags[0]})` })
      }
      for (const g of src.doc.fields.values()) {
        const key = g.field.toLowerCase()
        const object = key.split('.')[0]!
        if (!g.readable || muted(src, 'field', key, 'readable') || out.has(`f:${key}`)) continue
        if (this.deletedFields.has(key) || this.deletedObjects.has(object) || this.exemptFields.has(key)) continue
        if (fieldGrant(this.head, g.field)) continue
        const at = await locate('field', g.field, g.file)
        out.set(`f:${key}`, { kind: 'field', name: g.field, ...at, via: `${src.label} (fieldPermissions.readable)` })
      }
    }
    this.revokedList = [...out.values()].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name))
  }
}

function objectGrant(model: UserModel, object: string, customSetting: boolean): Grant | undefined {
  const key = object.toLowerCase()
  for (const src of model.sources) {
    if (customSetting) {
      const c = src.doc.customSettings.get(key)
      if (c?.enabled && !muted(src, 'setting', key, 'enabled')) return { via: `${src.label} (customSettingAccesses.enabled)`, file: c.file }
    }
    const g = src.doc.objects.get(key)
    if (g) {
      const flag = OBJECT_READ_FLAGS.find((f) => g[f] && !muted(src, 'object', key, f))
      if (flag) return { via: `${src.label} (objectPermissions.${flag})`, file: g.file }
    }
  }
  return userPermissionGrant(model, customSetting ? SETTING_USER_PERMISSIONS : OBJECT_USER_PERMISSIONS)
}

function fieldGrant(model: UserModel, field: string): Grant | undefined {
  const key = field.toLowerCase()
  const index = fieldIndex(model)
  return index.fields.get(key) ?? index.viewAllFields.get(key.slice(0, key.indexOf('.')))
}

const fieldIndexes = new WeakMap<UserModel, { fields: Map<string, Grant>; viewAllFields: Map<string, Grant> }>()

/**
 * Field read grants of all the user's sources in one map (the first source that grants wins, as when scanning
 * them in order): a full scan asks about every field, and 300 configured permission sets made a per-field scan
 * of every source the slowest part of the run.
 */
function fieldIndex(model: UserModel) {
  let index = fieldIndexes.get(model)
  if (index) return index
  index = { fields: new Map(), viewAllFields: new Map() }
  for (const src of model.sources) {
    for (const [key, f] of src.doc.fields) {
      if (!index.fields.has(key) && f.readable && !muted(src, 'field', key, 'readable')) index.fields.set(key, { via: `${src.label} (fieldPermissions.readable)`, file: f.file })
    }
    for (const [object, o] of src.doc.objects) {
      if (!index.viewAllFields.has(object) && o.viewAllFields && !muted(src, 'object', object, 'viewAllFields'))
        index.viewAllFields.set(object, { via: `${src.label} (objectPermissions.viewAllFields on ${o.object})`, file: o.file })
    }
  }
  fieldIndexes.set(model, index)
  return index
}

function userPermissionGrant(model: UserModel, names: string[]): Grant | undefined {
  for (const name of names) {
    for (const src of model.sources) {
      const u = src.doc.userPermissions.get(name.toLowerCase())
      if (u?.enabled && !muted(src, 'user', name.toLowerCase(), 'enabled')) return { via: `${src.label} (userPermissions.${name})`, file: u.file }
    }
  }
  return undefined
}

/** A muting permission set in the group mutes a permission by listing it as granted. */
function muted(src: Source, kind: 'object' | 'field' | 'user' | 'setting', key: string, flag: string): boolean {
  for (const m of src.muting) {
    if (kind === 'object') {
      const o = m.objects.get(key)
      // muting read mutes everything that depends on it
      if (o && (o.allowRead || (flag in o && o[flag as keyof typeof o] === true))) return true
    } else if (kind === 'field') {
      if (m.fields.get(key)?.readable) return true
    } else if (kind === 'user') {
      if (m.userPermissions.get(key)?.enabled) return true
    } else if (m.customSettings.get(key)?.enabled) return true
  }
  return false
}

/** The grant element (`fieldPermissions` with `<field>Lead.SSN__c</field>`), also in one-permission-per-file layouts. */
function findGrantElement(root: XmlElement | undefined, element: string, keyChild: string, name: string): XmlElement | undefined {
  if (!root) return undefined
  const want = name.toLowerCase()
  const matches = (el: XmlElement): boolean => stripNamespaceTokens(childText(el, keyChild) ?? '').toLowerCase() === want
  for (const el of root.children) if (el.name === element && matches(el)) return el
  return matches(root) ? root : undefined
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
