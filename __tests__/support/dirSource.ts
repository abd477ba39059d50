import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { ContentSource } from '../../src/types.js'

/**
 * A ContentSource over a directory, with optional overrides: a string or Buffer replaces (or adds) a file,
 * `null` deletes it. Paths are repository-relative with forward slashes.
 */
export function dirSource(dir: string | undefined, overrides: Record<string, string | Buffer | null> = {}): ContentSource & { reads: string[] } {
  const files = new Map<string, Buffer | (() => Buffer)>()
  if (dir) {
    for (const rel of walk(dir)) files.set(rel, () => readFileSync(path.join(dir, rel)))
  }
  for (const [p, v] of Object.entries(overrides)) {
    if (v === null) files.delete(p)
    else files.set(p, typeof v === 'string' ? Buffer.from(v, 'utf8') : v)
  }
  const reads: string[] = []
  return {
    reads,
    async read(p: string) {
      const v = files.get(p)
      if (v === undefined) return undefined
      reads.push(p)
      return typeof v === 'function' ? v() : v
    },
    async list() {
      return [...files.keys()].sort()
    },
    close() {}
  }
}

function walk(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const e of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    if (e.name === '.git') continue
    const rel = prefix ? `${prefix}/${e.name}` : e.name
    if (e.isDirectory()) out.push(...walk(dir, rel))
    else if (e.isFile()) out.push(rel)
  }
  return out.sort()
}
