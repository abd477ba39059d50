import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { parse as parseYaml } from 'yaml'
import { applyConfig, CONFIG_KEYS, ConfigError, loadConfig, matchPath, parseConfig, pathFilter } from '../src/config/index.js'
import type { Config } from '../src/config/index.js'
import type { Finding } from '../src/types.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const RULE_IDS = [
  'big-object',
  'encrypted-field-access',
  'field-access',
  'object-access',
  'missing-system-fields',
  'bulk-api-unsupported',
  'managed-package-license',
  'backup-policy',
  'platform-event',
  'external-object',
  'custom-metadata',
  'change-data-capture',
  'history-tracking',
  'shield-encryption',
  'person-account-relation',
  'parse-error'
]
const FILE = '.github/sf-backup-guard.yml'

const EXAMPLE = `integration-user:
  permission-sets: [Backup_Integration]
  permission-set-groups: []
  profile: Backup Integration
rules:
  backup-policy: off          # error | warning | notice | off
ignore:
  - rule: big-object
    component: LogArchive__b     # patterns: Lead.*, *__b, exact names
    reason: archived rows are exported nightly to the data lake
    until: 2027-06-30
paths:
  include: []
  exclude: [unpackaged/**]
`

const tmp: string[] = []
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })))
function repo(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'sfbg-config-'))
  tmp.push(d)
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, p)), { recursive: true })
    writeFileSync(path.join(d, p), text)
  }
  return d
}

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, FILE, RULE_IDS)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  test('reads the documented example', () => {
    const root = repo({ [FILE]: EXAMPLE })
    expect(loadConfig({ root, ruleIds: RULE_IDS })).toEqual({
      file: FILE,
      integrationUser: { permissionSets: ['Backup_Integration'], permissionSetGroups: [], profile: 'Backup Integration' },
      rules: { 'backup-policy': 'off' },
      ignore: [{ rule: 'big-object', component: 'LogArchive__b', reason: 'archived rows are exported nightly to the data lake', until: '2027-06-30', line: 8 }],
      paths: { include: [], exclude: ['unpackaged/**'] }
    } satisfies Config)
  })

  test('no file gives the defaults; an empty file too', () => {
    const defaults = { integrationUser: { permissionSets: [], permissionSetGroups: [] }, rules: {}, ignore: [], paths: { include: [], exclude: [] } }
    expect(loadConfig({ root: repo({}), ruleIds: RULE_IDS })).toEqual(defaults)
    expect(loadConfig({ root: repo({ [FILE]: '# nothing yet\n' }), ruleIds: RULE_IDS })).toEqual({ ...defaults, file: FILE })
  })

  test('.yaml works; both spellings at once is an error', () => {
    const yaml = '.github/sf-backup-guard.yaml'
    expect(loadConfig({ root: repo({ [yaml]: 'fail-on: warning\n' }), ruleIds: RULE_IDS })).toMatchObject({ file: yaml, failOn: 'warning' })
    expect(() => loadConfig({ root: repo({ [yaml]: '', [FILE]: '' }), ruleIds: RULE_IDS })).toThrow(
      `${FILE}:1: both .github/sf-backup-guard.yml and .github/sf-backup-guard.yaml exist; keep one of them`
    )
  })

  test('an explicitly named file must exist; relative names are from the root', () => {
    const root = repo({ 'ci/guard.yml': 'namespace: npsp\n' })
    expect(loadConfig({ root, path: 'ci/guard.yml', ruleIds: RULE_IDS })).toMatchObject({ file: 'ci/guard.yml', namespace: 'npsp' })
    expect(loadConfig({ root, path: path.join(root, 'ci/guard.yml'), ruleIds: RULE_IDS }).file).toBe('ci/guard.yml')
    expect(() => loadConfig({ root, path: 'ci/missing.yml', ruleIds: RULE_IDS })).toThrow(
      'ci/missing.yml:1: configuration file not found (it was named explicitly, so it must exist)'
    )
  })

  test('added keys fail-on and namespace', () => {
    expect(parseConfig('fail-on: never\nnamespace: npe01\n', FILE, RULE_IDS)).toMatchObject({ failOn: 'never', namespace: 'npe01' })
  })
})

describe('configuration errors name the file, the line and the key', () => {
  const cases: Array<[string, string, string]> = [
    [
      'missing reason',
      'integration-user:\n  permission-sets: [Backup_Integration]\nrules:\n  backup-policy: off\n\nignore:\n  - rule: big-object\n    component: LogArchive__b\n',
      `${FILE}:7: ignore[0].reason is required (why is this finding acceptable?)`
    ],
    ['empty reason', 'ignore:\n  - rule: big-object\n    component: X__b\n    reason: "  "\n', `${FILE}:4: ignore[0].reason is required (why is this finding acceptable?)`],
    [
      'missing component',
      'ignore:\n  - rule: big-object\n    reason: fine\n',
      `${FILE}:2: ignore[0].component is required (the component name or pattern, e.g. LogArchive__b or Lead.*)`
    ],
    ['unknown top-level key', 'rules: {}\nintegration-users:\n  profile: X\n', `${FILE}:2: integration-users is not a known key (top-level keys: integration-user, rules, ignore, paths, fail-on, namespace; did you mean integration-user?)`],
    ['unknown nested key', 'paths:\n  includes: [force-app/**]\n', `${FILE}:2: paths.includes is not a known key (keys under paths: include, exclude; did you mean paths.include?)`],
    ['unknown key in an ignore entry', 'ignore:\n  - rule: big-object\n    component: X__b\n    reason: ok\n    expires: 2027-01-01\n', `${FILE}:5: ignore[0].expires is not a known key (keys under ignore[0]: rule, component, reason, until)`],
    ['wrong type: string instead of list', 'integration-user:\n  permission-sets: Backup_Integration\n', `${FILE}:2: integration-user.permission-sets must be a list, e.g. [Backup_Integration] (got "Backup_Integration"); use [] for none`],
    ['wrong type: number in a list', 'paths:\n  exclude: [unpackaged/**, 42]\n', `${FILE}:2: paths.exclude[1] must be a string: a name such as unpackaged/** (got number 42)`],
    ['wrong type: list instead of mapping', 'rules:\n  - backup-policy\n', `${FILE}:2: rules must be a mapping of rule id to severity, e.g. backup-policy: off (got a list)`],
    ['wrong type: empty profile', 'integration-user:\n  profile:\n', `${FILE}:2: integration-user.profile must be a string: a profile name, e.g. Backup Integration (got nothing)`],
    ['bad severity', 'rules:\n  big-object: warn\n', `${FILE}:2: rules.big-object must be one of error, warning, notice, off (got "warn")`],
    ['severity false', 'rules:\n  big-object: false\n', `${FILE}:2: rules.big-object must be one of error, warning, notice, off (got boolean false) (write off, not false)`],
    ['bad fail-on', '\nfail-on: errors\n', `${FILE}:2: fail-on must be one of error, warning, notice, never (got "errors")`],
    ['unknown rule id in rules', 'rules:\n  big-objects: off\n', `${FILE}:2: rules.big-objects: "big-objects" is not a rule id (did you mean big-object?); rule ids: `],
    ['unknown rule id in ignore', 'ignore:\n  - rule: fieldaccess\n    component: Lead.*\n    reason: ok\n', `${FILE}:2: ignore[0].rule: "fieldaccess" is not a rule id (did you mean field-access?)`],
    ['bad date format', 'ignore:\n  - rule: big-object\n    component: X__b\n    reason: ok\n    until: 30/06/2027\n', `${FILE}:5: ignore[0].until must be a date written YYYY-MM-DD, e.g. 2027-06-30 (got "30/06/2027")`],
    ['impossible date', 'ignore:\n  - rule: big-object\n    component: X__b\n    reason: ok\n    until: 2027-02-30\n', `${FILE}:5: ignore[0].until must be a date written YYYY-MM-DD, e.g. 2027-06-30 (got "2027-02-30")`],
    ['bad namespace', 'namespace: my__ns\n', `${FILE}:1: namespace must be a Salesforce namespace prefix`],
    ['duplicate key', 'rules:\n  big-object: off\n  big-object: notice\n', `${FILE}:3: YAML syntax error: Map keys must be unique`],
    ['YAML syntax', 'rules:\n  big-object: [off\n', `${FILE}:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`],
    ['tabs', 'paths:\n\texclude: []\n', `${FILE}:2: YAML syntax error: Tabs are not allowed as indentation`],
    ['not a mapping', '- big-object\n', `${FILE}:1: the file must be a mapping of keys such as integration-user, rules, ignore, paths (got a list)`]
  ]
  test.each(cases)('%s', (_name, text, expected) => {
    const e = errorOf(text)
    expect(e.message.startsWith(expected)).toBe(true)
    expect(e.message).not.toMatch(/\n\s+at /) // no stack trace in the message
  })

  test('every problem is listed, each on its own line, and the error carries the first key and line', () => {
    const e = errorOf('rules:\n  big-object: loud\nignore:\n  - rule: big-object\n    component: X__b\n')
    expect(e.message.split('\n')).toEqual([
      `${FILE}:2: rules.big-object must be one of error, warning, notice, off (got "loud")`,
      `${FILE}:4: ignore[0].reason is required (why is this finding acceptable?)`
    ])
    expect([e.line, e.key, e.file]).toEqual([2, 'rules.big-object', FILE])
  })
})

function finding(ruleId: string, name: string, extra: Partial<Finding> = {}): Finding {
  const object = name.split('.')[0]
  return {
    ruleId,
    severity: 'error',
    evidence: 'official',
    message: `${ruleId} on ${name}`,
    fix: '',
    component: { type: name.includes('.') ? 'CustomField' : 'CustomObject', name, object },
    file: 'f.xml',
    line: 1,
    docsUrl: '',
    fingerprint: `${ruleId}:${name}`,
    ...extra
  }
}

describe('applyConfig', () => {
  const config = parseConfig(
    `rules:
  backup-policy: off
  platform-event: warning
ignore:
  - rule: big-object
    component: LogArchive__b
    reason: archived rows are exported nightly to the data lake
    until: 2027-06-30
  - rule: field-access
    component: Lead.*
    reason: Lead fields are re-imported from the marketing system
  - rule: big-object
    component: "*__b"
    reason: old big objects
    until: 2020-01-01
  - rule: object-access
    component: audit_*__c
    reason: audit tables are copied elsewhere
`,
    FILE,
    RULE_IDS
  )
  const findings = [
    finding('backup-policy', 'Invoice__c', { severity: 'notice' }),
    finding('platform-event', 'Evt__e', { severity: 'notice' }),
    finding('big-object', 'LogArchive__b'),
    finding('big-object', 'LogArchive__b.Message__c'),
    finding('big-object', 'Other__b'),
    finding('field-access', 'Lead.SSN__c'),
    finding('field-access', 'Contact.SSN__c'),
    finding('object-access', 'Audit_Login__c'),
    finding('object-access', 'Audit.Login__c')
  ]

  test('before until: severity overrides, off drops, ignores drop matching findings', () => {
    const out = applyConfig(findings, config, '2027-06-30')
    expect(out.map((f) => [f.ruleId, f.component.name, f.severity, f.note])).toEqual([
      ['platform-event', 'Evt__e', 'warning', undefined],
      ['big-object', 'Other__b', 'error', 'ignore expired on 2020-01-01 (reason: old big objects)'],
      ['field-access', 'Contact.SSN__c', 'error', undefined],
      ['object-access', 'Audit.Login__c', 'error', undefined]
    ])
  })

  test('after until the finding comes back with a note saying the ignore expired', () => {
    const out = applyConfig(findings, config, '2027-07-01')
    const archive = out.filter((f) => f.component.name.startsWith('LogArchive__b'))
    expect(archive.map((f) => [f.component.name, f.note])).toEqual([
      ['LogArchive__b', 'ignore expired on 2027-06-30 (reason: archived rows are exported nightly to the data lake)'],
      ['LogArchive__b.Message__c', 'ignore expired on 2027-06-30 (reason: archived rows are exported nightly to the data lake)']
    ])
    expect(out.some((f) => f.component.name === 'Lead.SSN__c')).toBe(false) // no until: never expires
  })

  test('does not change its input and keeps order', () => {
    const copy = structuredClone(findings)
    applyConfig(findings, config, '2030-01-01')
    expect(findings).toEqual(copy)
    expect(applyConfig(findings, parseConfig('', FILE, RULE_IDS), '2030-01-01')).toEqual(findings)
  })

  test('refuses a malformed today', () => {
    expect(() => applyConfig([], config, '2027-6-1')).toThrow('today must be YYYY-MM-DD')
  })
})

describe('pathFilter', () => {
  test('include and exclude globs with **, * and ?', () => {
    const keep = pathFilter({ paths: { include: ['force-app/**', 'src/objects/*.object'], exclude: ['unpackaged/**', '**/test?/**', 'force-app/main/legacy'] } })
    expect(keep('force-app/main/default/objects/A__c/A__c.object-meta.xml')).toBe(true)
    expect(keep('src/objects/Account.object')).toBe(true)
    expect(keep('src/objects/sub/Account.object')).toBe(false) // * stays within one directory
    expect(keep('src/permissionsets/X.permissionset')).toBe(false) // not included
    expect(keep('force-app/main/tests/x.xml')).toBe(false) // ? matches one character
    expect(keep('force-app/main/legacy/objects/Old__c.object-meta.xml')).toBe(false) // a directory covers its contents
    expect(keep('force-app/main/legacy2/x.xml')).toBe(true)
  })

  test('no patterns keep everything; exclude alone', () => {
    expect(pathFilter({ paths: { include: [], exclude: [] } })('anything/at/all')).toBe(true)
    const keep = pathFilter({ paths: { include: [], exclude: ['unpackaged/**'] } })
    expect(keep('unpackaged/config/objects/X.object')).toBe(false)
    expect(keep('force-app/x')).toBe(true)
    expect(keep('./unpackaged/x')).toBe(false)
  })

  test('** matches zero or more directories', () => {
    expect(matchPath('force-app/**/objects/**', 'force-app/objects/A.xml')).toBe(true)
    expect(matchPath('force-app/**/objects/**', 'force-app/main/default/objects/A.xml')).toBe(true)
    expect(matchPath('**/*.profile-meta.xml', 'a/b/Admin.profile-meta.xml')).toBe(true)
    expect(matchPath('**/*.profile-meta.xml', 'Admin.profile-meta.xml')).toBe(true)
  })
})

describe('JSON schema and documentation', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema/sf-backup-guard.schema.json'), 'utf8')) as Record<string, any>
  const ajv = new Ajv({ allErrors: true, strict: true })
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => void
  addFormats(ajv)
  const validate = ajv.compile(schema)
  const docs = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8')

  test('valid examples pass the schema and the loader', () => {
    const examples = [EXAMPLE, ...[...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!), '{}', 'fail-on: never\n']
    expect(examples.length).toBeGreaterThan(2)
    for (const text of examples) {
      const data = parseYaml(text) ?? {}
      expect({ text, ok: validate(data), errors: validate.errors }).toMatchObject({ ok: true })
      expect(() => parseConfig(text, FILE, RULE_IDS)).not.toThrow()
    }
  })

  test('invalid examples fail the schema as they fail the loader', () => {
    for (const text of [
      'rules:\n  big-object: warn\n',
      'ignore:\n  - rule: big-object\n    component: X__b\n',
      'ignore:\n  - rule: big-object\n    component: X__b\n    reason: ok\n    until: 2027-02-30\n',
      'paths:\n  includes: []\n',
      'integration-user:\n  permission-sets: Backup_Integration\n',
      'namespace: ns_\n'
    ]) {
      expect({ text, ok: validate(parseYaml(text)) }).toEqual({ text, ok: false })
      expect(() => parseConfig(text, FILE, RULE_IDS)).toThrow(ConfigError)
    }
  })

  test('the schema’s keys are the loader’s keys, and each is documented', () => {
    const props = (o: Record<string, any>) => Object.keys(o.properties).sort()
    expect(props(schema)).toEqual([...CONFIG_KEYS.top].sort())
    expect(props(schema.properties['integration-user'])).toEqual([...CONFIG_KEYS['integration-user']].sort())
    expect(props(schema.properties.paths)).toEqual([...CONFIG_KEYS.paths].sort())
    expect(props(schema.properties.ignore.items)).toEqual([...CONFIG_KEYS.ignore].sort())
    expect(props(schema.properties.rules).sort()).toEqual([...RULE_IDS].sort())
    for (const k of CONFIG_KEYS.top) expect(docs).toContain(`## \`${k}\``)
    for (const k of CONFIG_KEYS['integration-user']) expect(docs).toContain(`\`integration-user.${k}\``)
    for (const k of CONFIG_KEYS.paths) expect(docs).toContain(`\`paths.${k}\``)
    for (const k of CONFIG_KEYS.ignore) expect(docs).toContain(`\`ignore[].${k}\``)
    for (const id of RULE_IDS) expect(docs).toContain(`| \`${id}\` |`)
  })

  test('the schema lists every registered rule (when src/rules/index.ts is there)', async () => {
    let registered: string[] | undefined
    try {
      const mod = (await import('../src/rules/index.js' as string)) as Record<string, unknown>
      const lists = Object.values(mod).filter((v): v is Array<{ id: string }> => Array.isArray(v) && v.every((r) => typeof (r as { id?: unknown })?.id === 'string'))
      registered = lists[0]?.map((r) => r.id)
    } catch {
      registered = undefined
    }
    if (!registered?.length) {
      console.warn('src/rules/index.ts does not load yet (or exports no rule list): the schema was only checked against the rule catalogue')
      return
    }
    for (const id of registered) expect(Object.keys(schema.properties.rules.properties)).toContain(id)
  })
})
