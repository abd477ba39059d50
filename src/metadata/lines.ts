/**
 * Where XML elements are: a tag scanner that records the line of every element and the text of leaf
 * elements, so that findings can point at the exact line. Values for the rules come from SDR's parser;
 * this only answers "on which line is it".
 */
export interface XmlNode {
  name: string
  line: number
  children: XmlNode[]
  text: string
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>/g

export interface ScanResult {
  root?: XmlNode
  /** The first well-formedness error found, with its line. */
  error?: { line: number; message: string }
}

export function scanXml(text: string): ScanResult {
  const root: XmlNode = { name: '#document', line: 0, children: [], text: '' }
  const stack: XmlNode[] = [root]
  let line = 1
  let last = 0
  let m: RegExpExecArray | null
  TAG.lastIndex = 0
  while ((m = TAG.exec(text))) {
    line += countNewlines(text, last, m.index)
    last = m.index
    const top = stack[stack.length - 1]!
    if (m[2] === undefined) {
      if (m[0].startsWith('<![CDATA[')) top.text += m[0].slice(9, -3)
      continue
    }
    if (m[1]) {
      const node = stack.pop()
      if (!node || stack.length === 0 || node.name !== localName(m[2])) {
        const expected = node && stack.length ? `</${node.name}> (opened on line ${node.line})` : 'no closing tag'
        return { root: root.children[0], error: { line, message: `unexpected closing tag </${m[2]}>; expected ${expected}` } }
      }
      if (!node.children.length) node.text += decode(text.slice(textStart.get(node) ?? m.index, m.index))
      continue
    }
    if (stack.length === 1 && root.children.length) {
      return { root: root.children[0], error: { line, message: `a second root element <${m[2]}> after the first one` } }
    }
    const node: XmlNode = { name: localName(m[2]), line, children: [], text: '' }
    top.children.push(node)
    if (!m[4]) {
      stack.push(node)
      textStart.set(node, m.index + m[0].length)
    }
  }
  line += countNewlines(text, last, text.length)
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!
    return { root: root.children[0], error: { line, message: `file ends before <${open.name}> (opened on line ${open.line}) is closed` } }
  }
  if (!root.children.length) return { error: { line: 1, message: 'no XML element found' } }
  return { root: root.children[0] }
}

const textStart = new WeakMap<XmlNode, number>()

function countNewlines(s: string, from: number, to: number): number {
  let n = 0
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++
  return n
}

function localName(name: string): string {
  const i = name.indexOf(':')
  return i >= 0 ? name.slice(i + 1) : name
}

function decode(s: string): string {
  if (s.includes('<')) s = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]*>/g, '')
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
}

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
