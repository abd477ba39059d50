import type { Finding } from '../types.js'
import { SEVERITY_RANK } from '../types.js'

export interface AnnotationSink {
  error(message: string, props: AnnotationProps): void
  warning(message: string, props: AnnotationProps): void
  notice(message: string, props: AnnotationProps): void
}
export interface AnnotationProps {
  title: string
  file?: string
  startLine?: number
}

/**
 * Workflow-command annotations (`::error file=…,line=…,title=rule-id::message`), errors first.
 * GitHub shows at most 10 of each level per step; the job summary and the check run carry the rest.
 */
export function annotate(findings: Finding[], sink: AnnotationSink, filter?: (f: Finding) => boolean): number {
  let n = 0
  const ordered = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
  for (const f of ordered) {
    if (filter && !filter(f)) continue
    const props: AnnotationProps = { title: f.ruleId }
    if (f.file) {
      props.file = f.file
      props.startLine = f.line
    }
    sink[f.severity](`${f.message}\nFix: ${f.fix}\n(${f.evidence}; ${f.docsUrl})`, props)
    n++
  }
  return n
}
