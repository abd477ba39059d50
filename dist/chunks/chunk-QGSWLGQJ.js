import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  SEVERITY_RANK
} from "./chunk-42OHE6R2.js";

// src/gate/index.ts
var FAIL_ON_VALUES = ["error", "warning", "notice", "never"];
function blocking(findings, failOn) {
  if (failOn === "never") return [];
  return findings.filter((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failOn]);
}
function exitCode(findings, failOn) {
  return blocking(findings, failOn).length ? 1 : 0;
}

export {
  FAIL_ON_VALUES,
  blocking,
  exitCode
};
