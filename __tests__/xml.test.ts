import { describe, expect, test } from '@jest/globals'
import { scanXml, toJson } from '../src/metadata/lines.js'

describe('the XML scan (lines, values, well-formedness)', () => {
  test('values have the shape SDR gives: strings, arrays for repeated elements; entities and CDATA decoded once', () => {
    const xml = '<?xml version="1.0"?>\n<CustomObject xmlns="x">\n  <!-- a comment -->\n  <fields><fullName>A__c</fullName><formula><![CDATA[a < b]]></formula></fields>\n  <fields>\n    <fullName>B__c</fullName>\n    <description>Tom &amp; Jerry &#x263A; &lt;3</description>\n  </fields>\n  <label/>\n</CustomObject>\n'
    const { root, error } = scanXml(xml)
    expect(error).toBeUndefined()
    expect(toJson(root!)).toEqual({
      fields: [
        { fullName: 'A__c', formula: 'a < b' },
        { fullName: 'B__c', description: 'Tom & Jerry ☺ <3' }
      ],
      label: ''
    })
    expect(root!.line).toBe(2)
    expect(root!.children.map((c) => `${c.name}:${c.line}`)).toEqual(['fields:4', 'fields:5', 'label:9'])
    const label = root!.children[2]!
    expect(xml.slice(label.start, label.end)).toBe('<label/>')
  })

  test('malformed XML is reported with the line of the problem', () => {
    expect(scanXml('<a>\n<b>\n</a>').error).toEqual({ line: 3, message: 'unexpected closing tag </a>; expected </b> (opened on line 2)' })
    expect(scanXml('<a>\n<b></b>\n').error?.message).toBe('file ends before <a> (opened on line 1) is closed')
    expect(scanXml('<a/>\n<b/>').error?.message).toBe('a second root element <b> after the first one')
    expect(scanXml('not xml').error?.message).toBe('no XML element found')
  })
})

describe('text that is not XML', () => {
  test('merge-conflict markers, a stray < and a bare & are errors on their line', () => {
    const conflict = '<CustomObject>\n<<<<<<< HEAD\n  <label>A</label>\n=======\n  <label>B</label>\n>>>>>>> branch\n</CustomObject>\n'
    expect(scanXml(conflict).error).toEqual({ line: 2, message: 'a merge-conflict marker (<<<<<<<) is in the file' })
    expect(scanXml('<a>\n  <b>1 < 2</b>\n</a>').error).toEqual({ line: 2, message: "a '<' that does not start a tag (write &lt; in text)" })
    expect(scanXml('<a>\n\n  <b>Tom & Jerry</b>\n</a>').error).toEqual({ line: 3, message: "a bare '&' (write &amp; in text)" })
    expect(scanXml('<a><b>Tom &amp; Jerry &#38; &#x26;</b><![CDATA[ x < y & z ]]><!-- a < b & c --></a>').error).toBeUndefined()
  })
})
