import { afterAll, describe, expect, test } from '@jest/globals'
import { scan } from '../src/engine.js'
import type { Finding } from '../src/types.js'
import { fieldXml, mdapiObjectXml, objectXml, SFDX_PROJECT, SRC, TempRepo } from './support/repo.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.remove()))
const quiet = { info: () => undefined, warning: () => undefined }

/** Source-format project: base has the files in `base`, head adds/changes `head`. Returns the findings. */
async function sourceScan(head: Record<string, string | null>, base: Record<string, string> = {}): Promise<Finding[]> {
  const repo = new TempRepo()
  repos.push(repo)
  const b = repo.commit({ 'sfdx-project.json': SFDX_PROJECT, [`${SRC}/classes/.keep`]: '', ...base })
  const h = repo.commit(head)
  return (await scan({ dir: repo.dir, base: b, head: h, log: quiet })).findings
}

/** mdapi-format project (no sfdx-project.json; objects/X.object with inline fields). */
async function mdapiScan(head: Record<string, string | null>, base: Record<string, string> = {}): Promise<Finding[]> {
  const repo = new TempRepo()
  repos.push(repo)
  const b = repo.commit({ 'src/package.xml': '<?xml version="1.0"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>62.0</version></Package>', ...base })
  const h = repo.commit(head)
  return (await scan({ dir: repo.dir, base: b, head: h, log: quiet })).findings
}

const brief = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.ruleId} ${f.component.name} ${f.file}:${f.line}`)

describe('big-object', () => {
  test('source: a new big object is one error on its object file, with its fields counted', async () => {
    const fs = await sourceScan({
      [`${SRC}/objects/LogArchive__b/LogArchive__b.object-meta.xml`]: objectXml({ deploymentStatus: 'Deployed', label: 'Log Archive' }),
      [`${SRC}/objects/LogArchive__b/fields/Msg__c.field-meta.xml`]: fieldXml('Msg__c'),
      [`${SRC}/objects/LogArchive__b/indexes/ByTime.index-meta.xml`]: '<?xml version="1.0" encoding="UTF-8"?>\n<Index xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>ByTime</fullName>\n</Index>\n'
    })
    expect(brief(fs)).toEqual([`error big-object LogArchive__b ${SRC}/objects/LogArchive__b/LogArchive__b.object-meta.xml:2`])
    expect(fs[0]!.message).toContain('1 new field')
    expect(fs[0]!.evidence).toBe('official')
  })

  test('source: a field added to an existing big object is an error on that field', async () => {
    const fs = await sourceScan(
      { [`${SRC}/objects/LogArchive__b/fields/Extra__c.field-meta.xml`]: fieldXml('Extra__c') },
      { [`${SRC}/objects/LogArchive__b/LogArchive__b.object-meta.xml`]: objectXml() }
    )
    expect(brief(fs)).toEqual([`error big-object LogArchive__b.Extra__c ${SRC}/objects/LogArchive__b/fields/Extra__c.field-meta.xml:2`])
  })

  test('mdapi: a field added inside a modified .object file is a new field, on the line of its <fields> element', async () => {
    const base = { 'src/objects/Log__b.object': mdapiObjectXml({}, [{ fullName: 'A__c' }]) }
    const fs = await mdapiScan({ 'src/objects/Log__b.object': mdapiObjectXml({}, [{ fullName: 'A__c' }, { fullName: 'B__c' }]) }, base)
    // line 1 xml decl, 2 root, 3-4 props, 5-11 first <fields> (open, 5 props, close), 12 second <fields>
    expect(brief(fs)).toEqual(['error big-object Log__b.B__c src/objects/Log__b.object:12'])
  })
})

describe('encrypted-field-access (access unknown)', () => {
  test('source: a new EncryptedText field warns that View Encrypted Data could not be checked, on the <type> line', async () => {
    const fs = await sourceScan({ [`${SRC}/objects/Lead/fields/SSN__c.field-meta.xml`]: fieldXml('SSN__c', { maskChar: 'asterisk', maskType: 'all', type: 'EncryptedText', length: 11 }) })
    expect(brief(fs)).toEqual([`warning encrypted-field-access Lead.SSN__c ${SRC}/objects/Lead/fields/SSN__c.field-meta.xml:5`])
    expect(fs[0]!.message).toMatch(/View Encrypted Data/)
  })

  test('mdapi: a field changed from Text to EncryptedText is reported; an unchanged encrypted field is not', async () => {
    const base = { 'src/objects/Lead.object': mdapiObjectXml({}, [{ fullName: 'SSN__c', type: 'Text' }, { fullName: 'Old__c', type: 'EncryptedText' }]) }
    const fs = await mdapiScan({ 'src/objects/Lead.object': mdapiObjectXml({}, [{ fullName: 'SSN__c', type: 'EncryptedText' }, { fullName: 'Old__c', type: 'EncryptedText' }]) }, base)
    expect(brief(fs)).toEqual(['warning encrypted-field-access Lead.SSN__c src/objects/Lead.object:7'])
  })
})

describe('missing-system-fields and bulk-api-unsupported', () => {
  test('a field added to a documented *Share / ContentDocumentLink object is an error; a Bulk-unsupported object warns', async () => {
    const fs = await sourceScan({
      [`${SRC}/objects/ContentDocumentLink/fields/Tag__c.field-meta.xml`]: fieldXml('Tag__c'),
      [`${SRC}/objects/CaseTeamMember/fields/Note__c.field-meta.xml`]: fieldXml('Note__c'),
      [`${SRC}/objects/Account/fields/Ok__c.field-meta.xml`]: fieldXml('Ok__c')
    })
    expect(brief(fs)).toEqual([
      `error missing-system-fields ContentDocumentLink.Tag__c ${SRC}/objects/ContentDocumentLink/fields/Tag__c.field-meta.xml:2`,
      `warning bulk-api-unsupported CaseTeamMember.Note__c ${SRC}/objects/CaseTeamMember/fields/Note__c.field-meta.xml:2`
    ])
    expect(fs[0]!.message).toContain('CreatedDate or LastModifiedDate')
    expect(fs[1]!.evidence).toBe('vendor')
  })

  test('mdapi: a Knowledge __kav object is reported with vendor evidence', async () => {
    const fs = await mdapiScan({ 'src/objects/FAQ__kav.object': mdapiObjectXml({}, [{ fullName: 'Answer__c' }]) })
    expect(brief(fs)).toEqual(['warning bulk-api-unsupported FAQ__kav src/objects/FAQ__kav.object:2'])
  })
})

describe('managed-package-license', () => {
  test('source: fields on another namespace\'s object warn; the project\'s own namespace does not', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    const b = repo.commit({ 'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }], namespace: 'mine' }) })
    const h = repo.commit({
      [`${SRC}/objects/acme__Device__c/fields/Serial__c.field-meta.xml`]: fieldXml('Serial__c'),
      [`${SRC}/objects/mine__Own__c/fields/X__c.field-meta.xml`]: fieldXml('X__c')
    })
    const fs = (await scan({ dir: repo.dir, base: b, head: h, log: quiet })).findings
    expect(brief(fs)).toEqual([`warning managed-package-license acme__Device__c.Serial__c ${SRC}/objects/acme__Device__c/fields/Serial__c.field-meta.xml:2`])
    expect(fs[0]!.message).toContain('"acme"')
  })

  test('mdapi: a new namespaced object warns once', async () => {
    const fs = await mdapiScan({ 'src/objects/npe01__Payment__c.object': mdapiObjectXml({}, [{ fullName: 'Amount__c' }]) })
    expect(brief(fs)).toEqual(['warning managed-package-license npe01__Payment__c src/objects/npe01__Payment__c.object:2'])
  })
})

describe('notices: backup-policy, platform-event, external-object, custom-metadata', () => {
  test('source: one notice per new object kind, none for their fields', async () => {
    const fs = await sourceScan({
      [`${SRC}/objects/Claim__c/Claim__c.object-meta.xml`]: objectXml(),
      [`${SRC}/objects/Claim__c/fields/Amount__c.field-meta.xml`]: fieldXml('Amount__c'),
      [`${SRC}/objects/Ship__e/Ship__e.object-meta.xml`]: objectXml({ eventType: 'HighVolume', sharingModel: undefined }),
      [`${SRC}/objects/Ship__e/fields/Status__c.field-meta.xml`]: fieldXml('Status__c'),
      [`${SRC}/objects/Erp__x/Erp__x.object-meta.xml`]: objectXml({ sharingModel: undefined }),
      [`${SRC}/objects/Setting__mdt/Setting__mdt.object-meta.xml`]: objectXml({ sharingModel: undefined })
    })
    expect(fs.map((f) => `${f.ruleId} ${f.component.name}`)).toEqual([
      'backup-policy Claim__c',
      'external-object Erp__x',
      'custom-metadata Setting__mdt',
      'platform-event Ship__e'
    ])
    expect(fs.every((f) => f.severity === 'notice')).toBe(true)
  })

  test('mdapi: a new custom setting gets backup-policy; an existing object getting a field does not', async () => {
    const fs = await mdapiScan(
      {
        'src/objects/Settings__c.object': mdapiObjectXml({ customSettingsType: 'Hierarchy' }, [{ fullName: 'On__c', type: 'Checkbox' }]),
        'src/objects/Old__c.object': mdapiObjectXml({}, [{ fullName: 'A__c' }, { fullName: 'B__c' }])
      },
      { 'src/objects/Old__c.object': mdapiObjectXml({}, [{ fullName: 'A__c' }]) }
    )
    expect(brief(fs)).toEqual(['notice backup-policy Settings__c src/objects/Settings__c.object:2'])
    expect(fs[0]!.message).toContain('custom setting')
  })
})

describe('change-data-capture', () => {
  test('a new ChangeEvents channel member is a notice naming the object', async () => {
    const fs = await sourceScan({
      [`${SRC}/platformEventChannelMembers/ChangeEvents_AccountChangeEvent.platformEventChannelMember-meta.xml`]:
        '<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventChannelMember xmlns="http://soap.sforce.com/2006/04/metadata">\n    <eventChannel>ChangeEvents</eventChannel>\n    <selectedEntity>AccountChangeEvent</selectedEntity>\n</PlatformEventChannelMember>\n'
    })
    expect(brief(fs)).toEqual([
      `notice change-data-capture ChangeEvents_AccountChangeEvent ${SRC}/platformEventChannelMembers/ChangeEvents_AccountChangeEvent.platformEventChannelMember-meta.xml:4`
    ])
    expect(fs[0]!.component.object).toBe('Account')
  })
})

describe('mdapi format for the remaining object kinds', () => {
  test('platform event, external object, custom metadata, change data capture and person-account fields', async () => {
    const fs = await mdapiScan({
      'src/objects/Ship__e.object': mdapiObjectXml({ eventType: 'HighVolume' }, [{ fullName: 'Status__c' }]),
      'src/objects/Erp__x.object': mdapiObjectXml({}, []),
      'src/objects/Rule__mdt.object': mdapiObjectXml({}, [{ fullName: 'Value__c' }]),
      'src/objects/AccountContactRelation.object': mdapiObjectXml({}, [{ fullName: 'Role__c' }]),
      'src/platformEventChannelMembers/ChangeEvents_Claim_ChangeEvent.platformEventChannelMember':
        '<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventChannelMember xmlns="http://soap.sforce.com/2006/04/metadata">\n    <eventChannel>ChangeEvents</eventChannel>\n    <selectedEntity>Claim__ChangeEvent</selectedEntity>\n</PlatformEventChannelMember>\n'
    })
    expect(fs.map((f) => `${f.ruleId} ${f.component.name} ${f.file}:${f.line}`)).toEqual([
      'person-account-relation AccountContactRelation src/objects/AccountContactRelation.object:2',
      'external-object Erp__x src/objects/Erp__x.object:2',
      'custom-metadata Rule__mdt src/objects/Rule__mdt.object:2',
      'platform-event Ship__e src/objects/Ship__e.object:2',
      'change-data-capture ChangeEvents_Claim_ChangeEvent src/platformEventChannelMembers/ChangeEvents_Claim_ChangeEvent.platformEventChannelMember:4'
    ])
    expect(fs.find((f) => f.ruleId === 'change-data-capture')!.component.object).toBe('Claim__c')
  })
})

describe('history-tracking', () => {
  test('source: turning on history, feeds and private sharing on an existing object gives three notices on their lines', async () => {
    const file = `${SRC}/objects/Claim__c/Claim__c.object-meta.xml`
    const fs = await sourceScan({ [file]: objectXml({ enableHistory: true, enableFeeds: true, sharingModel: 'Private' }) }, { [file]: objectXml() })
    expect(brief(fs)).toEqual([
      `notice history-tracking Claim__c ${file}:4`,
      `notice history-tracking Claim__c ${file}:5`,
      `notice history-tracking Claim__c ${file}:8`
    ])
    expect(fs.map((f) => f.message).join(' ')).toMatch(/Claim__History.*Claim__Feed.*Claim__Share/)
  })

  test('a standard object file that merely appears in source (a retrieve) is not "turned on"; a whitespace-only change is nothing', async () => {
    const file = `${SRC}/objects/Account/Account.object-meta.xml`
    const stub = '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Account</label>\n</CustomObject>\n'
    expect(await sourceScan({ [file]: objectXml({ enableFeeds: true, sharingModel: 'Private' }) }, { [file]: stub })).toEqual([])
    const claim = `${SRC}/objects/Claim__c/Claim__c.object-meta.xml`
    const tracked = objectXml({ enableHistory: true })
    expect(await sourceScan({ [claim]: tracked.replace(/\n {4}/g, '\n  ') }, { [claim]: tracked })).toEqual([])
  })

  test('mdapi: a field whose trackHistory is turned on', async () => {
    const base = { 'src/objects/Claim__c.object': mdapiObjectXml({}, [{ fullName: 'A__c', trackHistory: false }]) }
    const fs = await mdapiScan({ 'src/objects/Claim__c.object': mdapiObjectXml({}, [{ fullName: 'A__c', trackHistory: true }]) }, base)
    expect(brief(fs)).toEqual(['notice history-tracking Claim__c.A__c src/objects/Claim__c.object:11'])
  })
})

describe('shield-encryption and person-account-relation', () => {
  test('source: a Shield encryptionScheme and a __pc field', async () => {
    const fs = await sourceScan({
      [`${SRC}/objects/Contact/fields/Passport__c.field-meta.xml`]: fieldXml('Passport__c', { encryptionScheme: 'ProbabilisticEncryption' }),
      [`${SRC}/objects/Account/fields/Hobby__pc.field-meta.xml`]: fieldXml('Hobby__pc'),
      [`${SRC}/objects/AccountContactRelation/fields/Role__c.field-meta.xml`]: fieldXml('Role__c')
    })
    expect(brief(fs)).toEqual([
      `notice person-account-relation Account.Hobby__pc ${SRC}/objects/Account/fields/Hobby__pc.field-meta.xml:2`,
      `notice person-account-relation AccountContactRelation.Role__c ${SRC}/objects/AccountContactRelation/fields/Role__c.field-meta.xml:2`,
      `notice shield-encryption Contact.Passport__c ${SRC}/objects/Contact/fields/Passport__c.field-meta.xml:8`
    ])
  })

  test('mdapi: Shield on an object\'s name field', async () => {
    const obj = mdapiObjectXml({}, []).replace('</CustomObject>', '    <nameField>\n        <encryptionScheme>DeterministicEncryption</encryptionScheme>\n        <label>Name</label>\n        <type>Text</type>\n    </nameField>\n</CustomObject>')
    const fs = await mdapiScan({ 'src/objects/Case.object': obj }, { 'src/objects/Case.object': mdapiObjectXml({}, []).replace('</CustomObject>', '    <nameField>\n        <label>Name</label>\n        <type>Text</type>\n    </nameField>\n</CustomObject>') })
    expect(brief(fs)).toEqual(['notice shield-encryption Case src/objects/Case.object:8'])
  })
})

describe('changes between commits', () => {
  test('a field file moved to another package directory is not new; CumulusCI namespace tokens are stripped', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    const project = JSON.stringify({ packageDirectories: [{ path: 'core' }, { path: 'extra' }] })
    const b = repo.commit({ 'sfdx-project.json': project, 'core/objects/Log__b/fields/A__c.field-meta.xml': fieldXml('A__c') })
    const h = repo.commit({
      'core/objects/Log__b/fields/A__c.field-meta.xml': null,
      'extra/objects/Log__b/fields/A__c.field-meta.xml': fieldXml('A__c'),
      'extra/objects/___NAMESPACE___Store__b/fields/%%%NAMESPACE%%%B__c.field-meta.xml': fieldXml('%%%NAMESPACE%%%B__c')
    })
    const fs = (await scan({ dir: repo.dir, base: b, head: h, log: quiet })).findings
    expect(fs.map((f) => f.component.name)).toEqual(['Store__b.B__c'])
  })

  test('files outside package directories and in .forceignore are not scanned', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    const b = repo.commit({ 'sfdx-project.json': SFDX_PROJECT, '.forceignore': '**/Ignored__b/**\n' })
    const h = repo.commit({
      'unpackaged/objects/Out__b/fields/A__c.field-meta.xml': fieldXml('A__c'),
      [`${SRC}/objects/Ignored__b/fields/A__c.field-meta.xml`]: fieldXml('A__c'),
      [`${SRC}/objects/In__b/fields/A__c.field-meta.xml`]: fieldXml('A__c')
    })
    const fs = (await scan({ dir: repo.dir, base: b, head: h, log: quiet })).findings
    expect(fs.map((f) => f.component.name)).toEqual(['In__b.A__c'])
  })
})

describe('pairing base and head (from replays of real projects)', () => {
  test('objects moved out of an old package directory (mdapi to source conversion) are not new', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    const b = repo.commit({
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'src' }] }),
      'src/objects/Contact.object': mdapiObjectXml({}, [{ fullName: 'SSN__c', type: 'EncryptedText' }]),
      'src/objects/Log__b.object': mdapiObjectXml({}, [{ fullName: 'A__c' }])
    })
    const h = repo.commit({
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
      'src/objects/Contact.object': null,
      'src/objects/Log__b.object': null,
      [`${SRC}/objects/Contact/fields/SSN__c.field-meta.xml`]: fieldXml('SSN__c', { type: 'EncryptedText', length: 255 }).replace('    <label>SSN</label>\n', '    <label>F</label>\n'),
      [`${SRC}/objects/Log__b/Log__b.object-meta.xml`]: objectXml({ label: 'Thing' }).replace(/ {4}<(enableHistory|enableFeeds|pluralLabel|sharingModel)>.*\n/g, '') + '',
      [`${SRC}/objects/Log__b/fields/A__c.field-meta.xml`]: fieldXml('A__c').replace('    <label>A</label>\n', '    <label>F</label>\n')
    })
    const fs = (await scan({ dir: repo.dir, base: b, head: h, log: quiet })).findings
    expect(fs.map((f) => `${f.ruleId} ${f.component.name}`)).toEqual([])
  })

  test('API names are case-insensitive: a field whose name changes case is not new', async () => {
    const base = { 'src/objects/Log__b.object': mdapiObjectXml({}, [{ fullName: 'Api_Version__c' }]) }
    const fs = await mdapiScan({ 'src/objects/Log__b.object': mdapiObjectXml({}, [{ fullName: 'API_Version__c' }]) }, base)
    expect(fs).toEqual([])
  })

  test('a new field on an unchanged custom setting: the setting is known from its file, and its access comes from customSettingAccesses', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    const ps = `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <customSettingAccesses>\n        <enabled>true</enabled>\n        <name>Prefs__c</name>\n    </customSettingAccesses>\n    <label>Backup</label>\n</PermissionSet>\n`
    const b = repo.commit({
      'sfdx-project.json': SFDX_PROJECT,
      '.github/sf-backup-guard.yml': 'integration-user:\n  permission-sets: [Backup]\n',
      [`${SRC}/permissionsets/Backup.permissionset-meta.xml`]: ps,
      [`${SRC}/objects/Prefs__c/Prefs__c.object-meta.xml`]: objectXml({ customSettingsType: 'Hierarchy', sharingModel: undefined, visibility: 'Public' })
    })
    const h = repo.commit({ [`${SRC}/objects/Prefs__c/fields/Theme__c.field-meta.xml`]: fieldXml('Theme__c') })
    const result = await scan({ dir: repo.dir, base: b, head: h, log: quiet })
    expect(result.delta.customSettings).toEqual(['prefs__c'])
    expect(result.findings.map((f) => `${f.ruleId} ${f.component.name}`)).toEqual([])
  })
})
