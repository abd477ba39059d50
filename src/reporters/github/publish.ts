import { writeFileSync } from 'node:fs'
import type { FailOn, Finding, Report } from '../../types.js'
import { ALL_RULE_META } from '../../rules/index.js'
import { annotate, type AnnotationSink } from '../annotations.js'
import { toSarif } from '../sarif.js'
import type { GitHubTarget, PublishResult } from './api.js'
import type { CommentMode } from './comment.js'

export interface PublishOptions {
  target: GitHubTarget
  failOn: FailOn
  checkRun: 'auto' | 'true' | 'false'
  comment: CommentMode
  /** Changed files; undefined annotates every finding (`annotate: all`). */
  annotateFiles?: Set<string>
  runUrl?: string
  sink: AnnotationSink
  log: { info(m: string): void; warning(m: string): void; debug(m: string): void }
}

/**
 * Reporters that talk to GitHub, each with a graceful fallback (reviewdog-style): the check run carries every
 * finding as an annotation; when it cannot be written (fork token, no token, API down) the findings go out as
 * workflow-command annotations, errors first, and one line says what was skipped and why.
 */
export async function publishToGitHub(report: Report, opts: PublishOptions): Promise<string[]> {
  const skipped: string[] = []
  const inFiles = (f: Finding) => !opts.annotateFiles || !f.file || opts.annotateFiles.has(f.file)
  let checkOk = false
  if (opts.checkRun !== 'false') {
    const { publishCheckRun } = await import('./checkRun.js')
    const r = await publishCheckRun(opts.target, report, {
      failOn: opts.failOn,
      annotateFiles: opts.annotateFiles,
      detailsUrl: opts.runUrl,
      fallback: 'findings are shown as workflow annotations and in the job summary instead',
      log: opts.log.debug
    })
    checkOk = r.ok
    record(r, 'check run', skipped, opts)
  }
  if (!checkOk) annotate(report.findings, opts.sink, inFiles)

  if (opts.comment !== 'never') {
    const { upsertComment } = await import('./comment.js')
    const r = await upsertComment(opts.target, report, {
      mode: opts.comment,
      failOn: opts.failOn,
      runUrl: opts.runUrl,
      fallback: 'the findings are in the job summary',
      log: opts.log.debug
    })
    record(r, 'comment', skipped, opts)
  }
  return skipped
}

function record(r: PublishResult, what: string, skipped: string[], opts: PublishOptions): void {
  if (r.ok) {
    if (r.detail) opts.log.info(r.detail)
    else if (r.url) opts.log.info(`${what}: ${r.url}`)
  } else {
    skipped.push(r.reason)
    opts.log.warning(r.reason)
  }
}

export function writeSarif(file: string, report: Report, informationUri?: string): void {
  writeFileSync(file, `${JSON.stringify(toSarif(report, ALL_RULE_META, { informationUri }), null, 2)}\n`)
}
