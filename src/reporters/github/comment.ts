/**
 * The sticky pull-request comment: one comment per pull request, found again by a hidden marker and
 * edited in place, so a pull request never collects a pile of bot comments.
 */
import { escapeCell } from '../../text.js'
import { countLine, renderFindingTables } from '../markdown.js'
import type { FailOn, Report } from '../../types.js'
import type { ClientOptions, GitHubClient, GitHubTarget, PublishResult } from './api.js'
import { createClient, describeFailure, missingToken, safeLogger } from './api.js'

/** `always`: post even with no findings; `on-findings`: post only with findings (but keep an existing comment current); `never`: do nothing. */
export type CommentMode = 'always' | 'on-findings' | 'never'

export const COMMENT_MARKER = '<!-- sf-backup-guard:comment -->'
/** Second hidden marker, present only in bodies that report zero findings. */
const CLEAN_MARKER = '<!-- sf-backup-guard:clean -->'
const RESOLVED_TEXT = 'All previously reported findings are resolved'
/** GitHub rejects comment bodies over 65,536 characters; stay a little below it. */
export const COMMENT_MAX_CHARS = 65_000

export interface CommentOptions extends ClientOptions {
  /** Default `on-findings`. */
  mode?: CommentMode
  /** Shown in the comment so reviewers know which findings block the merge. */
  failOn?: FailOn
  /** Link to the workflow run, for the full list when the comment had to leave findings out. */
  runUrl?: string
  /** Appended to a failure reason, e.g. `findings are in the job summary instead`. */
  fallback?: string
}

interface ExistingComment {
  id: number
  body: string
  url?: string
}

export async function upsertComment(target: GitHubTarget, report: Report, options: CommentOptions = {}): Promise<PublishResult> {
  const mode = options.mode ?? 'on-findings'
  if (mode === 'never') return { ok: true, detail: 'pull request comment disabled (comment: never)' }
  if (target.pullNumber === undefined) return { ok: true, detail: 'no pull request comment: not a pull request event' }
  if (missingToken(target)) return skipped('no GitHub token was given', options.fallback)
  const log = safeLogger(target.token, options.log)
  try {
    const octokit = createClient(target, options)
    const existing = await findStickyComment(octokit, target)
    const hasFindings = report.findings.length > 0
    if (!existing && !hasFindings && mode === 'on-findings') {
      return { ok: true, detail: 'no findings; no pull request comment posted' }
    }
    const resolved = existing !== undefined && (!existing.body.includes(CLEAN_MARKER) || existing.body.includes(RESOLVED_TEXT))
    const body = renderCommentBody(report, { failOn: options.failOn, runUrl: options.runUrl, resolved })
    if (existing) return await updateComment(octokit, target, existing, body, log)
    return await createComment(octokit, target, body, log)
  } catch (error) {
    return skipped(describeFailure(error, 'pull-requests: write', target.apiUrl, target.token), options.fallback)
  }
}

function skipped(why: string, fallback: string | undefined): PublishResult {
  return { ok: false, reason: `pull request comment skipped: ${why}${fallback ? `; ${fallback}` : ''}` }
}

/** Walks the pull request's comments page by page and returns the first one carrying the marker. */
async function findStickyComment(octokit: GitHubClient, target: GitHubTarget): Promise<ExistingComment | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber!,
    per_page: 100
  })
  for await (const page of pages) {
    const found = page.data.find((c) => (c.body ?? '').includes(COMMENT_MARKER))
    if (found) return { id: found.id, body: found.body ?? '', url: found.html_url }
  }
  return undefined
}

async function updateComment(
  octokit: GitHubClient,
  target: GitHubTarget,
  existing: ExistingComment,
  body: string,
  log: (line: string) => void
): Promise<PublishResult> {
  if (existing.body === body) return { ok: true, url: existing.url, detail: `pull request comment ${existing.id} already up to date` }
  const { data } = await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body })
  log(`updated pull request comment ${existing.id}`)
  return { ok: true, url: data.html_url, detail: `updated pull request comment ${existing.id}` }
}

async function createComment(octokit: GitHubClient, target: GitHubTarget, body: string, log: (line: string) => void): Promise<PublishResult> {
  const { data } = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pullNumber!, body })
  log(`created pull request comment ${data.id}`)
  return { ok: true, url: data.html_url, detail: `created pull request comment ${data.id}` }
}

// ---------------------------------------------------------------------------------------------
// rendering

export interface CommentBodyOptions {
  failOn?: FailOn
  runUrl?: string
  /** True when an earlier comment listed findings: zero findings then reads "all previously reported findings are resolved". */
  resolved?: boolean
  maxChars?: number
}

/** The whole comment: marker, heading, counts, then one table per severity, within `maxChars`. */
export function renderCommentBody(report: Report, options: CommentBodyOptions = {}): string {
  const maxChars = options.maxChars ?? COMMENT_MAX_CHARS
  const head = [COMMENT_MARKER, '### sf-backup-guard: Salesforce Backup coverage', '']
  const commit = `commit \`${report.head.slice(0, 12)}\``
  if (report.findings.length === 0) {
    const text = options.resolved
      ? `✅ ${RESOLVED_TEXT} as of ${commit}.`
      : `✅ No findings: nothing in this change leaves data unprotected by Salesforce Backup (${commit}).`
    return [...head, CLEAN_MARKER, text, '', footer(report)].join('\n')
  }
  const intro = [`${countLine(report.findings)} as of ${commit}.`]
  if (options.failOn) intro.push(failOnLine(options.failOn))
  const closing = footer(report)
  const budget = maxChars - [...head, ...intro, '', closing].join('\n').length - 2
  const tables = renderFindingTables(report.findings, budget, { limit: 'comment size', runUrl: options.runUrl })
  return [...head, ...intro, '', tables, '', closing].join('\n')
}

function footer(report: Report): string {
  return `<sub>${escapeCell(report.tool.name)} ${escapeCell(report.tool.version)}</sub>`
}

function failOnLine(failOn: FailOn): string {
  if (failOn === 'never') return 'Findings are reported only; they do not fail the check (`fail-on: never`).'
  return `Findings of severity **${failOn}** or higher fail the check (\`fail-on: ${failOn}\`).`
}

export { escapeCell } from '../../text.js'
export { countLine, renderFindingTables } from '../markdown.js'
