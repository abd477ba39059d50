/**
 * Permission files in one commit: which PermissionSet / Profile / PermissionSetGroup / MutingPermissionSet
 * components exist (resolved by SDR from the file list), and what a given one grants (parsed by SDR on demand,
 * once). Works for source format (single-file and both decomposed betas) and mdapi format.
 */
import type { MetadataResolver, RegistryAccess, SourceComponent } from '@salesforce/source-deploy-retrieve'
import type { ContentSource } from '../types.js'
import { MetadataResolver as Resolver, resolvePath, virtualTree } from './sdr.js'
import { scanXml, stripNamespaceTokens } from './xml.js'

export type PermissionKind = 'PermissionSet' | 'Profile' | 'PermissionSetGroup' | 'MutingPermissionSet'
const KIND_IDS: Record<PermissionKind, string> = {
  PermissionSet: 'permissionset',
  Profile: 'profile',
  PermissionSetGroup: 'permissionsetgroup',
  MutingPermissionSet: 'mutingpermissionset'
}

export interface PermissionRef {
  kind: PermissionKind
  name: string
  /** The component's main XML file. */
  xml: string
  /** Every file of the component (the main XML first, then decomposed parts). */
  files: string[]
  format: 'source' | 'mdapi'
  /** Decomposed permission set (a folder of files): fixes cannot be written into it. */
  decomposed: boolean
  /**
   * Files in the component's own folder that SDR does not see as part of it: decomposed permissions in a project
   * whose sfdx-project.json does not turn the decomposition on.
   */
  strayParts: string[]
}

export interface ObjectGrant {
  object: string
  allowRead: boolean
  viewAllRecords: boolean
  modifyAllRecords: boolean
  viewAllFields: boolean
  file: string
}
export interface FieldGrant {
  field: string
  readable: boolean
  file: string
}
export interface FlagGrant {
  name: string
  enabled: boolean
  file: string
}

/** What one permission component says, keyed by lower-case API name. */
export interface PermissionDoc {
  ref: PermissionRef
  objects: Map<string, ObjectGrant>
  fields: Map<string, FieldGrant>
  userPermissions: Map<string, FlagGrant>
  customSettings: Map<string, FlagGrant>
  /** Permission set group: member permission sets and muting permission sets. */
  members: string[]
  muting: string[]
}

export class PermissionCatalog {
  private readonly byName = new Map<string, PermissionRef[]>()
  private readonly byFile = new Map<string, PermissionRef>()
  private readonly docs = new Map<PermissionRef, Promise<PermissionDoc | string>>()

  private constructor(
    private readonly source: ContentSource,
    private readonly registry: RegistryAccess
  ) {}

  /**
   * Lists the permission components of one side. Only paths under the package directories that contain one of the
   * permission types' directory names (from the registry) are given to SDR; nothing is read yet.
   */
  static async build(source: ContentSource, registry: RegistryAccess, packageDirectories: string[]): Promise<PermissionCatalog> {
    const catalog = new PermissionCatalog(source, registry)
    const dirNames = new Set<string>()
    for (const id of Object.values(KIND_IDS)) {
      const t = safeType(registry, id)
      if (t?.directoryName) dirNames.add(t.directoryName.toLowerCase())
    }
    const order = (f: string): number => {
      const i = packageDirectories.findIndex((d) => d === '' || f === d || f.startsWith(`${d}/`))
      return i
    }
    const candidates = (await source.list())
      .map((f) => f.replace(/\\/g, '/'))
      // Folder names are matched case-insensitively: projects write `permissionSets/` too, and SDR types files by suffix.
      .filter((f) => order(f) >= 0 && f.split('/').slice(0, -1).some((seg) => dirNames.has(seg.toLowerCase())))
      .sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
    if (!candidates.length) return catalog
    const resolver: MetadataResolver = new Resolver(registry, virtualTree(candidates), false)
    const seen = new Set<string>()
    const unresolved: string[] = []
    for (const file of candidates) {
      const components = resolvePath(resolver, file)
      if (!components.length) unresolved.push(file)
      for (const c of components) {
        const kind = kindOf(c)
        if (!kind || !c.xml) continue
        const id = `${kind}\u0000${c.xml}`
        if (seen.has(id)) {
          continue
        }
        seen.add(id)
        const parts = c.content ? [...c.walkContent()].filter((f) => f !== c.xml).sort() : []
        const ref: PermissionRef = {
          kind,
          name: decodeName(c.fullName),
          xml: c.xml,
          files: [c.xml, ...parts],
          format: c.xml.endsWith('-meta.xml') ? 'source' : 'mdapi',
          decomposed: Boolean(c.content),
          strayParts: []
        }
        const key = `${kind}:${ref.name.toLowerCase()}`
        const list = catalog.byName.get(key) ?? []
        list.push(ref)
        catalog.byName.set(key, list)
        for (const f of ref.files) catalog.byFile.set(f, ref)
      }
    }
    for (const refs of catalog.byName.values()) {
      for (const ref of refs) {
        const dir = ref.xml.slice(0, ref.xml.lastIndexOf('/'))
        if (ref.decomposed || dir.slice(dir.lastIndexOf('/') + 1) !== ref.name) continue
        ref.strayParts = unresolved.filter((f) => f.startsWith(`${dir}/`))
      }
    }
    return catalog
  }

  /** Components of this kind and name (case-insensitive), in package-directory order. */
  find(kind: PermissionKind, name: string): PermissionRef[] {
    return this.byName.get(`${kind}:${name.trim().toLowerCase()}`) ?? []
  }

  /** The component a file belongs to. */
  owner(file: string): PermissionRef | undefined {
    return this.byFile.get(file)
  }

  /** Reads and parses the component once; a string is a problem message (unreadable or malformed XML). */
  load(ref: PermissionRef): Promise<PermissionDoc | string> {
    let p = this.docs.get(ref)
    if (!p) {
      p = this.parse(ref)
      this.docs.set(ref, p)
    }
    return p
  }

  /** Raw text of a file of this side (for line numbers). */
  async text(file: string): Promise<string | undefined> {
    return (await this.source.read(file))?.toString('utf8')
  }

  private async parse(ref: PermissionRef): Promise<PermissionDoc | string> {
    const data = new Map<string, Buffer | undefined>()
    for (const f of ref.files) {
      const buf = await this.source.read(f)
      if (!buf) return `${f}: cannot be read`
      if (!scanXml(buf.toString('utf8'))) return `${f}: not well-formed XML`
      data.set(f, buf)
    }
    const doc: PermissionDoc = { ref, objects: new Map(), fields: new Map(), userPermissions: new Map(), customSettings: new Map(), members: [], muting: [] }
    const resolver = new Resolver(this.registry, virtualTree(data), false)
    const component = resolvePath(resolver, ref.xml).find((c) => c.xml === ref.xml)
    if (!component) return `${ref.xml}: SDR could not resolve it as a ${ref.kind}`
    const type = this.registry.getTypeByName(KIND_IDS[ref.kind])
    const elementOf = childElementNames(type)
    for (const file of ref.files) {
      let parsed: Record<string, unknown>
      try {
        parsed = component.parseXmlSync(file) as Record<string, unknown>
      } catch (e) {
        return `${file}: not valid XML (${firstLine((e as Error).message)})`
      }
      collect(doc, unwrap(parsed, type.name, elementOf), file)
    }
    return doc
  }
}

function safeType(registry: RegistryAccess, id: string): { directoryName?: string; name: string } | undefined {
  try {
    return registry.getTypeByName(id)
  } catch {
    return undefined
  }
}

function kindOf(c: SourceComponent): PermissionKind | undefined {
  const n = c.type.name
  return n === 'PermissionSet' || n === 'Profile' || n === 'PermissionSetGroup' || n === 'MutingPermissionSet' ? n : undefined
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}

/** Child type name (e.g. FieldPermission in the one-file-per-permission beta) → the element name it stands for (fieldPermissions). */
function childElementNames(type: { children?: { types: Record<string, { name: string }>; directories?: Record<string, string> } }): Map<string, string> {
  const out = new Map<string, string>()
  const children = type.children
  if (!children?.directories) return out
  for (const [dir, id] of Object.entries(children.directories)) {
    const t = children.types[id]
    if (t) out.set(t.name, dir)
  }
  return out
}

/** Normalizes what SDR returns for a whole file, a decomposed part, or a one-permission file into `{element: value}`. */
function unwrap(parsed: Record<string, unknown>, typeName: string, elementOf: Map<string, string>): Record<string, unknown> {
  const keys = Object.keys(parsed).filter((k) => !k.startsWith('?') && !k.startsWith('@_'))
  if (keys.length === 1) {
    const k = keys[0]!
    const v = parsed[k]
    if (k === typeName && isObject(v)) return v
    const element = elementOf.get(k)
    if (element) return { [element]: v }
  }
  return parsed
}

function collect(doc: PermissionDoc, root: Record<string, unknown>, file: string): void {
  for (const o of list(root.objectPermissions)) {
    const object = str(o.object)
    if (!object) continue
    const key = object.toLowerCase()
    const prev = doc.objects.get(key)
    const g: ObjectGrant = {
      object,
      allowRead: bool(o.allowRead) || Boolean(prev?.allowRead),
      viewAllRecords: bool(o.viewAllRecords) || Boolean(prev?.viewAllRecords),
      modifyAllRecords: bool(o.modifyAllRecords) || Boolean(prev?.modifyAllRecords),
      viewAllFields: bool(o.viewAllFields) || Boolean(prev?.viewAllFields),
      file: prev?.file ?? file
    }
    doc.objects.set(key, g)
  }
  for (const f of list(root.fieldPermissions)) {
    const field = str(f.field)
    if (!field) continue
    const key = field.toLowerCase()
    const prev = doc.fields.get(key)
    const readable = bool(f.readable) || Boolean(prev?.readable)
    doc.fields.set(key, { field, readable, file: prev && (prev.readable || !readable) ? prev.file : file })
  }
  for (const u of list(root.userPermissions)) flag(doc.userPermissions, str(u.name), bool(u.enabled), file)
  for (const c of list(root.customSettingAccesses)) flag(doc.customSettings, str(c.name), bool(c.enabled), file)
  for (const m of arr(root.permissionSets)) if (str(m)) doc.members.push(str(m)!)
  for (const m of arr(root.mutingPermissionSets)) if (str(m)) doc.muting.push(str(m)!)
}

function flag(map: Map<string, FlagGrant>, name: string | undefined, enabled: boolean, file: string): void {
  if (!name) return
  const prev = map.get(name.toLowerCase())
  if (prev?.enabled) return
  map.set(name.toLowerCase(), { name, enabled: enabled || Boolean(prev?.enabled), file: enabled || !prev ? file : prev.file })
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
function arr(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]
}
function list(v: unknown): Array<Record<string, unknown>> {
  return arr(v).filter(isObject)
}
function str(v: unknown): string | undefined {
  if (typeof v === 'string') return stripNamespaceTokens(v.trim()) || undefined
  if (isObject(v) && typeof v['#text'] === 'string') return stripNamespaceTokens((v['#text'] as string).trim()) || undefined
  return undefined
}
function bool(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true')
}
function firstLine(s: string): string {
  return s.split('\n')[0] ?? s
}
