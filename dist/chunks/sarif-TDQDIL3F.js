import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  SARIF_FINGERPRINT_KEY,
  SARIF_SCHEMA_URI,
  SARIF_SRCROOT,
  toSarif,
  toUri
} from "./chunk-DY7M64GV.js";
import "./chunk-K6R725GW.js";
export {
  SARIF_FINGERPRINT_KEY,
  SARIF_SCHEMA_URI,
  SARIF_SRCROOT,
  toSarif,
  toUri
};
