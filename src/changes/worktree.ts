import { lstatSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ContentSource } from '../types.js'
import type { Git } from './git.js'

const SKIP_DIRS = new Set(['.git', 'node_modules', '.sfdx', '.sf', '.idea', '.vscode'])

/** Files as they are on disk: used for full scans of a checkout (fast reads, uncommitted files included). */
export class WorktreeSource implements ContentSource {
  readonly skipped: string[] = []
  constructor(
    private root: string,
    private git: Git | undefined
  ) {}

  async read(rel: string): Promise<Buffer | undefined> {
    try {
      return await readFile(path.join(this.root, rel))
    } catch {
      return undefined
    }
  }

  async list(): Promise<string[]> {
    const paths = this.git ? await this.gitFiles() : walk(this.root, '')
    const files: string[] = []
    for (const p of paths) {
      let st
      try {
        st = lstatSync(path.join(this.root, p))
      } catch {
        continue // listed by git but deleted on disk
      }
      if (st.isSymbolicLink()) this.skipped.push(`${p}: symbolic link, not followed`)
      else if (st.isFile()) files.push(p)
    }
    return files.sort()
  }

  close(): void {}

  private async gitFiles(): Promise<string[]> {
    const r = await this.git!.run(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    return [...new Set(r.stdout.toString('utf8').split('\0').filter(Boolean))]
  }
}

function walk(root: string, rel: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...walk(root, p))
    } else out.push(p)
  }
  return out
}
