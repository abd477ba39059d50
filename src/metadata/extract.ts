import type { ChannelMemberModel, FieldModel, LineMap, ObjectModel } from '../types.js'
import { child, childLines, type XmlNode } from './lines.js'
import { stripNamespaceTokens } from './names.js'

type Json = Record<string, unknown>

const bool = (v: unknown): boolean => v === 'true' || v === true
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : v && typeof v === 'object' ? [v as Json] : [])

/** Removes SDR's bookkeeping keys (attributes, comments) so that semantic comparison ignores them. */
export function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean)
  if (v && typeof v === 'object') {
    const out: Json = {}
    for (const [k, val] of Object.entries(v)) if (!k.startsWith('@_') && !k.startsWith('#')) out[k] = clean(val)
    return out
  }
  return typeof v === 'string' ? stripNamespaceTokens(v.trim()) : v
}

export function objectModel(name: string, file: string, format: 'source' | 'mdapi', raw: Json, root: XmlNode | undefined): ObjectModel {
  const nameField = (raw.nameField ?? {}) as Json
  const lines: LineMap = childLines(root)
  const nf = child(root, 'nameField')
  const nfScheme = child(nf, 'encryptionScheme')
  if (nfScheme) lines['nameField.encryptionScheme'] = nfScheme.line
  const { fields: _fields, ...own } = raw
  return {
    name,
    file,
    format,
    label: str(raw.label),
    enableHistory: bool(raw.enableHistory),
    enableFeeds: bool(raw.enableFeeds),
    sharingModel: str(raw.sharingModel),
    customSettingsType: str(raw.customSettingsType),
    nameFieldEncryptionScheme: str(nameField.encryptionScheme),
    raw: clean(own) as Json,
    lines
  }
}

export function fieldModel(object: string, raw: Json, file: string, format: 'source' | 'mdapi', node: XmlNode | undefined): FieldModel {
  const name = stripNamespaceTokens(str(raw.fullName) ?? '')
  return {
    object,
    name,
    fullName: `${object}.${name}`,
    file,
    format,
    type: str(raw.type),
    required: bool(raw.required),
    trackHistory: bool(raw.trackHistory),
    encryptionScheme: str(raw.encryptionScheme),
    referenceTo: str(raw.referenceTo) ? stripNamespaceTokens(str(raw.referenceTo)!) : undefined,
    formula: str(raw.formula) !== undefined,
    raw: clean(raw) as Json,
    lines: childLines(node)
  }
}

/** Fields written inline in an mdapi `.object` file, each with the lines of its own `<fields>` block. */
export function inlineFields(object: string, raw: Json, file: string, root: XmlNode | undefined): FieldModel[] {
  const nodes = new Map<string, XmlNode>()
  for (const n of root?.children ?? []) {
    if (n.name !== 'fields') continue
    const fullName = child(n, 'fullName')?.text
    if (fullName && !nodes.has(fullName)) nodes.set(stripNamespaceTokens(fullName), n)
  }
  return arr(raw.fields)
    .filter((f) => str(f.fullName))
    .map((f) => fieldModel(object, f, file, 'mdapi', nodes.get(stripNamespaceTokens(str(f.fullName)!))))
}

export function channelMemberModel(name: string, raw: Json, file: string, root: XmlNode | undefined): ChannelMemberModel {
  return {
    name,
    eventChannel: str(raw.eventChannel),
    selectedEntity: str(raw.selectedEntity) ? stripNamespaceTokens(str(raw.selectedEntity)!) : undefined,
    file,
    lines: childLines(root)
  }
}
