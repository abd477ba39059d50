import { OrgError } from './redact.js'

/**
 * Options of the live-org layer, read from environment variables (CLI) or action inputs.
 * Every option is optional: with no credentials the tool reports repository-only results.
 */

export const DEFAULT_API_VERSION = '64.0'
export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com'

export interface RetryOptions {
  /** Attempts per request, counting the first (default 3). */
  attempts: number
  /** Wait before the 2nd, 3rd … attempt, in ms (the last value repeats). Default [1000, 3000]. */
  delaysMs: number[]
  /** A request with no response after this many ms counts as failed (default 30000). */
  timeoutMs: number
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, delaysMs: [1000, 3000], timeoutMs: 30_000 }

export interface OrgOptions {
  /** SFDX auth URL `force://clientId:clientSecret:refreshToken@host` (or the JSON of `sf org auth show-sfdx-auth-url --json`). */
  authUrl?: string
  /** With accessToken: use an access token obtained elsewhere. */
  instanceUrl?: string
  accessToken?: string
  /** With username and jwtKey: the JWT bearer flow of a connected app / external client app. */
  clientId?: string
  username?: string
  /** PEM private key (literal `\n` escapes and base64-encoded PEM are accepted). */
  jwtKey?: string
  /** Login URL for the JWT flow (default https://login.salesforce.com; https://test.salesforce.com for sandboxes). */
  loginUrl?: string
  /** Username of the Salesforce Backup integration user whose access is read. Without it, access is not read from the org. */
  integrationUser?: string
  /** REST API version, e.g. `64.0`. */
  apiVersion: string
  /** When true, an org that cannot be used fails the run instead of falling back to repository-only results. */
  required: boolean
  /** Called with every secret obtained at run time (access and refresh tokens), e.g. `core.setSecret`. */
  onSecret?: (value: string) => void
  /** Retry and timeout behaviour (tests shorten it). */
  retry?: Partial<RetryOptions>
}

export type AuthMethod = 'SFDX auth URL' | 'JWT bearer' | 'access token'

function clean(value: string | undefined): string | undefined {
  const v = value?.trim()
  return v ? v : undefined
}

function flag(value: string | undefined, name: string): boolean {
  const v = clean(value)?.toLowerCase()
  if (v === undefined || v === 'false' || v === '0' || v === 'no') return false
  if (v === 'true' || v === '1' || v === 'yes') return true
  throw new OrgError('config', `${name} must be true or false, got "${value}"`)
}

function version(value: string | undefined, name: string): string {
  const v = clean(value)
  if (v === undefined) return DEFAULT_API_VERSION
  const m = /^v?(\d{2,3})(?:\.0)?$/.exec(v)
  if (!m) throw new OrgError('config', `${name} must look like 64.0, got "${v}"`)
  return `${m[1]}.0`
}

/** Reads SF_AUTH_URL, SF_INSTANCE_URL, SF_ACCESS_TOKEN, SF_CLIENT_ID, SF_USERNAME, SF_JWT_KEY, SF_LOGIN_URL, SF_INTEGRATION_USER, SF_API_VERSION, SF_ORG_REQUIRED. */
export function orgOptionsFromEnv(env: Record<string, string | undefined> = process.env): OrgOptions {
  return {
    authUrl: clean(env.SF_AUTH_URL),
    instanceUrl: clean(env.SF_INSTANCE_URL),
    accessToken: clean(env.SF_ACCESS_TOKEN),
    clientId: clean(env.SF_CLIENT_ID),
    username: clean(env.SF_USERNAME),
    jwtKey: clean(env.SF_JWT_KEY),
    loginUrl: clean(env.SF_LOGIN_URL),
    integrationUser: clean(env.SF_INTEGRATION_USER),
    apiVersion: version(env.SF_API_VERSION, 'SF_API_VERSION'),
    required: flag(env.SF_ORG_REQUIRED, 'SF_ORG_REQUIRED')
  }
}

/**
 * Reads the action inputs sf-auth-url, sf-instance-url, sf-access-token, sf-client-id, sf-username, sf-jwt-key,
 * sf-login-url, integration-user, api-version, org-required. Pass `core.getInput`.
 */
export function orgOptionsFromInputs(getInput: (name: string) => string): OrgOptions {
  const get = (name: string): string | undefined => clean(getInput(name))
  return {
    authUrl: get('sf-auth-url'),
    instanceUrl: get('sf-instance-url'),
    accessToken: get('sf-access-token'),
    clientId: get('sf-client-id'),
    username: get('sf-username'),
    jwtKey: get('sf-jwt-key'),
    loginUrl: get('sf-login-url'),
    integrationUser: get('integration-user'),
    apiVersion: version(get('api-version'), 'api-version'),
    required: flag(get('org-required'), 'org-required')
  }
}

export interface ParsedAuthUrl {
  clientId: string
  clientSecret: string
  refreshToken: string
  /** `https://host[:port]` (http only for a loopback host). */
  loginUrl: string
}

/**
 * Parses an SFDX auth URL. Also accepts the JSON printed by `sf org auth show-sfdx-auth-url --json`
 * or `sf org display --verbose --json` (any `sfdxAuthUrl` property).
 */
export function parseAuthUrl(value: string): ParsedAuthUrl {
  let text = value.trim()
  if (text.startsWith('{')) {
    const found = /"sfdxAuthUrl"\s*:\s*"([^"]+)"/.exec(text)
    if (!found) throw new OrgError('config', 'the SFDX auth URL JSON has no sfdxAuthUrl property')
    text = found[1]!
  }
  const m = /^force:\/\/([^:@\s]*):([^:@\s]*):([^@\s]+)@([^\s]+)$/.exec(text)
  if (!m) throw new OrgError('config', 'the SFDX auth URL must look like force://<clientId>:<clientSecret>:<refreshToken>@<host>')
  const [, clientId, clientSecret, refreshToken, host] = m
  if (!clientId) throw new OrgError('config', 'the SFDX auth URL has no client id')
  return {
    clientId,
    clientSecret: clientSecret!,
    refreshToken: refreshToken!,
    loginUrl: siteUrl(/^https?:\/\//i.test(host!) ? host! : `${isLoopback(host!) ? 'http' : 'https'}://${host}`, 'the SFDX auth URL host')
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** A local test server (`127.0.0.1:PORT`), reached over plain http. */
function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.replace(/:\d+$/, '').toLowerCase())
}

/** Normalises a Salesforce URL to its origin; only https, except http on a loopback host (local test servers). */
export function siteUrl(value: string, what: string): string {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw new OrgError('config', `${what} is not a URL`)
  }
  const loopback = LOOPBACK.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new OrgError('config', `${what} must use https`)
  }
  if (/\.lightning\.force\.com$/i.test(url.hostname)) {
    throw new OrgError('config', `${what} is a Lightning URL; use the My Domain URL (https://<domain>.my.salesforce.com)`)
  }
  return url.origin
}

/** Normalises a JWT key: literal `\n` escapes (common in CI secrets) and base64-encoded PEM. */
export function pemKey(value: string): string {
  let key = value.trim().replace(/\\n/g, '\n')
  if (!key.includes('-----BEGIN')) {
    const decoded = Buffer.from(key, 'base64').toString('utf8')
    if (decoded.includes('-----BEGIN')) key = decoded.trim()
  }
  return key
}

/**
 * Every secret value in the options, for `core.setSecret` before anything else runs: the auth URL (and its
 * refresh token and client secret), the access token, the JWT key (also in normalised form and line by line).
 * Tokens obtained at run time are reported through `options.onSecret`.
 */
export function orgSecrets(options: Pick<OrgOptions, 'authUrl' | 'accessToken' | 'jwtKey'>): string[] {
  const out: string[] = []
  if (options.authUrl) {
    out.push(options.authUrl)
    try {
      const parsed = parseAuthUrl(options.authUrl)
      out.push(parsed.refreshToken, parsed.clientSecret)
    } catch {
      // an unparsable auth URL is still masked whole; its parts cannot be told apart
    }
  }
  if (options.accessToken) out.push(options.accessToken)
  if (options.jwtKey) {
    const key = pemKey(options.jwtKey)
    out.push(options.jwtKey, key)
    for (const line of key.split(/\r?\n/)) {
      const trimmed = line.trim()
      if (trimmed.length >= 16 && !trimmed.startsWith('-----')) out.push(trimmed)
    }
  }
  return [...new Set(out.map(s => s.trim()).filter(s => s.length > 0))]
}
