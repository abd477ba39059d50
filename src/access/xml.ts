/**
 * XML helpers for permission files: finding the line of a permission element, and the offsets needed to insert
 * elements into a file without reformatting it.
 */
import { scanXml as scan, type XmlNode } from '../metadata/lines.js'
import { stripNamespaceTokens } from '../metadata/names.js'

/** The project's one XML scanner (src/metadata/lines.ts), which keeps offsets as well as lines. */
export type XmlElement = XmlNode

/** Scans the document; returns its root element, or undefined when there is none or tags do not balance. */
export function scanXml(text: string): XmlElement | undefined {
  const r = scan(text)
  return r.error ? undefined : r.root
}

/** Text of the first child element with this name. */
export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text.trim()
}

/** The line of the top-level element `element` (e.g. fieldPermissions) whose key child (e.g. field) equals `key`. */
export function lineOf(text: string, element: string, keyChild: string, key: string): number | undefined {
  const root = scanXml(text)
  if (!root) return undefined
  const k = key.toLowerCase()
  for (const el of root.children) {
    if (el.name === element && stripNamespaceTokens(childText(el, keyChild) ?? '').toLowerCase() === k) return el.line
  }
  return undefined
}

export { stripNamespaceTokens } from '../metadata/names.js'

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
