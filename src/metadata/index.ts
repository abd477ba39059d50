import path from 'node:path'
import { isDeepStrictEqual, TextDecoder } from 'node:util'
import type { ChangeKind, ChannelMemberModel, ComponentChange, ContentSource, FieldModel, FileChange, MetadataDelta, ObjectModel, Problem, ProjectInfo } from '../types.js'
import type { Changes } from '../changes/index.js'
import { channelMemberModel, fieldModel, inlineFields, objectModel } from './extract.js'
import { scanXml } from './lines.js'
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

interface Side {
  objects: Map<string, ObjectModel>
  fields: Map<string, FieldModel>
  members: Map<string, ChannelMemberModel>
  permissionFiles: Set<string>
  metadataFiles: number
}

/** Stage 2: resolve changed files with SDR, parse both sides, and compare them component by component. */
export async function buildDelta(opts: MetadataOptions): Promise<MetadataDelta> {
  const { changes, project } = opts
  const sdr = await loadSdr()
  const registry = makeRegistry(sdr, project.root)
  const problems: Problem[] = []
  const candidates = changes.set.files.filter((f) => opts.includePath(f.path) || (f.previousPath !== undefined && opts.includePath(f.previousPath)))

  const headPaths = candidates.filter((f) => f.status !== 'deleted').map((f) => f.path)
  const basePaths = candidates.filter((f) => f.status !== 'added').map((f) => f.previousPath ?? f.path)
  const after = await readSide(sdr, registry, headPaths, changes.head, problems, opts.warn)
  const before = changes.base ? await readSide(sdr, registry, basePaths, changes.base, [], () => undefined) : emptySide()

  const permissionFiles: FileChange[] = candidates.filter(
    (f) => after.permissionFiles.has(f.path) || before.permissionFiles.has(f.previousPath ?? f.path)
  )
  return {
    objects: compare(before.objects, after.objects),
    fields: compare(before.fields, after.fields),
    channelMembers: compare(before.members, after.members),
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
  return { objects: new Map(), fields: new Map(), members: new Map(), permissionFiles: new Set(), metadataFiles: 0 }
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
  // Pass 1: type every path from its name alone; only the types the rules read are fetched and parsed.
  const wanted: string[] = []
  quietly(() => {
    const resolver = new sdr.MetadataResolver(registry, sdr.VirtualTreeContainer.fromFilePaths(paths), false)
    for (const p of paths) {
      const type = typeOf(resolver, p)
      if (!type) continue
      if (MODEL_TYPES.has(type)) wanted.push(p)
      else if (PERMISSION_TYPES.has(type) || PERMISSION_TYPES.has(registry.getParentType(type.toLowerCase())?.name ?? '')) side.permissionFiles.add(p)
    }
  })
  side.metadataFiles = wanted.length + side.permissionFiles.size

  // Pass 2: read the wanted files (one cat-file process), then resolve and parse them with SDR.
  const contents = new Map<string, { buffer: Buffer; text: string }>()
  await Promise.all(
    wanted.map(async (p) => {
      const buffer = await source.read(p)
      if (!buffer) return
      if (buffer.length > MAX_FILE_BYTES) {
        problems.push({ file: p, line: 1, message: `file is ${Math.round(buffer.length / 1048576)} MB, larger than the ${MAX_FILE_BYTES / 1048576} MB limit; not checked` })
        return
      }
      contents.set(p, { buffer, text: decodeText(buffer, p, warn) })
    })
  )
  const tree = new sdr.VirtualTreeContainer(virtualDirs(contents))
  quietly(() => {
    const resolver = new sdr.MetadataResolver(registry, tree, false)
    for (const p of [...contents.keys()].sort()) {
      const { text } = contents.get(p)!
      const scan = scanXml(text)
      if (scan.error) {
        problems.push({ file: p, line: scan.error.line, message: `malformed XML: ${scan.error.message}` })
        continue
      }
      let component
      let raw: Json
      try {
        component = resolver.getComponentsFromPath(p)[0]
        if (!component) continue
        raw = component.parseXmlSync() as Json
      } catch (e) {
        problems.push({ file: p, line: 1, message: `cannot read metadata: ${oneLine((e as Error).message)}` })
        continue
      }
      const typeName = component.type.name
      const body = (raw[typeName] ?? {}) as Json
      if (typeof body !== 'object') continue
      const format = p.endsWith('-meta.xml') ? 'source' : 'mdapi'
      if (typeName === 'CustomObject') {
        const name = stripNamespaceTokens(component.fullName)
        side.objects.set(name, objectModel(name, p, format, body, scan.root))
        for (const f of inlineFields(name, body, p, scan.root)) side.fields.set(f.fullName, f)
      } else if (typeName === 'CustomField') {
        const object = stripNamespaceTokens(component.parent?.fullName ?? component.fullName.split('.')[0]!)
        const fileName = stripNamespaceTokens(component.fullName.split('.').slice(1).join('.'))
        const f = fieldModel(object, { fullName: fileName, ...body }, p, 'source', scan.root)
        side.fields.set(f.fullName, f)
      } else if (typeName === 'PlatformEventChannelMember') {
        const m = channelMemberModel(stripNamespaceTokens(component.fullName), body, p, scan.root)
        side.members.set(m.name, m)
      }
    }
  })
  return side
}

function typeOf(resolver: { getComponentsFromPath(p: string): Array<{ type: { name: string } }> }, p: string): string | undefined {
  try {
    return resolver.getComponentsFromPath(p)[0]?.type.name
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

/** Builds SDR's in-memory tree (every directory level listed) from file contents. */
function virtualDirs(contents: Map<string, { buffer: Buffer }>) {
  const dirs = new Map<string, Array<string | { name: string; data: Buffer }>>()
  const seen = new Set<string>()
  const add = (dir: string, entry: string | { name: string; data: Buffer }) => {
    let list = dirs.get(dir)
    if (!list) dirs.set(dir, (list = []))
    list.push(entry)
  }
  for (const [file, { buffer }] of contents) {
    add(path.posix.dirname(file), { name: path.posix.basename(file), data: buffer })
    for (let d = path.posix.dirname(file); d !== '.' && d !== '/' && !seen.has(d); d = path.posix.dirname(d)) {
      seen.add(d)
      add(path.posix.dirname(d), path.posix.basename(d))
    }
  }
  return [...dirs].map(([dirPath, children]) => ({ dirPath, children: children as never }))
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

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 300)
}
