import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { finalize } from '../src/findings/index.js'
import { annotate, type AnnotationProps } from '../src/reporters/annotations.js'
import { buildReport } from '../src/reporters/json.js'
import { renderMarkdown } from '../src/reporters/markdown.js'
import { renderText } from '../src/reporters/text.js'
import type { Finding, Severity } from '../src/types.js'
import { TOOL_VERSION } from '../src/version.js'

function finding(i: number, severity: Severity = 'error', ruleId = 'big-object'): Finding {
  return {
    ruleId,
    severity,
    evidence: 'official',
    message: `Thing${i}__b is a big object: its records are not backed up. ${'x'.repeat(200)}`,
    fix: 'Keep the data elsewhere.',
    component: { type: 'CustomObject', name: `Thing${i}__b`, object: `Thing${i}__b` },
    file: `force-app/main/default/objects/Thing${i}__b/Thing${i}__b.object-meta.xml`,
    line: 2,
    docsUrl: 'https://help.salesforce.com/x',
    fingerprint: ''
  }
}

describe('markdown (job summary, --format markdown)', () => {
  test('stays under the size cap with a note saying how many findings were left out', () => {
    const findings = finalize(Array.from({ length: 5000 }, (_, i) => finding(i, i % 3 === 0 ? 'warning' : 'error')))
    const md = renderMarkdown(buildReport('a', 'b', findings), { maxChars: 100_000 })
    expect(md.length).toBeLessThanOrEqual(100_000)
    const shown = md.split('\n').filter((l) => l.startsWith('| [big-object](')).length
    expect(shown).toBeGreaterThan(100)
    expect(md).toContain(`_${(5000 - shown).toLocaleString('en-US')} more findings left out to stay within GitHub's job summary limit`)
    // The default cap of the action keeps a 1 MiB step summary safe even with multi-byte characters.
    const full = renderMarkdown(buildReport('a', 'b', findings), { maxChars: 400_000 })
    expect(Buffer.byteLength(full)).toBeLessThan(1024 * 1024)
  })

  test('counts first, then one table per severity; a clean run says so', () => {
    const md = renderMarkdown(buildReport('a', 'b', finalize([finding(1), finding(2, 'notice', 'platform-event')])), { notes: ['compared with main'] })
    expect(md).toContain('**1** error · **0** warnings · **1** notice')
    expect(md.indexOf('**1** error ·')).toBeLessThan(md.indexOf('### 🔴 Errors (1)'))
    expect(md.indexOf('### 🔴 Errors (1)')).toBeLessThan(md.indexOf('### 🔵 Notices (1)'))
    expect(md).not.toContain('Warnings (')
    expect(md).toContain('> compared with main')
    expect(renderMarkdown(buildReport('a', 'b', []))).toContain('No findings')
  })
})

describe('text and annotations', () => {
  test('colour only when asked for', () => {
    const report = buildReport('a', 'b', finalize([finding(1)]))
    expect(renderText(report, { colour: true })).toContain('\x1b[31m')
    expect(renderText(report, { colour: false })).not.toContain('\x1b[')
  })

  test('workflow annotations: errors first, title is the rule id, file and line set; filter applies', () => {
    const calls: Array<[string, string, AnnotationProps]> = []
    const sink = {
      error: (m: string, p: AnnotationProps) => calls.push(['error', m, p]),
      warning: (m: string, p: AnnotationProps) => calls.push(['warning', m, p]),
      notice: (m: string, p: AnnotationProps) => calls.push(['notice', m, p])
    }
    const fs = finalize([finding(1, 'notice', 'platform-event'), finding(2, 'error'), finding(3, 'warning', 'bulk-api-unsupported')])
    expect(annotate(fs, sink, (f) => f.component.name !== 'Thing3__b')).toBe(2)
    expect(calls.map((c) => c[0])).toEqual(['error', 'notice'])
    expect(calls[0]![2]).toEqual({ title: 'big-object', file: 'force-app/main/default/objects/Thing2__b/Thing2__b.object-meta.xml', startLine: 2 })
  })
})

describe('findings', () => {
  test('order and fingerprints are deterministic; fingerprints survive a line move and differ per occurrence', () => {
    const a = finalize([finding(2), finding(1, 'notice'), finding(1)])
    const b = finalize([finding(1), finding(1, 'notice'), finding(2)])
    expect(a).toEqual(b)
    expect(a.map((f) => `${f.severity} ${f.component.name}`)).toEqual(['error Thing1__b', 'error Thing2__b', 'notice Thing1__b'])
    const moved = finalize([{ ...finding(1), line: 40 }])
    expect(moved[0]!.fingerprint).toBe(a[0]!.fingerprint)
    const twice = finalize([{ ...finding(1), line: 4, message: 'one' }, { ...finding(1), line: 5, message: 'two' }])
    expect(twice[0]!.fingerprint).not.toBe(twice[1]!.fingerprint)
  })

  test('the tool version matches package.json', () => {
    expect(TOOL_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })
})
