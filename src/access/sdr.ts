/**
 * SDR plumbing for the access model: a registry that honours the head commit's sfdx-project.json
 * (sourceBehaviorOptions such as decomposePermissionSetBeta2, registryCustomizations), and virtual file trees
 * built from file contents that are not on disk.
 */
process.env.SF_DISABLE_LOG_FILE ??= 'true'

import path from 'node:path'
import { MetadataResolver, presetMap, registry as standardRegistry, RegistryAccess, VirtualTreeContainer } from '@salesforce/source-deploy-retrieve'
import type { MetadataRegistry, SourceComponent, VirtualDirectory, VirtualFile } from '@salesforce/source-deploy-retrieve'
import type { ContentSource } from '../types.js'

type RegistryPart = Partial<MetadataRegistry>

const EMPTY: MetadataRegistry = { types: {}, childTypes: {}, suffixes: {}, strictDirectoryNames: {} } as MetadataRegistry

function firstLevelMerge(a: RegistryPart, b: RegistryPart): MetadataRegistry {
  return {
    types: { ...a.types, ...(b.types ?? {}) },
    childTypes: { ...a.childTypes, ...(b.childTypes ?? {}) },
    suffixes: { ...a.suffixes, ...(b.suffixes ?? {}) },
    strictDirectoryNames: { ...a.strictDirectoryNames, ...(b.strictDirectoryNames ?? {}) }
  } as MetadataRegistry
}

function dropEmpty<T extends Record<string, string>>(o: T | undefined): T {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== '')) as T
}

/**
 * The registry SDR would use for this project, built the way SDR builds it (standard registry, then presets named in
 * `sourceBehaviorOptions` / `registryPresets`, then `registryCustomizations`), but from the head commit's
 * sfdx-project.json instead of the file on disk.
 */
export async function projectRegistry(head: ContentSource, warn: (msg: string) => void = () => {}): Promise<RegistryAccess> {
  const raw = await head.read('sfdx-project.json')
  let json: { sourceBehaviorOptions?: unknown; registryPresets?: unknown; registryCustomizations?: unknown } = {}
  if (raw) {
    try {
      json = JSON.parse(raw.toString('utf8')) as typeof json
    } catch {
      json = {}
    }
  }
  const names = [...new Set([...asStrings(json.registryPresets), ...asStrings(json.sourceBehaviorOptions)])]
  const presets: MetadataRegistry[] = []
  for (const n of names) {
    const p = presetMap.get(n)
    if (p) presets.push(p)
    else warn(`sfdx-project.json: sourceBehaviorOptions "${n}" is not known to this version of SDR; ignored`)
  }
  const custom = (json.registryCustomizations && typeof json.registryCustomizations === 'object' ? json.registryCustomizations : EMPTY) as RegistryPart
  const fromPresets = [...presets, custom].reduce<MetadataRegistry>((prev, cur) => firstLevelMerge(prev, cur), EMPTY)
  const merged = firstLevelMerge(standardRegistry as MetadataRegistry, firstLevelMerge(fromPresets, custom))
  return new RegistryAccess({
    types: merged.types,
    childTypes: dropEmpty(merged.childTypes),
    suffixes: dropEmpty(merged.suffixes),
    strictDirectoryNames: dropEmpty(merged.strictDirectoryNames)
  } as MetadataRegistry)
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/** A virtual tree holding these files (repository-relative paths, forward slashes); `undefined` data = path only. */
export function virtualTree(files: Map<string, Buffer | undefined> | string[]): VirtualTreeContainer {
  const entries: Array<[string, Buffer | undefined]> = Array.isArray(files) ? files.map((f) => [f, undefined]) : [...files]
  const dirs = new Map<string, Map<string, string | VirtualFile>>()
  const add = (dir: string, name: string, child: string | VirtualFile): void => {
    let m = dirs.get(dir)
    if (!m) dirs.set(dir, (m = new Map()))
    if (!m.has(name) || typeof child === 'object') m.set(name, child)
  }
  for (const [file, data] of entries) {
    const parts = file.split('/')
    for (let i = 0; i < parts.length - 1; i++) add(parts.slice(0, i + 1).join(path.sep), parts[i + 1]!, parts[i + 1]!)
    if (parts.length === 1) add('.', parts[0]!, parts[0]!)
    const dir = parts.length > 1 ? parts.slice(0, -1).join(path.sep) : '.'
    add(dir, parts[parts.length - 1]!, { name: parts[parts.length - 1]!, data: data ?? Buffer.from('') })
  }
  const virtualFs: VirtualDirectory[] = [...dirs].map(([dirPath, children]) => ({ dirPath, children: [...children.values()] }))
  return new VirtualTreeContainer(virtualFs)
}

/** Resolves one path to its components, or [] when SDR does not know it (never throws). */
export function resolvePath(resolver: MetadataResolver, file: string): SourceComponent[] {
  try {
    return resolver.getComponentsFromPath(file)
  } catch {
    return []
  }
}

export { MetadataResolver, RegistryAccess }
export type { SourceComponent }
