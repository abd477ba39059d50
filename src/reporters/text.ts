import type { Report, Severity } from '../types.js'
import { SEVERITIES } from '../types.js'
import { countsLine } from '../text.js'

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', notice: '\x1b[36m' }
const DIM = '\x1b[2m'
const BOLD = '\x1b[1m'
const RESET = '\x1b[0m'

/** Human-readable output for the CLI: grouped by severity, then by file. Colour only when asked (a TTY). */
export function renderText(report: Report, opts: { colour: boolean; notes?: string[] }): string {
  const c = (code: string, s: string) => (opts.colour ? `${code}${s}${RESET}` : s)
  const lines: string[] = []
  for (const n of opts.notes ?? []) lines.push(c(DIM, n))
  if (opts.notes?.length) lines.push('')
  for (const sev of SEVERITIES) {
    const list = report.findings.filter((f) => f.severity === sev)
    if (!list.length) continue
    lines.push(c(BOLD + COLOURS[sev], `${sev.toUpperCase()}S (${list.length})`))
    let file: string | undefined
    for (const f of list) {
      if (f.file !== file) {
        file = f.file
        lines.push(`  ${c(BOLD, f.file || '(no file)')}`)
      }
      lines.push(`    ${f.line}  ${c(COLOURS[sev], f.ruleId)}  ${f.component.name}`)
      lines.push(`       ${f.message}`)
      if (f.note) lines.push(`       ${c(DIM, `note: ${f.note}`)}`)
      lines.push(`       ${c(DIM, `fix: ${f.fix}`)}`)
      lines.push(`       ${c(DIM, `${f.evidence}${f.source ? `, source: ${f.source}` : ''} · ${f.docsUrl}`)}`)
    }
    lines.push('')
  }
  const s = report.summary
  const total = s.error + s.warning + s.notice
  lines.push(total ? countsLine(s) : 'No findings.')
  return `${lines.join('\n')}\n`
}
