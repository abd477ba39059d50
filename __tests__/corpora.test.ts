/**
 * Replays real pull requests from public Salesforce projects (../shared/corpora) through the bundled CLI and
 * asserts the exact findings worked out by reading their files against the rule catalogue.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { cloneCorpus, runDist, SHARED, type TempRepo } from './support/repo.js'

const available = existsSync(path.join(SHARED, 'corpora'))
if (!available) console.warn(`SKIPPED corpus replays: ${path.join(SHARED, 'corpora')} is absent (it is not part of a user's clone)`)
const maybe = available ? describe : describe.skip

const clones: TempRepo[] = []
afterAll(() => clones.forEach((c) => c.remove()))

interface Row {
  severity: string
  ruleId: string
  component: { name: string }
  file: string
  line: number
}

function replay(name: string, config?: string): { code: number; findings: Row[]; stderr: string } {
  const repo = cloneCorpus(name)!
  clones.push(repo)
  if (config) repo.write({ '.github/sf-backup-guard.yml': config })
  const r = runDist('cli.js', ['scan', '--base', 'case-base', '--head', 'case-head', '--format', 'json', repo.dir])
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /)
  return { code: r.code, findings: JSON.parse(r.stdout).findings as Row[], stderr: r.stderr }
}

const rows = (fs: Row[]) => fs.map((f) => `${f.severity} ${f.ruleId} ${f.component.name}`)

maybe('corpus replays', () => {
  test('nebula-298-big-object: the new big object is one error; new CMDT and platform-event fields are notices', () => {
    const { code, findings } = replay('nebula-298-big-object')
    expect(code).toBe(1)
    const archive = findings.filter((f) => f.ruleId === 'big-object')
    expect(archive).toEqual([
      expect.objectContaining({ severity: 'error', component: { type: 'CustomObject', name: 'LogEntryArchive__b', object: 'LogEntryArchive__b' }, file: 'nebula-logger/plugins/big-object-archiving/plugin/objects/LogEntryArchive__b/LogEntryArchive__b.object-meta.xml', line: 2 })
    ])
    const counts: Record<string, number> = {}
    for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1
    // New fields on the moved LoggerPlugin__mdt (8, one finding) and LoggerSObjectHandler__mdt (1), 2 new CMDT objects;
    // 12 new fields on LogEntryEvent__e (one finding); 1 tracked field.
    expect(counts).toEqual({ 'big-object': 1, 'custom-metadata': 4, 'platform-event': 1, 'history-tracking': 1 })
    const event = findings.find((f) => f.ruleId === 'platform-event')!
    expect(event.component.name).toBe('LogEntryEvent__e')
    // Renamed / moved files (R100 LoggerPlugin__mdt.object-meta.xml and its unchanged fields) are not new components.
    expect(findings.map((f) => f.component.name)).not.toContain('LoggerPlugin__mdt.IsEnabled__c')
    expect((findings.find((f) => f.component.name === 'LoggerPlugin__mdt' && f.ruleId === 'custom-metadata') as unknown as { message: string }).message).toContain(
      'LoggerPlugin__mdt gets 8 new fields (BatchPurgerApexClass__c, BatchPurgerExecutionOrder__c, BatchPurgerFlowName__c, Link__c and 4 more)'
    )
    expect(rows(findings.filter((f) => f.ruleId === 'history-tracking'))).toEqual(['notice history-tracking Log__c.LogPurgeAction__c'])
  })

  test('nebula-737-format-only: 900 whitespace-only changes and 24 standard Account fields give nothing', () => {
    const { code, findings } = replay('nebula-737-format-only')
    expect(code).toBe(0)
    expect(findings).toEqual([])
  })

  test('nebula-981-field-with-fls: a plain new field on a custom object needs nothing without access configured', () => {
    const { code, findings } = replay('nebula-981-field-with-fls')
    expect(code).toBe(0)
    expect(findings).toEqual([])
  })

  test('nebula-981-field-with-fls with access configured: the grant arriving in the same PR counts; another permission set lacks it', () => {
    const granted = replay('nebula-981-field-with-fls', 'integration-user:\n  permission-sets: [LoggerEndUser]\n')
    expect(granted.findings).toEqual([])
    const other = replay('nebula-981-field-with-fls', 'integration-user:\n  permission-sets: [LoggerLogCreator]\n')
    expect(other.findings.map((f) => `${f.severity} ${f.ruleId} ${f.component.name}`)).toEqual([
      'error object-access LogEntry__c',
      'notice field-access LogEntry__c.WasLoggedByCurrentUser__c'
    ])
    expect(other.code).toBe(1)
  })

  test('nebula-892-event-fields: new platform-event fields are one notice, new LogEntry__c fields are not findings', () => {
    const { findings } = replay('nebula-892-event-fields')
    // One notice for the event, on its first new field, naming all four.
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.component.name} ${f.file.split('/').pop()}:${f.line}`)).toEqual([
      'notice platform-event LogEntryEvent__e LimitsApexCursorFetchCallsMax__c.field-meta.xml:2'
    ])
  })

  test('nebula-356-new-object: the new object needs the backup policy and generates History, Feed and Share rows', () => {
    const { findings } = replay('nebula-356-new-object')
    expect(findings.map((f) => `${f.ruleId} ${f.component.name}:${f.line}`)).toEqual([
      'history-tracking Log__c.TransactionScenario__c:15',
      'backup-policy LoggerScenario__c:2',
      'history-tracking LoggerScenario__c:154',
      'history-tracking LoggerScenario__c:155',
      'history-tracking LoggerScenario__c:179'
    ])
  })

  test('npsp-1123-mdapi-new-objects (mdapi): four new objects, one a custom setting, two with history tracking', () => {
    const { findings } = replay('npsp-1123-mdapi-new-objects')
    expect(findings.map((f) => `${f.ruleId} ${f.component.name} ${f.file}:${f.line}`)).toEqual([
      'backup-policy Allocation__c src/objects/Allocation__c.object:2',
      'backup-policy Allocations_Settings__c src/objects/Allocations_Settings__c.object:2',
      'backup-policy Fund__c src/objects/Fund__c.object:2',
      'history-tracking Fund__c src/objects/Fund__c.object:51',
      'backup-policy General_Accounting_Unit__c src/objects/General_Accounting_Unit__c.object:2',
      'history-tracking General_Accounting_Unit__c src/objects/General_Accounting_Unit__c.object:52'
    ])
  })

  test('npsp-3164-mdapi-cmdt (mdapi): new CMDTs, a new custom setting, a field added inside a managed-package .object', () => {
    const { findings } = replay('npsp-3164-mdapi-cmdt')
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.component.name} ${f.file}:${f.line}`)).toEqual([
      'warning managed-package-license npo02__Households_Settings__c.Use_Dated_Conversion_Rates__c src/objects/npo02__Households_Settings__c.object:16',
      'notice backup-policy Customizable_Rollup_Settings__c src/objects/Customizable_Rollup_Settings__c.object:2',
      'notice custom-metadata Filter_Group__mdt src/objects/Filter_Group__mdt.object:2',
      'notice custom-metadata Filter_Rule__mdt src/objects/Filter_Rule__mdt.object:2',
      'notice custom-metadata Rollup__mdt src/objects/Rollup__mdt.object:2'
    ])
  })

  test('npsp-6552-release-merge: 4,900 files; the object moved between package directories is not new', () => {
    const { findings } = replay('npsp-6552-release-merge')
    expect(rows(findings)).toEqual([
      'warning managed-package-license npe03__Recurring_Donation__c.ChangeType__c',
      'warning managed-package-license npe03__Recurring_Donations_Settings__c.EnableChangeLog__c',
      'notice custom-metadata Custom_Notification__mdt',
      'notice backup-policy RecurringDonationChangeLog__c'
    ])
    expect(findings.some((f) => f.component.name.startsWith('Trigger_Handler__c'))).toBe(false)
  })

  test('ebikes-big-object-full: a whole project as one change', () => {
    const { findings } = replay('ebikes-big-object-full')
    expect(rows(findings)).toEqual([
      'error big-object Big_Ride__b',
      ...['Async_Aggregate_Calc__c', 'Async_Ride__c', 'Order_Item__c', 'Order__c', 'Product_Family__c', 'Product__c', 'Rental_Ride__c', 'Rental_Unit__c'].map((o) => `notice backup-policy ${o}`)
    ])
  })
})
