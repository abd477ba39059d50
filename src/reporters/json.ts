import type { Finding, Report } from '../types.js'
import { summarize } from '../findings/index.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'

export function buildReport(base: string | undefined, head: string, findings: Finding[]): Report {
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    base: base ?? null,
    head,
    summary: summarize(findings),
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      evidence: f.evidence,
      message: f.message,
      component: f.component,
      file: f.file,
      line: f.line,
      docsUrl: f.docsUrl,
      fingerprint: f.fingerprint,
      fix: f.fix,
      ...(f.source ? { source: f.source } : {}),
      ...(f.note ? { note: f.note } : {})
    }))
  }
}

/** Indented for people; one finding per line past 1,000 findings, which keeps a huge full-scan report fast to write. */
export function renderJson(report: Report): string {
  if (report.findings.length <= 1000) return `${JSON.stringify(report, null, 2)}\n`
  const { findings, ...head } = report
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '')
  return `${top},\n  "findings": [\n${findings.map((f) => `    ${JSON.stringify(f)}`).join(',\n')}\n  ]\n}\n`
}
