/**
 * `--fix`: writes the missing read grants into the integration user's permission set (or profile) file.
 * Only the named target file is touched; every existing byte stays, new elements are inserted as whole lines
 * with the file's own indentation and line endings, at the place Salesforce would put them (top-level elements
 * sorted by name, fieldPermissions by field, objectPermissions by object). An existing element that denies read
 * (`<readable>false</readable>`, `<allowRead>false</allowRead>`) is switched to true in place.
 */
import { customSettingNames } from './names.js'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Finding, MetadataDelta } from '../types.js'
import { grantLines } from './messages.js'
import type { GrantTarget, MissingGrant } from './messages.js'
import { MetadataResolver, RegistryAccess } from './sdr.js'
import { childText, scanXml, stripNamespaceTokens } from './xml.js'
import type { XmlElement } from './xml.js'

export class FixError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FixError'
  }
}

const SHAPE = {
  field: { element: 'fieldPermissions', key: 'field', flag: 'readable' },
  object: { element: 'objectPermissions', key: 'object', flag: 'allowRead' },
  customSetting: { element: 'customSettingAccesses', key: 'name', flag: 'enabled' }
} as const

/**
 * Adds the grants to the XML text of a single-file permission set or profile (source or mdapi format).
 * Returns the new text (identical when nothing was missing). Throws FixError when the text is not a usable XML document.
 */
export function insertGrants(text: string, grants: MissingGrant[]): string {
  let out = text
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  for (const grant of sortGrants(grants)) {
    const root = scanXml(out)
    if (!root) throw new FixError('not a well-formed XML document')
    if (root.end === root.openEnd) {
      throw new FixError(`the root element <${root.name}/> is empty and self-closing; write it as <${root.name}></${root.name}> first`)
    }
    const shape = SHAPE[grant.kind]
    const name = stripNamespaceTokens(grant.name)
    const existing = root.children.find((c) => c.name === shape.element && keyOf(c, shape.key).toLowerCase() === name.toLowerCase())
    if (existing) {
      out = setFlag(out, existing, shape.flag, eol)
      continue
    }
    const { outer, inner } = indentation(out, root)
    const before = root.children.find((c) => compareElements(c.name, keyOf(c, keyField(c.name)), shape.element, name) > 0)
    const lines = grantLines({ ...grant, name }, outer, inner)
    out = insertBefore(out, before ?? null, root, lines, eol)
  }
  return out
}

/** Salesforce's order: by element name, then by the element's key (field, object, name …); plain code-unit order. */
function compareElements(aName: string, aKey: string, bName: string, bKey: string): number {
  if (aName !== bName) return aName < bName ? -1 : 1
  return aKey < bKey ? -1 : aKey > bKey ? 1 : 0
}

function keyField(element: string): string {
  for (const s of Object.values(SHAPE)) if (s.element === element) return s.key
  return 'name'
}

function keyOf(el: XmlElement, key: string): string {
  return stripNamespaceTokens(childText(el, key) ?? '')
}

function sortGrants(grants: MissingGrant[]): MissingGrant[] {
  const seen = new Set<string>()
  return grants
    .filter((g) => {
      const k = `${g.kind}:${g.name.toLowerCase()}`
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Sets `<flag>true</flag>` inside an existing element: edits the value, or inserts the child in name order. */
function setFlag(text: string, el: XmlElement, flag: string, eol: string): string {
  const child = el.children.find((c) => c.name === flag)
  if (child) {
    if (child.text.trim() === 'true') return text
    if (child.closeStart === child.openEnd) return text.slice(0, child.start) + `<${flag}>true</${flag}>` + text.slice(child.end)
    return text.slice(0, child.openEnd) + 'true' + text.slice(child.closeStart)
  }
  const after = el.children.find((c) => c.name > flag)
  const inner = el.children[0] ? leadingIndent(text, el.children[0].start) : undefined
  const line = `${inner ?? ''}<${flag}>true</${flag}>`
  if (inner !== undefined) {
    const at = after ? lineStart(text, after.start) : lineStart(text, el.closeStart)
    if (after || leadingIndent(text, el.closeStart) !== undefined) return text.slice(0, at) + line + eol + text.slice(at)
  }
  const at = after ? after.start : el.closeStart
  return text.slice(0, at) + `<${flag}>true</${flag}>` + text.slice(at)
}

/** Inserts whole lines before `before` (or before the root's end tag), or inline when the file is not one element per line. */
function insertBefore(text: string, before: XmlElement | null, root: XmlElement, lines: string[], eol: string): string {
  const anchor = before ? before.start : root.closeStart
  if (leadingIndent(text, anchor) !== undefined) {
    const at = lineStart(text, anchor)
    return text.slice(0, at) + lines.join(eol) + eol + text.slice(at)
  }
  return text.slice(0, anchor) + lines.map((l) => l.trim()).join('') + text.slice(anchor)
}

/** Indentation of the top-level elements and of their children, as the file has it. */
function indentation(text: string, root: XmlElement): { outer: string; inner: string } {
  let outer: string | undefined
  let inner: string | undefined
  for (const c of root.children) {
    outer ??= leadingIndent(text, c.start)
    for (const g of c.children) {
      inner ??= leadingIndent(text, g.start)
      if (inner !== undefined) break
    }
    if (outer !== undefined && inner !== undefined) break
  }
  outer ??= '    '
  inner ??= outer + (outer.includes('\t') ? '\t' : outer.length ? outer : '    ')
  return { outer, inner }
}

/** The whitespace before `offset` on its line, or undefined when something else precedes it there. */
function leadingIndent(text: string, offset: number): string | undefined {
  const start = lineStart(text, offset)
  const before = text.slice(start, offset)
  return /^[ \t]*$/.test(before) ? before : undefined
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

export interface WriteFixesArgs {
  /** Repository root on disk; `target.file` is relative to it. */
  root: string
  /** Where grants go: `AccessView.grantTarget()`. Only this file is ever written. */
  target: GrantTarget | undefined
  grants: MissingGrant[]
  /** One-line messages about fixes that could not be written. */
  warn(msg: string): void
}

/**
 * Writes the grants into the target file. Returns the repository-relative paths of the files written (empty when
 * nothing needed changing or the target cannot be edited; the reason goes to `warn`).
 */
export function writeFixes(args: WriteFixesArgs): string[] {
  const { root, target, grants, warn } = args
  if (!grants.length) return []
  if (!target) {
    warn('--fix: no integration-user permission set or profile is configured, so there is no file to add the grants to')
    return []
  }
  const who = `${target.kind === 'Profile' ? 'profile' : 'permission set'} ${target.name}`
  if (!target.file) {
    warn(`--fix: ${who} is not in this repository; add the grants in the org instead`)
    return []
  }
  const abs = path.resolve(root, target.file)
  let text: string
  try {
    text = readFileSync(abs, 'utf8')
  } catch (e) {
    warn(`--fix: cannot read ${target.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
    return []
  }
  if (isDecomposed(root, abs)) {
    warn(`--fix: ${who} is decomposed into a folder (${target.file}); --fix only edits single-file permission sets, so add the grants by hand`)
    return []
  }
  let updated: string
  try {
    updated = insertGrants(text, grants)
  } catch (e) {
    warn(`--fix: ${target.file}: ${(e as Error).message}; nothing written`)
    return []
  }
  if (updated === text) return []
  writeFileSync(abs, updated, 'utf8')
  return [target.file]
}

/** Whether SDR sees the file as part of a decomposed permission set (a folder of files). */
function isDecomposed(root: string, abs: string): boolean {
  try {
    const registry = new RegistryAccess(undefined, root)
    const [c] = new MetadataResolver(registry, undefined, false).getComponentsFromPath(abs)
    return Boolean(c?.content)
  } catch {
    return false
  }
}

/**
 * The grants asked for by object-access and field-access findings (after applyConfig, so ignored and turned-off
 * findings are not fixed). Objects that the delta shows to be custom settings become customSettingAccesses.
 */
export function grantsFromFindings(findings: Finding[], delta?: Pick<MetadataDelta, 'objects' | 'customSettings'>): MissingGrant[] {
  const settings = delta ? customSettingNames(delta) : new Set<string>()
  const out: MissingGrant[] = []
  for (const f of findings) {
    if (f.ruleId === 'field-access') out.push({ kind: 'field', name: f.component.name })
    else if (f.ruleId === 'object-access') out.push({ kind: settings.has(f.component.name.toLowerCase()) ? 'customSetting' : 'object', name: f.component.name })
  }
  return sortGrants(out)
}
