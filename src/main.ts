import './env.js'
import * as core from '@actions/core'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { ChangesError } from './changes/index.js'
import { scan } from './engine.js'
import { blocking, FAIL_ON_VALUES } from './gate/index.js'
import { readGitHubEvent } from './inputs/event.js'
import { annotate } from './reporters/annotations.js'
import { renderJson } from './reporters/json.js'
import { renderMarkdown } from './reporters/markdown.js'
import type { FailOn } from './types.js'

/** GitHub refuses step summaries over 1 MiB; stay well below it (characters can take several bytes). */
const SUMMARY_MAX_CHARS = 400_000

/** The GitHub Action: inputs -> engine -> annotations, summary, outputs -> exit code. */
export async function run(): Promise<void> {
  try {
    const failOn = (core.getInput('fail-on') || 'error') as FailOn
    if (!FAIL_ON_VALUES.includes(failOn)) throw new InputError(`input fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, not "${failOn}"`)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const dir = path.resolve(workspace, core.getInput('path') || '.')
    const result = await scan({
      dir,
      base: core.getInput('base') || undefined,
      head: core.getInput('head') || undefined,
      all: boolInput('all'),
      event: readGitHubEvent(),
      log: { info: (m) => core.info(m), warning: (m) => core.warning(m) }
    })

    const reportPath = path.resolve(workspace, core.getInput('report-path') || path.join(process.env.RUNNER_TEMP || dir, 'sf-backup-guard.json'))
    writeFileSync(reportPath, renderJson(result.report))

    const annotateAll = (core.getInput('annotate') || 'changed-files') === 'all'
    annotate(result.findings, core, (f) => annotateAll || !f.file || result.changedFiles.has(f.file))

    const notes = [...result.notes]
    await core.summary.addRaw(renderMarkdown(result.report, { notes, maxChars: SUMMARY_MAX_CHARS }), true).write()

    const s = result.report.summary
    core.setOutput('findings', s.error + s.warning + s.notice)
    core.setOutput('errors', s.error)
    core.setOutput('warnings', s.warning)
    core.setOutput('notices', s.notice)
    core.setOutput('report-path', reportPath)

    const failing = blocking(result.findings, failOn)
    core.info(`${s.error} errors, ${s.warning} warnings, ${s.notice} notices; report: ${reportPath}`)
    if (failing.length) core.setFailed(`${failing.length} finding(s) at or above fail-on: ${failOn}`)
  } catch (e) {
    const err = e as Error
    const known = e instanceof InputError || e instanceof ChangesError || err.name === 'ConfigError'
    core.setFailed(known ? err.message : `unexpected error: ${err.message}`)
    process.exitCode = 2
  }
}

class InputError extends Error {}

function boolInput(name: string): boolean {
  const v = core.getInput(name).trim().toLowerCase()
  if (v === '' || v === 'false') return false
  if (v === 'true') return true
  throw new InputError(`input ${name} must be true or false, not "${v}"`)
}

await run()
