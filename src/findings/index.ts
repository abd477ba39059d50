import { createHash } from 'node:crypto'
import type { Finding, Problem, RuleHit, RuleMeta, Summary } from '../types.js'
import { SEVERITY_RANK } from '../types.js'
import type { Rule, RuleContext } from '../rules/context.js'
import { PARSE_ERROR } from '../rules/index.js'

/** Stage 4: run every rule; a rule that throws becomes a finding, never a crash or a lost result. */
export function runRules(rules: readonly Rule[], ctx: RuleContext): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    let hits: RuleHit[]
    try {
      hits = rule.check(ctx)
    } catch (e) {
      hits = []
      findings.push(toFinding(PARSE_ERROR, { component: { type: 'Rule', name: rule.id }, file: '', line: 1, message: `internal error in rule ${rule.id}: ${(e as Error).message}` }))
    }
    for (const h of hits) findings.push(toFinding(rule, h))
  }
  return findings
}

export function problemFindings(problems: Problem[]): Finding[] {
  return problems.map((p) => toFinding(PARSE_ERROR, { component: { type: 'File', name: p.file }, file: p.file, line: p.line ?? 1, message: `This file could not be checked: ${p.message}.` }))
}

function toFinding(rule: RuleMeta, h: RuleHit): Finding {
  const f: Finding = {
    ruleId: rule.id,
    severity: h.severity ?? rule.defaultSeverity,
    evidence: h.evidence ?? rule.evidence,
    message: h.message,
    fix: h.fix ?? rule.fix,
    component: h.component,
    file: h.file,
    line: Math.max(1, h.line || 1),
    docsUrl: rule.docsUrl,
    fingerprint: ''
  }
  if (h.source) f.source = h.source
  return f
}

/** Deterministic order (severity, file, line, rule, component) and stable fingerprints; exact duplicates dropped. */
export function finalize(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(compareFindings)
  const out: Finding[] = []
  const seen = new Map<string, number>()
  let previous: Finding | undefined
  for (const f of sorted) {
    // Sorting puts exact duplicates next to each other.
    if (previous && compareFindings(previous, f) === 0 && previous.component.type === f.component.type) continue
    previous = f
    const identity = `${f.ruleId}\u0000${f.component.type}\u0000${f.component.name}\u0000${f.file}`
    const n = seen.get(identity) ?? 0
    seen.set(identity, n + 1)
    out.push({ ...f, fingerprint: createHash('sha256').update(`${identity}\u0000${n}`).digest('hex').slice(0, 32) })
  }
  return out
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.file, b.file) ||
    a.line - b.line ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.component.name, b.component.name) ||
    cmp(a.message, b.message)
  )
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function summarize(findings: Finding[]): Summary {
  const s: Summary = { error: 0, warning: 0, notice: 0 }
  for (const f of findings) s[f.severity]++
  return s
}
