import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { Document, Node, Pair, YAMLMap } from 'yaml'
import type { FailOn, SeverityOrOff } from '../types.js'
import { CONFIG_KEYS, DEFAULT_CONFIG_PATHS, defaultConfig } from './types.js'
import type { Config, IgnoreEntry } from './types.js'

export interface ConfigIssue {
  line: number
  /** Dotted key path, e.g. `ignore[0].reason`; empty for the whole file. */
  key: string
  message: string
}

/** A configuration file that cannot be used. The message lists every problem as `file:line: key …`. */
export class ConfigError extends Error {
  readonly file: string
  readonly issues: ConfigIssue[]
  constructor(file: string, issues: ConfigIssue[]) {
    super(issues.map((i) => `${file}:${i.line}: ${i.message}`).join('\n'))
    this.name = 'ConfigError'
    this.file = file
    this.issues = issues
  }
  /** Line of the first problem. */
  get line(): number {
    return this.issues[0]?.line ?? 1
  }
  /** Key of the first problem. */
  get key(): string {
    return this.issues[0]?.key ?? ''
  }
}

export interface LoadConfigOptions {
  /** Repository root; the default file and relative `path`s are looked up from here. */
  root: string
  /** An explicitly named file (absolute, or relative to `root`). A missing explicit file is an error. */
  path?: string
  /** Valid rule ids, for `rules:` keys and `ignore[].rule`. */
  ruleIds: readonly string[]
}

const SEVERITY_VALUES = ['error', 'warning', 'notice', 'off'] as const
const FAIL_ON_VALUES = ['error', 'warning', 'notice', 'never'] as const

/**
 * Reads `.github/sf-backup-guard.yml` (or `.yaml`, or the named file). A missing default file gives the defaults;
 * everything else that is wrong is a ConfigError naming the file, the line and the key.
 */
export function loadConfig(options: LoadConfigOptions): Config {
  const root = path.resolve(options.root)
  let abs: string
  if (options.path !== undefined && options.path.trim() !== '') {
    abs = path.resolve(root, options.path)
    if (!isFile(abs)) {
      throw new ConfigError(display(root, abs), [{ line: 1, key: '', message: 'configuration file not found (it was named explicitly, so it must exist)' }])
    }
  } else {
    const present = DEFAULT_CONFIG_PATHS.map((p) => path.join(root, p)).filter(isFile)
    if (present.length === 0) return defaultConfig()
    if (present.length > 1) {
      throw new ConfigError(display(root, present[0]!), [
        { line: 1, key: '', message: `both ${DEFAULT_CONFIG_PATHS.join(' and ')} exist; keep one of them` }
      ])
    }
    abs = present[0]!
  }
  const file = display(root, abs)
  let text: string
  try {
    text = readFileSync(abs, 'utf8')
  } catch (e) {
    throw new ConfigError(file, [{ line: 1, key: '', message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }])
  }
  return parseConfig(text, file, options.ruleIds)
}

/** Parses configuration text; `file` is only used in messages and stored in `Config.file`. */
export function parseConfig(text: string, file: string, ruleIds: readonly string[]): Config {
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, version: '1.2' })
  const issues: ConfigIssue[] = []
  for (const e of [...doc.errors, ...doc.warnings]) {
    const line = lc.linePos(e.pos[0]).line
    issues.push({ line, key: '', message: `YAML syntax error: ${firstLine(e.message)}` })
  }
  if (issues.length) throw new ConfigError(file, issues)

  const v = new Validator(doc, lc, ruleIds)
  const config = defaultConfig()
  config.file = file
  const contents = doc.contents
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return config
  const top = v.map(contents, '', 'the file must be a mapping of keys such as integration-user, rules, ignore, paths')
  if (top) {
    for (const pair of v.pairs(top, '', CONFIG_KEYS.top)) {
      const [key, node] = pair
      switch (key) {
        case 'integration-user': {
          const m = v.map(node, key, 'integration-user must be a mapping with permission-sets, permission-set-groups and/or profile')
          if (!m) break
          for (const [k, n] of v.pairs(m, key, CONFIG_KEYS['integration-user'])) {
            const at = `${key}.${k}`
            if (k === 'permission-sets') config.integrationUser.permissionSets = v.names(n, at, 'Backup_Integration')
            else if (k === 'permission-set-groups') config.integrationUser.permissionSetGroups = v.names(n, at, 'Backup_Group')
            else config.integrationUser.profile = v.text(n, at, 'a profile name, e.g. Backup Integration')
          }
          break
        }
        case 'rules': {
          const m = v.map(node, key, 'rules must be a mapping of rule id to severity, e.g. backup-policy: off')
          if (!m) break
          for (const [ruleId, n] of v.pairs(m, key, null)) {
            const at = `rules.${ruleId}`
            if (!v.ruleId(ruleId, at, keyNode(m, ruleId))) continue
            const sev = v.oneOf(n, at, SEVERITY_VALUES)
            if (sev) config.rules[ruleId] = sev as SeverityOrOff
          }
          break
        }
        case 'ignore': {
          const seq = v.seq(node, key, 'ignore must be a list of entries with rule, component, reason and optionally until; use [] for none')
          if (!seq) break
          seq.items.forEach((item, i) => {
            const entry = v.ignoreEntry(item as Node, `ignore[${i}]`)
            if (entry) config.ignore.push(entry)
          })
          break
        }
        case 'paths': {
          const m = v.map(node, key, 'paths must be a mapping with include and/or exclude')
          if (!m) break
          for (const [k, n] of v.pairs(m, key, CONFIG_KEYS.paths)) {
            const globs = v.names(n, `paths.${k}`, k === 'include' ? 'force-app/**' : 'unpackaged/**')
            if (k === 'include') config.paths.include = globs
            else config.paths.exclude = globs
          }
          break
        }
        case 'fail-on': {
          const val = v.oneOf(node, key, FAIL_ON_VALUES)
          if (val) config.failOn = val as FailOn
          break
        }
        case 'namespace': {
          const ns = v.text(node, key, 'a namespace prefix, e.g. npsp')
          if (ns !== undefined) {
            if (/^[A-Za-z][A-Za-z0-9_]{0,14}$/.test(ns) && !ns.includes('__') && !ns.endsWith('_')) config.namespace = ns
            else v.issue(node, key, `namespace must be a Salesforce namespace prefix (a letter, then up to 14 letters, digits or single underscores), got ${JSON.stringify(ns)}`)
          }
          break
        }
      }
    }
  }
  if (v.issues.length) throw new ConfigError(file, v.issues)
  return config
}

class Validator {
  readonly issues: ConfigIssue[] = []
  constructor(
    private readonly doc: Document,
    private readonly lc: LineCounter,
    private readonly ruleIds: readonly string[]
  ) {}

  line(node: unknown): number {
    const range = (node as { range?: [number, number, number] | null } | null | undefined)?.range
    return range ? this.lc.linePos(range[0]).line : 1
  }

  issue(node: unknown, key: string, message: string): void {
    this.issues.push({ line: this.line(node), key, message })
  }

  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node
  }

  map(node: unknown, key: string, message: string): YAMLMap | undefined {
    const n = this.resolve(node)
    if (isMap(n)) return n
    this.issue(node, key, `${message} (got ${describe(n)})`)
    return undefined
  }

  seq(node: unknown, key: string, message: string): { items: unknown[] } | undefined {
    const n = this.resolve(node)
    if (isSeq(n)) return n
    this.issue(node, key, `${message} (got ${describe(n)})`)
    return undefined
  }

  /** The pairs of a map with string keys; unknown keys (when `known` is given) are reported. */
  pairs(m: YAMLMap, at: string, known: readonly string[] | null): Array<[string, unknown]> {
    const out: Array<[string, unknown]> = []
    for (const pair of m.items as Pair[]) {
      const k = this.resolve(pair.key)
      if (!isScalar(k) || typeof k.value !== 'string') {
        this.issue(pair.key, at, `${at ? `${at}: ` : ''}keys must be plain names (got ${describe(k)})`)
        continue
      }
      const name = k.value
      const full = at ? `${at}.${name}` : name
      if (known && !known.includes(name)) {
        const hint = closest(name, known)
        this.issue(k, full, `${full} is not a known key (${at ? `keys under ${at}` : 'top-level keys'}: ${known.join(', ')}${hint ? `; did you mean ${at ? `${at}.` : ''}${hint}?` : ''})`)
        continue
      }
      out.push([name, pair.value ?? k])
    }
    return out
  }

  /** A list of non-empty, distinct strings. */
  names(node: unknown, at: string, example: string): string[] {
    const n = this.resolve(node)
    if (!isSeq(n)) {
      this.issue(node, at, `${at} must be a list, e.g. [${example}] (got ${describe(n)}); use [] for none`)
      return []
    }
    const out: string[] = []
    n.items.forEach((item, i) => {
      const s = this.text(item, `${at}[${i}]`, `a name such as ${example}`)
      if (s === undefined) return
      if (out.includes(s)) this.issue(item, `${at}[${i}]`, `${at}[${i}] repeats ${JSON.stringify(s)}`)
      else out.push(s)
    })
    return out
  }

  /** A non-empty string (numbers and booleans are refused rather than converted). */
  text(node: unknown, at: string, what: string): string | undefined {
    const n = this.resolve(node)
    if (isScalar(n) && typeof n.value === 'string') {
      const s = n.value.trim()
      if (s) return s
      this.issue(node, at, `${at} must not be empty (expected ${what})`)
      return undefined
    }
    this.issue(node, at, `${at} must be a string: ${what} (got ${describe(n)})`)
    return undefined
  }

  oneOf(node: unknown, at: string, values: readonly string[]): string | undefined {
    const n = this.resolve(node)
    if (isScalar(n) && typeof n.value === 'string' && values.includes(n.value)) return n.value
    const hint = isScalar(n) && n.value === false ? ' (write off, not false)' : ''
    this.issue(node, at, `${at} must be one of ${values.join(', ')} (got ${describe(n)})${hint}`)
    return undefined
  }

  ruleId(id: string, at: string, node: unknown): boolean {
    if (this.ruleIds.includes(id)) return true
    const hint = closest(id, this.ruleIds)
    this.issue(node, at, `${at}: ${JSON.stringify(id)} is not a rule id${hint ? ` (did you mean ${hint}?)` : ''}; rule ids: ${[...this.ruleIds].sort().join(', ')}`)
    return false
  }

  ignoreEntry(item: Node, at: string): IgnoreEntry | undefined {
    const m = this.map(item, at, `${at} must be a mapping with rule, component, reason and optionally until`)
    if (!m) return undefined
    const found = new Map(this.pairs(m, at, CONFIG_KEYS.ignore))
    const before = this.issues.length
    const need = (k: string, why: string): unknown => {
      if (!found.has(k)) this.issue(m, `${at}.${k}`, `${at}.${k} is required (${why})`)
      return found.get(k)
    }
    const ruleNode = need('rule', 'the id of the rule whose finding is accepted, e.g. big-object')
    const componentNode = need('component', 'the component name or pattern, e.g. LogArchive__b or Lead.*')
    const reasonNode = need('reason', 'why is this finding acceptable?')
    let rule: string | undefined
    if (ruleNode !== undefined) {
      rule = this.text(ruleNode, `${at}.rule`, 'a rule id')
      if (rule !== undefined && !this.ruleId(rule, `${at}.rule`, ruleNode)) rule = undefined
    }
    const component = componentNode === undefined ? undefined : this.text(componentNode, `${at}.component`, 'a component name or pattern')
    let reason: string | undefined
    if (reasonNode !== undefined) {
      const r = this.resolve(reasonNode)
      if (isScalar(r) && (r.value === null || (typeof r.value === 'string' && !r.value.trim()))) {
        this.issue(reasonNode, `${at}.reason`, `${at}.reason is required (why is this finding acceptable?)`)
      } else reason = this.text(reasonNode, `${at}.reason`, 'why is this finding acceptable?')
    }
    let until: string | undefined
    if (found.has('until')) {
      const u = this.resolve(found.get('until'))
      const s = isScalar(u) ? (typeof u.value === 'string' ? u.value.trim() : String(u.value)) : describe(u)
      if (isScalar(u) && typeof u.value === 'string' && validDate(s)) until = s
      else this.issue(found.get('until'), `${at}.until`, `${at}.until must be a date written YYYY-MM-DD, e.g. 2027-06-30 (got ${JSON.stringify(s)})`)
    }
    if (this.issues.length > before || !rule || !component || !reason) return undefined
    return { rule, component, reason, ...(until ? { until } : {}), line: this.line(m) }
  }
}

function keyNode(m: YAMLMap, key: string): unknown {
  return (m.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === key)?.key
}

/** True for a real calendar date written YYYY-MM-DD. */
export function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

function describe(n: unknown): string {
  if (isMap(n)) return 'a mapping'
  if (isSeq(n)) return 'a list'
  if (isScalar(n)) {
    const v = n.value
    if (v === null) return 'nothing'
    if (typeof v === 'string') return JSON.stringify(v)
    return `${typeof v} ${String(v)}`
  }
  if (n === null || n === undefined) return 'nothing'
  return 'an unsupported value'
}

function firstLine(msg: string): string {
  return (msg.split('\n')[0] ?? msg).replace(/ at line \d+, column \d+:?\s*$/, '').trim()
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

function display(root: string, abs: string): string {
  const rel = path.relative(root, abs)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs
}

/** The closest candidate by edit distance, when it is close enough to be a likely typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestD = Infinity
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase())
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]!
}
