import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  createClient,
  describeFailure,
  missingToken,
  oneLine,
  safeLogger,
  truncateUtf8
} from "./chunk-HNDPNUBD.js";
import "./chunk-4ZPMGG2U.js";
import {
  blocking
} from "./chunk-QGSWLGQJ.js";
import {
  countLine,
  renderFindingTables
} from "./chunk-J5YIWIPB.js";
import {
  SEVERITY_RANK,
  escapeCell,
  plural
} from "./chunk-42OHE6R2.js";
import "./chunk-K6R725GW.js";

// src/reporters/github/checkRun.ts
var CHECK_NAME = "sf-backup-guard";
var ANNOTATIONS_PER_REQUEST = 50;
var DEFAULT_MAX_ANNOTATIONS = 1e3;
var OUTPUT_MAX_CHARS = 65535;
var ANNOTATION_FIELD_MAX_BYTES = 6e4;
async function publishCheckRun(target, report, options) {
  const fail = (why) => ({ ok: false, reason: oneLine(`check run skipped: ${why}${options.fallback ? `; ${options.fallback}` : ""}`) });
  if (missingToken(target)) return fail("no GitHub token was given");
  const plan = planAnnotations(report.findings, options);
  const conclusion = checkConclusion(report.findings, options.failOn);
  const output = checkOutput(report, options.failOn, conclusion, plan);
  const batches = chunk(plan.annotated.map(toAnnotation), ANNOTATIONS_PER_REQUEST);
  const log = safeLogger(target.token, options.log);
  let octokit;
  let created;
  try {
    octokit = createClient(target, options);
    const response = await octokit.rest.checks.create({
      owner: target.owner,
      repo: target.repo,
      name: options.name ?? CHECK_NAME,
      head_sha: target.headSha,
      status: "completed",
      conclusion,
      ...options.detailsUrl ? { details_url: options.detailsUrl } : {},
      output: batches[0] ? { ...output, annotations: batches[0] } : output
    });
    created = response.data;
  } catch (error) {
    return fail(describeFailure(error, "checks: write", target.apiUrl, target.token));
  }
  log(`created check run ${created.id} (${conclusion}) with ${batches[0]?.length ?? 0} annotations`);
  const sent = await appendAnnotations(octokit, target, created.id, output, batches.slice(1), log);
  const total = plan.annotated.length;
  const delivered = (batches[0]?.length ?? 0) + sent.count;
  if (sent.error !== void 0) {
    const why = describeFailure(sent.error, "checks: write", target.apiUrl, target.token);
    return { ok: false, reason: oneLine(`check run ${created.id} incomplete: ${delivered} of ${total} annotations sent, then ${why}`) };
  }
  const url = created.html_url ?? void 0;
  return { ok: true, url, detail: `check run ${created.id}: ${conclusion}, ${delivered} annotations` };
}
async function appendAnnotations(octokit, target, checkRunId, output, batches, log) {
  let count = 0;
  for (const batch of batches) {
    try {
      await octokit.rest.checks.update({
        owner: target.owner,
        repo: target.repo,
        check_run_id: checkRunId,
        output: { ...output, annotations: batch }
      });
    } catch (error) {
      return { count, error };
    }
    count += batch.length;
    log(`appended ${batch.length} annotations to check run ${checkRunId}`);
  }
  return { count };
}
function checkConclusion(findings, failOn) {
  if (findings.length === 0) return "success";
  if (failOn === "never") return "neutral";
  return blocking(findings, failOn).length ? "failure" : "success";
}
function planAnnotations(findings, options) {
  const eligible = findings.filter((f) => f.file !== "" && (!options.annotateFiles || options.annotateFiles.has(f.file)));
  const ordered = [...eligible].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const limit = Math.max(0, options.maxAnnotations ?? DEFAULT_MAX_ANNOTATIONS);
  return { annotated: ordered.slice(0, limit), outside: findings.length - eligible.length, overLimit: Math.max(0, eligible.length - limit) };
}
var LEVELS = { error: "failure", warning: "warning", notice: "notice" };
function toAnnotation(f) {
  const line = Math.max(1, Math.trunc(f.line) || 1);
  return {
    path: f.file,
    start_line: line,
    end_line: line,
    annotation_level: LEVELS[f.severity],
    title: f.ruleId.slice(0, 255),
    message: truncateUtf8(annotationMessage(f), ANNOTATION_FIELD_MAX_BYTES),
    raw_details: truncateUtf8(`Component: ${f.component.type} ${f.component.name}
Fingerprint: ${f.fingerprint}`, ANNOTATION_FIELD_MAX_BYTES)
  };
}
function annotationMessage(f) {
  const lines = [f.message, "", `Fix: ${f.fix}`, `Evidence: ${f.evidence}${f.source ? ` (from the ${f.source})` : ""}`];
  if (f.docsUrl) lines.push(`Docs: ${f.docsUrl}`);
  if (f.note) lines.push(`Note: ${f.note}`);
  return lines.join("\n");
}
function checkOutput(report, failOn, conclusion, plan) {
  const title = report.findings.length === 0 ? "No findings" : countLine(report.findings).replace(/\*\*/g, "");
  const summary = truncateChars(checkSummary(report, failOn, conclusion, plan), OUTPUT_MAX_CHARS);
  const text = report.findings.length === 0 ? "" : renderFindingTables(report.findings, OUTPUT_MAX_CHARS - 1e3, { limit: "check run output" });
  return { title, summary, text };
}
function checkSummary(report, failOn, conclusion, plan) {
  const commit = `\`${report.head.slice(0, 12)}\``;
  if (report.findings.length === 0) return `No objects or fields left unprotected by Salesforce Backup in commit ${commit}.`;
  const lines = [`${countLine(report.findings)} in commit ${commit}.`, "", conclusionLine(report.findings, failOn, conclusion), "", ...perRuleTable(report.findings)];
  if (plan.outside > 0) lines.push("", `Not annotated: ${plural(plan.outside, "finding")} in files this pull request does not change (or without a file); see the list below.`);
  if (plan.overLimit > 0) lines.push("", `Not annotated: ${plural(plan.overLimit, "finding")} over the limit of annotations per check run; see the list below and the SARIF/JSON report.`);
  return lines.join("\n");
}
function conclusionLine(findings, failOn, conclusion) {
  if (failOn === "never") return "The check does not fail on findings (`fail-on: never`).";
  const failing = blocking(findings, failOn).length;
  if (conclusion === "failure") return `**Failed:** ${plural(failing, "finding")} of severity ${failOn} or higher (\`fail-on: ${failOn}\`).`;
  return `**Passed:** no finding is of severity ${failOn} or higher (\`fail-on: ${failOn}\`).`;
}
function perRuleTable(findings) {
  const counts = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const key = `${SEVERITY_RANK[f.severity]}\0${f.ruleId}`;
    const entry = counts.get(key) ?? { severity: f.severity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const rows = [...counts.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([key, { severity, count }]) => `| ${escapeCell(key.split("\0")[1])} | ${severity} | ${count} |`);
  return ["| Rule | Severity | Findings |", "|---|---|---|", ...rows];
}
function truncateChars(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 20)}
\u2026 (truncated)`;
}
function chunk(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
export {
  ANNOTATIONS_PER_REQUEST,
  ANNOTATION_FIELD_MAX_BYTES,
  CHECK_NAME,
  DEFAULT_MAX_ANNOTATIONS,
  OUTPUT_MAX_CHARS,
  checkConclusion,
  checkSummary,
  chunk,
  planAnnotations,
  publishCheckRun,
  toAnnotation
};
