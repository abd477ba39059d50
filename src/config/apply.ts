import type { Finding } from '../types.js'
import { matchComponent, matchPath, normalizePath } from './glob.js'
import type { Config, IgnoreEntry } from './types.js'
import { validDate } from './load.js'

/**
 * Applies the configuration to the findings, keeping their order:
 * `rules: {id: off}` drops, other `rules` values replace the severity, and an `ignore` entry matching the rule and
 * the component drops the finding up to and including its `until` day. After that day the finding stays, with
 * `note` saying that the ignore expired.
 */
export function applyConfig(findings: Finding[], config: Pick<Config, 'rules' | 'ignore'>, today: string): Finding[] {
  if (!validDate(today)) throw new Error(`applyConfig: today must be YYYY-MM-DD, got ${JSON.stringify(today)}`)
  const out: Finding[] = []
  for (const finding of findings) {
    const override = config.rules[finding.ruleId]
    if (override === 'off') continue
    let f = override && override !== finding.severity ? { ...finding, severity: override } : finding
    const matching = config.ignore.filter((i) => ignoreMatches(i, f))
    if (matching.some((i) => i.until === undefined || i.until >= today)) continue
    const expired = latestExpired(matching)
    if (expired) {
      const note = `ignore expired on ${expired.until} (reason: ${expired.reason})`
      f = { ...f, note: f.note ? `${f.note}; ${note}` : note }
    }
    out.push(f)
  }
  return out
}

/** True when the ignore entry's rule is the finding's and its component pattern names the component (or its object). */
export function ignoreMatches(entry: Pick<IgnoreEntry, 'rule' | 'component'>, finding: Pick<Finding, 'ruleId' | 'component'>): boolean {
  return entry.rule === finding.ruleId && matchComponent(entry.component, finding.component)
}

function latestExpired(entries: IgnoreEntry[]): IgnoreEntry | undefined {
  let best: IgnoreEntry | undefined
  for (const e of entries) if (e.until && (!best || e.until > best.until!)) best = e
  return best
}

/**
 * Which repository paths are scanned: with `paths.include` only matching paths, minus those matching `paths.exclude`.
 * Patterns match the whole repository-relative path, or a directory containing it.
 */
export function pathFilter(config: Pick<Config, 'paths'>): (path: string) => boolean {
  const include = config.paths.include
  const exclude = config.paths.exclude
  if (!include.length && !exclude.length) return () => true
  return (file: string) => {
    const p = normalizePath(file)
    if (include.length && !include.some((g) => matchPath(g, p))) return false
    return !exclude.some((g) => matchPath(g, p))
  }
}
