import type { FailOn, Finding } from '../types.js'
import { SEVERITY_RANK } from '../types.js'

export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'notice', 'never']

/** Findings at or above the threshold; the build fails when there is at least one. */
export function blocking(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'never') return []
  return findings.filter((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failOn])
}

/** Exit code of a scan: 0 clean (or below the threshold), 1 findings at or above it. Usage errors exit 2 elsewhere. */
export function exitCode(findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  return blocking(findings, failOn).length ? 1 : 0
}
