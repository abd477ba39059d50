import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  annotate
} from "./chunk-XROGIAOG.js";
import {
  ALL_RULE_META
} from "./chunk-SONLDKDO.js";
import "./chunk-42OHE6R2.js";
import "./chunk-EXA37RQX.js";
import {
  toSarif
} from "./chunk-DY7M64GV.js";
import "./chunk-K6R725GW.js";

// src/reporters/github/publish.ts
import { writeFileSync } from "node:fs";
async function publishToGitHub(report, opts) {
  const skipped = [];
  const inFiles = (f) => !opts.annotateFiles || !f.file || opts.annotateFiles.has(f.file);
  let checkOk = false;
  if (opts.checkRun !== "false") {
    const { publishCheckRun } = await import("./checkRun-JWEEP27D.js");
    const r = await publishCheckRun(opts.target, report, {
      failOn: opts.failOn,
      annotateFiles: opts.annotateFiles,
      detailsUrl: opts.runUrl,
      fallback: "findings are shown as workflow annotations and in the job summary instead",
      log: opts.log.debug
    });
    checkOk = r.ok;
    record(r, "check run", skipped, opts);
  }
  if (!checkOk) annotate(report.findings, opts.sink, inFiles);
  if (opts.comment !== "never") {
    const { upsertComment } = await import("./comment-X24DJZXO.js");
    const r = await upsertComment(opts.target, report, {
      mode: opts.comment,
      failOn: opts.failOn,
      runUrl: opts.runUrl,
      fallback: "the findings are in the job summary",
      log: opts.log.debug
    });
    record(r, "comment", skipped, opts);
  }
  return skipped;
}
function record(r, what, skipped, opts) {
  if (r.ok) {
    if (r.detail) opts.log.info(r.detail);
    else if (r.url) opts.log.info(`${what}: ${r.url}`);
  } else {
    skipped.push(r.reason);
    opts.log.warning(r.reason);
  }
}
function writeSarif(file, report, informationUri) {
  writeFileSync(file, `${JSON.stringify(toSarif(report, ALL_RULE_META, { informationUri }), null, 2)}
`);
}
export {
  publishToGitHub,
  writeSarif
};
