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

// src/reporters/annotations.ts
function annotate(findings, sink, filter) {
  let n = 0;
  const ordered = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  for (const f of ordered) {
    if (filter && !filter(f)) continue;
    const props = { title: f.ruleId };
    if (f.file) {
      props.file = f.file;
      props.startLine = f.line;
    }
    sink[f.severity](`${f.message}
Fix: ${f.fix}
(${f.evidence}; ${f.docsUrl})`, props);
    n++;
  }
  return n;
}

export {
  annotate
};
