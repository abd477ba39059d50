/** The bundled CLI (dist/cli.js) as a subprocess: formats, exit codes, and bad input that must not stop the scan. */
import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fieldXml, objectXml, runDist, SFDX_PROJECT, SRC, TempRepo } from './support/repo.js'

const repos: TempRepo[] = []
afterAll(() => repos.forEach((r) => r.remove()))

function project(): { repo: TempRepo; base: string } {
  const repo = new TempRepo()
  repos.push(repo)
  const base = repo.commit({ 'sfdx-project.json': SFDX_PROJECT, 'README.md': 'hello\n' })
  return { repo, base }
}

const json = (stdout: string) => JSON.parse(stdout) as { summary: Record<string, number>; findings: Array<{ ruleId: string; component: { name: string }; file: string; line: number; message: string }> }

describe('formats and exit codes', () => {
  const { repo, base } = project()
  const head = repo.commit({ [`${SRC}/objects/Log__b/Log__b.object-meta.xml`]: objectXml(), [`${SRC}/objects/Ping__e/Ping__e.object-meta.xml`]: objectXml() })

  test('text is grouped by severity and file, without colour when not a TTY; exit 1 on an error', () => {
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, repo.dir])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^ERRORS \(1\)\n {2}force-app\/main\/default\/objects\/Log__b\/Log__b.object-meta.xml\n {4}2 {2}big-object {2}Log__b/m)
    expect(r.stdout).toContain('NOTICES (1)')
    expect(r.stdout).toContain('1 error, 0 warnings, 1 notice')
    expect(r.stdout).not.toContain('\x1b[')
  })

  test('json follows the report schema; markdown has a table per severity; --output writes the file', () => {
    const j = runDist('cli.js', ['scan', '--base', base, '--head', head, '--format', 'json', repo.dir])
    const report = JSON.parse(j.stdout)
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'base', 'head', 'summary', 'findings'])
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: 'sf-backup-guard' }, base, head, summary: { error: 1, warning: 0, notice: 1 } })
    expect(Object.keys(report.findings[0]).slice(0, 10)).toEqual(['ruleId', 'severity', 'evidence', 'message', 'component', 'file', 'line', 'docsUrl', 'fingerprint', 'fix'])
    expect(report.findings[0].component).toEqual({ type: 'CustomObject', name: 'Log__b', object: 'Log__b' })

    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sfbg-out-')), 'r.md')
    const m = runDist('cli.js', ['scan', '--base', base, '--head', head, '--format', 'markdown', '--output', out, repo.dir])
    expect(m.code).toBe(1)
    expect(m.stdout).toBe('')
    const md = readFileSync(out, 'utf8')
    expect(md).toContain('### 🔴 Errors (1)')
    expect(md).toContain('### 🔵 Notices (1)')
  })

  test('--fail-on moves the gate; the same input gives byte-identical output', () => {
    expect(runDist('cli.js', ['scan', '--base', base, '--head', head, '--fail-on', 'never', repo.dir]).code).toBe(0)
    const a = runDist('cli.js', ['scan', '--base', base, '--head', head, '--fail-on', 'notice', '--format', 'json', repo.dir])
    const b = runDist('cli.js', ['scan', '--base', base, '--head', head, '--fail-on', 'notice', '--format', 'json', repo.dir])
    expect(a.code).toBe(1)
    expect(a.stdout).toBe(b.stdout)
  })

  test('usage errors exit 2 with one line', () => {
    for (const args of [['scan', '--format', 'xml', repo.dir], ['scan', '--fail-on', 'bad', repo.dir], ['frobnicate'], ['scan', '--nope']]) {
      const r = runDist('cli.js', args)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/^sf-backup-guard: /)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
  })
})

describe('bad input', () => {
  test('one malformed XML file is a parse-error finding on it, and every other finding is still reported', () => {
    const { repo, base } = project()
    const head = repo.commit({
      [`${SRC}/objects/Broken__c/fields/Bad__c.field-meta.xml`]: '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Bad__c</fullName>\n    <type>Text</label>\n</CustomField>\n',
      [`${SRC}/objects/Log__b/Log__b.object-meta.xml`]: objectXml()
    })
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, '--format', 'json', repo.dir])
    expect(r.code).toBe(1)
    const { findings } = json(r.stdout)
    expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      `parse-error ${SRC}/objects/Broken__c/fields/Bad__c.field-meta.xml:4`,
      `big-object ${SRC}/objects/Log__b/Log__b.object-meta.xml:2`
    ])
    expect(findings[0]!.message).toContain('unexpected closing tag </label>')
  })

  test('non-UTF-8, unknown metadata, a symlink and a file too large to parse do not stop the scan', () => {
    const { repo, base } = project()
    const latin1 = Buffer.from(fieldXml('Caf__c', { label: 'Caf\xe9', type: 'EncryptedText' }), 'latin1')
    repo.write({
      [`${SRC}/objects/Lead/fields/Caf__c.field-meta.xml`]: latin1,
      [`${SRC}/weird/thing.unknown-meta.xml`]: '<Thing/>',
      [`${SRC}/objects/Huge__b/Huge__b.object-meta.xml`]: objectXml({ description: 'x'.repeat(33 * 1024 * 1024) }),
      [`${SRC}/objects/Real__b/Real__b.object-meta.xml`]: objectXml()
    })
    symlinkSync('../Real__b/Real__b.object-meta.xml', path.join(repo.dir, SRC, 'objects', 'Real__b', 'Link__b.object-meta.xml'))
    const head = repo.commit()
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, '--format', 'json', repo.dir])
    expect(r.code).toBe(1)
    const { findings } = json(r.stdout)
    expect(findings.map((f) => `${f.ruleId} ${f.component.name}`)).toEqual([
      `parse-error ${SRC}/objects/Huge__b/Huge__b.object-meta.xml`,
      'big-object Real__b',
      'encrypted-field-access Lead.Caf__c'
    ])
    expect(findings[0]!.message).toMatch(/larger than the 32 MB limit/)
    expect(r.stderr).toContain(`${SRC}/objects/Lead/fields/Caf__c.field-meta.xml: not valid UTF-8; read as Latin-1`)
    expect(r.stderr).toContain('Link__b.object-meta.xml: symbolic link, not followed')
  })

  test('a change with no metadata says "nothing to check" and passes', () => {
    const { repo, base } = project()
    const head = repo.commit({ 'README.md': 'changed\n', 'scripts/build.sh': 'echo hi\n' })
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, repo.dir])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Nothing to check/)
  })

  test('a missing base commit and a folder that is not a git repository exit 2 with one line', () => {
    const { repo } = project()
    const missing = runDist('cli.js', ['scan', '--base', 'no-such-branch', repo.dir])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toContain('base "no-such-branch" does not name a commit in this repository')

    const plain = mkdtempSync(path.join(tmpdir(), 'sfbg-plain-'))
    const notGit = runDist('cli.js', ['scan', '--base', 'main', plain])
    expect(notGit.code).toBe(2)
    expect(notGit.stderr).toMatch(/is not inside a git repository.*--all/)

    // --all still works on a plain folder: compliance scans of any checkout or retrieve.
    execFileSync('mkdir', ['-p', path.join(plain, 'objects')])
    writeFileSync(path.join(plain, 'objects', 'Old__b.object'), objectXml())
    const all = runDist('cli.js', ['scan', '--all', '--format', 'json', plain])
    expect(json(all.stdout).findings.map((f) => f.component.name)).toEqual(['Old__b'])
  })

  test('no base at all asks for --base or --all', () => {
    const { repo } = project()
    const r = runDist('cli.js', ['scan', repo.dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('pass --base REF')
  })
})

describe('git history', () => {
  test('a shallow clone fetches the missing base commit and finds the merge-base', () => {
    const { repo, base } = project()
    repo.commit({ [`${SRC}/objects/Mid__c/Mid__c.object-meta.xml`]: objectXml() })
    repo.git('checkout', '-q', '-b', 'feature')
    repo.commit({ [`${SRC}/objects/Feat__b/Feat__b.object-meta.xml`]: objectXml() })
    repo.commit({ [`${SRC}/objects/Feat__b/fields/A__c.field-meta.xml`]: fieldXml('A__c') })
    repo.git('checkout', '-q', 'main')
    const mainTip = repo.commit({ [`${SRC}/objects/OnMain__b/OnMain__b.object-meta.xml`]: objectXml() })
    const clone = mkdtempSync(path.join(tmpdir(), 'sfbg-shallow-'))
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, clone])
    expect(execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: clone, encoding: 'utf8' }).trim()).toBe('true')
    const r = runDist('cli.js', ['scan', '--base', mainTip, '--format', 'json', clone])
    expect(r.stderr).toContain('is not in this clone; fetching it from origin')
    expect(r.code).toBe(1)
    // Only what the feature branch adds since the merge-base: not OnMain__b (on main only), not Mid__c (already in base).
    expect(json(r.stdout).findings.map((f) => f.component.name)).toEqual(['Feat__b'])
    void base
  })

  test('--no-fetch on a shallow clone says exactly what to change in the workflow', () => {
    const { repo } = project()
    const tip = repo.commit({ [`${SRC}/objects/A__b/A__b.object-meta.xml`]: objectXml() })
    repo.commit({ [`${SRC}/objects/B__b/B__b.object-meta.xml`]: objectXml() })
    const clone = mkdtempSync(path.join(tmpdir(), 'sfbg-shallow-'))
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone])
    const r = runDist('cli.js', ['scan', '--no-fetch', '--base', tip, clone])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('fetch-depth: 0')
  })

  test('--all scans the checkout as if every file were new', () => {
    const { repo } = project()
    repo.commit({ [`${SRC}/objects/A__b/A__b.object-meta.xml`]: objectXml(), [`${SRC}/objects/B__c/B__c.object-meta.xml`]: objectXml() })
    const r = runDist('cli.js', ['scan', '--all', '--format', 'json', repo.dir])
    expect(json(r.stdout).findings.map((f) => `${f.ruleId} ${f.component.name}`)).toEqual(['big-object A__b', 'backup-policy B__c'])
  })
})

describe('configuration and --fix', () => {
  const PS = `${SRC}/permissionsets/Backup_Integration.permissionset-meta.xml`
  const psXml = (extra = '') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <description>Read access for Salesforce Backup</description>\n${extra}    <hasActivationRequired>false</hasActivationRequired>\n    <label>Backup Integration</label>\n</PermissionSet>\n`
  const objRead = (o: string) => `    <objectPermissions>\n        <allowCreate>false</allowCreate>\n        <allowDelete>false</allowDelete>\n        <allowEdit>false</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n        <object>${o}</object>\n        <viewAllRecords>false</viewAllRecords>\n    </objectPermissions>\n`

  test('a configuration error names the file, line and key, and exits 2', () => {
    const { repo, base } = project()
    const head = repo.commit({ '.github/sf-backup-guard.yml': 'integration-user:\n  permission-sets: [Backup_Integration]\nignore:\n  - rule: big-object\n    component: Log__b\n', [`${SRC}/objects/Log__b/Log__b.object-meta.xml`]: objectXml() })
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, repo.dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^sf-backup-guard: \.github\/sf-backup-guard\.yml:4: ignore\[0\]\.reason is required/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  test('severity overrides, ignores and access come from the configuration; --fix writes only the missing grant', () => {
    const { repo, base } = project()
    const config = [
      'integration-user:',
      '  permission-sets: [Backup_Integration]',
      'rules:',
      '  backup-policy: off',
      'ignore:',
      '  - rule: big-object',
      '    component: "*__b"',
      '    reason: exported nightly',
      '  - rule: platform-event',
      '    component: Old__e',
      '    reason: was fine',
      '    until: 2020-01-01',
      ''
    ].join('\n')
    const head = repo.commit({
      '.github/sf-backup-guard.yml': config,
      [PS]: psXml(objRead('Claim__c')),
      [`${SRC}/objects/Log__b/Log__b.object-meta.xml`]: objectXml(),
      [`${SRC}/objects/Old__e/Old__e.object-meta.xml`]: objectXml(),
      [`${SRC}/objects/Claim__c/Claim__c.object-meta.xml`]: objectXml(),
      [`${SRC}/objects/Claim__c/fields/Amount__c.field-meta.xml`]: fieldXml('Amount__c'),
      [`${SRC}/objects/Secret__c/Secret__c.object-meta.xml`]: objectXml()
    })
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, '--format', 'json', repo.dir])
    expect(r.code).toBe(1)
    const findings = json(r.stdout).findings as unknown as Array<{ ruleId: string; component: { name: string }; note?: string; fix: string }>
    expect(findings.map((f) => `${f.ruleId} ${f.component.name}`)).toEqual(['field-access Claim__c.Amount__c', 'object-access Secret__c', 'platform-event Old__e'])
    expect(findings[0]!.fix).toContain('<field>Claim__c.Amount__c</field><readable>true</readable>')
    expect(findings[2]!.note).toBe('ignore expired on 2020-01-01 (reason: was fine)')

    const before = readFileSync(path.join(repo.dir, PS), 'utf8')
    const fix = runDist('cli.js', ['scan', '--base', base, '--head', head, '--fix', repo.dir])
    expect(fix.stderr).toContain(`fix: wrote the missing grants into ${PS}`)
    const after = readFileSync(path.join(repo.dir, PS), 'utf8')
    // Every original line is still there, in order; only grant elements were inserted.
    const afterLines = after.split('\n')
    let i = 0
    for (const line of before.split('\n')) {
      while (i < afterLines.length && afterLines[i] !== line) i++
      expect(i).toBeLessThan(afterLines.length) // the original line was found after the previous one
      i++
    }
    expect(after).toContain('<field>Claim__c.Amount__c</field>')
    expect(after).toContain('<object>Secret__c</object>')
    expect(after.indexOf('<fieldPermissions>')).toBeLessThan(after.indexOf('<hasActivationRequired>'))
    // Committed, the fixed file clears the access findings.
    const fixedHead = repo.commit()
    const again = runDist('cli.js', ['scan', '--base', base, '--head', fixedHead, '--format', 'json', repo.dir])
    expect(json(again.stdout).findings.map((f) => f.ruleId)).toEqual(['platform-event'])
  })
})

describe('more usage', () => {
  test('DIR inside a repository scans that Salesforce project only, with its own sfdx-project.json', () => {
    const repo = new TempRepo()
    repos.push(repo)
    const base = repo.commit({ 'salesforce/sfdx-project.json': SFDX_PROJECT, 'README.md': 'monorepo\n' })
    const head = repo.commit({
      [`salesforce/${SRC}/objects/Inside__b/Inside__b.object-meta.xml`]: objectXml(),
      [`other/${SRC}/objects/Outside__b/Outside__b.object-meta.xml`]: objectXml()
    })
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, '--format', 'json', path.join(repo.dir, 'salesforce')])
    expect(json(r.stdout).findings.map((f) => `${f.component.name} ${f.file}`)).toEqual([`Inside__b salesforce/${SRC}/objects/Inside__b/Inside__b.object-meta.xml`])
  })

  test('--all with --base, and an unwritable --output, are one-line usage errors', () => {
    const { repo, base } = project()
    const both = runDist('cli.js', ['scan', '--all', '--base', base, repo.dir])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--all scans every file as new, so it takes no --base')
    const out = runDist('cli.js', ['scan', '--all', '--output', '/no/such/dir/report.json', repo.dir])
    expect(out.code).toBe(2)
    expect(out.stderr.trim()).toBe('sf-backup-guard: cannot write the report to /no/such/dir/report.json: ENOENT')
  })
})

describe('damaged or unusual history', () => {
  test('a clone missing a git object: the diff falls back, the file is reported as not checked, the rest is scanned, the CLI exits', () => {
    const { repo } = project()
    const base = repo.commit({ [`${SRC}/objects/Old__c/fields/A__c.field-meta.xml`]: fieldXml('A__c', { description: 'same text so that git pairs the rename' }) })
    const head = repo.commit({
      [`${SRC}/objects/Old__c/fields/A__c.field-meta.xml`]: null,
      [`${SRC}/objects/Arc__b/fields/A__c.field-meta.xml`]: fieldXml('A__c', { description: 'same text so that git pairs the rename!' }),
      [`${SRC}/objects/Log__b/Log__b.object-meta.xml`]: objectXml()
    })
    const blob = repo.git('rev-parse', `${head}:${SRC}/objects/Arc__b/fields/A__c.field-meta.xml`)
    execFileSync('rm', ['-f', path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2))])
    const started = Date.now()
    const r = runDist('cli.js', ['scan', '--base', base, '--head', head, '--format', 'json', repo.dir])
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(r.stderr).toContain('listing changes without it')
    expect(json(r.stdout).findings.map((f) => `${f.ruleId} ${f.component.name}`)).toEqual([`parse-error ${SRC}/objects/Arc__b/fields/A__c.field-meta.xml`, 'big-object Log__b'])
    expect(json(r.stdout).findings[0]!.message).toContain('not in this clone (a missing git object)')
  })

  test('the parent of the first commit: says to use --all', () => {
    const repo = new TempRepo()
    repos.push(repo)
    const first = repo.commit({ 'sfdx-project.json': SFDX_PROJECT })
    const r = runDist('cli.js', ['scan', '--base', `${first}^`, '--head', first, repo.dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`is the first commit and has no parent; scan it with --all --head ${first}`)
  })
})
