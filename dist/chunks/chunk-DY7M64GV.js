import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';

// src/reporters/sarif.ts
var SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
var SARIF_FINGERPRINT_KEY = "sfBackupGuard/v1";
var SARIF_SRCROOT = "%SRCROOT%";
var LEVELS = { error: "error", warning: "warning", notice: "note" };
function toSarif(report, rules, options = {}) {
  const sarifRules = rulesInUse(report.findings, rules);
  const index = new Map(sarifRules.map((r, i) => [r.id, i]));
  const driver = {
    name: report.tool.name,
    version: report.tool.version,
    semanticVersion: report.tool.version,
    ...options.informationUri ? { informationUri: options.informationUri } : {},
    rules: sarifRules
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [{ tool: { driver }, columnKind: "utf16CodeUnits", results: report.findings.map((f) => toResult(f, index.get(f.ruleId))) }]
  };
}
function rulesInUse(findings, rules) {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const firstFinding = /* @__PURE__ */ new Map();
  for (const f of findings) if (!firstFinding.has(f.ruleId)) firstFinding.set(f.ruleId, f);
  return [...firstFinding.keys()].sort(compareStrings).map((id) => toRule(byId.get(id) ?? metaFromFinding(firstFinding.get(id))));
}
function metaFromFinding(f) {
  return { id: f.ruleId, title: f.ruleId, defaultSeverity: f.severity, evidence: f.evidence, docsUrl: f.docsUrl, description: f.message, fix: f.fix };
}
function toRule(meta) {
  const docs = meta.docsUrl ? `

Documentation: ${meta.docsUrl}` : "";
  const docsMd = meta.docsUrl ? `

[Documentation](${meta.docsUrl})` : "";
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.description}

Fix: ${meta.fix}

Evidence: ${meta.evidence}.${docs}`,
      markdown: `${meta.description}

**Fix:** ${meta.fix}

**Evidence:** ${meta.evidence}.${docsMd}`
    },
    ...meta.docsUrl ? { helpUri: meta.docsUrl } : {},
    defaultConfiguration: { level: LEVELS[meta.defaultSeverity] },
    properties: { tags: ["salesforce", "backup"], evidence: meta.evidence }
  };
}
function toResult(f, ruleIndex) {
  const text = [f.message, `Fix: ${f.fix}`, ...f.note ? [`Note: ${f.note}`] : []].join("\n");
  const properties = { evidence: f.evidence, componentType: f.component.type };
  if (f.source) properties["source"] = f.source;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVELS[f.severity],
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: toUri(f.file), uriBaseId: SARIF_SRCROOT }, region: { startLine: Math.max(1, Math.trunc(f.line) || 1) } },
        logicalLocations: [{ name: f.component.name, fullyQualifiedName: f.component.name }]
      }
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    properties
  };
}
function toUri(file) {
  return file.replace(/\\/g, "/").replace(/^\.?\/+/, "").split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
function pascalCase(id) {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join("");
}
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  SARIF_SCHEMA_URI,
  SARIF_FINGERPRINT_KEY,
  SARIF_SRCROOT,
  toSarif,
  toUri
};
