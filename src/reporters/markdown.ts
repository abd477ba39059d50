import type { Finding, Report, Severity } from '../types.js'
import { SEVERITIES } from '../types.js'
import { countsLine, escapeCell, plural } from '../text.js'

/**
 * The one Markdown table renderer, shared by the job summary / `--format markdown`, the sticky PR comment and
 * the check run's text: one table per severity (errors first), cut to a character budget with a note.
 */

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', notice: 'Notices' }
const ICONS: Record<Severity, string> = { error: '🔴', warning: '🟠', notice: '🔵' }
const TABLE_HEADER = '| Rule | Component | File | What will not be backed up | Fix |\n|---|---|---|---|---|'

export interface TableOptions {
  /** Heading level of the per-severity headings (3 in the summary, 4 inside the comment and check run). */
  headingLevel?: number
  /** Which GitHub limit a cut respects, for the note: `comment`, `job summary`, `check run`. */
  limit?: string
  /** Link to the workflow run, for the full list when findings were left out. */
  runUrl?: string
}

/** `**3 findings**: 1 error, 2 warnings, 0 notices` */
export function countLine(findings: readonly Finding[]): string {
  const counts = SEVERITIES.map((s) => plural(findings.filter((f) => f.severity === s).length, s))
  return `**${plural(findings.length, 'finding')}**: ${counts.join(', ')}`
}

/** Tables within `maxChars`; when findings do not fit, the text ends with a note saying how many were left out. */
export function renderFindingTables(findings: readonly Finding[], maxChars: number, options: TableOptions = {}): string {
  const reserve = 300 + (options.runUrl?.length ?? 0)
  const hashes = '#'.repeat(options.headingLevel ?? 4)
  const parts: string[] = []
  let length = 0
  let shown = 0
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity)
    if (group.length === 0) continue
    const header = `${hashes} ${ICONS[severity]} ${HEADINGS[severity]} (${group.length.toLocaleString('en-US')})\n\n${TABLE_HEADER}`
    const rows: string[] = []
    for (const finding of group) {
      const row = tableRow(finding)
      const extra = (rows.length === 0 ? header.length + 2 : 0) + row.length + 1
      if (length + extra + reserve > maxChars) break
      rows.push(row)
      length += extra
    }
    if (rows.length > 0) parts.push(`${header}\n${rows.join('\n')}`)
    shown += rows.length
    if (rows.length < group.length) break
  }
  const omitted = findings.length - shown
  if (omitted > 0) {
    const where = options.runUrl ? `the [workflow run](${options.runUrl})` : 'the workflow run'
    parts.push(
      `_${plural(omitted, 'more finding')} left out to stay within GitHub's ${options.limit ?? 'size'} limit; see ${where} (check run, job summary, JSON or SARIF report) for the full list._`
    )
  }
  return parts.join('\n\n')
}

export interface MarkdownOptions {
  /** Lines shown above the tables (what was compared, skipped features, access status). */
  notes?: string[]
  /** Hard cap on the output length in characters; rows past it are left out with a note. */
  maxChars?: number
  runUrl?: string
  title?: string
}

/** The job summary and `--format markdown`: title, counts, notes, then the tables. */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const head: string[] = [`## ${opts.title ?? 'Salesforce Backup coverage'}`, '']
  if (report.findings.length === 0) head.push('✅ No findings: everything this change adds is covered by Salesforce Backup as far as the rules can tell.', '')
  else head.push(countsLine(report.summary, true), '')
  for (const n of opts.notes ?? []) head.push(`> ${escapeCell(n)}`, '')
  const top = head.join('\n')
  if (report.findings.length === 0) return `${top}\n`
  const budget = (opts.maxChars ?? Number.MAX_SAFE_INTEGER) - top.length - 2
  return `${top}\n${renderFindingTables(report.findings, budget, { headingLevel: 3, limit: 'job summary', runUrl: opts.runUrl })}\n`
}

function tableRow(f: Finding): string {
  const rule = `[${escapeCell(f.ruleId)}](${f.docsUrl.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`
  const location = f.file ? code(`${f.file}:${f.line}`) : ''
  const extra = [f.evidence, f.source ? `source: ${f.source}` : '', f.note ?? ''].filter(Boolean).join('; ')
  return `| ${rule} | ${code(f.component.name)} | ${location} | ${escapeCell(f.message)} _(${escapeCell(extra)})_ | ${withCode(f.fix)} |`
}

/** Fix texts carry XML to paste (`<fieldPermissions>…`): show it as code, the words around it as text. */
function withCode(text: string): string {
  const from = text.indexOf('<')
  const to = text.lastIndexOf('>')
  if (from < 0 || to < from) return escapeCell(text)
  return `${escapeCell(text.slice(0, from))} ${code(text.slice(from, to + 1))} ${escapeCell(text.slice(to + 1))}`.trim()
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ').replace(/\|/g, '\\|')}\``
}
