import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  PARSE_ERROR,
  RULES,
  RULE_IDS
} from "./chunk-SONLDKDO.js";
import {
  SEVERITY_RANK
} from "./chunk-42OHE6R2.js";
import {
  UNKNOWN_ACCESS
} from "./chunk-YWBZ6NUY.js";
import {
  child,
  childLines,
  namespaceOf,
  scanXml,
  stripNamespaceTokens,
  toJson
} from "./chunk-EXA37RQX.js";
import {
  require_dist
} from "./chunk-GYF6PIJX.js";
import {
  __toESM
} from "./chunk-K6R725GW.js";

// src/env.ts
process.env.SF_DISABLE_LOG_FILE ??= "true";

// src/changes/git.ts
import { spawn } from "node:child_process";
var ChangesError = class extends Error {
  name = "ChangesError";
};
var Git = class {
  constructor(cwd) {
    this.cwd = cwd;
  }
  cwd;
  run(args, input) {
    return new Promise((resolve, reject) => {
      const child2 = spawn("git", args, { cwd: this.cwd, stdio: ["pipe", "pipe", "pipe"], env: gitEnv() });
      const out = [];
      const err = [];
      child2.stdout.on("data", (d) => out.push(d));
      child2.stderr.on("data", (d) => err.push(d));
      child2.on("error", (e) => reject(new ChangesError(`cannot run git: ${e.message}`)));
      child2.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8").trim() }));
      child2.stdin.on("error", () => void 0);
      child2.stdin.end(input ?? "");
    });
  }
  async text(args) {
    const r = await this.run(args);
    if (r.code !== 0) throw new ChangesError(`git ${args[0]} failed: ${firstLine(r.stderr)}`);
    return r.stdout.toString("utf8").trim();
  }
  async topLevel() {
    const r = await this.run(["rev-parse", "--show-toplevel"]);
    return r.code === 0 ? r.stdout.toString("utf8").trim() : void 0;
  }
  /** Full SHA of a commit, or undefined when it is not in this clone. */
  async commit(ref) {
    const r = await this.run(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
    return r.code === 0 ? r.stdout.toString("utf8").trim() : void 0;
  }
  async mergeBase(a, b) {
    const r = await this.run(["merge-base", a, b]);
    return r.code === 0 ? r.stdout.toString("utf8").trim() : void 0;
  }
  async isShallow() {
    return await this.text(["rev-parse", "--is-shallow-repository"]) === "true";
  }
  async hasRemote(name) {
    const r = await this.run(["remote"]);
    return r.stdout.toString("utf8").split("\n").includes(name);
  }
  /** Fetches commits by SHA from a remote; returns git's one-line error on failure. */
  async fetch(remote, refs, extra) {
    const r = await this.run(["-c", "protocol.version=2", "fetch", "--no-tags", "--no-recurse-submodules", "--quiet", ...extra, remote, ...refs]);
    return r.code === 0 ? void 0 : firstLine(r.stderr) || `exit ${r.code}`;
  }
};
var CatFile = class {
  child;
  buffer = Buffer.alloc(0);
  /** Pending requests, answered in order; `next` indexes the oldest (no O(n) shift on long queues). */
  waiting = [];
  next = 0;
  failed;
  constructor(cwd) {
    this.child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"], env: gitEnv() });
    this.child.stdout.on("data", (d) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
      this.drain();
    });
    this.child.on("error", (e) => this.fail(new ChangesError(`cannot run git cat-file: ${e.message}`)));
    this.child.on("close", () => this.fail(new ChangesError("git cat-file exited early")));
    this.child.stdin.on("error", () => void 0);
  }
  /** `spec` is `<sha>` or `<commit>:<path>`. Resolves undefined when the object does not exist. */
  read(spec) {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${spec}
`);
    });
  }
  close() {
    this.waiting = [];
    this.next = 0;
    this.child.stdin.end();
    this.child.kill();
  }
  fail(e) {
    if (this.failed) return;
    this.failed = e;
    for (const w of this.waiting.slice(this.next)) w.reject(e);
    this.waiting = [];
    this.next = 0;
  }
  settle(value) {
    this.waiting[this.next++].resolve(value);
    if (this.next === this.waiting.length) {
      this.waiting = [];
      this.next = 0;
    }
  }
  drain() {
    let offset = 0;
    while (this.next < this.waiting.length) {
      const nl = this.buffer.indexOf(10, offset);
      if (nl < 0) break;
      const header = this.buffer.subarray(offset, nl).toString("utf8");
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        offset = nl + 1;
        this.settle(void 0);
        continue;
      }
      const size = Number(header.slice(header.lastIndexOf(" ") + 1));
      if (this.buffer.length < nl + 1 + size + 1) break;
      const body = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size));
      offset = nl + 1 + size + 1;
      this.settle(body);
    }
    this.buffer = offset ? this.buffer.subarray(offset) : this.buffer;
  }
};
var CommitSource = class {
  constructor(git, cat, commit) {
    this.git = git;
    this.cat = cat;
    this.commit = commit;
  }
  git;
  cat;
  commit;
  blobs = /* @__PURE__ */ new Map();
  knowBlob(path7, sha) {
    this.blobs.set(path7, sha);
  }
  read(path7) {
    return this.cat.read(this.blobs.get(path7) ?? `${this.commit}:${path7}`);
  }
  listing;
  /** Listed once per run (the change stage and the access model both ask). */
  list() {
    this.listing ??= this.listTree();
    return this.listing;
  }
  async listTree() {
    const r = await this.git.run(["ls-tree", "-r", "-z", "--full-tree", this.commit]);
    if (r.code !== 0) throw new ChangesError(`cannot list files of ${this.commit}: ${firstLine(r.stderr)}`);
    const paths = [];
    for (const entry of r.stdout.toString("utf8").split("\0")) {
      if (!entry) continue;
      const tab = entry.indexOf("	");
      const [mode, type, sha] = entry.slice(0, tab).split(" ");
      const path7 = entry.slice(tab + 1);
      if (type !== "blob" || mode === "120000") continue;
      this.blobs.set(path7, sha);
      paths.push(path7);
    }
    return paths;
  }
  close() {
    this.cat.close();
  }
};
function gitEnv() {
  return { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" };
}
function firstLine(s) {
  return s.split("\n").find((l) => l.trim()) ?? "";
}

// src/changes/index.ts
import { existsSync, statSync } from "node:fs";
import path2 from "node:path";

// src/changes/worktree.ts
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", ".sfdx", ".sf", ".idea", ".vscode"]);
var WorktreeSource = class {
  constructor(root, git) {
    this.root = root;
    this.git = git;
  }
  root;
  git;
  skipped = [];
  /** Synchronous reads: for tens of thousands of small files they are several times faster than fs/promises. */
  async read(rel) {
    try {
      return readFileSync(path.join(this.root, rel));
    } catch {
      return void 0;
    }
  }
  listing;
  /** Listed once per run (the change stage and the access model both ask). */
  list() {
    this.listing ??= (this.git ? this.gitFiles() : Promise.resolve(walk(this.root, "", this.skipped))).then((files) => files.sort());
    return this.listing;
  }
  close() {
  }
  /** Tracked files with their modes (symbolic links and submodules are skipped), plus untracked, unignored files. */
  async gitFiles() {
    const files = [];
    const tracked = await this.git.run(["ls-files", "-z", "-s", "--cached"]);
    const seen = /* @__PURE__ */ new Set();
    for (const entry of tracked.stdout.toString("utf8").split("\0")) {
      if (!entry) continue;
      const tab = entry.indexOf("	");
      const mode = entry.slice(0, entry.indexOf(" "));
      const p = entry.slice(tab + 1);
      if (seen.has(p)) continue;
      seen.add(p);
      if (mode === "120000") this.skipped.push(`${p}: symbolic link, not followed`);
      else if (mode !== "160000") files.push(p);
    }
    const untracked = await this.git.run(["ls-files", "-z", "--others", "--exclude-standard"]);
    for (const p of untracked.stdout.toString("utf8").split("\0")) {
      if (!p || seen.has(p)) continue;
      const st = lstatSync(path.join(this.root, p), { throwIfNoEntry: false });
      if (st?.isSymbolicLink()) this.skipped.push(`${p}: symbolic link, not followed`);
      else if (st?.isFile()) files.push(p);
    }
    return files;
  }
};
function walk(root, rel, skipped) {
  const out = [];
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...walk(root, p, skipped));
    } else if (e.isSymbolicLink()) skipped.push(`${p}: symbolic link, not followed`);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

// src/changes/index.ts
var ZERO_SHA = /^0+$/;
async function collectChanges(opts) {
  const dir = path2.resolve(opts.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ChangesError(`${opts.dir} is not a directory`);
  const git = new Git(dir);
  const top = await git.topLevel();
  const refs = refsFromOptions(opts);
  if (!top) {
    if (refs.mode === "full" && !opts.head) return worktreeChanges(dir, void 0);
    throw new ChangesError(`${opts.dir} is not inside a git repository: run the scan in a clone, or pass --all to scan every file in the folder`);
  }
  const root = top;
  const rootGit = new Git(root);
  if (refs.mode === "full") {
    if (!opts.head && !refs.head) return worktreeChanges(root, rootGit);
    const head2 = await requireCommit(rootGit, refs.head ?? opts.head, "head", opts);
    const cat2 = new CatFile(root);
    const headSource2 = new CommitSource(rootGit, cat2, head2);
    const files2 = (await headSource2.list().catch((e) => (cat2.close(), Promise.reject(e)))).map((p) => ({ status: "added", path: p }));
    return { root, set: { mode: "full", head: head2, files: files2, notes: refs.notes }, head: headSource2, skipped: [], close: () => cat2.close() };
  }
  const head = await requireCommit(rootGit, refs.head ?? "HEAD", "head", opts);
  const baseCommit = await requireCommit(rootGit, refs.base, "base", opts, head);
  const mergeBase = await findMergeBase(rootGit, baseCommit, head, opts);
  const notes = [...refs.notes];
  if (mergeBase !== baseCommit) notes.push(`compared with the merge-base ${mergeBase.slice(0, 12)} of base ${baseCommit.slice(0, 12)} and head, as GitHub's pull-request view does`);
  const cat = new CatFile(root);
  const headSource = new CommitSource(rootGit, cat, head);
  const baseSource = new CommitSource(rootGit, cat, mergeBase);
  let result;
  try {
    result = await diff(rootGit, mergeBase, head, headSource, baseSource, opts.log);
  } catch (e) {
    cat.close();
    throw e;
  }
  const { files, skipped } = result;
  return {
    root,
    set: { mode: "diff", base: mergeBase, head, files, notes },
    head: headSource,
    base: baseSource,
    skipped,
    close: () => cat.close()
  };
}
function refsFromOptions(opts) {
  if (opts.all) return { mode: "full", head: opts.head, notes: ["full scan: every file counts as new"] };
  if (opts.base) return { mode: "diff", base: opts.base, head: opts.head, notes: [] };
  const ev = opts.event;
  const p = ev?.payload ?? {};
  if (ev && (ev.name === "pull_request" || ev.name === "pull_request_target") && p.pull_request) {
    return { mode: "diff", base: p.pull_request.base?.sha, head: opts.head ?? p.pull_request.head?.sha, notes: [] };
  }
  if (ev?.name === "merge_group" && p.merge_group) {
    return { mode: "diff", base: p.merge_group.base_sha, head: opts.head ?? p.merge_group.head_sha, notes: [] };
  }
  if (ev?.name === "push" && p.after) {
    if (p.before && !ZERO_SHA.test(p.before)) return { mode: "diff", base: p.before, head: opts.head ?? p.after, notes: [] };
    const head = opts.head ?? p.after;
    return { mode: "diff", base: `${head}~1`, head, notes: ["new branch pushed: compared with the parent of the pushed commit"] };
  }
  if (ev) return { mode: "full", head: opts.head, notes: [`event ${ev.name} has no base commit: full scan, every file counts as new`] };
  throw new ChangesError("no base commit to compare with: pass --base REF (for example --base origin/main), or --all to scan every file");
}
async function requireCommit(git, ref, role, opts, head) {
  const sha = await git.commit(ref);
  if (sha) return sha;
  if (opts.fetch !== false && /^[0-9a-f]{40}$/i.test(ref) && await git.hasRemote("origin")) {
    opts.log(`${role} commit ${ref.slice(0, 12)} is not in this clone; fetching it from origin`);
    const err = await git.fetch("origin", [ref], ["--depth=1"]);
    const fetched = await git.commit(ref);
    if (fetched) return fetched;
    opts.log(`fetch of ${ref.slice(0, 12)} failed: ${err}`);
  }
  void head;
  const parentOf = /^(.+?)(\^1?|~1?)$/.exec(ref);
  if (parentOf && await git.commit(parentOf[1])) {
    throw new ChangesError(`${role} "${ref}": ${parentOf[1]} is the first commit and has no parent; scan it with --all --head ${parentOf[1]}`);
  }
  if (!/^[0-9a-f]{7,40}$/i.test(ref)) {
    throw new ChangesError(`${role} "${ref}" does not name a commit in this repository: check the spelling, or fetch it first (git fetch origin ${ref})`);
  }
  throw new ChangesError(
    `${role} commit ${ref} is not in this clone. In GitHub Actions set \`fetch-depth: 0\` on actions/checkout (or pass the ${role} commit of this repository)`
  );
}
async function findMergeBase(git, base, head, opts) {
  let mb = await git.mergeBase(base, head);
  if (mb) return mb;
  const canFetch = opts.fetch !== false && await git.isShallow() && await git.hasRemote("origin");
  if (canFetch) {
    for (const deepen of ["--deepen=100", "--deepen=1000", "--unshallow"]) {
      opts.log(`shallow clone: no common history of base and head yet; fetching more (${deepen})`);
      const err = await git.fetch("origin", [base, head], [deepen]);
      if (err && deepen === "--unshallow") break;
      mb = await git.mergeBase(base, head);
      if (mb) return mb;
    }
  }
  if (await git.isShallow()) {
    throw new ChangesError(
      `base ${base.slice(0, 12)} and head ${head.slice(0, 12)} share no history in this shallow clone: set \`fetch-depth: 0\` on actions/checkout`
    );
  }
  throw new ChangesError(`base ${base.slice(0, 12)} and head ${head.slice(0, 12)} have no common ancestor`);
}
async function diff(git, base, head, headSource, baseSource, log) {
  const args = ["diff", "--raw", "-z", "--no-abbrev", "--no-ext-diff", "--no-textconv", "--no-color"];
  let r = await git.run([...args, "-M", base, head]);
  if (r.code !== 0) {
    log(`git diff with rename detection failed (${firstLine(r.stderr)}); listing changes without it`);
    r = await git.run([...args, "--no-renames", base, head]);
  }
  if (r.code !== 0) throw new ChangesError(`git diff failed: ${firstLine(r.stderr)}`);
  const parts = r.stdout.toString("utf8").split("\0");
  const files = [];
  const skipped = [];
  for (let i = 0; i < parts.length - 1; ) {
    const meta = parts[i++];
    if (!meta.startsWith(":")) continue;
    const [oldMode, newMode, oldSha, newSha, status] = meta.slice(1).split(" ");
    const code = status[0];
    const first = parts[i++];
    const second = code === "R" || code === "C" ? parts[i++] : void 0;
    const headPath = second ?? first;
    const special = [oldMode, newMode].find((m) => m === "120000" || m === "160000");
    if (special) {
      skipped.push(`${headPath}: ${special === "120000" ? "symbolic link, not followed" : "submodule, not scanned"}`);
      continue;
    }
    if (code === "D") {
      baseSource.knowBlob(first, oldSha);
      files.push({ status: "deleted", path: first });
    } else if (code === "A" || code === "C") {
      headSource.knowBlob(headPath, newSha);
      files.push({ status: "added", path: headPath });
    } else {
      headSource.knowBlob(headPath, newSha);
      baseSource.knowBlob(first, oldSha);
      files.push(second ? { status: "modified", path: second, previousPath: first } : { status: "modified", path: first });
    }
  }
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files, skipped };
}
async function worktreeChanges(root, git) {
  const source = new WorktreeSource(root, git);
  const files = (await source.list()).map((p) => ({ status: "added", path: p }));
  const head = git && await git.commit("HEAD") || "WORKTREE";
  return {
    root,
    set: { mode: "full", head, files, notes: ["full scan of the files on disk: every file counts as new"] },
    head: source,
    skipped: source.skipped,
    close: () => void 0
  };
}

// src/version.ts
var TOOL_NAME = "sf-backup-guard";
var TOOL_VERSION = "0.1.0";

// src/findings/index.ts
import { createHash } from "node:crypto";
function runRules(rules, ctx) {
  const findings = [];
  for (const rule of rules) {
    let hits;
    try {
      hits = rule.check(ctx);
    } catch (e) {
      hits = [];
      findings.push(toFinding(PARSE_ERROR, { component: { type: "Rule", name: rule.id }, file: "", line: 1, message: `internal error in rule ${rule.id}: ${e.message}` }));
    }
    for (const h of hits) findings.push(toFinding(rule, h));
  }
  return findings;
}
function problemFindings(problems) {
  return problems.map((p) => toFinding(PARSE_ERROR, { component: { type: "File", name: p.file }, file: p.file, line: p.line ?? 1, message: `This file could not be checked: ${p.message}.` }));
}
function toFinding(rule, h) {
  const f = {
    ruleId: rule.id,
    severity: h.severity ?? rule.defaultSeverity,
    evidence: h.evidence ?? rule.evidence,
    message: h.message,
    fix: h.fix ?? rule.fix,
    component: h.component,
    file: h.file,
    line: Math.max(1, h.line || 1),
    docsUrl: rule.docsUrl,
    fingerprint: ""
  };
  if (h.source) f.source = h.source;
  return f;
}
function finalize(findings) {
  const sorted = [...findings].sort(compareFindings);
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  let previous;
  for (const f of sorted) {
    if (previous && compareFindings(previous, f) === 0 && previous.component.type === f.component.type) continue;
    previous = f;
    const identity = `${f.ruleId}\0${f.component.type}\0${f.component.name}\0${f.file}`;
    const n = seen.get(identity) ?? 0;
    seen.set(identity, n + 1);
    out.push({ ...f, fingerprint: createHash("sha256").update(`${identity}\0${n}`).digest("hex").slice(0, 32) });
  }
  return out;
}
function compareFindings(a, b) {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || cmp(a.file, b.file) || a.line - b.line || cmp(a.ruleId, b.ruleId) || cmp(a.component.name, b.component.name) || cmp(a.message, b.message);
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function summarize(findings) {
  const s = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

// src/reporters/json.ts
function buildReport(base, head, findings) {
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    base: base ?? null,
    head,
    summary: summarize(findings),
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      evidence: f.evidence,
      message: f.message,
      component: f.component,
      file: f.file,
      line: f.line,
      docsUrl: f.docsUrl,
      fingerprint: f.fingerprint,
      fix: f.fix,
      ...f.source ? { source: f.source } : {},
      ...f.note ? { note: f.note } : {}
    }))
  };
}
function renderJson(report) {
  if (report.findings.length <= 1e3) return `${JSON.stringify(report, null, 2)}
`;
  const { findings, ...head } = report;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  return `${top},
  "findings": [
${findings.map((f) => `    ${JSON.stringify(f)}`).join(",\n")}
  ]
}
`;
}

// src/engine.ts
import { realpathSync } from "node:fs";
import path6 from "node:path";

// src/config/load.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import path3 from "node:path";

// src/config/types.ts
var DEFAULT_CONFIG_PATHS = [".github/sf-backup-guard.yml", ".github/sf-backup-guard.yaml"];
function defaultConfig() {
  return {
    integrationUser: { permissionSets: [], permissionSetGroups: [] },
    rules: {},
    ignore: [],
    paths: { include: [], exclude: [] }
  };
}
var CONFIG_KEYS = {
  top: ["integration-user", "rules", "ignore", "paths", "fail-on", "namespace"],
  "integration-user": ["permission-sets", "permission-set-groups", "profile"],
  ignore: ["rule", "component", "reason", "until"],
  paths: ["include", "exclude"]
};

// src/config/load.ts
var ConfigError = class extends Error {
  file;
  issues;
  constructor(file, issues) {
    super(issues.map((i) => `${file}:${i.line}: ${i.message}`).join("\n"));
    this.name = "ConfigError";
    this.file = file;
    this.issues = issues;
  }
  /** Line of the first problem. */
  get line() {
    return this.issues[0]?.line ?? 1;
  }
  /** Key of the first problem. */
  get key() {
    return this.issues[0]?.key ?? "";
  }
};
var SEVERITY_VALUES = ["error", "warning", "notice", "off"];
var FAIL_ON_VALUES = ["error", "warning", "notice", "never"];
function loadConfig(options) {
  const root = path3.resolve(options.root);
  let abs;
  if (options.path !== void 0 && options.path.trim() !== "") {
    abs = path3.resolve(root, options.path);
    if (!isFile(abs)) {
      throw new ConfigError(display(root, abs), [{ line: 1, key: "", message: "configuration file not found (it was named explicitly, so it must exist)" }]);
    }
  } else {
    const present = DEFAULT_CONFIG_PATHS.map((p) => path3.join(root, p)).filter(isFile);
    if (present.length === 0) return defaultConfig();
    if (present.length > 1) {
      throw new ConfigError(display(root, present[0]), [
        { line: 1, key: "", message: `both ${DEFAULT_CONFIG_PATHS.join(" and ")} exist; keep one of them` }
      ]);
    }
    abs = present[0];
  }
  const file = display(root, abs);
  let text;
  try {
    text = readFileSync2(abs, "utf8");
  } catch (e) {
    throw new ConfigError(file, [{ line: 1, key: "", message: `cannot read the file (${e.code ?? e.message})` }]);
  }
  return parseConfig(text, file, options.ruleIds);
}
function parseConfig(text, file, ruleIds) {
  const lc = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, version: "1.2" });
  const issues = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const line = lc.linePos(e.pos[0]).line;
    issues.push({ line, key: "", message: `YAML syntax error: ${firstLine2(e.message)}` });
  }
  if (issues.length) throw new ConfigError(file, issues);
  const v = new Validator(doc, lc, ruleIds);
  const config = defaultConfig();
  config.file = file;
  const contents = doc.contents;
  if (contents === null || (0, import_yaml.isScalar)(contents) && (contents.value === null || contents.value === "")) return config;
  const top = v.map(contents, "", "the file must be a mapping of keys such as integration-user, rules, ignore, paths");
  if (top) {
    for (const pair of v.pairs(top, "", CONFIG_KEYS.top)) {
      const [key, node] = pair;
      switch (key) {
        case "integration-user": {
          const m = v.map(node, key, "integration-user must be a mapping with permission-sets, permission-set-groups and/or profile");
          if (!m) break;
          for (const [k, n] of v.pairs(m, key, CONFIG_KEYS["integration-user"])) {
            const at = `${key}.${k}`;
            if (k === "permission-sets") config.integrationUser.permissionSets = v.names(n, at, "Backup_Integration");
            else if (k === "permission-set-groups") config.integrationUser.permissionSetGroups = v.names(n, at, "Backup_Group");
            else config.integrationUser.profile = v.text(n, at, "a profile name, e.g. Backup Integration");
          }
          break;
        }
        case "rules": {
          const m = v.map(node, key, "rules must be a mapping of rule id to severity, e.g. backup-policy: off");
          if (!m) break;
          for (const [ruleId, n] of v.pairs(m, key, null)) {
            const at = `rules.${ruleId}`;
            if (!v.ruleId(ruleId, at, keyNode(m, ruleId))) continue;
            const sev = v.oneOf(n, at, SEVERITY_VALUES);
            if (sev) config.rules[ruleId] = sev;
          }
          break;
        }
        case "ignore": {
          const seq = v.seq(node, key, "ignore must be a list of entries with rule, component, reason and optionally until; use [] for none");
          if (!seq) break;
          seq.items.forEach((item, i) => {
            const entry = v.ignoreEntry(item, `ignore[${i}]`);
            if (entry) config.ignore.push(entry);
          });
          break;
        }
        case "paths": {
          const m = v.map(node, key, "paths must be a mapping with include and/or exclude");
          if (!m) break;
          for (const [k, n] of v.pairs(m, key, CONFIG_KEYS.paths)) {
            const globs = v.names(n, `paths.${k}`, k === "include" ? "force-app/**" : "unpackaged/**");
            if (k === "include") config.paths.include = globs;
            else config.paths.exclude = globs;
          }
          break;
        }
        case "fail-on": {
          const val = v.oneOf(node, key, FAIL_ON_VALUES);
          if (val) config.failOn = val;
          break;
        }
        case "namespace": {
          const ns = v.text(node, key, "a namespace prefix, e.g. npsp");
          if (ns !== void 0) {
            if (/^[A-Za-z][A-Za-z0-9_]{0,14}$/.test(ns) && !ns.includes("__") && !ns.endsWith("_")) config.namespace = ns;
            else v.issue(node, key, `namespace must be a Salesforce namespace prefix (a letter, then up to 14 letters, digits or single underscores), got ${JSON.stringify(ns)}`);
          }
          break;
        }
      }
    }
  }
  if (v.issues.length) throw new ConfigError(file, v.issues);
  return config;
}
var Validator = class {
  constructor(doc, lc, ruleIds) {
    this.doc = doc;
    this.lc = lc;
    this.ruleIds = ruleIds;
  }
  doc;
  lc;
  ruleIds;
  issues = [];
  line(node) {
    const range = node?.range;
    return range ? this.lc.linePos(range[0]).line : 1;
  }
  issue(node, key, message) {
    this.issues.push({ line: this.line(node), key, message });
  }
  resolve(node) {
    return (0, import_yaml.isAlias)(node) ? node.resolve(this.doc) : node;
  }
  map(node, key, message) {
    const n = this.resolve(node);
    if ((0, import_yaml.isMap)(n)) return n;
    this.issue(node, key, `${message} (got ${describe(n)})`);
    return void 0;
  }
  seq(node, key, message) {
    const n = this.resolve(node);
    if ((0, import_yaml.isSeq)(n)) return n;
    this.issue(node, key, `${message} (got ${describe(n)})`);
    return void 0;
  }
  /** The pairs of a map with string keys; unknown keys (when `known` is given) are reported. */
  pairs(m, at, known) {
    const out = [];
    for (const pair of m.items) {
      const k = this.resolve(pair.key);
      if (!(0, import_yaml.isScalar)(k) || typeof k.value !== "string") {
        this.issue(pair.key, at, `${at ? `${at}: ` : ""}keys must be plain names (got ${describe(k)})`);
        continue;
      }
      const name = k.value;
      const full = at ? `${at}.${name}` : name;
      if (known && !known.includes(name)) {
        const hint = closest(name, known);
        this.issue(k, full, `${full} is not a known key (${at ? `keys under ${at}` : "top-level keys"}: ${known.join(", ")}${hint ? `; did you mean ${at ? `${at}.` : ""}${hint}?` : ""})`);
        continue;
      }
      out.push([name, pair.value ?? k]);
    }
    return out;
  }
  /** A list of non-empty, distinct strings. */
  names(node, at, example) {
    const n = this.resolve(node);
    if (!(0, import_yaml.isSeq)(n)) {
      this.issue(node, at, `${at} must be a list, e.g. [${example}] (got ${describe(n)}); use [] for none`);
      return [];
    }
    const out = [];
    n.items.forEach((item, i) => {
      const s = this.text(item, `${at}[${i}]`, `a name such as ${example}`);
      if (s === void 0) return;
      if (out.includes(s)) this.issue(item, `${at}[${i}]`, `${at}[${i}] repeats ${JSON.stringify(s)}`);
      else out.push(s);
    });
    return out;
  }
  /** A non-empty string (numbers and booleans are refused rather than converted). */
  text(node, at, what) {
    const n = this.resolve(node);
    if ((0, import_yaml.isScalar)(n) && typeof n.value === "string") {
      const s = n.value.trim();
      if (s) return s;
      this.issue(node, at, `${at} must not be empty (expected ${what})`);
      return void 0;
    }
    this.issue(node, at, `${at} must be a string: ${what} (got ${describe(n)})`);
    return void 0;
  }
  oneOf(node, at, values) {
    const n = this.resolve(node);
    if ((0, import_yaml.isScalar)(n) && typeof n.value === "string" && values.includes(n.value)) return n.value;
    const hint = (0, import_yaml.isScalar)(n) && n.value === false ? " (write off, not false)" : "";
    this.issue(node, at, `${at} must be one of ${values.join(", ")} (got ${describe(n)})${hint}`);
    return void 0;
  }
  ruleId(id, at, node) {
    if (this.ruleIds.includes(id)) return true;
    const hint = closest(id, this.ruleIds);
    this.issue(node, at, `${at}: ${JSON.stringify(id)} is not a rule id${hint ? ` (did you mean ${hint}?)` : ""}; rule ids: ${[...this.ruleIds].sort().join(", ")}`);
    return false;
  }
  ignoreEntry(item, at) {
    const m = this.map(item, at, `${at} must be a mapping with rule, component, reason and optionally until`);
    if (!m) return void 0;
    const found = new Map(this.pairs(m, at, CONFIG_KEYS.ignore));
    const before = this.issues.length;
    const need = (k, why) => {
      if (!found.has(k)) this.issue(m, `${at}.${k}`, `${at}.${k} is required (${why})`);
      return found.get(k);
    };
    const ruleNode = need("rule", "the id of the rule whose finding is accepted, e.g. big-object");
    const componentNode = need("component", "the component name or pattern, e.g. LogArchive__b or Lead.*");
    const reasonNode = need("reason", "why is this finding acceptable?");
    let rule;
    if (ruleNode !== void 0) {
      rule = this.text(ruleNode, `${at}.rule`, "a rule id");
      if (rule !== void 0 && !this.ruleId(rule, `${at}.rule`, ruleNode)) rule = void 0;
    }
    const component = componentNode === void 0 ? void 0 : this.text(componentNode, `${at}.component`, "a component name or pattern");
    let reason;
    if (reasonNode !== void 0) {
      const r = this.resolve(reasonNode);
      if ((0, import_yaml.isScalar)(r) && (r.value === null || typeof r.value === "string" && !r.value.trim())) {
        this.issue(reasonNode, `${at}.reason`, `${at}.reason is required (why is this finding acceptable?)`);
      } else reason = this.text(reasonNode, `${at}.reason`, "why is this finding acceptable?");
    }
    let until;
    if (found.has("until")) {
      const u = this.resolve(found.get("until"));
      const s = (0, import_yaml.isScalar)(u) ? typeof u.value === "string" ? u.value.trim() : String(u.value) : describe(u);
      if ((0, import_yaml.isScalar)(u) && typeof u.value === "string" && validDate(s)) until = s;
      else this.issue(found.get("until"), `${at}.until`, `${at}.until must be a date written YYYY-MM-DD, e.g. 2027-06-30 (got ${JSON.stringify(s)})`);
    }
    if (this.issues.length > before || !rule || !component || !reason) return void 0;
    return { rule, component, reason, ...until ? { until } : {}, line: this.line(m) };
  }
};
function keyNode(m, key) {
  return m.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key)?.key;
}
function validDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
function describe(n) {
  if ((0, import_yaml.isMap)(n)) return "a mapping";
  if ((0, import_yaml.isSeq)(n)) return "a list";
  if ((0, import_yaml.isScalar)(n)) {
    const v = n.value;
    if (v === null) return "nothing";
    if (typeof v === "string") return JSON.stringify(v);
    return `${typeof v} ${String(v)}`;
  }
  if (n === null || n === void 0) return "nothing";
  return "an unsupported value";
}
function firstLine2(msg) {
  return (msg.split("\n")[0] ?? msg).replace(/ at line \d+, column \d+:?\s*$/, "").trim();
}
function isFile(p) {
  try {
    return statSync2(p).isFile();
  } catch {
    return false;
  }
}
function display(root, abs) {
  const rel = path3.relative(root, abs);
  return rel && !rel.startsWith("..") && !path3.isAbsolute(rel) ? rel.split(path3.sep).join("/") : abs;
}
function closest(word, candidates) {
  let best;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== void 0 && bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : void 0;
}
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

// src/config/glob.ts
var cache = /* @__PURE__ */ new Map();
function normalizePath(p) {
  return p.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "").replace(/^\/+/, "");
}
function pathGlob(pattern) {
  const key = `p:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = normalizePath(pattern).replace(/\/+$/, "");
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "*" && p[i + 1] === "*") {
      const atStart = i === 0 || p[i - 1] === "/";
      const next = p[i + 2];
      if (atStart && next === "/") {
        re += "(?:[^/]*/)*";
        i += 2;
      } else if (atStart && next === void 0) {
        re += ".*";
        i += 1;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += escape(c);
  }
  const rx = new RegExp(`^${re}$`);
  cache.set(key, rx);
  return rx;
}
function matchPath(pattern, file) {
  const rx = pathGlob(pattern);
  const p = normalizePath(file);
  if (rx.test(p)) return true;
  for (let i = p.lastIndexOf("/"); i > 0; i = p.lastIndexOf("/", i - 1)) {
    if (rx.test(p.slice(0, i))) return true;
  }
  return false;
}
function componentGlob(pattern) {
  const key = `c:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let re = "";
  for (const c of pattern.trim()) re += c === "*" ? "[^.]*" : c === "?" ? "[^.]" : escape(c);
  const rx = new RegExp(`^${re}$`, "i");
  cache.set(key, rx);
  return rx;
}
function matchComponent(pattern, component) {
  const rx = componentGlob(pattern);
  return rx.test(component.name) || component.object !== void 0 && rx.test(component.object);
}
function escape(c) {
  return /[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c;
}

// src/config/apply.ts
function applyConfig(findings, config, today) {
  if (!validDate(today)) throw new Error(`applyConfig: today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const out = [];
  for (const finding of findings) {
    const override = config.rules[finding.ruleId];
    if (override === "off") continue;
    let f = override && override !== finding.severity ? { ...finding, severity: override } : finding;
    const matching = config.ignore.filter((i) => ignoreMatches(i, f));
    if (matching.some((i) => i.until === void 0 || i.until >= today)) continue;
    const expired = latestExpired(matching);
    if (expired) {
      const note = `ignore expired on ${expired.until} (reason: ${expired.reason})`;
      f = { ...f, note: f.note ? `${f.note}; ${note}` : note };
    }
    out.push(f);
  }
  return out;
}
function ignoreMatches(entry, finding) {
  return entry.rule === finding.ruleId && matchComponent(entry.component, finding.component);
}
function latestExpired(entries) {
  let best;
  for (const e of entries) if (e.until && (!best || e.until > best.until)) best = e;
  return best;
}
function pathFilter(config) {
  const include = config.paths.include;
  const exclude = config.paths.exclude;
  if (!include.length && !exclude.length) return () => true;
  return (file) => {
    const p = normalizePath(file);
    if (include.length && !include.some((g) => matchPath(g, p))) return false;
    return !exclude.some((g) => matchPath(g, p));
  };
}

// src/metadata/index.ts
import path5 from "node:path";
import { isDeepStrictEqual, TextDecoder } from "node:util";

// src/metadata/extract.ts
var bool = (v) => v === "true" || v === true;
var str = (v) => typeof v === "string" && v !== "" ? v : void 0;
var arr = (v) => Array.isArray(v) ? v : v && typeof v === "object" ? [v] : [];
function clean(v) {
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === "object") {
    const out = {};
    for (const [k, val] of Object.entries(v)) if (!k.startsWith("@_") && !k.startsWith("#")) out[k] = clean(val);
    return out;
  }
  return typeof v === "string" ? stripNamespaceTokens(v.trim()) : v;
}
function objectModel(name, file, format, raw, root) {
  const nameField = raw.nameField ?? {};
  const lines = childLines(root);
  const nf = child(root, "nameField");
  const nfScheme = child(nf, "encryptionScheme");
  if (nfScheme) lines["nameField.encryptionScheme"] = nfScheme.line;
  const { fields: _fields, ...own } = raw;
  return {
    name,
    file,
    format,
    label: str(raw.label),
    enableHistory: bool(raw.enableHistory),
    enableFeeds: bool(raw.enableFeeds),
    sharingModel: str(raw.sharingModel),
    customSettingsType: str(raw.customSettingsType),
    nameFieldEncryptionScheme: str(nameField.encryptionScheme),
    raw: clean(own),
    lines
  };
}
function fieldModel(object, raw, file, format, node) {
  const name = stripNamespaceTokens(str(raw.fullName) ?? "");
  return {
    object,
    name,
    fullName: `${object}.${name}`,
    file,
    format,
    type: str(raw.type),
    required: bool(raw.required),
    trackHistory: bool(raw.trackHistory),
    encryptionScheme: str(raw.encryptionScheme),
    referenceTo: str(raw.referenceTo) ? stripNamespaceTokens(str(raw.referenceTo)) : void 0,
    formula: str(raw.formula) !== void 0,
    raw: clean(raw),
    lines: childLines(node)
  };
}
function inlineFields(object, raw, file, root) {
  const nodes = /* @__PURE__ */ new Map();
  for (const n of root?.children ?? []) {
    if (n.name !== "fields") continue;
    const fullName = child(n, "fullName")?.text;
    if (fullName && !nodes.has(fullName)) nodes.set(stripNamespaceTokens(fullName), n);
  }
  return arr(raw.fields).filter((f) => str(f.fullName)).map((f) => fieldModel(object, f, file, "mdapi", nodes.get(stripNamespaceTokens(str(f.fullName)))));
}
function channelMemberModel(name, raw, file, root) {
  return {
    name,
    eventChannel: str(raw.eventChannel),
    selectedEntity: str(raw.selectedEntity) ? stripNamespaceTokens(str(raw.selectedEntity)) : void 0,
    file,
    lines: childLines(root)
  };
}

// src/metadata/project.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path4 from "node:path";
async function readProject(root, head, projectDir = "") {
  const warnings = [];
  const at = (p) => projectDir ? `${projectDir}/${p}` : p;
  let packageDirectories = [""];
  let namespace;
  const raw = await head.read(at("sfdx-project.json"));
  if (raw) {
    try {
      const json = JSON.parse(raw.toString("utf8"));
      const dirs = (json.packageDirectories ?? []).map((d) => normalizeDir(d.path ?? "")).filter((d) => d !== void 0);
      if (dirs.length) packageDirectories = [...new Set(dirs)].sort();
      if (json.namespace) namespace = json.namespace;
    } catch (e) {
      warnings.push(`${at("sfdx-project.json")}: not valid JSON (${e.message}); scanning the whole ${projectDir ? "folder" : "repository"}`);
    }
  }
  if (!namespace) {
    const cci = await head.read(at("cumulusci.yml"));
    if (cci) {
      try {
        const doc = (0, import_yaml2.parse)(cci.toString("utf8"));
        namespace = doc?.project?.package?.namespace || void 0;
      } catch {
        warnings.push("cumulusci.yml: not valid YAML; its namespace is ignored");
      }
    }
  }
  if (packageDirectories.includes("")) packageDirectories = [""];
  if (projectDir) packageDirectories = packageDirectories.map((d) => d ? `${projectDir}/${d}` : projectDir);
  return { info: { root, projectDir, packageDirectories, namespace }, warnings };
}
function normalizeDir(p) {
  const n = path4.posix.normalize(p.replace(/\\/g, "/")).replace(/^\.\/?/, "").replace(/\/+$/, "");
  if (n.startsWith("..")) return void 0;
  return n === "." ? "" : n;
}
function inPackageDirectory(file, dirs) {
  return dirs.some((d) => d === "" || file === d || file.startsWith(`${d}/`));
}
async function loadForceIgnore(head, projectDir = "") {
  const raw = await head.read(projectDir ? `${projectDir}/.forceignore` : ".forceignore");
  if (!raw) return void 0;
  const { ForceIgnore } = await loadSdr();
  const dir = mkdtempSync(path4.join(tmpdir(), "sf-backup-guard-"));
  try {
    const file = path4.join(dir, ".forceignore");
    writeFileSync(file, raw);
    const fi = new ForceIgnore(file);
    const prefix = projectDir ? `${projectDir}/` : "";
    return (f) => fi.denies(path4.join(dir, f.startsWith(prefix) ? f.slice(prefix.length) : f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// src/metadata/index.ts
var MODEL_TYPES = /* @__PURE__ */ new Set(["CustomObject", "CustomField", "PlatformEventChannelMember"]);
var PERMISSION_TYPES = /* @__PURE__ */ new Set(["PermissionSet", "Profile", "PermissionSetGroup"]);
var MAX_FILE_BYTES = 32 * 1024 * 1024;
async function buildDelta(opts) {
  const { changes, project } = opts;
  const sdr = await loadSdr();
  const registry = makeRegistry(sdr, project.projectDir ? path5.join(project.root, project.projectDir) : project.root);
  const problems = [];
  const candidates = changes.set.files.filter((f) => opts.includePath(f.path) || f.previousPath !== void 0 && opts.includePath(f.previousPath));
  const headPaths = candidates.filter((f) => f.status !== "deleted").map((f) => f.path);
  const inProject = (p) => !project.projectDir || p.startsWith(`${project.projectDir}/`);
  const basePaths = changes.set.files.filter((f) => f.status !== "added").map((f) => f.previousPath ?? f.path).filter(inProject);
  const after = await readSide(sdr, registry, headPaths, changes.head, problems, opts.warn);
  const before = changes.base ? await readSide(sdr, registry, basePaths, changes.base, [], () => void 0) : emptySide();
  const fields = compare(before.fields, after.fields);
  await readContext(after, fields, changes.head);
  const permissionFiles = candidates.filter(
    (f) => after.permissionFiles.has(f.path) || before.permissionFiles.has(f.previousPath ?? f.path)
  );
  const scanned = (cs) => cs.filter((c) => c.kind !== "deleted" || opts.includePath(c.before.file));
  const customSettings = [...after.objects.values(), ...after.context.values()].filter((o) => o.customSettingsType).map((o) => o.name.toLowerCase());
  return {
    objects: scanned(compare(before.objects, after.objects)),
    fields: scanned(fields),
    channelMembers: scanned(compare(before.members, after.members)),
    customSettings: [...new Set(customSettings)].sort(),
    permissionFiles,
    problems: problems.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
    stats: {
      changedFiles: changes.set.files.length,
      metadataFiles: after.metadataFiles + before.metadataFiles,
      skippedFiles: changes.set.files.length - candidates.length
    }
  };
}
function projectPathFilter(project, forceIgnored, configFilter) {
  return (file) => inPackageDirectory(file, project.packageDirectories) && !(forceIgnored?.(file) ?? false) && (configFilter?.(file) ?? true);
}
var sdrPromise;
function loadSdr() {
  process.env.SF_DISABLE_LOG_FILE ??= "true";
  sdrPromise ??= import("./src-OPLVXGE4.js").then((m) => m.default ?? m);
  return sdrPromise;
}
function makeRegistry(sdr, root) {
  try {
    return new sdr.RegistryAccess(void 0, root);
  } catch {
    return new sdr.RegistryAccess();
  }
}
function emptySide() {
  return { objects: /* @__PURE__ */ new Map(), context: /* @__PURE__ */ new Map(), parentFiles: /* @__PURE__ */ new Map(), fields: /* @__PURE__ */ new Map(), members: /* @__PURE__ */ new Map(), permissionFiles: /* @__PURE__ */ new Set(), metadataFiles: 0 };
}
async function readSide(sdr, registry, paths, source, problems, warn) {
  const side = emptySide();
  if (!paths.length) return side;
  const tree = new sdr.VirtualTreeContainer(pathDirs(paths));
  const resolve = resolverFor(sdr, registry, tree);
  const wanted = [];
  quietly(() => {
    for (const p of paths) {
      const component = resolveQuietly(resolve, p);
      if (!component) continue;
      const type = component.type.name;
      if (MODEL_TYPES.has(type)) wanted.push({ path: p, component });
      else if (PERMISSION_TYPES.has(type) || PERMISSION_TYPES.has(registry.getParentType(type.toLowerCase())?.name ?? "")) side.permissionFiles.add(p);
    }
  });
  side.metadataFiles = wanted.length + side.permissionFiles.size;
  const BATCH = 1024;
  for (let i = 0; i < wanted.length; i += BATCH) {
    const batch = wanted.slice(i, i + BATCH);
    const buffers = await Promise.all(batch.map((w) => source.read(w.path)));
    quietly(() => {
      batch.forEach((w, j) => {
        const buffer = buffers[j];
        if (!buffer) {
          problems.push({ file: w.path, line: 1, message: "its content is not in this clone (a missing git object); not checked" });
          return;
        }
        if (buffer.length > MAX_FILE_BYTES) {
          problems.push({ file: w.path, line: 1, message: `file is ${Math.round(buffer.length / 1048576)} MB, larger than the ${MAX_FILE_BYTES / 1048576} MB limit; not checked` });
          return;
        }
        extract(side, w.path, w.component, decodeText(buffer, w.path, warn), problems);
      });
    });
  }
  return side;
}
async function readContext(side, fields, source) {
  const exemptBefore = (c) => c.before !== void 0 && (c.before.required || c.before.type === "MasterDetail");
  const wanted = new Set(fields.filter((c) => c.kind === "added" || c.kind === "modified" && exemptBefore(c)).map((c) => c.after.object.toLowerCase()));
  const missing = [...side.parentFiles].filter(([key]) => wanted.has(key) && !side.objects.has(key));
  const buffers = await Promise.all(missing.map(([, { file }]) => source.read(file)));
  missing.forEach(([key, { file, name }], i) => {
    const buffer = buffers[i];
    if (!buffer || buffer.length > MAX_FILE_BYTES) return;
    const scan2 = scanXml(decodeText(buffer, file, () => void 0));
    if (scan2.error || scan2.root?.name !== "CustomObject") return;
    const value = toJson(scan2.root);
    side.context.set(key, objectModel(name, file, "source", typeof value === "object" && !Array.isArray(value) ? value : {}, scan2.root));
  });
}
function extract(side, p, component, text, problems) {
  const scan2 = scanXml(text);
  if (scan2.error) {
    problems.push({ file: p, line: scan2.error.line, message: `malformed XML: ${scan2.error.message}` });
    return;
  }
  const typeName = component.type.name;
  if (scan2.root.name !== typeName) {
    problems.push({ file: p, line: scan2.root.line, message: `expected a <${typeName}> root element, found <${scan2.root.name}>` });
    return;
  }
  const value = toJson(scan2.root);
  const body = typeof value === "object" && !Array.isArray(value) ? value : {};
  const format = p.endsWith("-meta.xml") ? "source" : "mdapi";
  if (typeName === "CustomObject") {
    const name = stripNamespaceTokens(component.fullName);
    side.objects.set(name.toLowerCase(), objectModel(name, p, format, body, scan2.root));
    for (const f of inlineFields(name, body, p, scan2.root)) side.fields.set(f.fullName.toLowerCase(), f);
  } else if (typeName === "CustomField") {
    const object = stripNamespaceTokens(component.parent?.fullName ?? component.fullName.split(".")[0]);
    const fileName = stripNamespaceTokens(component.fullName.split(".").slice(1).join("."));
    const f = fieldModel(object, { fullName: fileName, ...body }, p, "source", scan2.root);
    side.fields.set(f.fullName.toLowerCase(), f);
    const parent = component.parent;
    if (parent && !parent.xml && parent.content) side.parentFiles.set(object.toLowerCase(), { file: `${parent.content}/${parent.name}.${parent.type.suffix}-meta.xml`, name: object });
  } else if (typeName === "PlatformEventChannelMember") {
    const m = channelMemberModel(stripNamespaceTokens(component.fullName), body, p, scan2.root);
    side.members.set(m.name.toLowerCase(), m);
  }
}
function resolverFor(sdr, registry, tree) {
  const resolver = new sdr.MetadataResolver(registry, tree, false);
  const internal = resolver;
  if (typeof internal.resolveComponent === "function") {
    internal.forceIgnore = new sdr.ForceIgnore();
    return (p) => internal.resolveComponent(p, true);
  }
  return (p) => resolver.getComponentsFromPath(p)[0];
}
function resolveQuietly(resolve, p) {
  try {
    return resolve(p);
  } catch {
    return void 0;
  }
}
function compare(before, after) {
  const keys = [.../* @__PURE__ */ new Set([...before.keys(), ...after.keys()])].sort();
  const out = [];
  for (const k of keys) {
    const b = before.get(k);
    const a = after.get(k);
    let kind;
    if (a && !b) kind = "added";
    else if (b && !a) kind = "deleted";
    else if (isDeepStrictEqual(stripLines(b), stripLines(a))) continue;
    else kind = "modified";
    out.push({ kind, before: b, after: a });
  }
  return out;
}
function stripLines(m) {
  const { raw, file: _file, lines: _lines, ...rest } = m;
  return raw ?? rest;
}
var utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
function decodeText(buffer, file, warn) {
  try {
    return utf8.decode(buffer);
  } catch {
    warn(`${file}: not valid UTF-8; read as Latin-1`);
    return buffer.toString("latin1");
  }
}
function pathDirs(paths) {
  const dirs = /* @__PURE__ */ new Map();
  for (const file of paths) {
    let child2 = path5.posix.basename(file);
    for (let d = path5.posix.dirname(file); ; d = path5.posix.dirname(d)) {
      let set = dirs.get(d);
      const known = set !== void 0;
      if (!set) dirs.set(d, set = /* @__PURE__ */ new Set());
      set.add(child2);
      if (known || d === "." || d === "/") break;
      child2 = path5.posix.basename(d);
    }
  }
  return [...dirs].map(([dirPath, children]) => ({ dirPath, children: [...children] }));
}
function quietly(fn) {
  const original = process.emitWarning;
  process.emitWarning = (() => void 0);
  try {
    fn();
  } finally {
    process.emitWarning = original;
  }
}

// src/engine.ts
async function scan(opts) {
  const t = timer();
  const changes = await collectChanges({ dir: opts.dir, base: opts.base, head: opts.head, all: opts.all, event: opts.event, fetch: opts.fetch, log: opts.log.info });
  try {
    const notes = [...changes.set.notes];
    for (const s of changes.skipped) opts.log.info(`skipped ${s}`);
    const config = loadConfig({ root: changes.root, path: opts.config, ruleIds: RULE_IDS });
    const projectDir = path6.relative(changes.root, realpathSync(path6.resolve(opts.dir))).split(path6.sep).join("/");
    const { info: project, warnings } = await readProject(changes.root, changes.head, projectDir.startsWith("..") ? "" : projectDir);
    warnings.forEach(opts.log.warning);
    if (config.namespace) project.namespace = config.namespace;
    const forceIgnored = await loadForceIgnore(changes.head, project.projectDir);
    const includePath = projectPathFilter(project, forceIgnored, pathFilter(config));
    t("changes");
    const delta = await buildDelta({ changes, project, includePath, warn: opts.log.warning });
    t("metadata");
    if (delta.stats.metadataFiles === 0 && delta.problems.length === 0) notes.push("Nothing to check: the change has no object, field or permission metadata.");
    let access = UNKNOWN_ACCESS;
    const accessModule = await import("./access-A6PO3EOL.js");
    if (accessModule.integrationUserConfigured(config.integrationUser)) {
      access = await accessModule.buildRepoAccess({ config: config.integrationUser, head: changes.head, base: changes.base, project, delta, warn: opts.log.warning });
    }
    let org;
    const asked = touched(delta);
    if (opts.org && hasCredentials(opts.org) && (asked.objects.length > 0 || opts.org.required)) {
      const { loadOrg } = await import("./facts-CP5DYUTH.js");
      const { mergeAccess } = await import("./merge-EIANP6MM.js");
      const r = await loadOrg(opts.org, asked, opts.log);
      org = r.facts;
      access = mergeAccess(access, r.access);
      notes.push(...r.warnings);
      if (r.facts) notes.push(`Live org consulted read-only: ${r.apiCalls} API call${r.apiCalls === 1 ? "" : "s"}. Access the pull request grants and access the org grants both count.`);
    }
    if (!access.known) notes.push(accessModule.accessNotConfiguredSentence(config.file));
    t("access and org");
    const ctx = { delta, project, full: changes.set.mode === "full", access, org };
    const today = opts.today ?? (/* @__PURE__ */ new Date()).toISOString().slice(0, 10);
    const hits = runRules(RULES, ctx);
    t("rules");
    const findings = finalize(applyConfig([...problemFindings(delta.problems), ...hits], config, today));
    t("findings");
    const fixed = opts.fix ? accessModule.writeFixes({ root: changes.root, target: access.grantTarget(), grants: accessModule.grantsFromFindings(findings, delta), warn: opts.log.warning }) : [];
    for (const f of fixed) opts.log.info(`fix: wrote the missing grants into ${f}`);
    const report = buildReport(changes.set.base, changes.set.head, findings);
    return {
      report,
      findings,
      changes: changes.set,
      project,
      delta,
      root: changes.root,
      notes,
      changedFiles: new Set(changes.set.files.map((f) => f.path)),
      config,
      access,
      fixed
    };
  } finally {
    changes.close();
  }
}
function hasCredentials(o) {
  return Boolean(o.authUrl || o.accessToken || o.jwtKey || o.required);
}
function touched(delta) {
  const objects = /* @__PURE__ */ new Set();
  const fields = /* @__PURE__ */ new Set();
  for (const c of delta.objects) if (c.after) objects.add(c.after.name);
  for (const c of delta.fields) {
    if (!c.after) continue;
    objects.add(c.after.object);
    fields.add(c.after.fullName);
  }
  const namespaces = new Set([...objects].map(namespaceOf).filter((n) => !!n));
  return { objects: [...objects].sort(), fields: [...fields].sort(), namespaces: [...namespaces].sort() };
}
function timer() {
  if (!process.env.SF_BACKUP_GUARD_TIMING) return () => void 0;
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    process.stderr.write(`timing: ${stage} ${(now - last).toFixed(0)} ms
`);
    last = now;
  };
}

export {
  ChangesError,
  TOOL_NAME,
  TOOL_VERSION,
  renderJson,
  scan
};
