import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';

// src/types.ts
var SEVERITIES = ["error", "warning", "notice"];
var SEVERITY_RANK = { error: 0, warning: 1, notice: 2 };

// src/text.ts
function plural(n, word) {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
function countsLine(s, bold = false) {
  const b = (x) => bold ? x.replace(/^(\S+)/, "**$1**") : x;
  return [b(plural(s.error, "error")), b(plural(s.warning, "warning")), b(plural(s.notice, "notice"))].join(bold ? " \xB7 " : ", ");
}
function escapeCell(text) {
  return text.replace(/\s+/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").trim();
}

export {
  SEVERITIES,
  SEVERITY_RANK,
  plural,
  countsLine,
  escapeCell
};
