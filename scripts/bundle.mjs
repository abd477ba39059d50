// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild. ESM with code splitting, so that
// heavy modules (SDR, jsforce, Octokit) load only when a run needs them. Output is committed; CI checks it is fresh.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })
const banner = [
  "import { createRequire as __sfbgCreateRequire } from 'node:module';",
  "import { fileURLToPath as __sfbgFileURLToPath } from 'node:url';",
  "import { dirname as __sfbgDirname } from 'node:path';",
  'const require = __sfbgCreateRequire(import.meta.url);',
  'const __filename = __sfbgFileURLToPath(import.meta.url);',
  'const __dirname = __sfbgDirname(__filename);',
  "process.env.SF_DISABLE_LOG_FILE ??= 'true';"
].join('\n')

const result = await build({
  entryPoints: { index: 'src/main.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  legalComments: 'none',
  logLevel: 'warning',
  logOverride: { 'empty-import-meta': 'silent', 'require-resolve-not-external': 'silent' },
  external: ['node:sqlite'],
  metafile: true
})
const outputs = Object.entries(result.metafile.outputs)
const total = outputs.reduce((n, [, o]) => n + o.bytes, 0)
console.log(`dist: ${outputs.length} files, ${(total / 1048576).toFixed(1)} MB`)
