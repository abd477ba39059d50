import { collectChanges, type GitHubEvent } from './changes/index.js'
import { finalize, problemFindings, runRules } from './findings/index.js'
import { buildDelta, projectPathFilter } from './metadata/index.js'
import { loadForceIgnore, readProject } from './metadata/project.js'
import { UNKNOWN_ACCESS } from './rules/context.js'
import { RULES } from './rules/index.js'
import { buildReport } from './reporters/json.js'
import type { ChangeSet, Finding, MetadataDelta, ProjectInfo, Report } from './types.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
}

export interface ScanOptions {
  /** Folder to scan (the repository or a folder inside it). */
  dir: string
  base?: string
  head?: string
  all?: boolean
  event?: GitHubEvent
  /** Fetch missing commits in shallow clones (default true). */
  fetch?: boolean
  log: Logger
}

export interface ScanResult {
  report: Report
  findings: Finding[]
  changes: ChangeSet
  project: ProjectInfo
  delta: MetadataDelta
  root: string
  /** Plain sentences for the summary: what was compared, what could not be checked. */
  notes: string[]
  /** Files the change touched (head paths), for annotate: changed-files. */
  changedFiles: Set<string>
}

/**
 * The whole pipeline, shared by the action and the CLI:
 * changes -> metadata -> access -> rules -> findings -> report.
 */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const changes = await collectChanges({ dir: opts.dir, base: opts.base, head: opts.head, all: opts.all, event: opts.event, fetch: opts.fetch, log: opts.log.info })
  try {
    const notes = [...changes.set.notes]
    for (const s of changes.skipped) opts.log.info(`skipped ${s}`)
    const { info: project, warnings } = await readProject(changes.root, changes.head)
    warnings.forEach(opts.log.warning)
    const forceIgnored = await loadForceIgnore(changes.head)
    const includePath = projectPathFilter(project, forceIgnored)
    const delta = await buildDelta({ changes, project, includePath, warn: opts.log.warning })
    if (delta.stats.metadataFiles === 0 && delta.problems.length === 0) notes.push('Nothing to check: the change has no object, field or permission metadata.')

    const ctx = { delta, project, full: changes.set.mode === 'full', access: UNKNOWN_ACCESS }
    const findings = finalize([...problemFindings(delta.problems), ...runRules(RULES, ctx)])
    const report = buildReport(changes.set.base, changes.set.head, findings)
    return {
      report,
      findings,
      changes: changes.set,
      project,
      delta,
      root: changes.root,
      notes,
      changedFiles: new Set(changes.set.files.map((f) => f.path))
    }
  } finally {
    changes.close()
  }
}
