import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';

// src/access/xml.ts
var TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
function scanXml(text) {
  const top = [];
  const stack = [];
  let line = 1;
  let last = 0;
  let textBuf = "";
  let textFrom = 0;
  TOKEN.lastIndex = 0;
  let m;
  while (m = TOKEN.exec(text)) {
    line += countNewlines(text, last, m.index);
    last = m.index;
    const parent = stack[stack.length - 1];
    if (m[3] === void 0) {
      if (m[1] !== void 0 && parent) textBuf += m[1];
      continue;
    }
    const name = localName(m[3]);
    if (m[2]) {
      const el2 = stack.pop();
      if (!el2 || el2.name !== name) return void 0;
      el2.closeStart = m.index;
      el2.end = m.index + m[0].length;
      if (!el2.children.length) el2.text = decode(textBuf + text.slice(textFrom, m.index).replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, ""));
      textBuf = "";
      continue;
    }
    const el = { name, start: m.index, openEnd: m.index + m[0].length, closeStart: 0, end: 0, line, children: [], text: "" };
    (parent ? parent.children : top).push(el);
    if (m[5]) {
      el.closeStart = el.end = el.openEnd;
    } else {
      stack.push(el);
      textBuf = "";
      textFrom = el.openEnd;
    }
  }
  if (stack.length || top.length !== 1) return void 0;
  return top[0];
}
function childText(el, name) {
  return el.children.find((c) => c.name === name)?.text.trim();
}
var NAMESPACE_TOKENS = /___NAMESPACE___|%%%NAMESPACE%%%|%%%NAMESPACED_ORG%%%|%%%NAMESPACE_DOT%%%/g;
function stripNamespaceTokens(name) {
  return name.includes("NAMESPACE") ? name.replace(NAMESPACE_TOKENS, "") : name;
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
function decode(s) {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (all, e) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return e[1] === "x" ? String.fromCodePoint(parseInt(e.slice(2), 16)) : String.fromCodePoint(parseInt(e.slice(1), 10));
    }
  });
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

// src/access/names.ts
var NOT_BACKED_UP = ["__b", "__e", "__x", "__mdt"];
function notBackedUpAnyway(object) {
  const o = object.toLowerCase();
  return NOT_BACKED_UP.some((s) => o.endsWith(s));
}
function isCustomField(fieldName) {
  return fieldName.toLowerCase().endsWith("__c");
}

export {
  scanXml,
  childText,
  stripNamespaceTokens,
  grantXml,
  grantLines,
  grantFix,
  accessNotConfiguredSentence,
  notBackedUpAnyway,
  isCustomField
};
