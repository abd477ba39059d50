import { spawn } from 'node:child_process'
import type { ContentSource } from '../types.js'

export interface GitResult {
  code: number
  stdout: Buffer
  stderr: string
}

/** A user-facing failure of the change stage (missing commit, not a repository…): one line, exit code 2. */
export class ChangesError extends Error {
  override name = 'ChangesError'
}

/** Thin wrapper over the git binary. Every call is one process; contents go through {@link CatFile}. */
export class Git {
  constructor(readonly cwd: string) {}

  run(args: string[], input?: string): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: gitEnv() })
      const out: Buffer[] = []
      const err: Buffer[] = []
      child.stdout.on('data', (d: Buffer) => out.push(d))
      child.stderr.on('data', (d: Buffer) => err.push(d))
      child.on('error', (e) => reject(new ChangesError(`cannot run git: ${e.message}`)))
      child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }))
      child.stdin.on('error', () => undefined)
      child.stdin.end(input ?? '')
    })
  }

  async text(args: string[]): Promise<string> {
    const r = await this.run(args)
    if (r.code !== 0) throw new ChangesError(`git ${args[0]} failed: ${firstLine(r.stderr)}`)
    return r.stdout.toString('utf8').trim()
  }

  async topLevel(): Promise<string | undefined> {
    const r = await this.run(['rev-parse', '--show-toplevel'])
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined
  }

  /** Full SHA of a commit, or undefined when it is not in this clone. */
  async commit(ref: string): Promise<string | undefined> {
    const r = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const r = await this.run(['merge-base', a, b])
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined
  }

  async isShallow(): Promise<boolean> {
    return (await this.text(['rev-parse', '--is-shallow-repository'])) === 'true'
  }

  async hasRemote(name: string): Promise<boolean> {
    const r = await this.run(['remote'])
    return r.stdout.toString('utf8').split('\n').includes(name)
  }

  /** Fetches commits by SHA from a remote; returns git's one-line error on failure. */
  async fetch(remote: string, refs: string[], extra: string[]): Promise<string | undefined> {
    const r = await this.run(['-c', 'protocol.version=2', 'fetch', '--no-tags', '--no-recurse-submodules', '--quiet', ...extra, remote, ...refs])
    return r.code === 0 ? undefined : firstLine(r.stderr) || `exit ${r.code}`
  }
}

/**
 * One long-lived `git cat-file --batch` process answering every content request of a run,
 * instead of one `git show` per file. Requests are queued and answered in order.
 */
export class CatFile {
  private child
  private buffer: Buffer = Buffer.alloc(0)
  /** Pending requests, answered in order; `next` indexes the oldest (no O(n) shift on long queues). */
  private waiting: Array<{ resolve: (b: Buffer | undefined) => void; reject: (e: Error) => void }> = []
  private next = 0
  private failed: Error | undefined

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: gitEnv() })
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d
      this.drain()
    })
    this.child.on('error', (e) => this.fail(new ChangesError(`cannot run git cat-file: ${e.message}`)))
    this.child.on('close', () => this.fail(new ChangesError('git cat-file exited early')))
    this.child.stdin.on('error', () => undefined)
  }

  /** `spec` is `<sha>` or `<commit>:<path>`. Resolves undefined when the object does not exist. */
  read(spec: string): Promise<Buffer | undefined> {
    if (this.failed) return Promise.reject(this.failed)
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.child.stdin.write(`${spec}\n`)
    })
  }

  close(): void {
    this.waiting = []
    this.next = 0
    this.child.stdin.end()
    this.child.kill()
  }

  private fail(e: Error): void {
    if (this.failed) return
    this.failed = e
    for (const w of this.waiting.slice(this.next)) w.reject(e)
    this.waiting = []
    this.next = 0
  }

  private settle(value: Buffer | undefined): void {
    this.waiting[this.next++]!.resolve(value)
    if (this.next === this.waiting.length) {
      this.waiting = []
      this.next = 0
    }
  }

  private drain(): void {
    let offset = 0
    while (this.next < this.waiting.length) {
      const nl = this.buffer.indexOf(10, offset)
      if (nl < 0) break
      const header = this.buffer.subarray(offset, nl).toString('utf8')
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        offset = nl + 1
        this.settle(undefined)
        continue
      }
      const size = Number(header.slice(header.lastIndexOf(' ') + 1))
      if (this.buffer.length < nl + 1 + size + 1) break
      const body = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size))
      offset = nl + 1 + size + 1
      this.settle(body)
    }
    this.buffer = offset ? this.buffer.subarray(offset) : this.buffer
  }
}

/** Contents of one commit, read through a shared {@link CatFile}; blob SHAs from the diff are used when known. */
export class CommitSource implements ContentSource {
  private blobs = new Map<string, string>()
  constructor(
    private git: Git,
    private cat: CatFile,
    readonly commit: string
  ) {}

  knowBlob(path: string, sha: string): void {
    this.blobs.set(path, sha)
  }

  read(path: string): Promise<Buffer | undefined> {
    return this.cat.read(this.blobs.get(path) ?? `${this.commit}:${path}`)
  }

  private listing: Promise<string[]> | undefined

  /** Listed once per run (the change stage and the access model both ask). */
  list(): Promise<string[]> {
    this.listing ??= this.listTree()
    return this.listing
  }

  private async listTree(): Promise<string[]> {
    const r = await this.git.run(['ls-tree', '-r', '-z', '--full-tree', this.commit])
    if (r.code !== 0) throw new ChangesError(`cannot list files of ${this.commit}: ${firstLine(r.stderr)}`)
    const paths: string[] = []
    for (const entry of r.stdout.toString('utf8').split('\0')) {
      if (!entry) continue
      const tab = entry.indexOf('\t')
      const [mode, type, sha] = entry.slice(0, tab).split(' ')
      const path = entry.slice(tab + 1)
      if (type !== 'blob' || mode === '120000') continue
      this.blobs.set(path, sha!)
      paths.push(path)
    }
    return paths
  }

  close(): void {
    this.cat.close()
  }
}

function gitEnv(): NodeJS.ProcessEnv {
  // Stable, non-interactive, untranslated output; never prompt for credentials.
  return { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }
}

export function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim()) ?? ''
}
