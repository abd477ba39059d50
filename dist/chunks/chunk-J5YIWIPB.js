import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  SEVERITIES,
  countsLine,
  escapeCell,
  plural
} from "./chunk-42OHE6R2.js";

// src/reporters/markdown.ts
var HEADINGS = { error: "Errors", warning: "Warnings", notice: "Notices" };
var ICONS = { error: "\u{1F534}", warning: "\u{1F7E0}", notice: "\u{1F535}" };
var TABLE_HEADER = "| Rule | Component | File | What will not be backed up | Fix |\n|---|---|---|---|---|";
function countLine(findings) {
  const counts = SEVERITIES.map((s) => plural(findings.filter((f) => f.severity === s).length, s));
  return `**${plural(findings.length, "finding")}**: ${counts.join(", ")}`;
}
function renderFindingTables(findings, maxChars, options = {}) {
  const reserve = 300 + (options.runUrl?.length ?? 0);
  const hashes = "#".repeat(options.headingLevel ?? 4);
  const parts = [];
  let length = 0;
  let shown = 0;
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const header = `${hashes} ${ICONS[severity]} ${HEADINGS[severity]} (${group.length.toLocaleString("en-US")})

${TABLE_HEADER}`;
    const rows = [];
    for (const finding of group) {
      const row = tableRow(finding);
      const extra = (rows.length === 0 ? header.length + 2 : 0) + row.length + 1;
      if (length + extra + reserve > maxChars) break;
      rows.push(row);
      length += extra;
    }
    if (rows.length > 0) parts.push(`${header}
${rows.join("\n")}`);
    shown += rows.length;
    if (rows.length < group.length) break;
  }
  const omitted = findings.length - shown;
  if (omitted > 0) {
    const where = options.runUrl ? `the [workflow run](${options.runUrl})` : "the workflow run";
    parts.push(
      `_${plural(omitted, "more finding")} left out to stay within GitHub's ${options.limit ?? "size"} limit; see ${where} (check run, job summary, JSON or SARIF report) for the full list._`
    );
  }
  return parts.join("\n\n");
}
function renderMarkdown(report, opts = {}) {
  const head = [`## ${opts.title ?? "Salesforce Backup coverage"}`, ""];
  if (report.findings.length === 0) head.push("\u2705 No findings: everything this change adds is covered by Salesforce Backup as far as the rules can tell.", "");
  else head.push(countsLine(report.summary, true), "");
  for (const n of opts.notes ?? []) head.push(`> ${escapeCell(n)}`, "");
  const top = head.join("\n");
  if (report.findings.length === 0) return `${top}
`;
  const budget = (opts.maxChars ?? Number.MAX_SAFE_INTEGER) - top.length - 2;
  return `${top}
${renderFindingTables(report.findings, budget, { headingLevel: 3, limit: "job summary", runUrl: opts.runUrl })}
`;
}
function tableRow(f) {
  const rule = `[${escapeCell(f.ruleId)}](${f.docsUrl.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
  const location = f.file ? code(`${f.file}:${f.line}`) : "";
  const extra = [f.evidence, f.source ? `source: ${f.source}` : "", f.note ?? ""].filter(Boolean).join("; ");
  return `| ${rule} | ${code(f.component.name)} | ${location} | ${escapeCell(f.message)} _(${escapeCell(extra)})_ | ${withCode(f.fix)} |`;
}
function withCode(text) {
  const from = text.indexOf("<");
  const to = text.lastIndexOf(">");
  if (from < 0 || to < from) return escapeCell(text);
  return `${escapeCell(text.slice(0, from))} ${code(text.slice(from, to + 1))} ${escapeCell(text.slice(to + 1))}`.trim();
}
function code(text) {
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, " ").replace(/\|/g, "\\|")}\``;
}

export {
  countLine,
  renderFindingTables,
  renderMarkdown
};
