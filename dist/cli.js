#!/usr/bin/env node
import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  ChangesError,
  TOOL_NAME,
  TOOL_VERSION,
  renderJson,
  scan
} from "./chunks/chunk-KQVWLPCM.js";
import {
  FAIL_ON_VALUES,
  exitCode
} from "./chunks/chunk-QGSWLGQJ.js";
import {
  renderMarkdown
} from "./chunks/chunk-J5YIWIPB.js";
import {
  ALL_RULE_META
} from "./chunks/chunk-SONLDKDO.js";
import {
  SEVERITIES,
  countsLine
} from "./chunks/chunk-42OHE6R2.js";
import "./chunks/chunk-YWBZ6NUY.js";
import "./chunks/chunk-EXA37RQX.js";
import "./chunks/chunk-GYF6PIJX.js";
import "./chunks/chunk-K6R725GW.js";

// src/cli.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

// src/reporters/text.ts
var COLOURS = { error: "\x1B[31m", warning: "\x1B[33m", notice: "\x1B[36m" };
var DIM = "\x1B[2m";
var BOLD = "\x1B[1m";
var RESET = "\x1B[0m";
function renderText(report, opts) {
  const c = (code, s2) => opts.colour ? `${code}${s2}${RESET}` : s2;
  const lines = [];
  for (const n of opts.notes ?? []) lines.push(c(DIM, n));
  if (opts.notes?.length) lines.push("");
  for (const sev of SEVERITIES) {
    const list = report.findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    lines.push(c(BOLD + COLOURS[sev], `${sev.toUpperCase()}S (${list.length})`));
    let file;
    for (const f of list) {
      if (f.file !== file) {
        file = f.file;
        lines.push(`  ${c(BOLD, f.file || "(no file)")}`);
      }
      lines.push(`    ${f.line}  ${c(COLOURS[sev], f.ruleId)}  ${f.component.name}`);
      lines.push(`       ${f.message}`);
      if (f.note) lines.push(`       ${c(DIM, `note: ${f.note}`)}`);
      lines.push(`       ${c(DIM, `fix: ${f.fix}`)}`);
      lines.push(`       ${c(DIM, `${f.evidence}${f.source ? `, source: ${f.source}` : ""} \xB7 ${f.docsUrl}`)}`);
    }
    lines.push("");
  }
  const s = report.summary;
  const total = s.error + s.warning + s.notice;
  lines.push(total ? countsLine(s) : "No findings.");
  return `${lines.join("\n")}
`;
}

// src/cli.ts
var USAGE = `Usage: ${TOOL_NAME} scan [options] [DIR]

Finds the objects and fields a change adds that Salesforce Backup will not protect.

Options:
  --base REF          commit to compare with (the merge-base with head is used)
  --head REF          commit to scan (default HEAD)
  --all               full scan: every file counts as new (compliance reports)
  --format FORMAT     text (default), json, markdown, sarif
  --output FILE       write the report to FILE instead of standard output
  --fail-on LEVEL     error, warning, notice, never (default: the config's fail-on, else error)
  --config FILE       configuration file (default .github/sf-backup-guard.yml in the repository)
  --fix               add missing read grants to the integration user's permission set file
  --no-fetch          never fetch missing commits from origin

Live org (optional, read-only; each also from the environment variable in brackets):
  --sf-auth-url URL            SFDX auth URL force://clientId:secret:refreshToken@host [SF_AUTH_URL]
  --sf-instance-url URL        with --sf-access-token [SF_INSTANCE_URL, SF_ACCESS_TOKEN]
  --sf-client-id ID            JWT bearer flow, with --sf-username and --sf-jwt-key [SF_CLIENT_ID, SF_USERNAME, SF_JWT_KEY]
  --sf-login-url URL           login host for JWT (default https://login.salesforce.com) [SF_LOGIN_URL]
  --integration-user USERNAME  the Salesforce Backup integration user [SF_INTEGRATION_USER]
  --api-version N.N            API version to pin (default 64.0) [SF_API_VERSION]
  --org-required               fail (exit 2) when the org cannot be reached [SF_ORG_REQUIRED]
  Prefer the environment for secrets: command lines are visible to other processes.
  -h, --help          show this help
  -v, --version       show the version

Other commands:
  ${TOOL_NAME} rules   list the rules with their severity and evidence

Exit codes: 0 no findings at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.`;
var UsageError = class extends Error {
};
async function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        all: { type: "boolean" },
        format: { type: "string" },
        output: { type: "string" },
        "fail-on": { type: "string" },
        config: { type: "string" },
        fix: { type: "boolean" },
        "no-fetch": { type: "boolean" },
        "sf-auth-url": { type: "string" },
        "sf-instance-url": { type: "string" },
        "sf-access-token": { type: "string" },
        "sf-client-id": { type: "string" },
        "sf-username": { type: "string" },
        "sf-jwt-key": { type: "string" },
        "sf-login-url": { type: "string" },
        "integration-user": { type: "string" },
        "api-version": { type: "string" },
        "org-required": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" }
      }
    });
  } catch (e) {
    return usage(e.message);
  }
  const { values, positionals } = args;
  if (values.help) return print(USAGE, 0);
  if (values.version) return print(TOOL_VERSION, 0);
  const [command, ...rest] = positionals;
  if (command === "rules") {
    return print(ALL_RULE_META.map((r) => `${r.id.padEnd(26)} ${r.defaultSeverity.padEnd(8)} ${r.evidence.padEnd(9)} ${r.title}`).join("\n"), 0);
  }
  if (command !== "scan") return usage(command ? `unknown command "${command}"` : "missing command");
  if (rest.length > 1) return usage(`expected one directory, got ${rest.length}`);
  try {
    const format = values.format ?? "text";
    if (!["text", "json", "markdown", "sarif"].includes(format)) throw new UsageError(`--format must be text, json, markdown or sarif, not "${format}"`);
    if (values.all && values.base) throw new UsageError("--all scans every file as new, so it takes no --base; use one or the other");
    const failOnFlag = values["fail-on"];
    if (failOnFlag !== void 0 && !FAIL_ON_VALUES.includes(failOnFlag)) throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(", ")}, not "${failOnFlag}"`);
    const env = { ...process.env };
    const flagToEnv = {
      "sf-auth-url": "SF_AUTH_URL",
      "sf-instance-url": "SF_INSTANCE_URL",
      "sf-access-token": "SF_ACCESS_TOKEN",
      "sf-client-id": "SF_CLIENT_ID",
      "sf-username": "SF_USERNAME",
      "sf-jwt-key": "SF_JWT_KEY",
      "sf-login-url": "SF_LOGIN_URL",
      "integration-user": "SF_INTEGRATION_USER",
      "api-version": "SF_API_VERSION"
    };
    for (const [flag, name] of Object.entries(flagToEnv)) {
      const v = values[flag];
      if (typeof v === "string") env[name] = v;
    }
    if (values["org-required"]) env.SF_ORG_REQUIRED = "true";
    const { orgOptionsFromEnv } = await import("./chunks/options-HK2OLEB5.js");
    const org = orgOptionsFromEnv(env);
    const result = await scan({
      dir: rest[0] ?? ".",
      base: values.base,
      head: values.head,
      all: values.all,
      fetch: !values["no-fetch"],
      config: values.config ? path.resolve(values.config) : void 0,
      fix: values.fix,
      org,
      log: { info: (m) => process.stderr.write(`${m}
`), warning: (m) => process.stderr.write(`warning: ${m}
`) }
    });
    const notes = result.notes;
    const out = format === "sarif" ? `${JSON.stringify((await import("./chunks/sarif-TDQDIL3F.js")).toSarif(result.report, ALL_RULE_META), null, 2)}
` : format === "json" ? renderJson(result.report) : format === "markdown" ? renderMarkdown(result.report, { notes }) : renderText(result.report, { colour: !values.output && !!process.stdout.isTTY && !process.env.NO_COLOR, notes });
    if (values.output) {
      try {
        writeFileSync(values.output, out);
      } catch (e) {
        throw new UsageError(`cannot write the report to ${values.output}: ${e.code ?? e.message}`);
      }
      process.stderr.write(`report written to ${values.output}
`);
    } else process.stdout.write(out);
    return exitCode(result.findings, failOnFlag ?? result.config.failOn ?? "error");
  } catch (e) {
    if (e instanceof UsageError || e instanceof ChangesError || ["ConfigError", "OrgError"].includes(e.name)) return usage(e.message, false);
    process.stderr.write(`${TOOL_NAME}: unexpected error: ${e.message}
`);
    return 2;
  }
}
function print(s, code) {
  process.stdout.write(`${s}
`);
  return code;
}
function usage(message, showHint = true) {
  process.stderr.write(`${TOOL_NAME}: ${message}${showHint ? `
Run '${TOOL_NAME} --help' for usage.` : ""}
`);
  return 2;
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${TOOL_NAME}: unexpected error: ${e.message}
`);
    process.exitCode = 2;
  }
);
export {
  main
};
