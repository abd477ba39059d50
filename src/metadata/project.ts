import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { ContentSource, ProjectInfo } from '../types.js'
import { loadSdr } from './index.js'

export interface ProjectSetup {
  info: ProjectInfo
  /** Messages about the project files themselves (e.g. an unreadable sfdx-project.json). */
  warnings: string[]
}

/**
 * Reads sfdx-project.json (package directories, namespace) and cumulusci.yml (namespace) from head.
 * `projectDir` is the project's folder inside the repository ('' for the root): only files below it are scanned.
 */
export async function readProject(root: string, head: ContentSource, projectDir = ''): Promise<ProjectSetup> {
  const warnings: string[] = []
  const at = (p: string) => (projectDir ? `${projectDir}/${p}` : p)
  let packageDirectories = ['']
  let namespace: string | undefined
  const raw = await head.read(at('sfdx-project.json'))
  if (raw) {
    try {
      const json = JSON.parse(raw.toString('utf8')) as { packageDirectories?: Array<{ path?: string }>; namespace?: string }
      const dirs = (json.packageDirectories ?? []).map((d) => normalizeDir(d.path ?? '')).filter((d) => d !== undefined)
      if (dirs.length) packageDirectories = [...new Set(dirs)].sort()
      if (json.namespace) namespace = json.namespace
    } catch (e) {
      warnings.push(`${at('sfdx-project.json')}: not valid JSON (${(e as Error).message}); scanning the whole ${projectDir ? 'folder' : 'repository'}`)
    }
  }
  if (!namespace) {
    const cci = await head.read(at('cumulusci.yml'))
    if (cci) {
      try {
        const doc = parseYaml(cci.toString('utf8')) as { project?: { package?: { namespace?: string } } }
        namespace = doc?.project?.package?.namespace || undefined
      } catch {
        warnings.push('cumulusci.yml: not valid YAML; its namespace is ignored')
      }
    }
  }
  if (packageDirectories.includes('')) packageDirectories = ['']
  if (projectDir) packageDirectories = packageDirectories.map((d) => (d ? `${projectDir}/${d}` : projectDir))
  return { info: { root, projectDir, packageDirectories, namespace }, warnings }
}

function normalizeDir(p: string): string | undefined {
  const n = path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\/?/, '').replace(/\/+$/, '')
  if (n.startsWith('..')) return undefined
  return n === '.' ? '' : n
}

export function inPackageDirectory(file: string, dirs: string[]): boolean {
  return dirs.some((d) => d === '' || file === d || file.startsWith(`${d}/`))
}

/**
 * `.forceignore` of the head commit, applied with SDR's own ForceIgnore (it reads from disk, so the head's
 * content is written to a private temporary folder first).
 */
export async function loadForceIgnore(head: ContentSource, projectDir = ''): Promise<((file: string) => boolean) | undefined> {
  const raw = await head.read(projectDir ? `${projectDir}/.forceignore` : '.forceignore')
  if (!raw) return undefined
  const { ForceIgnore } = await loadSdr()
  const dir = mkdtempSync(path.join(tmpdir(), 'sf-backup-guard-'))
  try {
    const file = path.join(dir, '.forceignore')
    writeFileSync(file, raw)
    const fi = new ForceIgnore(file)
    const prefix = projectDir ? `${projectDir}/` : ''
    return (f: string) => fi.denies(path.join(dir, f.startsWith(prefix) ? f.slice(prefix.length) : f))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
