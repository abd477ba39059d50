import { readFileSync } from 'node:fs'
import type { GitHubEvent } from '../changes/index.js'

/** The triggering event, read from the files GitHub provides (no Octokit needed for this). */
export function readGitHubEvent(env: NodeJS.ProcessEnv = process.env): GitHubEvent | undefined {
  const name = env.GITHUB_EVENT_NAME
  if (!name) return undefined
  let payload: Record<string, unknown> = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>
    } catch {
      payload = {}
    }
  }
  return { name, payload }
}
