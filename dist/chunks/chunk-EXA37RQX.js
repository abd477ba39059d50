import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';

// src/access/names.ts
var NOT_BACKED_UP = ["__b", "__e", "__x", "__mdt"];
function notBackedUpAnyway(object) {
  const o = object.toLowerCase();
  return NOT_BACKED_UP.some((s) => o.endsWith(s));
}
function isCustomField(fieldName) {
  return fieldName.toLowerCase().endsWith("__c");
}
function customSettingNames(delta) {
  const out = new Set(delta.customSettings ?? []);
  for (const c of delta.objects) {
    const m = c.after ?? c.before;
    if (m?.customSettingsType) out.add(m.name.toLowerCase());
  }
  return out;
}

// src/metadata/lines.ts
var TAG = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>/g;
function scanXml(text) {
  const root = { name: "#document", line: 0, children: [], text: "", start: 0, openEnd: 0, closeStart: text.length, end: text.length };
  const stack = [root];
  let line = 1;
  let last = 0;
  let prevEnd = 0;
  let m;
  TAG.lastIndex = 0;
  while (m = TAG.exec(text)) {
    const bad2 = strayCharacter(text, prevEnd, m.index);
    if (bad2) return { root: root.children[0], error: { line: line + countNewlines(text, last, bad2.at), message: bad2.message } };
    line += countNewlines(text, last, m.index);
    last = m.index;
    prevEnd = m.index + m[0].length;
    const top = stack[stack.length - 1];
    if (m[2] === void 0) continue;
    if (m[1]) {
      const node2 = stack.pop();
      if (!node2 || stack.length === 0 || node2.name !== localName(m[2])) {
        const expected = node2 && stack.length ? `</${node2.name}> (opened on line ${node2.line})` : "no closing tag";
        return { root: root.children[0], error: { line, message: `unexpected closing tag </${m[2]}>; expected ${expected}` } };
      }
      node2.closeStart = m.index;
      node2.end = m.index + m[0].length;
      if (!node2.children.length) node2.text = decode(text.slice(node2.openEnd, m.index));
      continue;
    }
    if (stack.length === 1 && root.children.length) {
      return { root: root.children[0], error: { line, message: `a second root element <${m[2]}> after the first one` } };
    }
    const openEnd = m.index + m[0].length;
    const node = { name: localName(m[2]), line, children: [], text: "", start: m.index, openEnd, closeStart: openEnd, end: openEnd };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  const bad = strayCharacter(text, prevEnd, text.length);
  if (bad) return { root: root.children[0], error: { line: line + countNewlines(text, last, bad.at), message: bad.message } };
  line += countNewlines(text, last, text.length);
  if (stack.length > 1) {
    const open = stack[stack.length - 1];
    return { root: root.children[0], error: { line, message: `file ends before <${open.name}> (opened on line ${open.line}) is closed` } };
  }
  if (!root.children.length) return { error: { line: 1, message: "no XML element found" } };
  return { root: root.children[0] };
}
var ENTITY = /&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
function strayCharacter(text, from, to) {
  const lt = text.indexOf("<", from);
  if (lt !== -1 && lt < to) {
    const conflict = text.startsWith("<<<<<<<", lt);
    return { at: lt, message: conflict ? "a merge-conflict marker (<<<<<<<) is in the file" : "a '<' that does not start a tag (write &lt; in text)" };
  }
  for (let amp = text.indexOf("&", from); amp !== -1 && amp < to; amp = text.indexOf("&", amp + 1)) {
    ENTITY.lastIndex = amp;
    if (!ENTITY.test(text)) return { at: amp, message: "a bare '&' (write &amp; in text)" };
  }
  return void 0;
}
function countNewlines(s, from, to) {
  let n = 0;
  for (let i = s.indexOf("\n", from); i !== -1 && i < to; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
function localName(name) {
  const i = name.indexOf(":");
  return i >= 0 ? name.slice(i + 1) : name;
}
var ENTITIES = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
function decode(s) {
  if (s.includes("<")) s = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->/g, "$1");
  if (!s.includes("&")) return s.trim();
  return s.replace(
    /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|quot|apos|amp);/g,
    (m, e) => e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e] ?? m
  ).trim();
}
function toJson(node) {
  if (!node.children.length) return node.text;
  const out = {};
  for (const c of node.children) {
    const v = toJson(c);
    const prev = out[c.name];
    if (prev === void 0) out[c.name] = v;
    else if (Array.isArray(prev) && repeated.has(prev)) prev.push(v);
    else {
      const list = [prev, v];
      repeated.add(list);
      out[c.name] = list;
    }
  }
  return out;
}
var repeated = /* @__PURE__ */ new WeakSet();
function childLines(node, prefix = "") {
  const lines = {};
  if (!node) return lines;
  if (!prefix) lines[""] = node.line;
  for (const c of node.children) {
    const key = prefix + c.name;
    if (lines[key] === void 0) lines[key] = c.line;
  }
  return lines;
}
function child(node, name) {
  return node?.children.find((c) => c.name === name);
}

// src/metadata/names.ts
var NAMESPACE_TOKENS = /___NAMESPACE___|%%%NAMESPACE%%%|%%%NAMESPACED_ORG%%%|%%%NAMESPACE_DOT%%%/g;
function stripNamespaceTokens(name) {
  return name.includes("NAMESPACE") ? name.replace(NAMESPACE_TOKENS, "") : name;
}
var SUFFIX_KINDS = [
  ["__ChangeEvent", "change-event"],
  ["__DataCategorySelection", "knowledge"],
  ["__ViewStat", "knowledge"],
  ["__VoteStat", "knowledge"],
  ["__History", "history"],
  ["__Share", "share"],
  ["__Feed", "feed"],
  ["__Tag", "tag"],
  ["__mdt", "custom-metadata"],
  ["__kav", "knowledge"],
  ["__ka", "knowledge"],
  ["__dlm", "data-cloud"],
  ["__dll", "data-cloud"],
  ["__hd", "historical-trending"],
  ["__xo", "external"],
  ["__pc", "person-account"],
  ["__pr", "person-account"],
  ["__b", "big"],
  ["__e", "event"],
  ["__x", "external"],
  ["__c", "custom"]
];
function objectKind(name) {
  for (const [suffix, kind] of SUFFIX_KINDS) if (name.endsWith(suffix)) return kind;
  return name.includes("__") ? "unknown-suffix" : "standard";
}
function namespaceOf(name) {
  const parts = name.split("__");
  return parts.length >= 3 && parts[0] ? parts[0] : void 0;
}

// src/access/xml.ts
function scanXml2(text) {
  const r = scanXml(text);
  return r.error ? void 0 : r.root;
}
function childText(el, name) {
  return el.children.find((c) => c.name === name)?.text.trim();
}
function escapeXml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// src/access/messages.ts
function grantXml(grant) {
  return grantLines(grant, "", "").join("");
}
function grantLines(grant, outer, inner) {
  const n = escapeXml(grant.name);
  switch (grant.kind) {
    case "field":
      return [
        `${outer}<fieldPermissions>`,
        `${inner}<editable>false</editable>`,
        `${inner}<field>${n}</field>`,
        `${inner}<readable>true</readable>`,
        `${outer}</fieldPermissions>`
      ];
    case "object":
      return [
        `${outer}<objectPermissions>`,
        `${inner}<allowCreate>false</allowCreate>`,
        `${inner}<allowDelete>false</allowDelete>`,
        `${inner}<allowEdit>false</allowEdit>`,
        `${inner}<allowRead>true</allowRead>`,
        `${inner}<modifyAllRecords>false</modifyAllRecords>`,
        `${inner}<object>${n}</object>`,
        `${inner}<viewAllRecords>false</viewAllRecords>`,
        `${outer}</objectPermissions>`
      ];
    case "customSetting":
      return [`${outer}<customSettingAccesses>`, `${inner}<enabled>true</enabled>`, `${inner}<name>${n}</name>`, `${outer}</customSettingAccesses>`];
  }
}
function grantFix(grant, target) {
  const xml = grantXml(grant);
  if (!target) return `Add ${xml} to a permission set assigned to the Salesforce Backup integration user.`;
  const who = `${target.kind === "Profile" ? "profile" : "permission set"} ${target.name}`;
  if (!target.file) return `Add ${xml} to ${who} (it is not in this repository, so change it in the org).`;
  return `Add ${xml} to ${who} (${target.file}).`;
}
function accessNotConfiguredSentence(configFile = ".github/sf-backup-guard.yml") {
  return `Integration user access was not checked, because no permission sets, permission set groups or profile are configured for the Salesforce Backup integration user: add "integration-user: { permission-sets: [Your_Backup_Permission_Set] }" to ${configFile} (see docs/configuration.md) to turn on the object-access and field-access checks.`;
}

export {
  stripNamespaceTokens,
  objectKind,
  namespaceOf,
  notBackedUpAnyway,
  isCustomField,
  customSettingNames,
  scanXml,
  toJson,
  childLines,
  child,
  scanXml2,
  childText,
  grantXml,
  grantLines,
  grantFix,
  accessNotConfiguredSentence
};
