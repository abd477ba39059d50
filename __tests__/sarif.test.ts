/**
 * SARIF 2.1.0 output: schema validation with ajv against the official schema, plus the properties
 * GitHub code scanning relies on (physical locations, stable partial fingerprints, one rule per id).
 *
 * The schema is looked for, in order: $SARIF_SCHEMA_PATH, __tests__/fixtures/sarif-schema-2.1.0.json,
 * and the copy shipped by the npm package @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json).
 * Without any of them the schema test is skipped with a message saying so.
 */
import { describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import * as ajvFormats from 'ajv-formats'
import type { Finding, Report, RuleMeta, Severity } from '../src/types.js'
import { SARIF_FINGERPRINT_KEY, toSarif, toUri } from '../src/reporters/sarif.js'

const here = dirname(fileURLToPath(import.meta.url))
const SCHEMA_CANDIDATES = [
  process.env['SARIF_SCHEMA_PATH'],
  join(here, 'fixtures', 'sarif-schema-2.1.0.json'),
  join(here, '..', 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json')
].filter((p): p is string => Boolean(p))
const schemaPath = SCHEMA_CANDIDATES.find((p) => existsSync(p))

const RULES: RuleMeta[] = [
  rule('encrypted-field-access', 'error', 'Encrypted field not readable by the backup user'),
  rule('history-tracking-gap', 'warning', 'Field history is not backed up'),
  rule('big-object', 'notice', 'Big objects are not backed up'),
  rule('never-used-rule', 'error', 'A rule without findings')
]

function rule(id: string, defaultSeverity: Severity, title: string): RuleMeta {
  return {
    id,
    title,
    defaultSeverity,
    evidence: 'official',
    docsUrl: `https://help.salesforce.com/s/articleView?id=sf.${id}.htm`,
    description: `${title}, so Salesforce Backup will not restore it.`,
    fix: 'Grant read access in the Backup_Integration permission set.'
  }
}

function finding(ruleId: string, severity: Severity, file: string, line: number, name: string): Finding {
  return {
    ruleId,
    severity,
    evidence: 'official',
    message: `${name} is not protected by Salesforce Backup.`,
    fix: `Grant read access to ${name}.`,
    component: { type: 'CustomField', name, object: name.split('.')[0] },
    file,
    line,
    docsUrl: `https://help.salesforce.com/s/articleView?id=sf.${ruleId}.htm`,
    fingerprint: `${ruleId}:${name}:${file}`
  }
}

const FINDINGS: Finding[] = [
  finding('history-tracking-gap', 'warning', 'force-app/main/default/objects/Lead/fields/SSN__c.field-meta.xml', 7, 'Lead.SSN__c'),
  finding('encrypted-field-access', 'error', 'force-app/main/default/objects/Lead/fields/SSN__c.field-meta.xml', 12, 'Lead.SSN__c'),
  finding('big-object', 'notice', 'src/objects/Log Archive__b.object', 0, 'LogArchive__b'),
  { ...finding('encrypted-field-access', 'warning', 'force-app/main/default/permissionsets/Backup.permissionset-meta.xml', 3, 'Account.Tax__c'), note: 'ignore expired on 2026-01-31', source: 'pull-request' },
  finding('parse-error', 'error', 'force-app/main/default/objects/Broken__c/Broken__c.object-meta.xml', 1, 'Broken__c')
]

const REPORT: Report = {
  schemaVersion: 1,
  tool: { name: 'sf-backup-guard', version: '0.1.0' },
  base: 'a'.repeat(40),
  head: 'b'.repeat(40),
  summary: { error: 2, warning: 2, notice: 1 },
  findings: FINDINGS
}

type Json = Record<string, any>

/**
 * The official schema declares draft-04; ajv 8 validates it as draft-07 once the draft-04 `$schema`/`id` are set aside.
 * `unicodeRegExp: false`: the rtm.5 copy has a `language` pattern that is invalid with the regex `u` flag.
 */
function compileSchema(path: string) {
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Json
  delete schema['$schema']
  if (typeof schema['id'] === 'string') {
    schema['$id'] = schema['id']
    delete schema['id']
  }
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })
  const addFormats = ((ajvFormats as Json)['default'] ?? ajvFormats) as (a: Ajv) => Ajv
  addFormats(ajv)
  return ajv.compile(schema)
}

describe('SARIF output', () => {
  const sarif = toSarif(REPORT, RULES, { informationUri: 'https://github.com/acme/sf-backup-guard' }) as Json
  const run = sarif['runs'][0]
  const results = run.results as Json[]
  const rules = run.tool.driver.rules as Json[]

  if (schemaPath) {
    test(`validates against the SARIF 2.1.0 schema (${schemaPath.split('/').slice(-2).join('/')})`, () => {
      const validate = compileSchema(schemaPath)
      const valid = validate(sarif)
      expect(validate.errors ?? []).toEqual([])
      expect(valid).toBe(true)
      // the validator must be able to fail: a result without a message is invalid
      const broken = structuredClone(sarif)
      delete broken['runs'][0].results[0].message
      expect(validate(broken)).toBe(false)
    })
  } else {
    test.skip(`SKIPPED schema validation: no SARIF 2.1.0 schema found (looked in ${SCHEMA_CANDIDATES.join(', ')}); set SARIF_SCHEMA_PATH or install @microsoft/jest-sarif`, () => {})
  }

  test('has the 2.1.0 envelope and tool driver', () => {
    expect(sarif['version']).toBe('2.1.0')
    expect(sarif['$schema']).toMatch(/^https:\/\/.*sarif.*2\.1\.0.*\.json$/)
    expect(sarif['runs']).toHaveLength(1)
    expect(run.tool.driver).toMatchObject({ name: 'sf-backup-guard', version: '0.1.0', informationUri: 'https://github.com/acme/sf-backup-guard' })
  })

  test('one rule entry per rule id that has findings, sorted, with help and default level', () => {
    expect(rules.map((r) => r['id'])).toEqual(['big-object', 'encrypted-field-access', 'history-tracking-gap', 'parse-error'])
    const encrypted = rules[1]!
    expect(encrypted).toMatchObject({
      name: 'EncryptedFieldAccess',
      shortDescription: { text: 'Encrypted field not readable by the backup user' },
      fullDescription: { text: expect.stringContaining('Salesforce Backup will not restore it') },
      help: { text: expect.stringContaining('Fix: Grant read access'), markdown: expect.stringContaining('**Fix:**') },
      helpUri: 'https://help.salesforce.com/s/articleView?id=sf.encrypted-field-access.htm',
      defaultConfiguration: { level: 'error' }
    })
    expect(rules[0]!['defaultConfiguration'].level).toBe('note')
    // a rule id without metadata still gets an entry, built from its first finding
    expect(rules[3]).toMatchObject({ id: 'parse-error', defaultConfiguration: { level: 'error' } })
  })

  test('results point at their rule and map severities to levels', () => {
    expect(results).toHaveLength(FINDINGS.length)
    for (const [i, result] of results.entries()) {
      expect(rules[result['ruleIndex']]!['id']).toBe(result['ruleId'])
      expect(result['ruleId']).toBe(FINDINGS[i]!.ruleId)
    }
    expect(results.map((r) => r['level'])).toEqual(['warning', 'error', 'note', 'warning', 'error'])
    expect(results[3]!['message'].text).toContain('Note: ignore expired on 2026-01-31')
  })

  test('every result has a physical location under %SRCROOT% with startLine >= 1', () => {
    for (const result of results) {
      const physical = result['locations'][0].physicalLocation
      expect(physical.artifactLocation.uriBaseId).toBe('%SRCROOT%')
      expect(physical.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/i)
      expect(physical.region.startLine).toBeGreaterThanOrEqual(1)
    }
    expect(results[2]!['locations'][0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/objects/Log%20Archive__b.object', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 }
    })
  })

  test('partial fingerprints use our own key, are stable across calls, and the whole output is deterministic', () => {
    const again = toSarif(structuredClone(REPORT), [...RULES].reverse(), { informationUri: 'https://github.com/acme/sf-backup-guard' }) as Json
    expect(JSON.stringify(again)).toBe(JSON.stringify(sarif))
    for (const [i, result] of results.entries()) {
      expect(result['partialFingerprints']).toEqual({ [SARIF_FINGERPRINT_KEY]: FINDINGS[i]!.fingerprint })
      expect(result['partialFingerprints']).not.toHaveProperty('primaryLocationLineHash')
    }
  })

  test('a report without findings is a valid empty run', () => {
    const empty = toSarif({ ...REPORT, findings: [], summary: { error: 0, warning: 0, notice: 0 } }, RULES) as Json
    expect(empty['runs'][0].results).toEqual([])
    expect(empty['runs'][0].tool.driver.rules).toEqual([])
    expect(empty['runs'][0].tool.driver).not.toHaveProperty('informationUri')
    if (schemaPath) expect(compileSchema(schemaPath)(empty)).toBe(true)
  })

  test('file paths become relative URI references', () => {
    expect(toUri('./force-app/a b/#x.xml')).toBe('force-app/a%20b/%23x.xml')
    expect(toUri('force-app\\main\\Foo__c.object-meta.xml')).toBe('force-app/main/Foo__c.object-meta.xml')
  })
})
