// Helpers shared by scripts/demo.mjs and scripts/bench.mjs: throwaway git repositories and the CLI.
import { spawnSync } from 'node:child_process'
import { cpSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js')

// Neutral settings so that a user's global git config (hooks, signing, templates) cannot change the result.
const GIT_FLAGS = [
  '-c', 'user.name=sf-backup-guard',
  '-c', 'user.email=sf-backup-guard@example.invalid',
  '-c', 'commit.gpgsign=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.autocrlf=false',
  '-c', 'init.defaultBranch=main',
  '-c', 'gc.auto=0'
]

/** Runs git in `cwd`; throws with git's message on failure. Returns stdout (trimmed). */
export function git(cwd, args, { date } = {}) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }
  if (date) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = date
  const r = spawnSync('git', [...GIT_FLAGS, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (r.error) throw new Error(`git ${args[0]}: ${r.error.message}`)
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout).trim()}`)
  return r.stdout.trim()
}

/** Stages everything in `cwd` and commits it; returns the new commit's SHA. */
export function commitAll(cwd, message, date) {
  git(cwd, ['add', '-A'])
  git(cwd, ['commit', '-q', '--no-verify', '--allow-empty', '-m', message], { date })
  return git(cwd, ['rev-parse', 'HEAD'])
}

/** Makes `dir` hold exactly the files of `from` (everything except .git is replaced). */
export function replaceTree(dir, from) {
  for (const e of readdirSync(dir)) if (e !== '.git') rmSync(path.join(dir, e), { recursive: true, force: true })
  cpSync(from, dir, { recursive: true })
}

/** The bundled CLI needs Node 22+ (the project pins Node 24 in node_modules/.bin/node). */
export function requireModernNode(script) {
  const major = Number(process.versions.node.split('.')[0])
  if (major >= 22) return
  console.error(`${script}: Node ${process.version} cannot run dist/cli.js; use npm run ${script} (it puts the project's Node 24 first on PATH) or node_modules/.bin/node scripts/${script}.mjs`)
  process.exit(2)
}
