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
  safeLogger
} from "./chunk-HNDPNUBD.js";
import "./chunk-4ZPMGG2U.js";
import {
  countLine,
  renderFindingTables
} from "./chunk-J5YIWIPB.js";
import {
  escapeCell
} from "./chunk-42OHE6R2.js";
import "./chunk-K6R725GW.js";

// src/reporters/github/comment.ts
var COMMENT_MARKER = "<!-- sf-backup-guard:comment -->";
var CLEAN_MARKER = "<!-- sf-backup-guard:clean -->";
var RESOLVED_TEXT = "All previously reported findings are resolved";
var COMMENT_MAX_CHARS = 65e3;
async function upsertComment(target, report, options = {}) {
  const mode = options.mode ?? "on-findings";
  if (mode === "never") return { ok: true, detail: "pull request comment disabled (comment: never)" };
  if (target.pullNumber === void 0) return { ok: true, detail: "no pull request comment: not a pull request event" };
  if (missingToken(target)) return skipped("no GitHub token was given", options.fallback);
  const log = safeLogger(target.token, options.log);
  try {
    const octokit = createClient(target, options);
    const existing = await findStickyComment(octokit, target);
    const hasFindings = report.findings.length > 0;
    if (!existing && !hasFindings && mode === "on-findings") {
      return { ok: true, detail: "no findings; no pull request comment posted" };
    }
    const resolved = existing !== void 0 && (!existing.body.includes(CLEAN_MARKER) || existing.body.includes(RESOLVED_TEXT));
    const body = renderCommentBody(report, { failOn: options.failOn, runUrl: options.runUrl, resolved });
    if (existing) return await updateComment(octokit, target, existing, body, log);
    return await createComment(octokit, target, body, log);
  } catch (error) {
    return skipped(describeFailure(error, "pull-requests: write", target.apiUrl, target.token), options.fallback);
  }
}
function skipped(why, fallback) {
  return { ok: false, reason: `pull request comment skipped: ${why}${fallback ? `; ${fallback}` : ""}` };
}
async function findStickyComment(octokit, target) {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    per_page: 100
  });
  for await (const page of pages) {
    const found = page.data.find((c) => (c.body ?? "").includes(COMMENT_MARKER));
    if (found) return { id: found.id, body: found.body ?? "", url: found.html_url };
  }
  return void 0;
}
async function updateComment(octokit, target, existing, body, log) {
  if (existing.body === body) return { ok: true, url: existing.url, detail: `pull request comment ${existing.id} already up to date` };
  const { data } = await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body });
  log(`updated pull request comment ${existing.id}`);
  return { ok: true, url: data.html_url, detail: `updated pull request comment ${existing.id}` };
}
async function createComment(octokit, target, body, log) {
  const { data } = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pullNumber, body });
  log(`created pull request comment ${data.id}`);
  return { ok: true, url: data.html_url, detail: `created pull request comment ${data.id}` };
}
function renderCommentBody(report, options = {}) {
  const maxChars = options.maxChars ?? COMMENT_MAX_CHARS;
  const head = [COMMENT_MARKER, "### sf-backup-guard: Salesforce Backup coverage", ""];
  const commit = `commit \`${report.head.slice(0, 12)}\``;
  if (report.findings.length === 0) {
    const text = options.resolved ? `\u2705 ${RESOLVED_TEXT} as of ${commit}.` : `\u2705 No findings: nothing in this change leaves data unprotected by Salesforce Backup (${commit}).`;
    return [...head, CLEAN_MARKER, text, "", footer(report)].join("\n");
  }
  const intro = [`${countLine(report.findings)} as of ${commit}.`];
  if (options.failOn) intro.push(failOnLine(options.failOn));
  const closing = footer(report);
  const budget = maxChars - [...head, ...intro, "", closing].join("\n").length - 2;
  const tables = renderFindingTables(report.findings, budget, { limit: "comment size", runUrl: options.runUrl });
  return [...head, ...intro, "", tables, "", closing].join("\n");
}
function footer(report) {
  return `<sub>${escapeCell(report.tool.name)} ${escapeCell(report.tool.version)}</sub>`;
}
function failOnLine(failOn) {
  if (failOn === "never") return "Findings are reported only; they do not fail the check (`fail-on: never`).";
  return `Findings of severity **${failOn}** or higher fail the check (\`fail-on: ${failOn}\`).`;
}
export {
  COMMENT_MARKER,
  COMMENT_MAX_CHARS,
  countLine,
  escapeCell,
  renderCommentBody,
  renderFindingTables,
  upsertComment
};
