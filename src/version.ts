/** Kept equal to package.json `version` (a test checks it); inlined so the bundle needs no file reads. */
export const TOOL_NAME = 'sf-backup-guard'
export const TOOL_VERSION = '0.1.0'
