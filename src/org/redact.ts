/**
 * Keeps Salesforce credentials out of everything the org layer logs, returns or throws.
 *
 * Two layers: the exact secret values known for the run (the configured credentials and every token
 * the token endpoint hands out, also in their URL-encoded form), and patterns that catch credential
 * shapes the run never saw (SFDX auth URLs, bearer headers, session ids, private keys, JWTs).
 */

const MASK = '***'
const MAX_MESSAGE = 400

const PATTERNS: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[private key]'],
  [/force:\/\/[^\s'"<>]+/gi, `force://${MASK}`],
  // an Authorization header value (a token has a digit, dot or '!', unlike the words "bearer flow")
  [/\bBearer\s+(?=[^\s'",]*[0-9.!])[A-Za-z0-9._~+/!=-]{8,}/gi, `Bearer ${MASK}`],
  // Salesforce session ids / access tokens: org id, '!', opaque part
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._\-]+/g, MASK],
  // form bodies and JSON token responses
  [/\b(access_token|refresh_token|client_secret|assertion|sessionId|password)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, `$1$2${MASK}`],
  // compact JWS (a signed assertion)
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, MASK]
]

/** Removes every known secret and every credential-shaped string from `text`. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text
  const values = [...new Set([...secrets].flatMap(variants))].sort((a, b) => b.length - a.length)
  for (const value of values) out = out.split(value).join(MASK)
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

/** The forms a secret can take in text: itself and URL-encoded (form bodies, query strings). Values under 6 characters are ignored. */
function variants(secret: string): string[] {
  const value = secret.trim()
  if (value.length < 6) return []
  const forms = [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)]
  // a multi-line value (a PEM key) is also masked line by line, as CI logs split lines
  for (const line of value.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed.length >= 16 && !trimmed.startsWith('-----')) forms.push(trimmed)
  }
  return [...new Set(forms)]
}

/** One line, redacted, of bounded length: the only shape of text the org layer lets out. */
export function cleanLine(text: string, secrets: Iterable<string> = []): string {
  const line = redact(text, secrets).replace(/\s+/g, ' ').trim()
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line
}

/** Collects the secrets of one run; tokens obtained at run time are added as they arrive. */
export class Redactor {
  private readonly secrets = new Set<string>()

  constructor(initial: Iterable<string> = [], private readonly onSecret?: (value: string) => void) {
    for (const value of initial) this.add(value)
  }

  add(value: string | undefined | null): void {
    if (!value || this.secrets.has(value)) return
    this.secrets.add(value)
    this.onSecret?.(value)
  }

  redact(text: string): string {
    return redact(text, this.secrets)
  }

  line(text: string): string {
    return cleanLine(text, this.secrets)
  }
}

export type OrgErrorKind = 'config' | 'auth' | 'unreachable' | 'api' | 'read-only'

/**
 * The only error the org layer throws. Its message is one redacted line; it carries no cause and its stack
 * is just the message, so printing it in any way shows nothing more than that line.
 */
export class OrgError extends Error {
  readonly kind: OrgErrorKind

  constructor(kind: OrgErrorKind, message: string, secrets: Iterable<string> = []) {
    const line = cleanLine(message, secrets)
    super(line)
    this.name = 'OrgError'
    this.kind = kind
    this.stack = `OrgError: ${line}`
  }
}
