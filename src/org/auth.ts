/**
 * The three ways to log in, each ending in a jsforce Connection pinned to the configured API version:
 *
 * 1. SFDX auth URL `force://clientId:clientSecret:refreshToken@host`: refresh-token grant at `https://host/services/oauth2/token`.
 * 2. JWT bearer: an RS256 assertion (iss = client id, sub = username, aud = login audience, exp = now + 3 min)
 *    signed here with node:crypto, exchanged at `<loginUrl>/services/oauth2/token`.
 * 3. Instance URL + access token: used as given; it cannot be refreshed.
 *
 * When several are configured, the first in this order wins. Flows 1 and 2 can log in again after a 401.
 * Every token received is handed to the redactor (and through it to `options.onSecret`).
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import { Connection, OAuth2, type TokenResponse } from 'jsforce'
import { OrgClient, RequestGate, retrying, type RetryContext, type Session } from './client.js'
import { DEFAULT_LOGIN_URL, parseAuthUrl, pemKey, siteUrl, type AuthMethod, type OrgOptions } from './options.js'
import { OrgError, type Redactor } from './redact.js'

const JWT_LIFETIME_SECONDS = 180

/** Which flow the options select, or undefined when no credential is configured. Throws OrgError when one is incomplete. */
export function authMethod(options: OrgOptions): AuthMethod | undefined {
  if (options.authUrl) return 'SFDX auth URL'
  if (options.jwtKey || options.clientId) {
    const missing = [
      options.clientId ? undefined : 'sf-client-id (SF_CLIENT_ID)',
      options.username ? undefined : 'sf-username (SF_USERNAME)',
      options.jwtKey ? undefined : 'sf-jwt-key (SF_JWT_KEY)'
    ].filter(Boolean)
    if (missing.length) throw new OrgError('config', `JWT bearer login is missing ${missing.join(', ')}`)
    return 'JWT bearer'
  }
  if (options.accessToken || options.instanceUrl) {
    if (!options.accessToken) throw new OrgError('config', 'sf-instance-url (SF_INSTANCE_URL) is set but sf-access-token (SF_ACCESS_TOKEN) is not')
    if (!options.instanceUrl) throw new OrgError('config', 'sf-access-token (SF_ACCESS_TOKEN) is set but sf-instance-url (SF_INSTANCE_URL) is not')
    return 'access token'
  }
  return undefined
}

/**
 * The JWT `aud` claim for a login URL. Salesforce expects https://login.salesforce.com (production and My Domain)
 * or https://test.salesforce.com (sandboxes); any other host (a local test server, an Experience Cloud site) is used as is.
 */
export function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname.toLowerCase()
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com'
  if (host === 'login.salesforce.com' || host.endsWith('.my.salesforce.com')) return 'https://login.salesforce.com'
  return new URL(loginUrl).origin
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

/** Builds a signed RS256 JWT bearer assertion. */
export function jwtAssertion(key: KeyObject, clientId: string, username: string, audience: string, nowMs = Date.now()): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))
  const claims = base64url(
    JSON.stringify({ iss: clientId, sub: username, aud: audience, exp: Math.floor(nowMs / 1000) + JWT_LIFETIME_SECONDS })
  )
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), key).toString('base64url')
  return `${header}.${claims}.${signature}`
}

function privateKey(options: OrgOptions): KeyObject {
  try {
    return createPrivateKey(pemKey(options.jwtKey!))
  } catch {
    throw new OrgError('config', 'sf-jwt-key (SF_JWT_KEY) is not a PEM private key')
  }
}

/** Logs in with the configured flow and returns a read-only client. Throws OrgError (`config`, `auth`, `unreachable`). */
export async function connect(options: OrgOptions, redactor: Redactor): Promise<OrgClient> {
  const method = authMethod(options)
  if (!method) throw new OrgError('config', 'no Salesforce credentials configured')
  const gate = new RequestGate(options.retry)
  const ctx: RetryContext = { gate, redactor, failKind: 'auth' }
  const what = `login with the ${method}`

  let requestToken: (() => Promise<TokenResponse>) | undefined
  if (method === 'SFDX auth URL') {
    const parsed = parseAuthUrl(options.authUrl!)
    const oauth2 = new OAuth2({ loginUrl: parsed.loginUrl, clientId: parsed.clientId, clientSecret: parsed.clientSecret || undefined })
    gate.install(oauth2._transport)
    requestToken = () => oauth2.refreshToken(parsed.refreshToken)
  } else if (method === 'JWT bearer') {
    const key = privateKey(options)
    const loginUrl = siteUrl(options.loginUrl ?? DEFAULT_LOGIN_URL, 'sf-login-url (SF_LOGIN_URL)')
    const audience = jwtAudience(loginUrl)
    const oauth2 = new OAuth2({ loginUrl })
    gate.install(oauth2._transport)
    requestToken = () => {
      const assertion = jwtAssertion(key, options.clientId!, options.username!, audience)
      redactor.add(assertion)
      return oauth2.requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })
    }
  }

  const token = async (): Promise<{ instanceUrl: string; accessToken: string }> => {
    const res = await retrying(ctx, what, () => requestToken!())
    redactor.add(res?.access_token)
    redactor.add(res?.refresh_token)
    if (!res?.access_token || !res.instance_url) throw new OrgError('auth', `${what} failed: the token endpoint answered without a token`)
    return { accessToken: res.access_token, instanceUrl: siteUrl(res.instance_url, 'the instance URL returned by the token endpoint') }
  }

  let instanceUrl: string
  let accessToken: string
  if (requestToken) {
    ;({ instanceUrl, accessToken } = await token())
  } else {
    instanceUrl = siteUrl(options.instanceUrl!, 'sf-instance-url (SF_INSTANCE_URL)')
    accessToken = options.accessToken!
    redactor.add(accessToken)
  }

  let connection: Connection
  try {
    connection = new Connection({ instanceUrl, accessToken, version: options.apiVersion })
  } catch (err) {
    throw new OrgError('config', `cannot use the instance URL ${instanceUrl}: ${(err as Error).message}`, [accessToken])
  }
  gate.install(connection._transport)

  const session: Session = { connection, method, generation: 0 }
  if (requestToken) {
    // one token request for every call that saw the same expired token
    let inflight: Promise<void> | undefined
    session.refresh = async seenGeneration => {
      if (seenGeneration !== session.generation) return
      inflight ??= token()
        .then(fresh => {
          connection.accessToken = fresh.accessToken
          session.generation++
        })
        .finally(() => {
          inflight = undefined
        })
      await inflight
    }
  }
  return new OrgClient(session, gate, redactor)
}
