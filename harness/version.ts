// The package's own files, found from this module in the source tree (harness/) and in the build
// (dist/harness/); and the tool's version, read from package.json (one source of truth) without loading the
// engine, so `--version` and `--help` start in milliseconds.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `relative` (from the package root) as a path, or undefined when neither layout has it. */
export function packageFile(relative: string): string | undefined {
  for (const up of ['../', '../../']) {
    const file = fileURLToPath(new URL(up + relative, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

function readVersion(): string {
  const file = packageFile('package.json');
  try {
    const pkg = file ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }) : {};
    if (pkg.name === 'copysnapshot-conformance' && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // unreadable: the fallback below
  }
  return '0.0.0-unknown';
}

export const toolVersion = readVersion();
