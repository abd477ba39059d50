#!/usr/bin/env node
import './env.js'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ChangesError } from './changes/index.js'
import { scan } from './engine.js'
import { exitCode, FAIL_ON_VALUES } from './gate/index.js'
import { renderJson } from './reporters/json.js'
import { renderMarkdown } from './reporters/markdown.js'
import { renderText } from './reporters/text.js'
import { ALL_RULE_META } from './rules/index.js'
import type { FailOn } from './types.js'
import { TOOL_NAME, TOOL_VERSION } from './version.js'

const USAGE = `Usage: ${TOOL_NAME} scan [options] [DIR]

Finds the objects and fields a change adds that Salesforce Backup will not protect.

Options:
  --base REF          commit to compare with (the merge-base with head is used)
  --head REF          commit to scan (default HEAD)
  --all               full scan: every file counts as new (compliance reports)
  --format FORMAT     text (default), json, markdown, sarif
  --output FILE       write the report to FILE instead of standard output
  --fail-on LEVEL     error, warning, notice, never (default: the config's fail-on, else error)
  --config FILE       configuration file (default .github/sf-backup-guard.yml in the repository)
  --fix               add missing read grants to the integration user's permission set file
  --no-fetch          never fetch missing commits from origin

Live org (optional, read-only; each also from the environment variable in brackets):
  --sf-auth-url URL            SFDX auth URL force://clientId:secret:refreshToken@host [SF_AUTH_URL]
  --sf-instance-url URL        with --sf-access-token [SF_INSTANCE_URL, SF_ACCESS_TOKEN]
  --sf-client-id ID            JWT bearer flow, with --sf-username and --sf-jwt-key [SF_CLIENT_ID, SF_USERNAME, SF_JWT_KEY]
  --sf-login-url URL           login host for JWT (default https://login.salesforce.com) [SF_LOGIN_URL]
  --integration-user USERNAME  the Salesforce Backup integration user [SF_INTEGRATION_USER]
  --api-version N.N            API version to pin (default 64.0) [SF_API_VERSION]
  --org-required               fail (exit 2) when the org cannot be reached [SF_ORG_REQUIRED]
  Prefer the environment for secrets: command lines are visible to other processes.
  -h, --help          show this help
  -v, --version       show the version

Other commands:
  ${TOOL_NAME} rules   list the rules with their severity and evidence

Exit codes: 0 no findings at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.`

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        all: { type: 'boolean' },
        format: { type: 'string' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        fix: { type: 'boolean' },
        'no-fetch': { type: 'boolean' },
        'sf-auth-url': { type: 'string' },
        'sf-instance-url': { type: 'string' },
        'sf-access-token': { type: 'string' },
        'sf-client-id': { type: 'string' },
        'sf-username': { type: 'string' },
        'sf-jwt-key': { type: 'string' },
        'sf-login-url': { type: 'string' },
        'integration-user': { type: 'string' },
        'api-version': { type: 'string' },
        'org-required': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' }
      }
    })
  } catch (e) {
    return usage((e as Error).message)
  }
  const { values, positionals } = args
  if (values.help) return print(USAGE, 0)
  if (values.version) return print(TOOL_VERSION, 0)
  const [command, ...rest] = positionals
  if (command === 'rules') {
    return print(ALL_RULE_META.map((r) => `${r.id.padEnd(26)} ${r.defaultSeverity.padEnd(8)} ${r.evidence.padEnd(9)} ${r.title}`).join('\n'), 0)
  }
  if (command !== 'scan') return usage(command ? `unknown command "${command}"` : 'missing command')
  if (rest.length > 1) return usage(`expected one directory, got ${rest.length}`)
  try {
    const format = values.format ?? 'text'
    if (!['text', 'json', 'markdown', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json, markdown or sarif, not "${format}"`)
    if (values.all && values.base) throw new UsageError('--all scans every file as new, so it takes no --base; use one or the other')
    const failOnFlag = values['fail-on'] as FailOn | undefined
    if (failOnFlag !== undefined && !FAIL_ON_VALUES.includes(failOnFlag)) throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, not "${failOnFlag}"`)

    const env: Record<string, string | undefined> = { ...process.env }
    const flagToEnv: Record<string, string> = {
      'sf-auth-url': 'SF_AUTH_URL', 'sf-instance-url': 'SF_INSTANCE_URL', 'sf-access-token': 'SF_ACCESS_TOKEN', 'sf-client-id': 'SF_CLIENT_ID',
      'sf-username': 'SF_USERNAME', 'sf-jwt-key': 'SF_JWT_KEY', 'sf-login-url': 'SF_LOGIN_URL', 'integration-user': 'SF_INTEGRATION_USER', 'api-version': 'SF_API_VERSION'
    }
    for (const [flag, name] of Object.entries(flagToEnv)) {
      const v = (values as Record<string, unknown>)[flag]
      if (typeof v === 'string') env[name] = v
    }
    if (values['org-required']) env.SF_ORG_REQUIRED = 'true'
    const { orgOptionsFromEnv } = await import('./org/options.js')
    const org = orgOptionsFromEnv(env)

    const result = await scan({
      dir: rest[0] ?? '.',
      base: values.base,
      head: values.head,
      all: values.all,
      fetch: !values['no-fetch'],
      config: values.config ? path.resolve(values.config) : undefined,
      fix: values.fix,
      org,
      log: { info: (m) => process.stderr.write(`${m}\n`), warning: (m) => process.stderr.write(`warning: ${m}\n`) }
    })
    const notes = result.notes
    const out =
      format === 'sarif'
        ? `${JSON.stringify((await import('./reporters/sarif.js')).toSarif(result.report, ALL_RULE_META), null, 2)}\n`
        : format === 'json'
        ? renderJson(result.report)
        : format === 'markdown'
          ? renderMarkdown(result.report, { notes })
          : renderText(result.report, { colour: !values.output && !!process.stdout.isTTY && !process.env.NO_COLOR, notes })
    if (values.output) {
      try {
        writeFileSync(values.output, out)
      } catch (e) {
        throw new UsageError(`cannot write the report to ${values.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
      }
      process.stderr.write(`report written to ${values.output}\n`)
    } else process.stdout.write(out)
    return exitCode(result.findings, failOnFlag ?? result.config.failOn ?? 'error')
  } catch (e) {
    if (e instanceof UsageError || e instanceof ChangesError || ['ConfigError', 'OrgError'].includes((e as Error).name)) return usage((e as Error).message, false)
    process.stderr.write(`${TOOL_NAME}: unexpected error: ${(e as Error).message}\n`)
    return 2
  }
}

function print(s: string, code: number): number {
  process.stdout.write(`${s}\n`)
  return code
}

function usage(message: string, showHint = true): number {
  process.stderr.write(`${TOOL_NAME}: ${message}${showHint ? `\nRun '${TOOL_NAME} --help' for usage.` : ''}\n`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e) => {
    process.stderr.write(`${TOOL_NAME}: unexpected error: ${(e as Error).message}\n`)
    process.exitCode = 2
  }
)
