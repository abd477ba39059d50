#!/usr/bin/env node
// npm run bench [-- --runs N] [--warmup N] [--only diff,full] [--regenerate]
//
// Measures the CLI on a large generated source-format project, each run a fresh process (cold start of
// the whole CLI: module loading, git, SDR, rules, report). It is a measurement, not a test: it exits 0
// even when a target is missed, and says which.
//
// Adding a scenario: give it a fixture (an entry of FIXTURES: generated once, cached by version) and
// `args(fx)` returning the CLI arguments. A fixture may commit whatever it needs (e.g. a configuration
// with many permission sets) and return the refs its scenarios use.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CLI, REPO_ROOT, commitAll, git, requireModernNode } from './lib/repo.mjs'

// Bump when the generated content changes, so that stale caches are rebuilt.
const GENERATOR_VERSION = 3
const CACHE_ROOT = path.join(tmpdir(), 'sf-backup-guard-bench')
const TIME = '/usr/bin/time'

// Names and XML pieces of the generated project (declared before the top-level code runs).
const OBJECT_WORDS = ['Asset', 'Inspection', 'Contract', 'Visit', 'Route', 'Part', 'Invoice', 'Claim', 'Device', 'Site', 'Meter', 'Order', 'Survey', 'Permit', 'Crew', 'Vehicle', 'Shipment', 'Ticket', 'Plan', 'Reading']
const FIELD_WORDS = ['Status', 'Amount', 'Code', 'Owner', 'Region', 'Notes', 'Score', 'Priority', 'Reference', 'Quantity', 'Due', 'Approved', 'Serial', 'Rating', 'Source', 'Category', 'Limit', 'External', 'Active', 'Level', 'Comment', 'Start', 'End', 'Rate', 'Target']
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"'

// ---------------------------------------------------------------------------------------------------
// Fixtures

const FIXTURES = {
  large: {
    description: '2,000 objects x 25 fields; change: 500 field files modified, 20 added',
    params: { objects: 2000, fieldsPerObject: 25, modified: 500, added: 20 },
    build: buildLargeProject
  },
  access: {
    description: 'the large project plus 300 permission sets with 10,000 field permissions, all configured as the integration user',
    params: { objects: 2000, fieldsPerObject: 25, modified: 500, added: 20, permissionSets: 300, fieldPermissions: 10000 },
    build: buildAccessProject
  }
}

// ---------------------------------------------------------------------------------------------------
// Scenarios: each run is `node dist/cli.js <args>` in a fresh process.

const SCENARIOS = [
  {
    name: 'diff',
    fixture: 'large',
    what: 'scan --base C1 --head C2 --format json',
    args: (fx) => ['scan', '--base', fx.refs.c1, '--head', fx.refs.c2, '--format', 'json', '--output', '/dev/null', '--fail-on', 'never', fx.dir],
    target: { wallS: 1.0, rssMB: 250 }
  },
  {
    name: 'full',
    fixture: 'large',
    what: 'scan --all --head C2 (files read from git)',
    args: (fx) => ['scan', '--all', '--head', fx.refs.c2, '--format', 'json', '--output', '/dev/null', '--fail-on', 'never', fx.dir],
    target: { wallS: 3.0 }
  },
  {
    name: 'full-worktree',
    fixture: 'large',
    what: 'scan --all on the checkout (files read from disk)',
    args: (fx) => ['scan', '--all', '--format', 'json', '--output', '/dev/null', '--fail-on', 'never', fx.dir],
    target: { wallS: 3.0 }
  },
  {
    name: 'full-noaccess',
    fixture: 'access',
    what: 'scan --all with 300 permission sets in the repo, access rules off (empty config)',
    args: (fx) => ['scan', '--all', '--config', path.join(fx.dir, 'bench-no-access.yml'), '--format', 'json', '--output', '/dev/null', '--fail-on', 'never', fx.dir],
    target: { wallS: 3.0 }
  },
  {
    name: 'full-access',
    fixture: 'access',
    what: 'scan --all with the 300 permission sets configured (access rules on)',
    args: (fx) => ['scan', '--all', '--format', 'json', '--output', '/dev/null', '--fail-on', 'never', fx.dir],
    target: { wallS: 4.5 },
    /** Issue target: within 1.5x of the same scan without access rules. */
    ratioTo: { scenario: 'full-noaccess', max: 1.5 }
  }
]

// ---------------------------------------------------------------------------------------------------

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    only: { type: 'string' },
    regenerate: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' }
  }
})
if (opts.help) {
  console.log('Usage: npm run bench [-- --runs N] [--warmup N] [--only name,name] [--regenerate]')
  console.log(`Scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`)
  process.exit(0)
}
requireModernNode('bench')
const runs = positiveInt(opts.runs, '--runs', 1)
const warmup = positiveInt(opts.warmup, '--warmup', 0)
const only = opts.only ? new Set(opts.only.split(',').map((s) => s.trim())) : undefined
const scenarios = SCENARIOS.filter((s) => !only || only.has(s.name))
if (!scenarios.length) fail(`--only matched no scenario (have: ${SCENARIOS.map((s) => s.name).join(', ')})`)
if (!existsSync(CLI)) fail(`${CLI} is missing; run npm run bundle first`)
mkdirSync(CACHE_ROOT, { recursive: true })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130)) // runs the 'exit' clean-up
const build = snapshotDist()

const haveTime = existsSync(TIME) && spawnSync(TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0
if (!haveTime) console.log(`note: ${TIME} not found; peak memory is not measured (wall time only)`)

const fixtures = new Map()
for (const name of new Set(scenarios.map((s) => s.fixture))) fixtures.set(name, prepareFixture(name))

const load = loadavg()[0]
console.log(`\nnode ${process.version}, ${cpus().length} CPUs, load average ${load.toFixed(2)}; ${runs} run(s) per scenario after ${warmup} warm-up run(s), each a fresh process`)
if (load > cpus().length / 2) console.log('warning: the machine is busy; wall times will be higher than on an idle machine')
console.log('')
const results = []
for (const s of scenarios) {
  const fx = fixtures.get(s.fixture)
  const args = [build.cli, ...s.args(fx)]
  process.stdout.write(`${s.name.padEnd(14)} ${s.what} `)
  for (let i = 0; i < warmup; i++) measure(args, fx.dir)
  const samples = []
  let error
  for (let i = 0; i < runs; i++) {
    const m = measure(args, fx.dir)
    if (m.error) {
      error = m.error
      break
    }
    samples.push(m)
    process.stdout.write('.')
  }
  process.stdout.write(error ? ' FAILED\n' : '\n')
  results.push(summarise(s, samples, error))
}

for (const r of results) {
  const s = SCENARIOS.find((x) => x.name === r.scenario)
  const other = s?.ratioTo && results.find((x) => x.scenario === s.ratioTo.scenario)
  if (!other?.wallS || !r.wallS) continue
  const ratio = r.wallS.median / other.wallS.median
  r.ratio = { to: other.scenario, value: ratio, max: s.ratioTo.max }
  if (ratio > s.ratioTo.max) {
    r.missed.push(`${ratio.toFixed(2)}x ${other.scenario} > ${s.ratioTo.max}x`)
    r.verdict = 'over'
  }
}
printTable(results)
for (const r of results) if (r.ratio) console.log(`${r.scenario}: ${r.ratio.value.toFixed(2)}x the median of ${r.ratio.to} (target ≤ ${r.ratio.max}x)`)
const out = path.join(CACHE_ROOT, 'bench-results.json')
writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      loadAverageAtStart: load,
      build: { dist: build.hash, repoHead: build.repoHead },
      runs,
      warmup,
      peakRssMeasured: haveTime,
      fixtures: Object.fromEntries([...fixtures].map(([k, fx]) => [k, { dir: fx.dir, ...fx.meta }])),
      results
    },
    null,
    2
  )}\n`
)
console.log(`\nresults written to ${out}`)

const missed = results.filter((r) => r.verdict !== 'PASS')
if (missed.length) {
  console.log('\nTargets missed:')
  for (const r of missed) console.log(`  ${r.scenario}: ${r.error ? `run failed: ${r.error}` : r.missed.join('; ')}`)
} else console.log('\nAll targets met.')
process.exit(0)

// ---------------------------------------------------------------------------------------------------
// Measuring

function measure(args, cwd) {
  const timeFile = path.join(CACHE_ROOT, `time-${process.pid}.txt`)
  const cmd = haveTime ? TIME : process.execPath
  const argv = haveTime ? ['-o', timeFile, '-f', '%e %M', process.execPath, ...args] : args
  const start = process.hrtime.bigint()
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } })
  const wallS = Number(process.hrtime.bigint() - start) / 1e9
  try {
    if (r.error) return { error: r.error.message }
    if (r.status !== 0) return { error: `exit ${r.status}: ${lastLines(r.stderr || r.stdout)}` }
    let rssMB
    if (haveTime) {
      const [, kb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ')
      rssMB = Number(kb) / 1024
    }
    return { wallS, rssMB }
  } finally {
    rmSync(timeFile, { force: true })
  }
}

function summarise(s, samples, error) {
  const walls = samples.map((m) => m.wallS).sort((a, b) => a - b)
  const rss = samples.map((m) => m.rssMB).filter((v) => v !== undefined)
  const r = {
    scenario: s.name,
    what: s.what,
    runs: samples.length,
    wallS: walls.length ? { min: walls[0], median: median(walls), max: walls.at(-1) } : undefined,
    peakRssMB: rss.length ? Math.max(...rss) : undefined,
    samples,
    target: s.target,
    missed: [],
    error
  }
  // The median wall time is held against the target (robust to one slow run); peak RSS is the worst run.
  if (error) r.missed.push(`run failed: ${error}`)
  if (r.wallS && s.target.wallS !== undefined && r.wallS.median > s.target.wallS)
    r.missed.push(`median wall ${r.wallS.median.toFixed(2)} s > ${s.target.wallS} s`)
  if (r.peakRssMB !== undefined && s.target.rssMB !== undefined && r.peakRssMB > s.target.rssMB)
    r.missed.push(`peak RSS ${Math.round(r.peakRssMB)} MB > ${s.target.rssMB} MB`)
  r.verdict = error ? 'FAILED' : r.missed.length ? 'over' : 'PASS'
  return r
}

function printTable(results) {
  const rows = [['scenario', 'runs', 'wall min', 'median', 'max', 'peak RSS', 'target', 'verdict']]
  for (const r of results) {
    const t = [r.target.wallS !== undefined ? `≤ ${r.target.wallS} s` : '', r.target.rssMB !== undefined ? `≤ ${r.target.rssMB} MB` : '']
      .filter(Boolean)
      .join(', ')
    rows.push([
      r.scenario,
      String(r.runs),
      sec(r.wallS?.min),
      sec(r.wallS?.median),
      sec(r.wallS?.max),
      r.peakRssMB === undefined ? 'n/a' : `${Math.round(r.peakRssMB)} MB`,
      t,
      r.verdict
    ])
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
  console.log('')
  rows.forEach((row, n) => {
    console.log(row.map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd())
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  })
}

// ---------------------------------------------------------------------------------------------------
// The build under test

/**
 * Copies dist/ aside so that every run measures the same build, even if dist/ is rebuilt while the
 * benchmark runs (its chunk names change, and a running CLI would fail to load a lazy chunk).
 */
function snapshotDist() {
  const dir = path.join(CACHE_ROOT, `cli-${process.pid}`)
  const distDir = path.dirname(CLI)
  for (let attempt = 1; ; attempt++) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    cpSync(distDir, path.join(dir, 'dist'), { recursive: true })
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n') // dist is ESM
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir') // in case a chunk requires a package at run time
    const cli = path.join(dir, 'dist', path.basename(CLI))
    const ok = spawnSync(process.execPath, [cli, 'rules'], { encoding: 'utf8' }).status === 0
    if (ok) {
      process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
      const hash = createHash('sha256')
      for (const f of readdirSync(path.join(dir, 'dist'), { recursive: true }).sort()) {
        const full = path.join(dir, 'dist', f)
        if (statSync(full).isFile()) hash.update(f).update(readFileSync(full))
      }
      let repoHead
      try {
        repoHead = git(REPO_ROOT, ['rev-parse', 'HEAD'])
      } catch {
        repoHead = undefined
      }
      const b = { cli, hash: hash.digest('hex').slice(0, 12), repoHead }
      console.log(`build under test: dist/ ${b.hash}${repoHead ? ` (repository at ${repoHead.slice(0, 12)})` : ''}, copied to ${dir}`)
      return b
    }
    if (attempt === 3) fail('dist/ does not run (is a bundle in progress?); run npm run bundle and try again')
    spawnSync('sleep', ['2'])
  }
}

// ---------------------------------------------------------------------------------------------------
// Fixture cache

function prepareFixture(name) {
  const def = FIXTURES[name]
  const key = `${name}-v${GENERATOR_VERSION}-${Object.values(def.params).join('x')}`
  const dir = path.join(CACHE_ROOT, key)
  const stamp = path.join(CACHE_ROOT, `${key}.json`)
  if (!opts.regenerate && existsSync(stamp) && existsSync(path.join(dir, '.git'))) {
    try {
      const saved = JSON.parse(readFileSync(stamp, 'utf8'))
      if (saved.generatorVersion === GENERATOR_VERSION && Object.values(saved.refs).every((sha) => git(dir, ['cat-file', '-t', sha]) === 'commit')) {
        git(dir, ['checkout', '-q', '--force', saved.refs.c2]) // the worktree scenario reads the checkout
        console.log(`fixture ${name}: reusing ${dir}`)
        return { dir, refs: saved.refs, meta: saved.meta }
      }
    } catch {
      // fall through: rebuild
    }
  }
  console.log(`fixture ${name}: generating ${def.description} in ${dir}`)
  // Drop this fixture's caches of other generator versions or parameters (they are large).
  for (const e of readdirSync(CACHE_ROOT)) if (e.startsWith(`${name}-v`)) rmSync(path.join(CACHE_ROOT, e), { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  git(dir, ['init', '-q'])
  const { refs, meta } = def.build(dir, def.params)
  // Written last: an interrupted build is never reused.
  writeFileSync(stamp, `${JSON.stringify({ generatorVersion: GENERATOR_VERSION, refs, meta }, null, 2)}\n`)
  return { dir, refs, meta }
}

// ---------------------------------------------------------------------------------------------------
// The large project, with many permission sets for the access-rules scenario

function buildAccessProject(dir, params) {
  const { refs, meta } = buildLargeProject(dir, params)
  const t0 = Date.now()
  const psDir = path.join(dir, 'force-app', 'main', 'default', 'permissionsets')
  mkdirSync(psDir, { recursive: true })
  const perSet = Math.ceil(params.fieldPermissions / params.permissionSets)
  const names = []
  let n = 0
  for (let i = 0; i < params.permissionSets; i++) {
    const name = `Backup_Access_${String(i).padStart(3, '0')}`
    names.push(name)
    const fps = []
    for (let j = 0; j < perSet && n < params.fieldPermissions; j++, n++) {
      const object = objectName(n % params.objects)
      fps.push(`    <fieldPermissions>\n        <editable>false</editable>\n        <field>${object}.${fieldName(Math.floor(n / params.objects) % params.fieldsPerObject)}</field>\n        <readable>true</readable>\n    </fieldPermissions>`)
    }
    const objects = [objectName(i % params.objects)].map((o) => `    <objectPermissions>\n        <allowCreate>false</allowCreate>\n        <allowDelete>false</allowDelete>\n        <allowEdit>false</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n        <object>${o}</object>\n        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>false</viewAllRecords>\n    </objectPermissions>`)
    writeFileSync(path.join(psDir, `${name}.permissionset-meta.xml`), `${HEAD}<PermissionSet ${NS}>\n${fps.join('\n')}\n    <hasActivationRequired>false</hasActivationRequired>\n    <label>${name}</label>\n${objects.join('\n')}\n</PermissionSet>\n`)
  }
  mkdirSync(path.join(dir, '.github'), { recursive: true })
  writeFileSync(path.join(dir, '.github', 'sf-backup-guard.yml'), `integration-user:\n  permission-sets:\n${names.map((x) => `    - ${x}`).join('\n')}\n`)
  writeFileSync(path.join(dir, 'bench-no-access.yml'), 'rules: {}\n')
  const c3 = commitAll(dir, `${params.permissionSets} permission sets, ${params.fieldPermissions} field permissions`, '2025-01-08T09:00:00Z')
  git(dir, ['repack', '-a', '-d', '-q'])
  console.log(`  ${params.permissionSets} permission sets with ${n} field permissions in ${(Date.now() - t0) / 1000} s`)
  return { refs: { ...refs, c2: c3, c3 }, meta: { ...meta, permissionSets: params.permissionSets, fieldPermissions: n } }
}

// ---------------------------------------------------------------------------------------------------
// The large project

/** Small deterministic PRNG (mulberry32): the same project on every machine. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function objectName(i) {
  const a = OBJECT_WORDS[i % OBJECT_WORDS.length]
  const b = OBJECT_WORDS[Math.floor(i / OBJECT_WORDS.length) % OBJECT_WORDS.length]
  return `${a}_${b}_${String(i).padStart(4, '0')}__c`
}

function fieldName(j) {
  return `${FIELD_WORDS[j % FIELD_WORDS.length]}_${String(j).padStart(2, '0')}__c`
}

function label(apiName) {
  return apiName.replace(/__c$/, '').replace(/_/g, ' ')
}

function objectXml(name, { history, privateSharing }) {
  const sharing = privateSharing ? 'Private' : 'ReadWrite'
  return `${HEAD}<CustomObject ${NS}>
    <allowInChatterGroups>false</allowInChatterGroups>
    <compactLayoutAssignment>SYSTEM</compactLayoutAssignment>
    <deploymentStatus>Deployed</deploymentStatus>
    <description>Generated for the sf-backup-guard benchmark.</description>
    <enableActivities>true</enableActivities>
    <enableBulkApi>true</enableBulkApi>
    <enableFeeds>false</enableFeeds>
    <enableHistory>${history}</enableHistory>
    <enableLicensing>false</enableLicensing>
    <enableReports>true</enableReports>
    <enableSearch>true</enableSearch>
    <enableSharing>true</enableSharing>
    <enableStreamingApi>true</enableStreamingApi>
    <externalSharingModel>${sharing}</externalSharingModel>
    <label>${label(name)}</label>
    <nameField>
        <label>${label(name)} Name</label>
        <trackHistory>false</trackHistory>
        <type>Text</type>
    </nameField>
    <pluralLabel>${label(name)}s</pluralLabel>
    <searchLayouts></searchLayouts>
    <sharingModel>${sharing}</sharingModel>
    <visibility>Public</visibility>
</CustomObject>
`
}

/** Field XML in the element order Salesforce writes; `kind` picks the type. */
function fieldXml(name, kind, { description, trackHistory, referenceTo, relationship }) {
  const l = [`${HEAD}<CustomField ${NS}>`, `    <fullName>${name}</fullName>`]
  if (kind === 'Checkbox') l.push('    <defaultValue>false</defaultValue>')
  if (kind === 'Lookup') l.push('    <deleteConstraint>SetNull</deleteConstraint>')
  if (description) l.push(`    <description>${description}</description>`)
  if (kind !== 'Checkbox') l.push('    <externalId>false</externalId>')
  l.push(`    <label>${label(name)}</label>`)
  if (kind === 'Text') l.push('    <length>255</length>')
  if (kind === 'EncryptedText') l.push('    <length>175</length>', '    <maskChar>asterisk</maskChar>', '    <maskType>lastFour</maskType>')
  if (kind === 'Number') l.push('    <precision>18</precision>')
  if (kind === 'Lookup') l.push(`    <referenceTo>${referenceTo}</referenceTo>`, `    <relationshipLabel>${label(relationship)}</relationshipLabel>`, `    <relationshipName>${relationship}</relationshipName>`)
  if (kind !== 'Checkbox') l.push('    <required>false</required>')
  if (kind === 'Number') l.push('    <scale>2</scale>')
  l.push(`    <trackHistory>${trackHistory}</trackHistory>`, '    <trackTrending>false</trackTrending>', `    <type>${kind}</type>`)
  if (kind === 'Text' || kind === 'Number') l.push('    <unique>false</unique>')
  l.push('</CustomField>', '')
  return l.join('\n')
}

function pickKind(rand) {
  const x = rand()
  return x < 0.45 ? 'Text' : x < 0.7 ? 'Number' : x < 0.85 ? 'Checkbox' : x < 0.98 ? 'Lookup' : 'EncryptedText'
}

function buildLargeProject(dir, { objects, fieldsPerObject, modified, added }) {
  const t0 = Date.now()
  const rand = prng(20250107)
  const root = path.join(dir, 'force-app', 'main', 'default', 'objects')
  writeFileSync(
    path.join(dir, 'sfdx-project.json'),
    `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], name: 'bench-large', namespace: '', sfdcLoginUrl: 'https://login.salesforce.com', sourceApiVersion: '62.0' }, null, 2)}\n`
  )
  const fields = [] // { object, name, file, kind, trackHistory, referenceTo }
  const withHistory = new Set()
  for (let i = 0; i < objects; i++) {
    const name = objectName(i)
    const history = rand() < 0.3
    if (history) withHistory.add(name)
    mkdirSync(path.join(root, name, 'fields'), { recursive: true })
    writeFileSync(path.join(root, name, `${name}.object-meta.xml`), objectXml(name, { history, privateSharing: rand() < 0.2 }))
    for (let j = 0; j < fieldsPerObject; j++) {
      const f = { object: name, name: fieldName(j), kind: pickKind(rand), trackHistory: history && rand() < 0.3 }
      if (f.kind === 'Lookup') f.referenceTo = objectName(Math.floor(rand() * objects))
      f.file = path.join(root, name, 'fields', `${f.name}.field-meta.xml`)
      writeFileSync(f.file, fieldXml(f.name, f.kind, { ...f, relationship: `${f.name.replace(/__c$/, '')}_${String(i).padStart(4, '0')}` }))
      fields.push(f)
    }
  }
  const tGen = Date.now()
  const c1 = commitAll(dir, `Generated project: ${objects} objects x ${fieldsPerObject} fields`, '2025-01-06T09:00:00Z')
  const tCommit1 = Date.now()

  // The change: evenly spread edits (new label and help text), plus new fields on some objects.
  const step = Math.floor(fields.length / modified)
  for (let k = 0; k < modified; k++) {
    const f = fields[k * step]
    const xml = fieldXml(f.name, f.kind, { ...f, description: `Updated in the benchmark change (${k}).`, relationship: `${f.name.replace(/__c$/, '')}_${f.object.slice(-7, -3)}` })
    writeFileSync(f.file, xml.replace(`<label>${label(f.name)}</label>`, `<label>${label(f.name)} (v2)</label>`))
  }
  for (let k = 0; k < added; k++) {
    const object = objectName(Math.floor((k * objects) / added))
    const name = `Added_${String(k).padStart(2, '0')}__c`
    const kind = k % 10 === 0 ? 'EncryptedText' : ['Text', 'Number', 'Checkbox', 'Lookup'][k % 4]
    const file = path.join(root, object, 'fields', `${name}.field-meta.xml`)
    // Salesforce accepts trackHistory only on objects with history enabled.
    const trackHistory = k % 5 === 0 && withHistory.has(object)
    writeFileSync(file, fieldXml(name, kind, { trackHistory, referenceTo: objectName(k), relationship: `Added_${k}_${object.slice(-7, -3)}`, description: 'Added by the benchmark change.' }))
  }
  const c2 = commitAll(dir, `Benchmark change: ${modified} fields modified, ${added} added`, '2025-01-07T09:00:00Z')
  // A CI clone holds its objects in a pack, not as 100k loose files: pack them so reads from git are realistic.
  git(dir, ['repack', '-a', '-d', '-q'])
  const tCommit2 = Date.now()
  const meta = {
    files: objects * (fieldsPerObject + 1) + 1,
    objects,
    fieldsPerObject,
    modified,
    added,
    fieldKinds: Object.fromEntries(['Text', 'Number', 'Checkbox', 'Lookup', 'EncryptedText'].map((k) => [k, fields.filter((f) => f.kind === k).length])),
    setupSeconds: { generate: (tGen - t0) / 1000, commit1: (tCommit1 - tGen) / 1000, change: (tCommit2 - tCommit1) / 1000 } // change includes the repack
  }
  console.log(`  ${meta.files} files; generate ${meta.setupSeconds.generate} s, commit ${meta.setupSeconds.commit1} s, change + repack ${meta.setupSeconds.change} s`)
  return { refs: { c1, c2 }, meta }
}

// ---------------------------------------------------------------------------------------------------

function median(sorted) {
  const m = sorted.length >> 1
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
}

function sec(v) {
  return v === undefined ? 'n/a' : `${v.toFixed(2)} s`
}

function lastLines(s) {
  return s.trim().split('\n').slice(-3).join(' | ')
}

function positiveInt(v, flag, min) {
  const n = Number(v)
  if (!Number.isInteger(n) || n < min) fail(`${flag} must be an integer ≥ ${min}, not "${v}"`)
  return n
}

function fail(message) {
  console.error(`bench: ${message}`)
  process.exit(2)
}
