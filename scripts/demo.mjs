#!/usr/bin/env node
// npm run demo [-- extra scan options, e.g. --format markdown]
//
// Builds a throwaway git repository from examples/demo-project: commit 1 is base/, commit 2 is head/
// (a feature pull request that adds warranty claims), then runs `sf-backup-guard scan` on that change.
// Findings (exit 1) are the point of the demo; only a usage error (2) or a crash fails it.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CLI, REPO_ROOT, commitAll, git, replaceTree, requireModernNode } from './lib/repo.mjs'

requireModernNode('demo')

const PROJECT = path.join(REPO_ROOT, 'examples', 'demo-project')
const extra = process.argv.slice(2)

if (!existsSync(CLI)) {
  console.error(`demo: ${path.relative(REPO_ROOT, CLI)} is missing; run npm run bundle first`)
  process.exit(2)
}

const dir = mkdtempSync(path.join(tmpdir(), 'sf-backup-guard-demo-'))
const cleanup = () => rmSync(dir, { recursive: true, force: true })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130) })

let status
try {
  git(dir, ['init', '-q'])
  replaceTree(dir, path.join(PROJECT, 'base'))
  // Fixed dates give the same commit SHAs on every run.
  const base = commitAll(dir, 'Field service project before the warranty-claims feature', '2025-01-06T09:00:00Z')
  replaceTree(dir, path.join(PROJECT, 'head'))
  const head = commitAll(dir, 'Warranty claims: claim object, shipment tracking, tax ID, Backup_Integration', '2025-01-07T09:00:00Z')

  const args = [CLI, 'scan', '--base', base, '--head', head, ...extra, dir]
  // On stderr, so that `npm run demo -- --format json` still writes clean JSON to stdout.
  console.error(`demo: scanning the warranty-claims change of examples/demo-project (${base.slice(0, 7)}..${head.slice(0, 7)}) with sf-backup-guard scan${extra.length ? ` ${extra.join(' ')}` : ''}\n`)
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' })
  if (r.error) throw r.error
  status = r.status ?? (r.signal ? 128 : 2)
  if (r.signal) console.error(`demo: the scan was killed by ${r.signal}`)
} catch (e) {
  console.error(`demo: ${e.message}`)
  status = 2
} finally {
  cleanup()
}

// 0 = clean, 1 = findings at or above --fail-on (expected here); anything else is a failure.
if (status === 0 || status === 1) {
  console.error(`\ndemo: scan finished (exit ${status}${status === 1 ? ': findings at or above --fail-on, as expected for this change' : ''})`)
  process.exit(0)
}
console.error(`\ndemo: scan failed with exit ${status}`)
process.exit(status || 2)
