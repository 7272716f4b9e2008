#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('copysnapshot-conformance: not built yet; run `npm install` (or `npm run build`) in the package folder\n');
  process.exit(2);
}
// a closed pipe (`| head`, or a parent such as npx that died) must not crash a run that still has to clean up:
// what can no longer be printed is dropped, and the run goes on to its cleanup and reports
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error && error.code !== 'EPIPE') throw error;
  });
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
