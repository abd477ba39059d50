import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import "./chunk-K6R725GW.js";

// src/org/merge.ts
function merge(repo, org) {
  const repoAnswer = repo.granted !== void 0 && !repo.source ? { ...repo, source: "repository" } : repo;
  if (repoAnswer.granted === true && repoAnswer.source === "pull-request") return repoAnswer;
  if (org.granted === true) return org;
  if (repoAnswer.granted === true) return repoAnswer;
  if (org.granted === false) return org;
  if (repoAnswer.granted === false) return repoAnswer;
  return { granted: void 0 };
}
function mergeAccess(repo, org) {
  if (!org) return repo;
  return {
    known: repo.known || org.known,
    describe: () => repo.known ? `${repo.describe()}; ${org.describe()}` : org.describe(),
    objectRead: (object) => merge(repo.objectRead(object), org.objectRead(object)),
    fieldRead: (field) => merge(repo.fieldRead(field), org.fieldRead(field)),
    viewEncryptedData: () => merge(repo.viewEncryptedData(), org.viewEncryptedData()),
    revoked: () => repo.revoked(),
    grantTarget: () => repo.grantTarget() ?? org.grantTarget()
  };
}
export {
  mergeAccess
};
