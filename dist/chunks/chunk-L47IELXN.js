import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';

// src/types.ts
var SEVERITIES = ["error", "warning", "notice"];
var SEVERITY_RANK = { error: 0, warning: 1, notice: 2 };

export {
  SEVERITIES,
  SEVERITY_RANK
};
