// The tool's version, read from its package.json (one source of truth), without loading the engine:
// `--version` and `--help` start in milliseconds.
import { readFileSync } from 'node:fs';

function readVersion(): string {
  // source (harness/) and build (dist/harness/) sit one or two folders below the package root
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'copysnapshot-conformance' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: try the next folder up
    }
  }
  return '0.0.0-unknown';
}

export const toolVersion = readVersion();
