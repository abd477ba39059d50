import path from 'node:path'
import { isDeepStrictEqual, TextDecoder } from 'node:util'
import type { ChangeKind, ChannelMemberModel, ComponentChange, ContentSource, FieldModel, FileChange, MetadataDelta, ObjectModel, Problem, ProjectInfo } from '../types.js'
import type { Changes } from '../changes/index.js'
import { channelMemberModel, fieldModel, inlineFields, objectModel } from './extract.js'
import { scanXml, toJson } from './lines.js'
import { stripNamespaceTokens } from './names.js'
import { inPackageDirectory } from './project.js'

type Sdr = typeof import('@salesforce/source-deploy-retrieve')
type Json = Record<string, unknown>

/** Types whose content the rules read. Everything else SDR knows is skipped without being read. */
const MODEL_TYPES = new Set(['CustomObject', 'CustomField', 'PlatformEventChannelMember'])
const PERMISSION_TYPES = new Set(['PermissionSet', 'Profile', 'PermissionSetGroup'])
/** Larger files are reported, not parsed (the biggest real object files are a few MB). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024

export interface MetadataOptions {
  changes: Changes
  project: ProjectInfo
  /** Path filter: package directories, .forceignore and the configuration's include/exclude. */
  includePath: (file: string) => boolean
  warn: (message: string) => void
}

/** One side of the change. Maps are keyed by lower-case API name: Salesforce names are case-insensitive. */
interface Side {
  objects: Map<string, ObjectModel>
  /** Unchanged parent objects of changed fields, read for context (e.g. whether an object is a custom setting). */
  context: Map<string, ObjectModel>
  /** Object-meta.xml paths (and names) of those parents, found through SDR's parent component. */
  parentFiles: Map<string, { file: string; name: string }>
  fields: Map<string, FieldModel>
  members: Map<string, ChannelMemberModel>
  permissionFiles: Set<string>
  metadataFiles: number
}

/** Stage 2: resolve changed files with SDR, parse both sides, and compare them component by component. */
export async function buildDelta(opts: MetadataOptions): Promise<MetadataDelta> {
  const { changes, project } = opts
  const sdr = await loadSdr()
  const registry = makeRegistry(sdr, project.projectDir ? path.join(project.root, project.projectDir) : project.root)
  const problems: Problem[] = []
  const candidates = changes.set.files.filter((f) => opts.includePath(f.path) || (f.previousPath !== undefined && opts.includePath(f.previousPath)))

  const headPaths = candidates.filter((f) => f.status !== 'deleted').map((f) => f.path)
  // The base side is not limited to head's package directories: a component moved out of a folder that is no
  // longer a package directory (an mdapi-to-source conversion, a restructure) must still pair with its old self.
  const inProject = (p: string) => !project.projectDir || p.startsWith(`${project.projectDir}/`)
  const basePaths = changes.set.files.filter((f) => f.status !== 'added').map((f) => f.previousPath ?? f.path).filter(inProject)
  const after = await readSide(sdr, registry, headPaths, changes.head, problems, opts.warn)
  const before = changes.base ? await readSide(sdr, registry, basePaths, changes.base, [], () => undefined) : emptySide()
  const fields = compare(before.fields, after.fields)
  await readContext(after, fields, changes.head)

  const permissionFiles: FileChange[] = candidates.filter(
    (f) => after.permissionFiles.has(f.path) || before.permissionFiles.has(f.previousPath ?? f.path)
  )
  // Components that only disappear from files outside the scanned project are not this project's deletions.
  const scanned = <T extends { file: string }>(cs: ComponentChange<T>[]) => cs.filter((c) => c.kind !== 'deleted' || opts.includePath(c.before!.file))
  const customSettings = [...after.objects.values(), ...after.context.values()].filter((o) => o.customSettingsType).map((o) => o.name.toLowerCase())
  return {
    objects: scanned(compare(before.objects, after.objects)),
    fields: scanned(fields),
    channelMembers: scanned(compare(before.members, after.members)),
    customSettings: [...new Set(customSettings)].sort(),
    permissionFiles,
    problems: problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    stats: {
      changedFiles: changes.set.files.length,
      metadataFiles: after.metadataFiles + before.metadataFiles,
      skippedFiles: changes.set.files.length - candidates.length
    }
  }
}

export function projectPathFilter(project: ProjectInfo, forceIgnored?: (file: string) => boolean, configFilter?: (file: string) => boolean) {
  return (file: string): boolean =>
    inPackageDirectory(file, project.packageDirectories) && !(forceIgnored?.(file) ?? false) && (configFilter?.(file) ?? true)
}

let sdrPromise: Promise<Sdr> | undefined
export function loadSdr(): Promise<Sdr> {
  process.env.SF_DISABLE_LOG_FILE ??= 'true'
  // SDR is CommonJS: take module.exports from `default` when a bundler wraps it.
  sdrPromise ??= import('@salesforce/source-deploy-retrieve').then((m) => ((m as { default?: Sdr }).default ?? m) as Sdr)
  return sdrPromise
}

function makeRegistry(sdr: Sdr, root: string) {
  try {
    return new sdr.RegistryAccess(undefined, root)
  } catch {
    return new sdr.RegistryAccess()
  }
}

function emptySide(): Side {
  return { objects: new Map(), context: new Map(), parentFiles: new Map(), fields: new Map(), members: new Map(), permissionFiles: new Set(), metadataFiles: 0 }
}

async function readSide(
  sdr: Sdr,
  registry: InstanceType<Sdr['RegistryAccess']>,
  paths: string[],
  source: ContentSource,
  problems: Problem[],
  warn: (m: string) => void
): Promise<Side> {
  const side = emptySide()
  if (!paths.length) return side
  // One in-memory tree of the paths: SDR types each path from its name and place, without reading it.
  const tree = new sdr.VirtualTreeContainer(pathDirs(paths))
  const resolve = resolverFor(sdr, registry, tree)

  // Type every path from its name alone (SDR's registry); only the types the rules read are fetched and parsed.
  const wanted: Array<{ path: string; component: Component }> = []
  quietly(() => {
    for (const p of paths) {
      const component = resolveQuietly(resolve, p)
      if (!component) continue
      const type = component.type.name
      if (MODEL_TYPES.has(type)) wanted.push({ path: p, component })
      else if (PERMISSION_TYPES.has(type) || PERMISSION_TYPES.has(registry.getParentType(type.toLowerCase())?.name ?? '')) side.permissionFiles.add(p)
    }
  })
  side.metadataFiles = wanted.length + side.permissionFiles.size

  // Read in bounded batches (one cat-file process, or the file system), scan and parse, then drop the bytes.
  const BATCH = 1024
  for (let i = 0; i < wanted.length; i += BATCH) {
    const batch = wanted.slice(i, i + BATCH)
    const buffers = await Promise.all(batch.map((w) => source.read(w.path)))
    quietly(() => {
      batch.forEach((w, j) => {
        const buffer = buffers[j]
        if (!buffer) {
          problems.push({ file: w.path, line: 1, message: 'its content is not in this clone (a missing git object); not checked' })
          return
        }
        if (buffer.length > MAX_FILE_BYTES) {
          problems.push({ file: w.path, line: 1, message: `file is ${Math.round(buffer.length / 1048576)} MB, larger than the ${MAX_FILE_BYTES / 1048576} MB limit; not checked` })
          return
        }
        extract(side, w.path, w.component, decodeText(buffer, w.path, warn), problems)
      })
    })
  }
  return side
}

/**
 * Reads the unchanged object files of new fields (and of fields that stop being required or master-detail, the
 * other ones the access rules look at), source format, so that rules know e.g. that the object is a custom setting.
 */
async function readContext(side: Side, fields: ComponentChange<FieldModel>[], source: ContentSource): Promise<void> {
  const exemptBefore = (c: ComponentChange<FieldModel>) => c.before !== undefined && (c.before.required || c.before.type === 'MasterDetail')
  const wanted = new Set(fields.filter((c) => c.kind === 'added' || (c.kind === 'modified' && exemptBefore(c))).map((c) => c.after!.object.toLowerCase()))
  const missing = [...side.parentFiles].filter(([key]) => wanted.has(key) && !side.objects.has(key))
  const buffers = await Promise.all(missing.map(([, { file }]) => source.read(file)))
  missing.forEach(([key, { file, name }], i) => {
    const buffer = buffers[i]
    if (!buffer || buffer.length > MAX_FILE_BYTES) return
    const scan = scanXml(decodeText(buffer, file, () => undefined))
    if (scan.error || scan.root?.name !== 'CustomObject') return
    const value = toJson(scan.root)
    side.context.set(key, objectModel(name, file, 'source', (typeof value === 'object' && !Array.isArray(value) ? value : {}) as Json, scan.root))
  })
}

type Component = ReturnType<InstanceType<Sdr['MetadataResolver']>['getComponentsFromPath']>[number]

/** Parses one component with SDR and records its models; a file that cannot be read becomes a problem. */
function extract(side: Side, p: string, component: Component, text: string, problems: Problem[]): void {
  const scan = scanXml(text)
  if (scan.error) {
    problems.push({ file: p, line: scan.error.line, message: `malformed XML: ${scan.error.message}` })
    return
  }
  const typeName = component.type.name
  if (scan.root!.name !== typeName) {
    problems.push({ file: p, line: scan.root!.line, message: `expected a <${typeName}> root element, found <${scan.root!.name}>` })
    return
  }
  const value = toJson(scan.root!)
  const body = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as Json
  const format = p.endsWith('-meta.xml') ? 'source' : 'mdapi'
  if (typeName === 'CustomObject') {
    const name = stripNamespaceTokens(component.fullName)
    side.objects.set(name.toLowerCase(), objectModel(name, p, format, body, scan.root))
    for (const f of inlineFields(name, body, p, scan.root)) side.fields.set(f.fullName.toLowerCase(), f)
  } else if (typeName === 'CustomField') {
    const object = stripNamespaceTokens(component.parent?.fullName ?? component.fullName.split('.')[0]!)
    const fileName = stripNamespaceTokens(component.fullName.split('.').slice(1).join('.'))
    const f = fieldModel(object, { fullName: fileName, ...body }, p, 'source', scan.root)
    side.fields.set(f.fullName.toLowerCase(), f)
    const parent = component.parent
    if (parent && !parent.xml && parent.content) side.parentFiles.set(object.toLowerCase(), { file: `${parent.content}/${parent.name}.${parent.type.suffix}-meta.xml`, name: object })
  } else if (typeName === 'PlatformEventChannelMember') {
    const m = channelMemberModel(stripNamespaceTokens(component.fullName), body, p, scan.root)
    side.members.set(m.name.toLowerCase(), m)
  }
}

/**
 * A path -> component function. SDR's public `getComponentsFromPath` builds a new ForceIgnore for every call,
 * which tries to read a file and throws each time (about 0.75 s over 52,000 paths, measured with `npm run bench`).
 * .forceignore is applied before this stage, so when SDR exposes its per-file resolver we call it with one
 * shared, empty ForceIgnore; otherwise we fall back to the public method.
 */
function resolverFor(sdr: Sdr, registry: InstanceType<Sdr['RegistryAccess']>, tree: InstanceType<Sdr['VirtualTreeContainer']>) {
  const resolver = new sdr.MetadataResolver(registry, tree, false)
  const internal = resolver as unknown as { forceIgnore?: unknown; resolveComponent?: (p: string, isSource: boolean) => Component | undefined }
  if (typeof internal.resolveComponent === 'function') {
    internal.forceIgnore = new sdr.ForceIgnore()
    return (p: string) => internal.resolveComponent!(p, true)
  }
  return (p: string) => resolver.getComponentsFromPath(p)[0]
}

function resolveQuietly(resolve: (p: string) => Component | undefined, p: string): Component | undefined {
  try {
    return resolve(p)
  } catch {
    return undefined // not metadata SDR knows: skipped
  }
}

/** Pairs base and head components by name: a moved or renamed file with the same component is not new. */
function compare<T extends object>(before: Map<string, T>, after: Map<string, T>): ComponentChange<T>[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort()
  const out: ComponentChange<T>[] = []
  for (const k of keys) {
    const b = before.get(k)
    const a = after.get(k)
    let kind: ChangeKind
    if (a && !b) kind = 'added'
    else if (b && !a) kind = 'deleted'
    else if (isDeepStrictEqual(stripLines(b!), stripLines(a!))) continue
    else kind = 'modified'
    out.push({ kind, before: b, after: a })
  }
  return out
}

/** What counts for "changed": the parsed XML values, not the file, its position or its formatting. */
function stripLines(m: object): unknown {
  const { raw, file: _file, lines: _lines, ...rest } = m as { raw?: unknown; file?: string; lines?: unknown }
  return raw ?? rest
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
function decodeText(buffer: Buffer, file: string, warn: (m: string) => void): string {
  try {
    return utf8.decode(buffer)
  } catch {
    warn(`${file}: not valid UTF-8; read as Latin-1`)
    return buffer.toString('latin1')
  }
}

/** The directory listing SDR's VirtualTreeContainer wants (every directory level), from file paths. */
function pathDirs(paths: string[]) {
  const dirs = new Map<string, Set<string>>()
  for (const file of paths) {
    let child = path.posix.basename(file)
    for (let d = path.posix.dirname(file); ; d = path.posix.dirname(d)) {
      let set = dirs.get(d)
      const known = set !== undefined
      if (!set) dirs.set(d, (set = new Set()))
      set.add(child)
      if (known || d === '.' || d === '/') break
      child = path.posix.basename(d)
    }
  }
  return [...dirs].map(([dirPath, children]) => ({ dirPath, children: [...children] }))
}

/** SDR prints deprecation warnings (e.g. the legacy `.indexe-meta.xml` suffix) through process warnings; keep the output clean. */
function quietly(fn: () => void): void {
  const original = process.emitWarning
  process.emitWarning = (() => undefined) as typeof process.emitWarning
  try {
    fn()
  } finally {
    process.emitWarning = original
  }
}
