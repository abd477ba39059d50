import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  COMMENT_MARKER,
  COMMENT_MAX_CHARS,
  countLine,
  renderCommentBody,
  renderFindingTables,
  upsertComment
} from "./chunk-BCPK4XCQ.js";
import "./chunk-4ZPMGG2U.js";
import {
  escapeCell,
  plural
} from "./chunk-42OHE6R2.js";
import "./chunk-K6R725GW.js";
export {
  COMMENT_MARKER,
  COMMENT_MAX_CHARS,
  countLine,
  escapeCell,
  plural,
  renderCommentBody,
  renderFindingTables,
  upsertComment
};
