import { createRequire as __sfbgCreateRequire } from 'node:module';
import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';
import { dirname as __sfbgDirname } from 'node:path';
const require = __sfbgCreateRequire(import.meta.url);
const __filename = __sfbgFileURLToPath(import.meta.url);
const __dirname = __sfbgDirname(__filename);
process.env.SF_DISABLE_LOG_FILE ??= 'true';
import {
  require_src
} from "./chunk-EE6I57VK.js";
import "./chunk-GYF6PIJX.js";
import "./chunk-5576KT4I.js";
import "./chunk-K6R725GW.js";
export default require_src();
