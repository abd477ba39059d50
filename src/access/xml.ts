/**
 * A small XML element scanner that keeps byte offsets and line numbers, for two jobs the parser cannot do:
 * finding the line of a permission element, and inserting elements into a file without reformatting it.
 * Values for decisions come from SDR's parser; this only says where things are.
 */

export interface XmlElement {
  name: string
  /** Offset of `<` of the start tag. */
  start: number
  /** Offset just after the start tag's `>`. */
  openEnd: number
  /** Offset of `<` of the end tag (equal to `end` for a self-closing tag). */
  closeStart: number
  /** Offset just after the end tag's `>`. */
  end: number
  /** 1-based line of the start tag. */
  line: number
  children: XmlElement[]
  /** Text content of a leaf element (entities decoded). */
  text: string
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g

/** Scans the document; returns its root element, or undefined when there is none or tags do not balance. */
export function scanXml(text: string): XmlElement | undefined {
  const top: XmlElement[] = []
  const stack: XmlElement[] = []
  let line = 1
  let last = 0
  let textBuf = ''
  let textFrom = 0
  TOKEN.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TOKEN.exec(text))) {
    line += countNewlines(text, last, m.index)
    last = m.index
    const parent = stack[stack.length - 1]
    if (m[3] === undefined) {
      if (m[1] !== undefined && parent) textBuf += m[1]
      continue
    }
    const name = localName(m[3])
    if (m[2]) {
      const el = stack.pop()
      if (!el || el.name !== name) return undefined
      el.closeStart = m.index
      el.end = m.index + m[0].length
      if (!el.children.length) el.text = decode(textBuf + text.slice(textFrom, m.index).replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, ''))
      textBuf = ''
      continue
    }
    const el: XmlElement = { name, start: m.index, openEnd: m.index + m[0].length, closeStart: 0, end: 0, line, children: [], text: '' }
    ;(parent ? parent.children : top).push(el)
    if (m[5]) {
      el.closeStart = el.end = el.openEnd
    } else {
      stack.push(el)
      textBuf = ''
      textFrom = el.openEnd
    }
  }
  if (stack.length || top.length !== 1) return undefined
  return top[0]
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

const NAMESPACE_TOKENS = /___NAMESPACE___|%%%NAMESPACE%%%|%%%NAMESPACED_ORG%%%|%%%NAMESPACE_DOT%%%/g

/** Removes CumulusCI namespace tokens from an API name. */
export function stripNamespaceTokens(name: string): string {
  return name.includes('NAMESPACE') ? name.replace(NAMESPACE_TOKENS, '') : name
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

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (all, e: string) => {
    switch (e) {
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'amp':
        return '&'
      case 'quot':
        return '"'
      case 'apos':
        return "'"
      default:
        return e[1] === 'x' ? String.fromCodePoint(parseInt(e.slice(2), 16)) : String.fromCodePoint(parseInt(e.slice(1), 10))
    }
  })
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
