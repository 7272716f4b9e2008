// `--handlers MODULE`: a user's msw handlers, run in-process. Every way the module can be wrong is a UsageError.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'msw';
import { createEmbeddedTarget } from './embedded.js';
import { firstLine, UsageError } from './errors.js';
import type { Target } from './types.js';

function isRequestHandler(value: unknown, Handler: typeof RequestHandler): value is RequestHandler {
  if (value instanceof Handler) return true;
  // a second copy of msw (the module's own node_modules) fails instanceof; accept the same shape
  const v = value as { run?: unknown; info?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.run === 'function' && typeof v.info === 'object';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? `an ${type}` : `a ${type}`;
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  if (/\.[cm]?ts$/.test(file)) {
    // Node 20 cannot import TypeScript; vite (vitest's own dependency) transpiles it on the fly
    const { runnerImport } = await import('vite');
    return (await runnerImport<Record<string, unknown>>(file, { configFile: false, logLevel: 'silent' })).module;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** Import `modulePath` and return its msw handlers (`handlers` export, else the default export). */
export async function loadHandlersModule(modulePath: string): Promise<RequestHandler[]> {
  const file = path.resolve(modulePath);
  const name = `--handlers ${modulePath}`;
  const found = await stat(file).catch(() => undefined);
  if (!found?.isFile()) throw new UsageError(`${name}: no such file (resolved to ${file})`);
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (error) {
    throw new UsageError(`${name}: cannot import it (${firstLine(error)})`);
  }
  const exportName = 'handlers' in mod && mod.handlers !== undefined ? 'handlers' : 'default';
  const handlers = mod[exportName];
  if (handlers === undefined) {
    const names = Object.keys(mod);
    throw new UsageError(`${name}: export the msw handlers as \`handlers\` or as the default export (it exports ${names.length ? names.join(', ') : 'nothing'})`);
  }
  if (!Array.isArray(handlers)) throw new UsageError(`${name}: the \`${exportName}\` export is ${describe(handlers)}, not an array of msw request handlers`);
  if (handlers.length === 0) throw new UsageError(`${name}: the \`${exportName}\` export is an empty array`);
  // msw is loaded here, not at import: a run without --handlers never needs it
  const { RequestHandler: Handler } = await import('msw');
  const bad = handlers.findIndex((h) => !isRequestHandler(h, Handler));
  if (bad >= 0) throw new UsageError(`${name}: \`${exportName}\`[${bad}] is ${describe(handlers[bad])}, not an msw request handler (make it with http.post(…) / http.all(…))`);
  return handlers as RequestHandler[];
}

export interface HandlersTargetOptions {
  /** default 10 s */
  timeoutMs?: number;
  maxBodyBytes?: number;
  region?: string;
}

/** An in-process target over the handlers a user module exports. */
export async function createHandlersTarget(modulePath: string, options: HandlersTargetOptions = {}): Promise<Target> {
  const handlers = await loadHandlersModule(modulePath);
  return createEmbeddedTarget(handlers, {
    kind: 'handlers',
    label: `handlers ${path.basename(modulePath)}`,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
  });
}
