import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';

// src/org/redact.ts
var MASK = "***";
var MAX_MESSAGE = 400;
var PATTERNS = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, "[private key]"],
  [/force:\/\/[^\s'"<>]+/gi, `force://${MASK}`],
  // an Authorization header value (a token has a digit, dot or '!', unlike the words "bearer flow")
  [/\bBearer\s+(?=[^\s'",]*[0-9.!])[A-Za-z0-9._~+/!=-]{8,}/gi, `Bearer ${MASK}`],
  // Salesforce session ids / access tokens: org id, '!', opaque part
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._\-]+/g, MASK],
  // form bodies and JSON token responses
  [/\b(access_token|refresh_token|client_secret|assertion|sessionId|password)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, `$1$2${MASK}`],
  // compact JWS (a signed assertion)
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, MASK]
];
function redact(text, secrets = []) {
  let out = text;
  const values = [...new Set([...secrets].flatMap(variants))].sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join(MASK);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
function variants(secret) {
  const value = secret.trim();
  if (value.length < 6) return [];
  const forms = [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
  for (const line of value.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.length >= 16 && !trimmed.startsWith("-----")) forms.push(trimmed);
  }
  return [...new Set(forms)];
}
function cleanLine(text, secrets = []) {
  const line = redact(text, secrets).replace(/\s+/g, " ").trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}\u2026` : line;
}
var Redactor = class {
  constructor(initial = [], onSecret) {
    this.onSecret = onSecret;
    for (const value of initial) this.add(value);
  }
  onSecret;
  secrets = /* @__PURE__ */ new Set();
  add(value) {
    if (!value || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.onSecret?.(value);
  }
  redact(text) {
    return redact(text, this.secrets);
  }
  line(text) {
    return cleanLine(text, this.secrets);
  }
};
var OrgError = class extends Error {
  kind;
  constructor(kind, message, secrets = []) {
    const line = cleanLine(message, secrets);
    super(line);
    this.name = "OrgError";
    this.kind = kind;
    this.stack = `OrgError: ${line}`;
  }
};

// src/org/options.ts
var DEFAULT_API_VERSION = "64.0";
var DEFAULT_LOGIN_URL = "https://login.salesforce.com";
var DEFAULT_RETRY = { attempts: 3, delaysMs: [1e3, 3e3], timeoutMs: 3e4 };
function clean(value) {
  const v = value?.trim();
  return v ? v : void 0;
}
function flag(value, name) {
  const v = clean(value)?.toLowerCase();
  if (v === void 0 || v === "false" || v === "0" || v === "no") return false;
  if (v === "true" || v === "1" || v === "yes") return true;
  throw new OrgError("config", `${name} must be true or false, got "${value}"`);
}
function version(value, name) {
  const v = clean(value);
  if (v === void 0) return DEFAULT_API_VERSION;
  const m = /^v?(\d{2,3})(?:\.0)?$/.exec(v);
  if (!m) throw new OrgError("config", `${name} must look like 64.0, got "${v}"`);
  return `${m[1]}.0`;
}
function orgOptionsFromEnv(env = process.env) {
  return {
    authUrl: clean(env.SF_AUTH_URL),
    instanceUrl: clean(env.SF_INSTANCE_URL),
    accessToken: clean(env.SF_ACCESS_TOKEN),
    clientId: clean(env.SF_CLIENT_ID),
    username: clean(env.SF_USERNAME),
    jwtKey: clean(env.SF_JWT_KEY),
    loginUrl: clean(env.SF_LOGIN_URL),
    integrationUser: clean(env.SF_INTEGRATION_USER),
    apiVersion: version(env.SF_API_VERSION, "SF_API_VERSION"),
    required: flag(env.SF_ORG_REQUIRED, "SF_ORG_REQUIRED")
  };
}
function orgOptionsFromInputs(getInput) {
  const get = (name) => clean(getInput(name));
  return {
    authUrl: get("sf-auth-url"),
    instanceUrl: get("sf-instance-url"),
    accessToken: get("sf-access-token"),
    clientId: get("sf-client-id"),
    username: get("sf-username"),
    jwtKey: get("sf-jwt-key"),
    loginUrl: get("sf-login-url"),
    integrationUser: get("integration-user"),
    apiVersion: version(get("api-version"), "api-version"),
    required: flag(get("org-required"), "org-required")
  };
}
function parseAuthUrl(value) {
  let text = value.trim();
  if (text.startsWith("{")) {
    const found = /"sfdxAuthUrl"\s*:\s*"([^"]+)"/.exec(text);
    if (!found) throw new OrgError("config", "the SFDX auth URL JSON has no sfdxAuthUrl property");
    text = found[1];
  }
  const m = /^force:\/\/([^:@\s]*):([^:@\s]*):([^@\s]+)@([^\s]+)$/.exec(text);
  if (!m) throw new OrgError("config", "the SFDX auth URL must look like force://<clientId>:<clientSecret>:<refreshToken>@<host>");
  const [, clientId, clientSecret, refreshToken, host] = m;
  if (!clientId) throw new OrgError("config", "the SFDX auth URL has no client id");
  return {
    clientId,
    clientSecret,
    refreshToken,
    loginUrl: siteUrl(/^https?:\/\//i.test(host) ? host : `${isLoopback(host) ? "http" : "https"}://${host}`, "the SFDX auth URL host")
  };
}
var LOOPBACK = /* @__PURE__ */ new Set(["127.0.0.1", "localhost", "[::1]"]);
function isLoopback(host) {
  return LOOPBACK.has(host.replace(/:\d+$/, "").toLowerCase());
}
function siteUrl(value, what) {
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new OrgError("config", `${what} is not a URL`);
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new OrgError("config", `${what} must use https`);
  }
  if (/\.lightning\.force\.com$/i.test(url.hostname)) {
    throw new OrgError("config", `${what} is a Lightning URL; use the My Domain URL (https://<domain>.my.salesforce.com)`);
  }
  return url.origin;
}
function pemKey(value) {
  let key = value.trim().replace(/\\n/g, "\n");
  if (!key.includes("-----BEGIN")) {
    const decoded = Buffer.from(key, "base64").toString("utf8");
    if (decoded.includes("-----BEGIN")) key = decoded.trim();
  }
  return key;
}
function orgSecrets(options) {
  const out = [];
  if (options.authUrl) {
    out.push(options.authUrl);
    try {
      const parsed = parseAuthUrl(options.authUrl);
      out.push(parsed.refreshToken, parsed.clientSecret);
    } catch {
    }
  }
  if (options.accessToken) out.push(options.accessToken);
  if (options.jwtKey) {
    const key = pemKey(options.jwtKey);
    out.push(options.jwtKey, key);
    for (const line of key.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 16 && !trimmed.startsWith("-----")) out.push(trimmed);
    }
  }
  return [...new Set(out.map((s) => s.trim()).filter((s) => s.length > 0))];
}

export {
  Redactor,
  OrgError,
  DEFAULT_API_VERSION,
  DEFAULT_LOGIN_URL,
  DEFAULT_RETRY,
  orgOptionsFromEnv,
  orgOptionsFromInputs,
  parseAuthUrl,
  siteUrl,
  pemKey,
  orgSecrets
};
