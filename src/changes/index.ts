import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { ChangeSet, ContentSource, FileChange } from '../types.js'
import { CatFile, ChangesError, CommitSource, firstLine, Git } from './git.js'
import { WorktreeSource } from './worktree.js'

export { ChangesError } from './git.js'

export interface GitHubEvent {
  name: string
  payload: Record<string, any>
}

export interface ChangeOptions {
  /** Directory to scan: the repository root or any folder inside it. */
  dir: string
  base?: string
  head?: string
  /** Scan every file of head as if new. */
  all?: boolean
  event?: GitHubEvent
  /** Fetch missing commits from `origin` (shallow clones). Default true. */
  fetch?: boolean
  log: (message: string) => void
}

export interface Changes {
  root: string
  set: ChangeSet
  head: ContentSource
  base?: ContentSource
  /** Files that were listed but not scanned, with the reason (symlinks, submodules). */
  skipped: string[]
  close(): void
}

const ZERO_SHA = /^0+$/

/** Stage 1: what changed between base and head, and how to read both sides. */
export async function collectChanges(opts: ChangeOptions): Promise<Changes> {
  const dir = path.resolve(opts.dir)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ChangesError(`${opts.dir} is not a directory`)
  const git = new Git(dir)
  const top = await git.topLevel()
  const refs = refsFromOptions(opts)

  if (!top) {
    if (refs.mode === 'full' && !opts.head) return worktreeChanges(dir, undefined)
    throw new ChangesError(`${opts.dir} is not inside a git repository: run the scan in a clone, or pass --all to scan every file in the folder`)
  }
  const root = top
  const rootGit = new Git(root)

  if (refs.mode === 'full') {
    if (!opts.head && !refs.head) return worktreeChanges(root, rootGit)
    const head = await requireCommit(rootGit, refs.head ?? opts.head!, 'head', opts)
    const cat = new CatFile(root)
    const headSource = new CommitSource(rootGit, cat, head)
    const files = (await headSource.list().catch((e) => (cat.close(), Promise.reject(e)))).map((p): FileChange => ({ status: 'added', path: p }))
    return { root, set: { mode: 'full', head, files, notes: refs.notes }, head: headSource, skipped: [], close: () => cat.close() }
  }

  const head = await requireCommit(rootGit, refs.head ?? 'HEAD', 'head', opts)
  const baseCommit = await requireCommit(rootGit, refs.base!, 'base', opts, head)
  const mergeBase = await findMergeBase(rootGit, baseCommit, head, opts)
  const notes = [...refs.notes]
  if (mergeBase !== baseCommit) notes.push(`compared with the merge-base ${mergeBase.slice(0, 12)} of base ${baseCommit.slice(0, 12)} and head, as GitHub's pull-request view does`)

  const cat = new CatFile(root)
  const headSource = new CommitSource(rootGit, cat, head)
  const baseSource = new CommitSource(rootGit, cat, mergeBase)
  let result: Awaited<ReturnType<typeof diff>>
  try {
    result = await diff(rootGit, mergeBase, head, headSource, baseSource, opts.log)
  } catch (e) {
    cat.close() // a live cat-file process would keep the CLI from exiting
    throw e
  }
  const { files, skipped } = result
  return {
    root,
    set: { mode: 'diff', base: mergeBase, head, files, notes },
    head: headSource,
    base: baseSource,
    skipped,
    close: () => cat.close()
  }
}

interface Refs {
  mode: 'diff' | 'full'
  base?: string
  head?: string
  notes: string[]
}

/** Inputs override the event; pull requests give base/head, pushes before/after; other events mean a full scan. */
export function refsFromOptions(opts: Pick<ChangeOptions, 'all' | 'base' | 'head' | 'event'>): Refs {
  if (opts.all) return { mode: 'full', head: opts.head, notes: ['full scan: every file counts as new'] }
  if (opts.base) return { mode: 'diff', base: opts.base, head: opts.head, notes: [] }
  const ev = opts.event
  const p = ev?.payload ?? {}
  if (ev && (ev.name === 'pull_request' || ev.name === 'pull_request_target') && p.pull_request) {
    return { mode: 'diff', base: p.pull_request.base?.sha, head: opts.head ?? p.pull_request.head?.sha, notes: [] }
  }
  if (ev?.name === 'merge_group' && p.merge_group) {
    return { mode: 'diff', base: p.merge_group.base_sha, head: opts.head ?? p.merge_group.head_sha, notes: [] }
  }
  if (ev?.name === 'push' && p.after) {
    if (p.before && !ZERO_SHA.test(p.before)) return { mode: 'diff', base: p.before, head: opts.head ?? p.after, notes: [] }
    const head = opts.head ?? p.after
    return { mode: 'diff', base: `${head}~1`, head, notes: ['new branch pushed: compared with the parent of the pushed commit'] }
  }
  if (ev) return { mode: 'full', head: opts.head, notes: [`event ${ev.name} has no base commit: full scan, every file counts as new`] }
  throw new ChangesError('no base commit to compare with: pass --base REF (for example --base origin/main), or --all to scan every file')
}

async function requireCommit(git: Git, ref: string, role: 'base' | 'head', opts: ChangeOptions, head?: string): Promise<string> {
  const sha = await git.commit(ref)
  if (sha) return sha
  if (opts.fetch !== false && /^[0-9a-f]{40}$/i.test(ref) && (await git.hasRemote('origin'))) {
    opts.log(`${role} commit ${ref.slice(0, 12)} is not in this clone; fetching it from origin`)
    const err = await git.fetch('origin', [ref], ['--depth=1'])
    const fetched = await git.commit(ref)
    if (fetched) return fetched
    opts.log(`fetch of ${ref.slice(0, 12)} failed: ${err}`)
  }
  void head
  const parentOf = /^(.+?)(\^1?|~1?)$/.exec(ref)
  if (parentOf && (await git.commit(parentOf[1]!))) {
    throw new ChangesError(`${role} "${ref}": ${parentOf[1]} is the first commit and has no parent; scan it with --all --head ${parentOf[1]}`)
  }
  if (!/^[0-9a-f]{7,40}$/i.test(ref)) {
    throw new ChangesError(`${role} "${ref}" does not name a commit in this repository: check the spelling, or fetch it first (git fetch origin ${ref})`)
  }
  throw new ChangesError(
    `${role} commit ${ref} is not in this clone. In GitHub Actions set \`fetch-depth: 0\` on actions/checkout (or pass the ${role} commit of this repository)`
  )
}

/** Merge-base of base and head; in a shallow clone, deepen history until it is found. */
async function findMergeBase(git: Git, base: string, head: string, opts: ChangeOptions): Promise<string> {
  let mb = await git.mergeBase(base, head)
  if (mb) return mb
  const canFetch = opts.fetch !== false && (await git.isShallow()) && (await git.hasRemote('origin'))
  if (canFetch) {
    for (const deepen of ['--deepen=100', '--deepen=1000', '--unshallow']) {
      opts.log(`shallow clone: no common history of base and head yet; fetching more (${deepen})`)
      const err = await git.fetch('origin', [base, head], [deepen])
      if (err && deepen === '--unshallow') break
      mb = await git.mergeBase(base, head)
      if (mb) return mb
    }
  }
  if (await git.isShallow()) {
    throw new ChangesError(
      `base ${base.slice(0, 12)} and head ${head.slice(0, 12)} share no history in this shallow clone: set \`fetch-depth: 0\` on actions/checkout`
    )
  }
  throw new ChangesError(`base ${base.slice(0, 12)} and head ${head.slice(0, 12)} have no common ancestor`)
}

/**
 * `git diff --raw` between two commits: statuses, renames, blob SHAs and modes in one call. Rename detection
 * reads blobs; when a clone lacks some (partial clones, LFS-like setups) the diff is retried without it -
 * components are paired by name later anyway, so a move is still not reported as new.
 */
async function diff(git: Git, base: string, head: string, headSource: CommitSource, baseSource: CommitSource, log: (m: string) => void) {
  const args = ['diff', '--raw', '-z', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--no-color']
  let r = await git.run([...args, '-M', base, head])
  if (r.code !== 0) {
    log(`git diff with rename detection failed (${firstLine(r.stderr)}); listing changes without it`)
    r = await git.run([...args, '--no-renames', base, head])
  }
  if (r.code !== 0) throw new ChangesError(`git diff failed: ${firstLine(r.stderr)}`)
  const parts = r.stdout.toString('utf8').split('\0')
  const files: FileChange[] = []
  const skipped: string[] = []
  for (let i = 0; i < parts.length - 1; ) {
    const meta = parts[i++]!
    if (!meta.startsWith(':')) continue
    const [oldMode, newMode, oldSha, newSha, status] = meta.slice(1).split(' ') as [string, string, string, string, string]
    const code = status[0]
    const first = parts[i++]!
    const second = code === 'R' || code === 'C' ? parts[i++]! : undefined
    const headPath = second ?? first
    const special = [oldMode, newMode].find((m) => m === '120000' || m === '160000')
    if (special) {
      skipped.push(`${headPath}: ${special === '120000' ? 'symbolic link, not followed' : 'submodule, not scanned'}`)
      continue
    }
    if (code === 'D') {
      baseSource.knowBlob(first, oldSha)
      files.push({ status: 'deleted', path: first })
    } else if (code === 'A' || code === 'C') {
      headSource.knowBlob(headPath, newSha)
      files.push({ status: 'added', path: headPath })
    } else {
      headSource.knowBlob(headPath, newSha)
      baseSource.knowBlob(first, oldSha)
      files.push(second ? { status: 'modified', path: second, previousPath: first } : { status: 'modified', path: first })
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files, skipped }
}

async function worktreeChanges(root: string, git: Git | undefined): Promise<Changes> {
  const source = new WorktreeSource(root, git)
  const files = (await source.list()).map((p): FileChange => ({ status: 'added', path: p }))
  const head = (git && (await git.commit('HEAD'))) || 'WORKTREE'
  return {
    root,
    set: { mode: 'full', head, files, notes: ['full scan of the files on disk: every file counts as new'] },
    head: source,
    skipped: source.skipped,
    close: () => undefined
  }
}
