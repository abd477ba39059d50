import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared')
export const NODE = process.execPath

/** A real git repository in a temp dir, for tests. Files are `path -> content` (string or Buffer; null deletes). */
export class TempRepo {
  readonly dir: string
  constructor(prefix = 'sfbg-test-') {
    this.dir = mkdtempSync(path.join(tmpdir(), prefix))
    this.git('init', '-q', '-b', 'main')
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe']
    }).trim()
  }

  write(files: Record<string, string | Buffer | null>): void {
    for (const [rel, content] of Object.entries(files)) {
      const p = path.join(this.dir, rel)
      if (content === null) {
        rmSync(p, { force: true })
        continue
      }
      mkdirSync(path.dirname(p), { recursive: true })
      writeFileSync(p, content)
    }
  }

  /** Writes the files, commits everything, returns the commit SHA. */
  commit(files: Record<string, string | Buffer | null> = {}, message = 'change'): string {
    this.write(files)
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.git('rev-parse', 'HEAD')
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Clones a corpus bundle from ../shared/corpora into a temp dir, or returns undefined when ../shared is absent. */
export function cloneCorpus(name: string): TempRepo | undefined {
  const bundle = path.join(SHARED, 'corpora', `${name}.bundle`)
  if (!existsSync(bundle)) return undefined
  const repo = Object.create(TempRepo.prototype) as TempRepo
  const dir = mkdtempSync(path.join(tmpdir(), `sfbg-${name}-`))
  Object.assign(repo, { dir })
  execFileSync('git', ['clone', '-q', bundle, dir], { stdio: 'ignore' })
  execFileSync('git', ['checkout', '-q', 'case-head'], { cwd: dir, stdio: 'ignore' })
  return repo
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a bundled entry (dist/cli.js or dist/index.js) as a subprocess, the way users and GitHub run it. */
export function runDist(entry: 'cli.js' | 'index.js', args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): RunResult {
  const r = spawnSync(NODE, [path.join(PROJECT_ROOT, 'dist', entry), ...args], {
    cwd: opts.cwd ?? PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
    input: opts.input,
    encoding: 'utf8',
    timeout: 120_000
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

// ---------------------------------------------------------------------------------------------
// XML builders for fixtures, written the way Salesforce writes them.

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"'

export function el(props: Record<string, string | boolean | number | undefined>, indent = '    '): string {
  return Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${indent}<${k}>${v}</${k}>`)
    .join('\n')
}

export function fieldXml(name: string, props: Record<string, string | boolean | number | undefined> = {}): string {
  return `${HEAD}<CustomField ${NS}>\n${el({ fullName: name, label: name.replace(/__c$/, ''), type: 'Text', length: 255, required: false, ...props })}\n</CustomField>\n`
}

export function objectXml(props: Record<string, string | boolean | number | undefined> = {}, extra = ''): string {
  return `${HEAD}<CustomObject ${NS}>\n${el({ deploymentStatus: 'Deployed', enableHistory: false, enableFeeds: false, label: 'Thing', pluralLabel: 'Things', sharingModel: 'ReadWrite', ...props })}\n${extra}</CustomObject>\n`
}

/** An mdapi `.object` file with inline fields. */
export function mdapiObjectXml(props: Record<string, string | boolean | number | undefined>, fields: Array<Record<string, string | boolean | number | undefined>>): string {
  const f = fields.map((x) => `    <fields>\n${el({ label: 'F', type: 'Text', length: 255, required: false, ...x }, '        ')}\n    </fields>\n`).join('')
  return `${HEAD}<CustomObject ${NS}>\n${el({ deploymentStatus: 'Deployed', label: 'Thing', ...props })}\n${f}${el({ pluralLabel: 'Things', sharingModel: 'ReadWrite' })}\n</CustomObject>\n`
}

export const SFDX_PROJECT = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], namespace: '', sourceApiVersion: '62.0' }, null, 2)
export const SRC = 'force-app/main/default'

/** Like {@link runDist} but asynchronous, so that servers in the test process (fake GitHub, fake org) can answer. */
export function runDistAsync(entry: 'cli.js' | 'index.js', args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [path.join(PROJECT_ROOT, 'dist', entry), ...args], {
      cwd: opts.cwd ?? PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? -1, stdout, stderr })
    })
  })
}

/** The files GitHub gives an action: event payload, step summary and outputs, in a temp dir. */
export function actionEnv(dir: string, event: { name: string; payload: unknown }, inputs: Record<string, string> = {}, extra: NodeJS.ProcessEnv = {}) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sfbg-runner-'))
  const files = { event: path.join(tmp, 'event.json'), summary: path.join(tmp, 'summary.md'), output: path.join(tmp, 'output.txt'), temp: tmp }
  writeFileSync(files.event, JSON.stringify(event.payload))
  writeFileSync(files.summary, '')
  writeFileSync(files.output, '')
  const env: NodeJS.ProcessEnv = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: tmp,
    GITHUB_REPOSITORY: 'acme/crm',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    ...extra
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  return { env, files }
}

/** Parses the `name<<delimiter` blocks of a GITHUB_OUTPUT file. */
export function readOutputs(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8')
  const out: Record<string, string> = {}
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  let m
  while ((m = re.exec(text))) out[m[1]!] = m[3]!
  return out
}
