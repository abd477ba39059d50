import './env.js'
import * as core from '@actions/core'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { ChangesError, type GitHubEvent } from './changes/index.js'
import { scan, type ScanResult } from './engine.js'
import { blocking, FAIL_ON_VALUES } from './gate/index.js'
import { readGitHubEvent } from './inputs/event.js'
import { orgOptionsFromInputs, orgSecrets } from './org/options.js'
import { annotate } from './reporters/annotations.js'
import { renderJson } from './reporters/json.js'
import { renderMarkdown } from './reporters/markdown.js'
import type { CommentMode } from './reporters/github/comment.js'
import type { FailOn } from './types.js'
import { countsLine } from './text.js'

/** GitHub refuses step summaries over 1 MiB; stay well below it (characters can take several bytes). */
const SUMMARY_MAX_CHARS = 400_000

/** The GitHub Action: inputs -> engine -> annotations, summary, outputs -> exit code. */
export async function run(): Promise<void> {
  try {
    // Secrets are masked before anything else can print them.
    const token = core.getInput('github-token')
    if (token) core.setSecret(token)
    const org = orgOptionsFromInputs((name) => core.getInput(name))
    orgSecrets(org).forEach((s) => core.setSecret(s))
    org.onSecret = (s) => core.setSecret(s)
    const failOnInput = core.getInput('fail-on') as FailOn | ''
    if (failOnInput && !FAIL_ON_VALUES.includes(failOnInput)) throw new InputError(`input fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, not "${failOnInput}"`)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const dir = path.resolve(workspace, core.getInput('path') || '.')
    const event = readGitHubEvent()
    const result = await scan({
      dir,
      base: core.getInput('base') || undefined,
      head: core.getInput('head') || undefined,
      all: boolInput('all'),
      event,
      config: core.getInput('config') || undefined,
      fix: boolInput('fix'),
      org,
      log: { info: (m) => core.info(m), warning: (m) => core.warning(m) }
    })

    const failOn: FailOn = failOnInput || result.config.failOn || 'error'
    const reportPath = path.resolve(workspace, core.getInput('report-path') || path.join(process.env.RUNNER_TEMP || dir, 'sf-backup-guard.json'))
    writeFileSync(reportPath, renderJson(result.report))

    const annotateMode = core.getInput('annotate') || 'changed-files'
    if (!['changed-files', 'all'].includes(annotateMode)) throw new InputError(`input annotate must be changed-files or all, not "${annotateMode}"`)
    const sarifFile = core.getInput('sarif-file')
    if (sarifFile) {
      const { writeSarif } = await import('./reporters/github/publish.js')
      const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com'
      writeSarif(path.resolve(workspace, sarifFile), result.report, process.env.GITHUB_REPOSITORY ? `${serverUrl}/${process.env.GITHUB_REPOSITORY}` : undefined)
    }

    const notes = [...result.notes]
    const skipped = await publish(result, event, failOn, annotateMode === 'all' ? undefined : result.changedFiles)
    notes.push(...skipped)
    await core.summary.addRaw(renderMarkdown(result.report, { notes, maxChars: SUMMARY_MAX_CHARS }), true).write()

    const s = result.report.summary
    core.setOutput('findings', s.error + s.warning + s.notice)
    core.setOutput('errors', s.error)
    core.setOutput('warnings', s.warning)
    core.setOutput('notices', s.notice)
    core.setOutput('report-path', reportPath)

    const failing = blocking(result.findings, failOn)
    core.info(`${countsLine(s)}; report: ${reportPath}`)
    if (failing.length) core.setFailed(`${failing.length} finding(s) at or above fail-on: ${failOn}`)
  } catch (e) {
    const err = e as Error
    const known = e instanceof InputError || e instanceof ChangesError || err.name === 'ConfigError' || err.name === 'OrgError'
    core.setFailed(known ? err.message : `unexpected error: ${err.message}`)
    process.exitCode = 2
  }
}

class InputError extends Error {}

/** Check run, sticky comment, and the workflow-annotation fallback; returns one line per skipped surface. */
async function publish(result: ScanResult, event: GitHubEvent | undefined, failOn: FailOn, annotateFiles: Set<string> | undefined): Promise<string[]> {
  const token = core.getInput('github-token')
  const checkRun = (core.getInput('check-run') || 'auto') as 'auto' | 'true' | 'false'
  if (!['auto', 'true', 'false'].includes(checkRun)) throw new InputError(`input check-run must be auto, true or false, not "${checkRun}"`)
  const comment = (core.getInput('comment') || 'on-findings') as CommentMode
  if (!['always', 'on-findings', 'never'].includes(comment)) throw new InputError(`input comment must be always, on-findings or never, not "${comment}"`)
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/') as [string, string]
  const pr = event?.payload.pull_request as { number?: number; head?: { sha?: string } } | undefined
  const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com'
  const runUrl = process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY ? `${serverUrl}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined
  const sink = core
  if (!owner || !repo) {
    annotate(result.findings, sink, (f) => !annotateFiles || !f.file || annotateFiles.has(f.file))
    return ['check run and comment skipped: GITHUB_REPOSITORY is not set (not running in GitHub Actions); findings are shown as workflow annotations']
  }
  const { publishToGitHub } = await import('./reporters/github/publish.js')
  return publishToGitHub(result.report, {
    target: {
      token,
      apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      owner,
      repo,
      headSha: pr?.head?.sha ?? (result.changes.head !== 'WORKTREE' ? result.changes.head : process.env.GITHUB_SHA ?? ''),
      pullNumber: pr?.number
    },
    failOn,
    checkRun,
    comment,
    annotateFiles,
    runUrl,
    sink,
    log: { info: (m) => core.info(m), warning: (m) => core.warning(m), debug: (m) => core.debug(m) }
  })
}

function boolInput(name: string): boolean {
  const v = core.getInput(name).trim().toLowerCase()
  if (v === '' || v === 'false') return false
  if (v === 'true') return true
  throw new InputError(`input ${name} must be true or false, not "${v}"`)
}

await run()
