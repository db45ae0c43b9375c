// build.mjs: bundle the browser code into one static file per entry point
// (no eval, no inline script: it runs under CSP script-src 'self').
// Usage: node build.mjs OUTDIR [NODE_MODULES_DIR]
// NODE_MODULES_DIR lets an out-of-tree build (make distcheck) use the
// packages installed by scripts/install-deps in the source tree.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? join(here, 'dist'));
const modules = resolve(process.argv[3] ?? join(here, 'node_modules'));
const require = createRequire(join(modules, 'noop.js'));
const { build } = require('esbuild');

await build({
  entryPoints: { isoloir: join(here, 'src', 'main.js') },
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  legalComments: 'none',
  nodePaths: [modules],
  outdir,
  logLevel: 'warning',
});
