/**
 * SARIF 2.1.0 output for GitHub code scanning (github/codeql-action/upload-sarif) and other SARIF viewers.
 * One run; one rule entry per rule id that has findings; every result has a physical location
 * (GitHub rejects results without one) and our own partial fingerprint, never the reserved
 * `primaryLocationLineHash`. The same report always gives the same output.
 */
import type { Finding, Report, RuleMeta, Severity } from '../types.js'

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
/** Key of our fingerprint in `partialFingerprints`. Bump the version if the fingerprint recipe changes. */
export const SARIF_FINGERPRINT_KEY = 'sfBackupGuard/v1'
export const SARIF_SRCROOT = '%SRCROOT%'

export type SarifLevel = 'error' | 'warning' | 'note'

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', notice: 'note' }

export interface SarifOptions {
  /** The tool's home page (`tool.driver.informationUri`), e.g. its repository URL. Omitted when not given. */
  informationUri?: string
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  help: { text: string; markdown: string }
  helpUri?: string
  defaultConfiguration: { level: SarifLevel }
  properties: { tags: string[]; evidence: string }
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: SarifLevel
  message: { text: string }
  locations: [
    {
      physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } }
      logicalLocations: { name: string; fullyQualifiedName: string }[]
    }
  ]
  partialFingerprints: Record<string, string>
  properties: Record<string, string>
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: [
    {
      tool: { driver: { name: string; version: string; semanticVersion: string; informationUri?: string; rules: SarifRule[] } }
      columnKind: 'utf16CodeUnits'
      results: SarifResult[]
    }
  ]
}

export function toSarif(report: Report, rules: readonly RuleMeta[], options: SarifOptions = {}): SarifLog {
  const sarifRules = rulesInUse(report.findings, rules)
  const index = new Map(sarifRules.map((r, i) => [r.id, i]))
  const driver = {
    name: report.tool.name,
    version: report.tool.version,
    semanticVersion: report.tool.version,
    ...(options.informationUri ? { informationUri: options.informationUri } : {}),
    rules: sarifRules
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results: report.findings.map((f) => toResult(f, index.get(f.ruleId)!)) }]
  }
}

/** One entry per rule id that has findings, sorted by id. Rule ids without metadata get an entry built from the finding. */
function rulesInUse(findings: readonly Finding[], rules: readonly RuleMeta[]): SarifRule[] {
  const byId = new Map(rules.map((r) => [r.id, r]))
  const firstFinding = new Map<string, Finding>()
  for (const f of findings) if (!firstFinding.has(f.ruleId)) firstFinding.set(f.ruleId, f)
  return [...firstFinding.keys()].sort(compareStrings).map((id) => toRule(byId.get(id) ?? metaFromFinding(firstFinding.get(id)!)))
}

function metaFromFinding(f: Finding): RuleMeta {
  return { id: f.ruleId, title: f.ruleId, defaultSeverity: f.severity, evidence: f.evidence, docsUrl: f.docsUrl, description: f.message, fix: f.fix }
}

function toRule(meta: RuleMeta): SarifRule {
  const docs = meta.docsUrl ? `\n\nDocumentation: ${meta.docsUrl}` : ''
  const docsMd = meta.docsUrl ? `\n\n[Documentation](${meta.docsUrl})` : ''
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.description}\n\nFix: ${meta.fix}\n\nEvidence: ${meta.evidence}.${docs}`,
      markdown: `${meta.description}\n\n**Fix:** ${meta.fix}\n\n**Evidence:** ${meta.evidence}.${docsMd}`
    },
    ...(meta.docsUrl ? { helpUri: meta.docsUrl } : {}),
    defaultConfiguration: { level: LEVELS[meta.defaultSeverity] },
    properties: { tags: ['salesforce', 'backup'], evidence: meta.evidence }
  }
}

function toResult(f: Finding, ruleIndex: number): SarifResult {
  const text = [f.message, `Fix: ${f.fix}`, ...(f.note ? [`Note: ${f.note}`] : [])].join('\n')
  const properties: Record<string, string> = { evidence: f.evidence, componentType: f.component.type }
  if (f.source) properties['source'] = f.source
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVELS[f.severity],
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: toUri(f.file), uriBaseId: SARIF_SRCROOT }, region: { startLine: Math.max(1, Math.trunc(f.line) || 1) } },
        logicalLocations: [{ name: f.component.name, fullyQualifiedName: f.component.name }]
      }
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    properties
  }
}

/** A repo-relative path as a relative URI reference: each segment percent-encoded, `/` kept. */
export function toUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

/** `encrypted-field-access` → `EncryptedFieldAccess` */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
