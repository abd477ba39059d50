/**
 * One pass over a metadata XML file gives three things: whether it is well-formed (with the line of the first
 * error), the line of every element (so findings point at the exact line), and the values (`toJson`, the same
 * shape SDR's parser returns: leaves are strings, a repeated element is an array).
 *
 * Why not SDR's parser for the values: measured on the 2,000-object benchmark (`npm run bench`), SDR's
 * fast-xml-parser pass took 1.2 s of a 3.9 s full scan on top of this scan, which is needed anyway for line
 * numbers; and it accepts malformed XML without an error, which the parse-error rule must catch.
 * SDR still types every path (registry and resolver); only the XML text is read here.
 */
export interface XmlNode {
  name: string
  /** 1-based line of the start tag. */
  line: number
  children: XmlNode[]
  /** Text of a leaf element, entities decoded and trimmed. */
  text: string
  /** Offset of `<` of the start tag. */
  start: number
  /** Offset just after the start tag's `>`. */
  openEnd: number
  /** Offset of `<` of the end tag (equal to `end` for a self-closing tag). */
  closeStart: number
  /** Offset just after the end tag's `>`. */
  end: number
}

// Attributes are matched with [^>]* (metadata XML never has '>' inside attribute values); this keeps the
// scan linear - it runs on every file of a full scan.
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>/g

export interface ScanResult {
  root?: XmlNode
  /** The first well-formedness error found, with its line. */
  error?: { line: number; message: string }
}

export function scanXml(text: string): ScanResult {
  const root: XmlNode = { name: '#document', line: 0, children: [], text: '', start: 0, openEnd: 0, closeStart: text.length, end: text.length }
  const stack: XmlNode[] = [root]
  let line = 1
  let last = 0
  let prevEnd = 0
  let m: RegExpExecArray | null
  TAG.lastIndex = 0
  while ((m = TAG.exec(text))) {
    const bad = strayCharacter(text, prevEnd, m.index)
    if (bad) return { root: root.children[0], error: { line: line + countNewlines(text, last, bad.at), message: bad.message } }
    line += countNewlines(text, last, m.index)
    last = m.index
    prevEnd = m.index + m[0].length
    const top = stack[stack.length - 1]!
    if (m[2] === undefined) continue // comment, CDATA (read with the element's text), declaration
    if (m[1]) {
      const node = stack.pop()
      if (!node || stack.length === 0 || node.name !== localName(m[2])) {
        const expected = node && stack.length ? `</${node.name}> (opened on line ${node.line})` : 'no closing tag'
        return { root: root.children[0], error: { line, message: `unexpected closing tag </${m[2]}>; expected ${expected}` } }
      }
      node.closeStart = m.index
      node.end = m.index + m[0].length
      if (!node.children.length) node.text = decode(text.slice(node.openEnd, m.index))
      continue
    }
    if (stack.length === 1 && root.children.length) {
      return { root: root.children[0], error: { line, message: `a second root element <${m[2]}> after the first one` } }
    }
    const openEnd = m.index + m[0].length
    const node: XmlNode = { name: localName(m[2]), line, children: [], text: '', start: m.index, openEnd, closeStart: openEnd, end: openEnd }
    top.children.push(node)
    if (!m[4]) stack.push(node)
  }
  const bad = strayCharacter(text, prevEnd, text.length)
  if (bad) return { root: root.children[0], error: { line: line + countNewlines(text, last, bad.at), message: bad.message } }
  line += countNewlines(text, last, text.length)
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!
    return { root: root.children[0], error: { line, message: `file ends before <${open.name}> (opened on line ${open.line}) is closed` } }
  }
  if (!root.children.length) return { error: { line: 1, message: 'no XML element found' } }
  return { root: root.children[0] }
}

const ENTITY = /&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y

/**
 * Text between tags may not hold `<` (every `<` starts a tag, comment, CDATA or declaration) nor a bare `&`.
 * This catches committed merge-conflict markers (`<<<<<<< HEAD`) and unescaped text, which Salesforce rejects.
 */
function strayCharacter(text: string, from: number, to: number): { at: number; message: string } | undefined {
  const lt = text.indexOf('<', from)
  if (lt !== -1 && lt < to) {
    const conflict = text.startsWith('<<<<<<<', lt)
    return { at: lt, message: conflict ? 'a merge-conflict marker (<<<<<<<) is in the file' : "a '<' that does not start a tag (write &lt; in text)" }
  }
  for (let amp = text.indexOf('&', from); amp !== -1 && amp < to; amp = text.indexOf('&', amp + 1)) {
    ENTITY.lastIndex = amp
    if (!ENTITY.test(text)) return { at: amp, message: "a bare '&' (write &amp; in text)" }
  }
  return undefined
}

export function countNewlines(s: string, from: number, to: number): number {
  let n = 0
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++
  return n
}

function localName(name: string): string {
  const i = name.indexOf(':')
  return i >= 0 ? name.slice(i + 1) : name
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }

function decode(s: string): string {
  if (s.includes('<')) s = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->/g, '$1')
  if (!s.includes('&')) return s.trim()
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|quot|apos|amp);/g, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m)
    )
    .trim()
}

export type XmlValue = string | XmlObject | XmlValue[]
export interface XmlObject {
  [key: string]: XmlValue
}

/** The element's value as SDR's parser would give it: text for a leaf, an object of children otherwise. */
export function toJson(node: XmlNode): XmlValue {
  if (!node.children.length) return node.text
  const out: XmlObject = {}
  for (const c of node.children) {
    const v = toJson(c)
    const prev = out[c.name]
    if (prev === undefined) out[c.name] = v
    else if (Array.isArray(prev) && repeated.has(prev)) prev.push(v)
    else {
      const list = [prev, v]
      repeated.add(list)
      out[c.name] = list
    }
  }
  return out
}

/** Arrays made for repeated elements (as opposed to values that are arrays themselves, which XML has none of). */
const repeated = new WeakSet<XmlValue[]>()

/** Lines of a node's direct children by element name (first occurrence), with the node itself under ''. */
export function childLines(node: XmlNode | undefined, prefix = ''): Record<string, number> {
  const lines: Record<string, number> = {}
  if (!node) return lines
  if (!prefix) lines[''] = node.line
  for (const c of node.children) {
    const key = prefix + c.name
    if (lines[key] === undefined) lines[key] = c.line
  }
  return lines
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name)
}
