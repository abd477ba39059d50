import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  DEFAULT_API_VERSION,
  DEFAULT_LOGIN_URL,
  DEFAULT_RETRY,
  orgOptionsFromEnv,
  orgOptionsFromInputs,
  orgSecrets,
  parseAuthUrl,
  pemKey,
  siteUrl
} from "./chunk-O5JOPWX3.js";
import "./chunk-K6R725GW.js";
export {
  DEFAULT_API_VERSION,
  DEFAULT_LOGIN_URL,
  DEFAULT_RETRY,
  orgOptionsFromEnv,
  orgOptionsFromInputs,
  orgSecrets,
  parseAuthUrl,
  pemKey,
  siteUrl
};
