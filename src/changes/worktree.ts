import { lstatSync, readdirSync, readFileSync } from 'node:fs'
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

  /** Synchronous reads: for tens of thousands of small files they are several times faster than fs/promises. */
  async read(rel: string): Promise<Buffer | undefined> {
    try {
      return readFileSync(path.join(this.root, rel))
    } catch {
      return undefined
    }
  }

  private listing: Promise<string[]> | undefined

  /** Listed once per run (the change stage and the access model both ask). */
  list(): Promise<string[]> {
    this.listing ??= (this.git ? this.gitFiles() : Promise.resolve(walk(this.root, '', this.skipped))).then((files) => files.sort())
    return this.listing
  }

  close(): void {}

  /** Tracked files with their modes (symbolic links and submodules are skipped), plus untracked, unignored files. */
  private async gitFiles(): Promise<string[]> {
    const files: string[] = []
    const tracked = await this.git!.run(['ls-files', '-z', '-s', '--cached'])
    const seen = new Set<string>()
    for (const entry of tracked.stdout.toString('utf8').split('\0')) {
      if (!entry) continue
      const tab = entry.indexOf('\t')
      const mode = entry.slice(0, entry.indexOf(' '))
      const p = entry.slice(tab + 1)
      if (seen.has(p)) continue // conflicted entries appear once per stage
      seen.add(p)
      if (mode === '120000') this.skipped.push(`${p}: symbolic link, not followed`)
      else if (mode !== '160000') files.push(p)
    }
    const untracked = await this.git!.run(['ls-files', '-z', '--others', '--exclude-standard'])
    for (const p of untracked.stdout.toString('utf8').split('\0')) {
      if (!p || seen.has(p)) continue
      const st = lstatSync(path.join(this.root, p), { throwIfNoEntry: false })
      if (st?.isSymbolicLink()) this.skipped.push(`${p}: symbolic link, not followed`)
      else if (st?.isFile()) files.push(p)
    }
    return files
  }
}

function walk(root: string, rel: string, skipped: string[]): string[] {
  const out: string[] = []
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...walk(root, p, skipped))
    } else if (e.isSymbolicLink()) skipped.push(`${p}: symbolic link, not followed`)
    else if (e.isFile()) out.push(p)
  }
  return out
}
