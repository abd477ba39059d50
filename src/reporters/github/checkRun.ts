/**
 * The `sf-backup-guard` check run: a completed check on the head commit whose conclusion follows
 * `fail-on`, with every finding as an annotation. The Checks API takes at most 50 annotations per
 * request, so the first 50 go with the create call and the rest are appended by updates.
 */
import type { FailOn, Finding, Report, Severity } from '../../types.js'
import { SEVERITY_RANK } from '../../types.js'
import type { ClientOptions, GitHubClient, GitHubTarget, PublishResult } from './api.js'
import { createClient, describeFailure, missingToken, oneLine, safeLogger, truncateUtf8 } from './api.js'
import { escapeCell, plural } from '../../text.js'
import { countLine, renderFindingTables } from '../markdown.js'
import { blocking } from '../../gate/index.js'

export const CHECK_NAME = 'sf-backup-guard'
export const ANNOTATIONS_PER_REQUEST = 50
/** 20 requests; far more would run into GitHub's secondary rate limit for content-creating requests. */
export const DEFAULT_MAX_ANNOTATIONS = 1000
/** Check-run `output.summary` and `output.text` are limited to 65,535 characters. */
export const OUTPUT_MAX_CHARS = 65_535
/** Annotation `message` and `raw_details` are limited to 64 KB; stay below either reading of "KB". */
export const ANNOTATION_FIELD_MAX_BYTES = 60_000

export type Conclusion = 'success' | 'failure' | 'neutral'
export type AnnotationLevel = 'notice' | 'warning' | 'failure'

export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: AnnotationLevel
  title: string
  message: string
  raw_details: string
}

export interface CheckRunOptions extends ClientOptions {
  failOn: FailOn
  /** Only findings in these repo-relative files become annotations (`annotate: changed-files`); all still count. */
  annotateFiles?: Set<string>
  /** Default `sf-backup-guard`. */
  name?: string
  /** Link shown as "Details" on the check, e.g. the workflow run URL. */
  detailsUrl?: string
  /** Default 1000. Findings beyond it are counted in the summary but not annotated. */
  maxAnnotations?: number
  /** Appended to a failure reason, e.g. `findings are shown as workflow annotations instead`. */
  fallback?: string
}

export async function publishCheckRun(target: GitHubTarget, report: Report, options: CheckRunOptions): Promise<PublishResult> {
  const fail = (why: string): PublishResult => ({ ok: false, reason: oneLine(`check run skipped: ${why}${options.fallback ? `; ${options.fallback}` : ''}`) })
  if (missingToken(target)) return fail('no GitHub token was given')
  const plan = planAnnotations(report.findings, options)
  const conclusion = checkConclusion(report.findings, options.failOn)
  const output = checkOutput(report, options.failOn, conclusion, plan)
  const batches = chunk(plan.annotated.map(toAnnotation), ANNOTATIONS_PER_REQUEST)
  const log = safeLogger(target.token, options.log)
  let octokit: GitHubClient
  let created: { id: number; html_url: string | null }
  try {
    octokit = createClient(target, options)
    const response = await octokit.rest.checks.create({
      owner: target.owner,
      repo: target.repo,
      name: options.name ?? CHECK_NAME,
      head_sha: target.headSha,
      status: 'completed',
      conclusion,
      ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
      output: batches[0] ? { ...output, annotations: batches[0] } : output
    })
    created = response.data
  } catch (error) {
    return fail(describeFailure(error, 'checks: write', target.apiUrl, target.token))
  }
  log(`created check run ${created.id} (${conclusion}) with ${batches[0]?.length ?? 0} annotations`)
  const sent = await appendAnnotations(octokit, target, created.id, output, batches.slice(1), log)
  const total = plan.annotated.length
  const delivered = (batches[0]?.length ?? 0) + sent.count
  if (sent.error !== undefined) {
    const why = describeFailure(sent.error, 'checks: write', target.apiUrl, target.token)
    return { ok: false, reason: oneLine(`check run ${created.id} incomplete: ${delivered} of ${total} annotations sent, then ${why}`) }
  }
  const url = created.html_url ?? undefined
  return { ok: true, url, detail: `check run ${created.id}: ${conclusion}, ${delivered} annotations` }
}

/** Sends the remaining batches one update at a time; stops at the first failure. */
async function appendAnnotations(
  octokit: GitHubClient,
  target: GitHubTarget,
  checkRunId: number,
  output: { title: string; summary: string; text: string },
  batches: CheckAnnotation[][],
  log: (line: string) => void
): Promise<{ count: number; error?: unknown }> {
  let count = 0
  for (const batch of batches) {
    try {
      await octokit.rest.checks.update({
        owner: target.owner,
        repo: target.repo,
        check_run_id: checkRunId,
        output: { ...output, annotations: batch }
      })
    } catch (error) {
      return { count, error }
    }
    count += batch.length
    log(`appended ${batch.length} annotations to check run ${checkRunId}`)
  }
  return { count }
}

/** `failure` when a finding is at or above `failOn`; `neutral` for `never` with findings; else `success`. */
export function checkConclusion(findings: readonly Finding[], failOn: FailOn): Conclusion {
  if (findings.length === 0) return 'success'
  if (failOn === 'never') return 'neutral'
  return blocking(findings, failOn).length ? 'failure' : 'success'
}

interface AnnotationPlan {
  annotated: Finding[]
  /** Findings in files outside `annotateFiles`, or without a file. */
  outside: number
  /** Findings beyond `maxAnnotations`. */
  overLimit: number
}

/** Which findings become annotations: those in annotatable files, most severe first, up to the limit. */
export function planAnnotations(findings: readonly Finding[], options: Pick<CheckRunOptions, 'annotateFiles' | 'maxAnnotations'>): AnnotationPlan {
  const eligible = findings.filter((f) => f.file !== '' && (!options.annotateFiles || options.annotateFiles.has(f.file)))
  const ordered = [...eligible].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
  const limit = Math.max(0, options.maxAnnotations ?? DEFAULT_MAX_ANNOTATIONS)
  return { annotated: ordered.slice(0, limit), outside: findings.length - eligible.length, overLimit: Math.max(0, eligible.length - limit) }
}

const LEVELS: Record<Severity, AnnotationLevel> = { error: 'failure', warning: 'warning', notice: 'notice' }

export function toAnnotation(f: Finding): CheckAnnotation {
  const line = Math.max(1, Math.trunc(f.line) || 1)
  return {
    path: f.file,
    start_line: line,
    end_line: line,
    annotation_level: LEVELS[f.severity],
    title: f.ruleId.slice(0, 255),
    message: truncateUtf8(annotationMessage(f), ANNOTATION_FIELD_MAX_BYTES),
    raw_details: truncateUtf8(`Component: ${f.component.type} ${f.component.name}\nFingerprint: ${f.fingerprint}`, ANNOTATION_FIELD_MAX_BYTES)
  }
}

function annotationMessage(f: Finding): string {
  const lines = [f.message, '', `Fix: ${f.fix}`, `Evidence: ${f.evidence}${f.source ? ` (from the ${f.source})` : ''}`]
  if (f.docsUrl) lines.push(`Docs: ${f.docsUrl}`)
  if (f.note) lines.push(`Note: ${f.note}`)
  return lines.join('\n')
}

function checkOutput(report: Report, failOn: FailOn, conclusion: Conclusion, plan: AnnotationPlan): { title: string; summary: string; text: string } {
  const title = report.findings.length === 0 ? 'No findings' : countLine(report.findings).replace(/\*\*/g, '')
  const summary = truncateChars(checkSummary(report, failOn, conclusion, plan), OUTPUT_MAX_CHARS)
  const text = report.findings.length === 0 ? '' : renderFindingTables(report.findings, OUTPUT_MAX_CHARS - 1_000, { limit: 'check run output' })
  return { title, summary, text }
}

/** Counts, what the conclusion means, findings per rule, and which findings are not annotated. */
export function checkSummary(report: Report, failOn: FailOn, conclusion: Conclusion, plan: AnnotationPlan): string {
  const commit = `\`${report.head.slice(0, 12)}\``
  if (report.findings.length === 0) return `No objects or fields left unprotected by Salesforce Backup in commit ${commit}.`
  const lines = [`${countLine(report.findings)} in commit ${commit}.`, '', conclusionLine(report.findings, failOn, conclusion), '', ...perRuleTable(report.findings)]
  if (plan.outside > 0) lines.push('', `Not annotated: ${plural(plan.outside, 'finding')} in files this pull request does not change (or without a file); see the list below.`)
  if (plan.overLimit > 0) lines.push('', `Not annotated: ${plural(plan.overLimit, 'finding')} over the limit of annotations per check run; see the list below and the SARIF/JSON report.`)
  return lines.join('\n')
}

function conclusionLine(findings: readonly Finding[], failOn: FailOn, conclusion: Conclusion): string {
  if (failOn === 'never') return 'The check does not fail on findings (`fail-on: never`).'
  const failing = blocking(findings, failOn).length
  if (conclusion === 'failure') return `**Failed:** ${plural(failing, 'finding')} of severity ${failOn} or higher (\`fail-on: ${failOn}\`).`
  return `**Passed:** no finding is of severity ${failOn} or higher (\`fail-on: ${failOn}\`).`
}

function perRuleTable(findings: readonly Finding[]): string[] {
  const counts = new Map<string, { severity: Severity; count: number }>()
  for (const f of findings) {
    const key = `${SEVERITY_RANK[f.severity]}\u0000${f.ruleId}`
    const entry = counts.get(key) ?? { severity: f.severity, count: 0 }
    entry.count++
    counts.set(key, entry)
  }
  const rows = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { severity, count }]) => `| ${escapeCell(key.split('\u0000')[1]!)} | ${severity} | ${count} |`)
  return ['| Rule | Severity | Findings |', '|---|---|---|', ...rows]
}

function truncateChars(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 20)}\n… (truncated)`
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
