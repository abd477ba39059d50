import { realpathSync } from 'node:fs'
import path from 'node:path'
import { collectChanges, type ChangeOptions } from './changes/index.js'
import { applyConfig, loadConfig, pathFilter, type Config } from './config/index.js'
import { finalize, problemFindings, runRules } from './findings/index.js'
import { buildDelta, projectPathFilter } from './metadata/index.js'
import { loadForceIgnore, readProject } from './metadata/project.js'
import type { OrgOptions } from './org/options.js'
import { UNKNOWN_ACCESS, type AccessView, type OrgFacts } from './rules/context.js'
import { namespaceOf } from './metadata/names.js'
import { RULE_IDS, RULES } from './rules/index.js'
import { buildReport } from './reporters/json.js'
import type { ChangeSet, Finding, MetadataDelta, ProjectInfo, Report } from './types.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
}

/** What to compare (dir, base, head, all, event, fetch: see ChangeOptions), plus what the later stages need. */
export interface ScanOptions extends Omit<ChangeOptions, 'log'> {
  /** Configuration file (absolute or relative to the repository root); default `.github/sf-backup-guard.yml`. */
  config?: string
  /** Write missing grants into the integration user's permission set file. */
  fix?: boolean
  /** Today as YYYY-MM-DD (UTC), for ignore expiry; a parameter so that runs are reproducible. */
  today?: string
  /** Live org credentials (optional, read-only). Without credentials no request is made. */
  org?: OrgOptions
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
  config: Config
  access: AccessView
  /** Files written by `fix`. */
  fixed: string[]
}

/**
 * The whole pipeline, shared by the action and the CLI:
 * changes -> metadata -> access -> rules -> findings -> report.
 */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const t = timer()
  const changes = await collectChanges({ dir: opts.dir, base: opts.base, head: opts.head, all: opts.all, event: opts.event, fetch: opts.fetch, log: opts.log.info })
  try {
    const notes = [...changes.set.notes]
    for (const s of changes.skipped) opts.log.info(`skipped ${s}`)
    const config = loadConfig({ root: changes.root, path: opts.config, ruleIds: RULE_IDS })
    const projectDir = path.relative(changes.root, realpathSync(path.resolve(opts.dir))).split(path.sep).join('/')
    const { info: project, warnings } = await readProject(changes.root, changes.head, projectDir.startsWith('..') ? '' : projectDir)
    warnings.forEach(opts.log.warning)
    if (config.namespace) project.namespace = config.namespace
    const forceIgnored = await loadForceIgnore(changes.head, project.projectDir)
    const includePath = projectPathFilter(project, forceIgnored, pathFilter(config))
    t('changes')
    const delta = await buildDelta({ changes, project, includePath, warn: opts.log.warning })
    t('metadata')
    if (delta.stats.metadataFiles === 0 && delta.problems.length === 0) notes.push('Nothing to check: the change has no object, field or permission metadata.')

    let access: AccessView = UNKNOWN_ACCESS
    const accessModule = await import('./access/index.js')
    if (accessModule.integrationUserConfigured(config.integrationUser)) {
      access = await accessModule.buildRepoAccess({ config: config.integrationUser, head: changes.head, base: changes.base, project, delta, warn: opts.log.warning })
    }
    let org: OrgFacts | undefined
    const asked = touched(delta)
    if (opts.org && hasCredentials(opts.org) && (asked.objects.length > 0 || opts.org.required)) {
      const { loadOrg } = await import('./org/facts.js')
      const { mergeAccess } = await import('./org/merge.js')
      const r = await loadOrg(opts.org, asked, opts.log)
      org = r.facts
      access = mergeAccess(access, r.access)
      notes.push(...r.warnings)
      if (r.facts) notes.push(`Live org consulted read-only: ${r.apiCalls} API call${r.apiCalls === 1 ? '' : 's'}. Access the pull request grants and access the org grants both count.`)
    }
    if (!access.known) notes.push(accessModule.accessNotConfiguredSentence(config.file))

    t('access and org')
    const ctx = { delta, project, full: changes.set.mode === 'full', access, org }
    const today = opts.today ?? new Date().toISOString().slice(0, 10)
    const hits = runRules(RULES, ctx)
    t('rules')
    const findings = finalize(applyConfig([...problemFindings(delta.problems), ...hits], config, today))
    t('findings')
    const fixed = opts.fix
      ? accessModule.writeFixes({ root: changes.root, target: access.grantTarget(), grants: accessModule.grantsFromFindings(findings, delta), warn: opts.log.warning })
      : []
    for (const f of fixed) opts.log.info(`fix: wrote the missing grants into ${f}`)
    const report = buildReport(changes.set.base, changes.set.head, findings)
    return {
      report,
      findings,
      changes: changes.set,
      project,
      delta,
      root: changes.root,
      notes,
      changedFiles: new Set(changes.set.files.map((f) => f.path)),
      config,
      access,
      fixed
    }
  } finally {
    changes.close()
  }
}

function hasCredentials(o: OrgOptions): boolean {
  return Boolean(o.authUrl || o.accessToken || o.jwtKey || o.required)
}

/** The objects, fields and namespaces the change touches: all the org is asked about. */
function touched(delta: MetadataDelta): { objects: string[]; fields: string[]; namespaces: string[] } {
  const objects = new Set<string>()
  const fields = new Set<string>()
  for (const c of delta.objects) if (c.after) objects.add(c.after.name)
  for (const c of delta.fields) {
    if (!c.after) continue
    objects.add(c.after.object)
    fields.add(c.after.fullName)
  }
  const namespaces = new Set([...objects].map(namespaceOf).filter((n): n is string => !!n))
  return { objects: [...objects].sort(), fields: [...fields].sort(), namespaces: [...namespaces].sort() }
}

/** `SF_BACKUP_GUARD_TIMING=1` prints how long each stage took (to standard error), for performance work. */
function timer(): (stage: string) => void {
  if (!process.env.SF_BACKUP_GUARD_TIMING) return () => undefined
  let last = performance.now()
  return (stage) => {
    const now = performance.now()
    process.stderr.write(`timing: ${stage} ${(now - last).toFixed(0)} ms\n`)
    last = now
  }
}
