import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';

// src/rules/context.ts
var UNKNOWN_ACCESS = {
  known: false,
  describe: () => "integration user access not configured",
  objectRead: () => ({ granted: void 0 }),
  fieldRead: () => ({ granted: void 0 }),
  viewEncryptedData: () => ({ granted: void 0 }),
  revoked: () => [],
  grantTarget: () => void 0
};

export {
  UNKNOWN_ACCESS
};
