import type { Finding, Report, Severity } from '../types.js'
import { SEVERITIES } from '../types.js'
import { countsLine, escapeCell } from '../text.js'

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', notice: 'Notices' }
const ICONS: Record<Severity, string> = { error: '🔴', warning: '🟠', notice: '🔵' }

export interface MarkdownOptions {
  /** Lines shown above the counts (what was compared, skipped features, access status). */
  notes?: string[]
  /** Hard cap on the output length in characters; rows past it are left out with a note. */
  maxChars?: number
  /** Link findings to files on GitHub: `${blobUrl}/${file}#L${line}`. */
  blobUrl?: string
  title?: string
}

/** Counts, then one table per severity. Used for the job summary, `--format markdown` and the PR comment. */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const { summary } = report
  const total = summary.error + summary.warning + summary.notice
  const head: string[] = [`## ${opts.title ?? 'Salesforce Backup coverage'}`, '']
  if (total === 0) head.push('✅ No findings: everything this change adds is covered by Salesforce Backup as far as the rules can tell.', '')
  else head.push(countsLine(summary, true), '')
  for (const n of opts.notes ?? []) head.push(`> ${n}`, '')
  const max = opts.maxChars ?? Infinity
  let out = `${head.join('\n')}\n`
  let shown = 0
  let truncated = false
  for (const sev of SEVERITIES) {
    const list = report.findings.filter((f) => f.severity === sev)
    if (!list.length) continue
    const section = [`### ${ICONS[sev]} ${HEADINGS[sev]} (${list.length})`, '', '| Rule | Component | Where | What will not be backed up | Fix |', '|---|---|---|---|---|', '']
    const sectionHead = section.join('\n')
    if (out.length + sectionHead.length + 200 > max) {
      truncated = true
      break
    }
    out += sectionHead.replace(/\n$/, '')
    for (const f of list) {
      const row = `\n${row_(f, opts.blobUrl)}`
      if (out.length + row.length + 200 > max) {
        truncated = true
        break
      }
      out += row
      shown++
    }
    out += '\n\n'
    if (truncated) break
  }
  if (truncated) out += `\n_${total - shown} of ${total} findings left out to stay within GitHub's size limit; the JSON report has all of them._\n`
  return out
}

function row_(f: Finding, blobUrl?: string): string {
  const where = `${f.file}:${f.line}`
  const link = blobUrl && f.file ? `[${cell(where)}](${blobUrl}/${encodeURI(f.file)}#L${f.line})` : `\`${cell(where)}\``
  const note = f.note ? ` _(${cell(f.note)})_` : ''
  const source = f.source ? ` _(source: ${f.source})_` : ''
  return `| [\`${f.ruleId}\`](${f.docsUrl}) | \`${cell(f.component.name)}\` | ${link} | ${cell(f.message)}${source}${note} _(${f.evidence})_ | ${cell(f.fix)} |`
}

/** One table cell: no line breaks, no pipes, and no raw HTML (the fix texts carry XML such as <fieldPermissions>). */
function cell(s: string): string {
  return escapeCell(s)
}
