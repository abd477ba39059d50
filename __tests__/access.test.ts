import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from '@jest/globals'
import { accessNotConfiguredSentence, buildRepoAccess } from '../src/access/index.js'
import type { IntegrationUserConfig } from '../src/config/index.js'
import { UNKNOWN_ACCESS } from '../src/rules/context.js'
import type { AccessView, RuleContext } from '../src/rules/context.js'
import { rule as fieldAccess } from '../src/rules/field-access.js'
import { rule as objectAccess } from '../src/rules/object-access.js'
import type { ContentSource, FileChange, MetadataDelta, ProjectInfo } from '../src/types.js'
import { dirSource } from './support/dirSource.js'
import { added, delta, field, object } from './support/models.js'

const FIXTURES = fileURLToPath(new URL('./fixtures/access/', import.meta.url))
const fx = (name: string) => path.join(FIXTURES, name)
const PS = 'force-app/main/default/permissionsets/Backup_Integration.permissionset-meta.xml'

function user(parts: Partial<IntegrationUserConfig>): IntegrationUserConfig {
  return { permissionSets: [], permissionSetGroups: [], ...parts }
}

async function build(opts: {
  config: Partial<IntegrationUserConfig>
  head: ContentSource
  base?: ContentSource
  dirs?: string[]
  delta?: MetadataDelta
}): Promise<{ access: AccessView; warnings: string[] }> {
  const warnings: string[] = []
  const project: ProjectInfo = { root: '/repo', packageDirectories: opts.dirs ?? ['extra', 'force-app'] }
  const access = await buildRepoAccess({
    config: user(opts.config),
    head: opts.head,
    base: opts.base,
    project,
    delta: opts.delta ?? delta(),
    warn: (m) => warnings.push(m)
  })
  return { access, warnings }
}

describe('access from a single-file source permission set', () => {
  test('object read comes from allowRead, viewAllRecords or modifyAllRecords', async () => {
    const { access, warnings } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source')) })
    expect(warnings).toEqual([])
    expect(access.known).toBe(true)
    expect(access.objectRead('Lead')).toMatchObject({ granted: true, source: 'repository', via: 'permission set Backup_Integration (objectPermissions.allowRead)' })
    expect(access.objectRead('Account').via).toContain('objectPermissions.viewAllRecords')
    expect(access.objectRead('Case').via).toContain('objectPermissions.modifyAllRecords')
    expect(access.objectRead('Opportunity').granted).toBe(false)
    expect(access.objectRead('Asset').granted).toBe(false) // only granted by a permission set that is not configured
    expect(access.objectRead('lead').granted).toBe(true) // API names are case-insensitive
  })

  test('field read comes from fieldPermissions.readable or the object’s viewAllFields', async () => {
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source')) })
    expect(access.fieldRead(field('Lead.SSN__c'))).toMatchObject({ granted: true, via: 'permission set Backup_Integration (fieldPermissions.readable)' })
    expect(access.fieldRead(field('Lead.Hidden__c')).granted).toBe(false)
    expect(access.fieldRead(field('Lead.Brand_New__c')).granted).toBe(false)
    expect(access.fieldRead(field('Contact.Anything__c')).via).toContain('objectPermissions.viewAllFields on Contact')
  })

  test('required and master-detail fields are readable exactly when their object is', async () => {
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source')) })
    expect(access.fieldRead(field('Lead.Must__c', { required: true }))).toMatchObject({ granted: true })
    expect(access.fieldRead(field('Lead.Must__c', { required: true })).via).toMatch(/^a required field, readable with its object/)
    expect(access.fieldRead(field('Opportunity.Parent__c', { type: 'MasterDetail' })).granted).toBe(false)
    expect(access.fieldRead(field('Case.Parent__c', { type: 'MasterDetail' })).granted).toBe(true)
  })

  test('View All Data and Modify All Data grant object read but not field read; View Encrypted Data is a user permission', async () => {
    const head = dirSource(fx('source'))
    const vad = (await build({ config: { permissionSets: ['Backup_Integration', 'View_All_Data'] }, head })).access
    expect(vad.objectRead('Opportunity')).toMatchObject({ granted: true, via: 'permission set View_All_Data (userPermissions.ViewAllData)' })
    expect(vad.fieldRead(field('Opportunity.Amount__c')).granted).toBe(false)
    expect(vad.viewEncryptedData()).toMatchObject({ granted: true, via: 'permission set View_All_Data (userPermissions.ViewEncryptedData)' })
    const mad = (await build({ config: { permissionSets: ['Modify_All_Data'] }, head })).access
    expect(mad.objectRead('Anything__c').via).toContain('userPermissions.ModifyAllData')
    expect(mad.viewEncryptedData().granted).toBe(false) // <enabled>false</enabled>
    const plain = (await build({ config: { permissionSets: ['Backup_Integration'] }, head })).access
    expect(plain.viewEncryptedData().granted).toBe(false)
  })

  test('permission sets are found in any package directory, not outside them', async () => {
    const head = dirSource(fx('source'))
    expect((await build({ config: { permissionSets: ['Extra_Reader'] }, head })).access.objectRead('Asset').granted).toBe(true)
    const { access, warnings } = await build({ config: { permissionSets: ['Outside'] }, head })
    expect(warnings).toEqual([
      'permission set Outside (integration-user.permission-sets) was not found in the package directories (extra, force-app); access it grants cannot be checked from the repository'
    ])
    expect(access.objectRead('Quote').granted).toBeUndefined()
    expect(access.describe()).toContain('not found in the repository: permission set Outside')
  })

  test('a missing configured set turns "not granted" into "cannot tell" but keeps grants that are found', async () => {
    const { access, warnings } = await build({ config: { permissionSets: ['Backup_Integration', 'Not_There'] }, head: dirSource(fx('source')) })
    expect(warnings).toHaveLength(1)
    expect(access.objectRead('Lead').granted).toBe(true)
    expect(access.objectRead('Opportunity').granted).toBeUndefined()
  })

  test('a malformed permission file is a warning naming the file, and its answers are "cannot tell"', async () => {
    for (const bad of ['<?xml version="1.0"?>\n<PermissionSet><fieldPermissions><field>A.B__c</field></PermissionSet>', '']) {
      const { access, warnings } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source'), { [PS]: bad }) })
      expect(warnings).toEqual([`permission set Backup_Integration: ${PS}: not well-formed XML; access it grants cannot be checked from the repository`])
      expect(access.objectRead('Lead').granted).toBeUndefined()
    }
  })

  test('only the configured permission files are read', async () => {
    const head = dirSource(fx('source'))
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head })
    access.objectRead('Lead')
    access.fieldRead(field('Lead.SSN__c'))
    expect([...new Set(head.reads)].sort()).toEqual([PS, 'sfdx-project.json'])
  })
})

describe('access from a profile and a permission set group', () => {
  test('profile, found by its file name', async () => {
    const { access, warnings } = await build({ config: { profile: 'Backup Integration' }, head: dirSource(fx('source')) })
    expect(warnings).toEqual([])
    expect(access.objectRead('Product2').via).toBe('profile Backup Integration (objectPermissions.allowRead)')
    expect(access.fieldRead(field('Product2.Sku__c')).granted).toBe(true)
    expect(access.viewEncryptedData().via).toBe('profile Backup Integration (userPermissions.ViewEncryptedData)')
    expect(access.grantTarget()).toEqual({ kind: 'Profile', name: 'Backup Integration', file: 'force-app/main/default/profiles/Backup Integration.profile-meta.xml' })
  })

  test('group members grant access and its muting permission set takes it away', async () => {
    const { access, warnings } = await build({ config: { permissionSetGroups: ['Backup_Group'] }, head: dirSource(fx('source')) })
    expect(warnings).toEqual([])
    expect(access.objectRead('Invoice__c').via).toBe('permission set Invoice_Reader (in group Backup_Group) (objectPermissions.allowRead)')
    expect(access.fieldRead(field('Invoice__c.Amount__c')).granted).toBe(true)
    expect(access.fieldRead(field('Invoice__c.Secret__c')).granted).toBe(false) // muted by Backup_Muting
    expect(access.grantTarget()).toEqual({
      kind: 'PermissionSet',
      name: 'Invoice_Reader',
      file: 'force-app/main/default/permissionsets/Invoice_Reader.permissionset-meta.xml'
    })
    expect(access.describe()).toBe('permission set Invoice_Reader (in group Backup_Group)')
  })

  test('grant target is the first configured permission set found', async () => {
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'], profile: 'Backup Integration' }, head: dirSource(fx('source')) })
    expect(access.grantTarget()).toEqual({ kind: 'PermissionSet', name: 'Backup_Integration', file: PS })
    expect(access.describe()).toBe('permission set Backup_Integration; profile Backup Integration')
    const missing = await build({ config: { permissionSets: ['Org_Only'] }, head: dirSource(fx('source')) })
    expect(missing.access.grantTarget()).toEqual({ kind: 'PermissionSet', name: 'Org_Only' })
  })
})

describe.each([
  ['decomposed (decomposePermissionSetBeta2, objectSettings)', 'decomposed2', 'objectSettings/Lead.objectSettings-meta.xml'],
  ['decomposed (decomposePermissionSetBeta, one file per permission)', 'decomposed1', 'fieldPermissions/Lead.SSN__c.fieldPermission-meta.xml']
])('access from a %s permission set', (_label, dir, ssnFile) => {
  test('reads grants from every part of the folder', async () => {
    const { access, warnings } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx(dir)), dirs: ['force-app'] })
    expect(warnings).toEqual([])
    expect(access.objectRead('Lead').granted).toBe(true)
    expect(access.objectRead('Opportunity').granted).toBe(false)
    expect(access.fieldRead(field('Lead.SSN__c')).granted).toBe(true)
    expect(access.fieldRead(field('Lead.Hidden__c')).granted).toBe(false)
    expect(access.fieldRead(field('Contact.Anything__c')).via).toContain('viewAllFields')
    expect(access.viewEncryptedData().granted).toBe(true)
    expect(access.grantTarget()?.file).toBe('force-app/main/default/permissionsets/Backup_Integration/Backup_Integration.permissionset-meta.xml')
    // a grant in a changed part counts as granted by the pull request
    const file = `force-app/main/default/permissionsets/Backup_Integration/${ssnFile}`
    const base = dirSource(fx(dir), { [file]: null })
    const pr = await build({
      config: { permissionSets: ['Backup_Integration'] },
      head: dirSource(fx(dir)),
      base,
      dirs: ['force-app'],
      delta: delta({ permissionFiles: [{ status: 'added', path: file }] })
    })
    expect(pr.access.fieldRead(field('Lead.SSN__c')).source).toBe('pull-request')
  })

  test('without the sourceBehaviorOptions in sfdx-project.json the folder is not a permission set', async () => {
    const head = dirSource(fx(dir), { 'sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}' })
    const { access, warnings } = await build({ config: { permissionSets: ['Backup_Integration'] }, head, dirs: ['force-app'] })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^permission set Backup_Integration: \d file\(s\) in its folder \(force-app\/main\/default\/permissionsets\/Backup_Integration\/.* are not part of it for SDR; .*"sourceBehaviorOptions": \["decomposePermissionSetBeta2"\]/)
    expect(access.objectRead('Lead').granted).toBeUndefined()
  })
})

describe('access from mdapi format', () => {
  const head = () => dirSource(fx('mdapi'))
  test('permission set, profile and group in src/', async () => {
    const ps = (await build({ config: { permissionSets: ['Backup_Integration'] }, head: head(), dirs: [''] })).access
    expect(ps.objectRead('Lead').granted).toBe(true)
    expect(ps.fieldRead(field('Lead.SSN__c')).granted).toBe(true)
    expect(ps.fieldRead(field('Lead.Hidden__c')).granted).toBe(false)
    expect(ps.grantTarget()?.file).toBe('src/permissionsets/Backup_Integration.permissionset')
    const profile = (await build({ config: { profile: 'Backup Integration' }, head: head(), dirs: [''] })).access
    expect(profile.objectRead('Product2').granted).toBe(true)
    expect(profile.viewEncryptedData().granted).toBe(true)
    const group = (await build({ config: { permissionSetGroups: ['Backup_Group'] }, head: head(), dirs: [''] })).access
    expect(group.fieldRead(field('Invoice__c.Secret__c')).granted).toBe(true) // no muting set in this group
  })
})

describe('nothing configured', () => {
  test('gives UNKNOWN_ACCESS and the rules stay quiet', async () => {
    const { access } = await build({ config: {}, head: dirSource(fx('source')) })
    expect(access).toBe(UNKNOWN_ACCESS)
    const ctx = context(access, delta({ fields: [added(field('Lead.Brand_New__c'))], objects: [added(object('Thing__c'))] }))
    expect(fieldAccess.check(ctx)).toEqual([])
    expect(objectAccess.check(ctx)).toEqual([])
  })

  test('the summary sentence says access was not checked and how to configure it', () => {
    const s = accessNotConfiguredSentence()
    expect(s).toMatch(/^Integration user access was not checked/)
    expect(s).toContain('.github/sf-backup-guard.yml')
    expect(s).toContain('permission-sets')
    expect(s.trim().split(/\.\s/)).toHaveLength(1)
  })
})

function context(access: AccessView, d: MetadataDelta): RuleContext {
  return { access, delta: d, project: { root: '/repo', packageDirectories: ['force-app'] }, full: false }
}

describe('object-access and field-access rules', () => {
  const changes = delta({
    objects: [added(object('Invoice2__c')), added(object('LogArchive__b')), added(object('Lead'))],
    fields: [
      added(field('Lead.Brand_New__c')),
      added(field('Lead.SSN__c')),
      added(field('Lead.Total__c', { formula: true })),
      added(field('Lead.Must__c', { required: true })),
      added(field('Lead.Industry')),
      added(field('Opportunity.Region__c')),
      added(field('Opportunity.Parent__c', { type: 'MasterDetail' })),
      added(field('LogArchive__b.Message__c')),
      added(field('Evt__e.Payload__c')),
      added(field('Setting__c.Value__c'))
    ]
  })
  changes.objects.push(added(object('Setting__c', { customSettingsType: 'Hierarchy' })))

  test('field-access reports new fields the user cannot read, with the exact XML to add and where', async () => {
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source')) })
    const hits = fieldAccess.check(context(access, changes))
    expect(hits.map((h) => `${h.severity ?? 'error'} ${h.component.name}`)).toEqual(['error Lead.Brand_New__c', 'notice Lead.Total__c', 'error Opportunity.Region__c'])
    // a formula stores no data: reported as a notice, saying nothing stored is lost
    expect(hits[1]!.message).toContain('it is a formula, recomputed after a restore')
    const [h] = hits
    expect(h).toMatchObject({ file: 'force-app/main/default/objects/Lead/fields/Brand_New__c.field-meta.xml', line: 2, source: 'repository' })
    expect(h!.component).toEqual({ type: 'CustomField', name: 'Lead.Brand_New__c', object: 'Lead' })
    expect(h!.message).toContain('New field Lead.Brand_New__c is not readable by the Salesforce Backup integration user (checked permission set Backup_Integration)')
    expect(h!.fix).toBe(
      `Add <fieldPermissions><editable>false</editable><field>Lead.Brand_New__c</field><readable>true</readable></fieldPermissions> to permission set Backup_Integration (${PS}).`
    )
  })

  test('object-access reports new objects and objects getting new fields that the user cannot read', async () => {
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source')) })
    const hits = objectAccess.check(context(access, changes))
    expect(hits.map((h) => h.component.name)).toEqual(['Invoice2__c', 'Opportunity', 'Setting__c'])
    expect(hits[0]!.message).toMatch(/^New object Invoice2__c is not readable/)
    expect(hits[0]!.fix).toContain('<objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead>')
    expect(hits[1]).toMatchObject({ file: 'force-app/main/default/objects/Opportunity/fields/Parent__c.field-meta.xml', line: 2 })
    expect(hits[1]!.message).toMatch(/^Opportunity gets 2 new fields \(Parent__c, Region__c\) but it is not readable/)
    expect(hits[2]!.fix).toContain('<customSettingAccesses><enabled>true</enabled><name>Setting__c</name></customSettingAccesses>')
  })

  test('a standard object file that appears in source is not a new object, except in a full scan', async () => {
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source')) })
    const d = delta({ objects: [added(object('Opportunity'))] })
    expect(objectAccess.check(context(access, d))).toEqual([])
    expect(objectAccess.check({ ...context(access, d), full: true }).map((h) => h.message)).toEqual([
      'Object Opportunity is not readable by the Salesforce Backup integration user (checked permission set Backup_Integration), so its records will not be backed up or restored.'
    ])
  })

  test('access granted in the same pull request counts, and is marked as such', async () => {
    const base = dirSource(fx('source'), { [PS]: readFileSync(path.join(fx('source'), PS), 'utf8').replace('<field>Lead.SSN__c</field>\n        <readable>true', '<field>Lead.SSN__c</field>\n        <readable>false') })
    const d = delta({ fields: [added(field('Lead.SSN__c'))], permissionFiles: [{ status: 'modified', path: PS }] })
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head: dirSource(fx('source')), base, delta: d })
    expect(access.fieldRead(field('Lead.SSN__c'))).toMatchObject({ granted: true, source: 'pull-request' })
    expect(access.objectRead('Lead')).toMatchObject({ granted: true, source: 'repository' })
    expect(fieldAccess.check(context(access, d))).toEqual([])
  })
})

describe('access taken away by the change', () => {
  const original = readFileSync(path.join(FIXTURES, 'source', PS), 'utf8')
  const headText = original
    .replace('<field>Lead.SSN__c</field>\n        <readable>true', '<field>Lead.SSN__c</field>\n        <readable>false')
    .replace(/    <objectPermissions>\n(?:(?!<\/objectPermissions>)[\s\S])*?<object>Account<\/object>[\s\S]*?<\/objectPermissions>\n/, '')
  const changed: FileChange[] = [{ status: 'modified', path: PS }]

  test('a readable field set to false and a removed object permission are reported with file and line', async () => {
    expect(headText).not.toContain('<object>Account</object>')
    const head = dirSource(fx('source'), { [PS]: headText })
    const base = dirSource(fx('source'))
    const d = delta({ permissionFiles: changed })
    const { access } = await build({ config: { permissionSets: ['Backup_Integration'] }, head, base, delta: d })
    const headLine = headText.split('\n').findIndex((l) => l.includes('<field>Lead.SSN__c</field>')) + 2 // the <readable>false</readable> line
    const baseLine = original.split('\n').findIndex((l) => l.includes('<object>Account</object>')) - 5 // its <objectPermissions> line
    expect(access.revoked()).toEqual([
      { kind: 'field', name: 'Lead.SSN__c', file: PS, line: headLine, via: 'permission set Backup_Integration (fieldPermissions.readable)' },
      { kind: 'object', name: 'Account', file: PS, line: baseLine, via: 'permission set Backup_Integration (objectPermissions.viewAllRecords)' }
    ])
    const fieldHits = fieldAccess.check(context(access, d))
    expect(fieldHits).toHaveLength(1)
    expect(fieldHits[0]).toMatchObject({ file: PS, line: headLine, source: 'pull-request' })
    expect(fieldHits[0]!.message).toContain('takes read access to Lead.SSN__c away')
    expect(fieldHits[0]!.fix).toContain('<field>Lead.SSN__c</field><readable>true</readable>')
    const objectHits = objectAccess.check(context(access, d))
    expect(objectHits.map((h) => [h.component.name, h.line])).toEqual([['Account', baseLine]])
  })

  test('removing the grant of a deleted field is not a finding, nor is a grant that still comes from elsewhere', async () => {
    const head = dirSource(fx('source'), { [PS]: headText })
    const base = dirSource(fx('source'))
    const d = delta({ permissionFiles: changed, fields: [{ kind: 'deleted', before: field('Lead.SSN__c') }] })
    const { access } = await build({ config: { permissionSets: ['Backup_Integration', 'View_All_Data'] }, head, base, delta: d })
    expect(access.revoked()).toEqual([]) // Account stays readable through View All Data
  })

  test('changes to permission files of other users are not looked at', async () => {
    const other = 'extra/permissionsets/Extra_Reader.permissionset-meta.xml'
    const head = dirSource(fx('source'), { [other]: null })
    const { access } = await build({
      config: { permissionSets: ['Backup_Integration'] },
      head,
      base: dirSource(fx('source')),
      delta: delta({ permissionFiles: [{ status: 'deleted', path: other }] })
    })
    expect(access.revoked()).toEqual([])
    expect(access.objectRead('Lead').source).toBe('repository')
  })
})

const CORPORA = '/work/shared/corpora'
const corpus = existsSync(CORPORA)
if (!corpus) console.warn(`skipping the corpus tests: ${CORPORA} is not present (it lives in ../shared next to the project)`)
const corpusTest = corpus ? test : test.skip

/** Clones a corpus case into a temporary directory (never writing into ../shared) and describes its change. */
function openCase(name: string): { dir: string; head: ContentSource; base: ContentSource; dirs: string[]; permissionFiles: FileChange[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sfbg-access-'))
  cases.push(dir)
  execFileSync('git', ['clone', '-q', path.join(CORPORA, `${name}.bundle`), dir])
  execFileSync('git', ['-C', dir, 'checkout', '-q', 'case-head'])
  const names = execFileSync('git', ['-C', dir, 'diff', '--name-status', 'case-base', 'case-head'], { encoding: 'utf8' })
  const permissionFiles: FileChange[] = names
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    .filter(([, p]) => p!.includes('/permissionsets/'))
    .map(([s, p]) => ({ status: s === 'A' ? 'added' : s === 'D' ? 'deleted' : 'modified', path: p! }))
  const project = JSON.parse(readFileSync(path.join(dir, 'sfdx-project.json'), 'utf8')) as { packageDirectories: Array<{ path: string }> }
  const dirs = project.packageDirectories.map((p) => p.path.replace(/^\.\//, ''))
  return { dir, head: gitSource(dir, 'case-head'), base: gitSource(dir, 'case-base'), dirs, permissionFiles }
}
const cases: string[] = []
afterAll(() => cases.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function caseAccess(c: ReturnType<typeof openCase>, ps: string, d: MetadataDelta): Promise<AccessView> {
  const warnings: string[] = []
  const access = await buildRepoAccess({
    config: user({ permissionSets: [ps] }),
    head: c.head,
    base: c.base,
    project: { root: c.dir, packageDirectories: c.dirs },
    delta: d,
    warn: (m) => warnings.push(m)
  })
  expect(warnings).toEqual([])
  return access
}

describe('real pull requests', () => {
  corpusTest('NebulaLogger #981: LoggerEndUser grants the new field in the same pull request; LoggerLogCreator does not', async () => {
    const c = openCase('nebula-981-field-with-fls')
    expect(c.permissionFiles.map((f) => f.path)).toEqual(['nebula-logger/core/main/log-management/permissionsets/LoggerEndUser.permissionset-meta.xml'])
    const newField = field('LogEntry__c.WasLoggedByCurrentUser__c', { type: 'Checkbox', formula: true })
    const d = delta({ fields: [added(newField)], permissionFiles: c.permissionFiles })
    const endUser = await caseAccess(c, 'LoggerEndUser', d)
    expect(endUser.fieldRead({ ...newField, formula: false })).toMatchObject({
      granted: true,
      source: 'pull-request',
      via: 'permission set LoggerEndUser (fieldPermissions.readable)'
    })
    expect(endUser.revoked()).toEqual([])
    const creator = await caseAccess(c, 'LoggerLogCreator', d)
    expect(creator.fieldRead({ ...newField, formula: false }).granted).toBe(false)
    expect(creator.objectRead('LogEntry__c').granted).toBe(false)
    // LoggerLogViewer has viewAllFields on LogEntry__c, unchanged by the pull request
    const viewer = await caseAccess(c, 'LoggerLogViewer', d)
    expect(viewer.fieldRead({ ...newField, formula: false })).toMatchObject({ granted: true, source: 'repository', via: 'permission set LoggerLogViewer (objectPermissions.viewAllFields on LogEntry__c)' })
    // the new field is a formula: LoggerEndUser grants it (no finding); LoggerLogCreator does not (a notice: no stored data is lost)
    expect(fieldAccess.check(context(endUser, d))).toEqual([])
    expect(fieldAccess.check(context(creator, d)).map((h) => `${h.severity} ${h.component.name} ${h.source}`)).toEqual([
      'notice LogEntry__c.WasLoggedByCurrentUser__c repository'
    ])
  })

  corpusTest('NebulaLogger #356: the new object LoggerScenario__c is granted in the pull request to three permission sets', async () => {
    const c = openCase('nebula-356-new-object')
    expect(c.permissionFiles).toHaveLength(3)
    const scenario = object('LoggerScenario__c', { file: 'nebula-logger/core/main/log-management/objects/LoggerScenario__c/LoggerScenario__c.object-meta.xml' })
    const lookup = field('Log__c.TransactionScenario__c', { type: 'Lookup' })
    const d = delta({ objects: [added(scenario)], fields: [added(lookup)], permissionFiles: c.permissionFiles })
    for (const ps of ['LoggerAdmin', 'LoggerLogViewer', 'LoggerEndUser']) {
      const access = await caseAccess(c, ps, d)
      expect(access.objectRead('LoggerScenario__c')).toMatchObject({ granted: true, source: 'pull-request' })
      expect(access.fieldRead(lookup)).toMatchObject({ granted: true, source: 'pull-request' })
      expect([...objectAccess.check(context(access, d)), ...fieldAccess.check(context(access, d))]).toEqual([])
    }
    const creator = await caseAccess(c, 'LoggerLogCreator', d)
    const hits = objectAccess.check(context(creator, d))
    expect(hits.map((h) => [h.component.name, h.file])).toEqual([
      ['Log__c', lookup.file],
      ['LoggerScenario__c', scenario.file]
    ])
    expect(hits[1]!.fix).toContain('(nebula-logger/core/main/logger-engine/permissionsets/LoggerLogCreator.permissionset-meta.xml)')
  })
})

/** A ContentSource over one commit of a git repository. */
function gitSource(dir: string, rev: string): ContentSource {
  const files = execFileSync('git', ['-C', dir, 'ls-tree', '-r', '--name-only', rev], { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n')
  const set = new Set(files)
  return {
    async read(p) {
      return set.has(p) ? execFileSync('git', ['-C', dir, 'show', `${rev}:${p}`], { maxBuffer: 64 << 20 }) : undefined
    },
    async list() {
      return files
    },
    close() {}
  }
}
