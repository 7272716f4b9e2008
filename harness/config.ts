// The run configuration: defaults, the config-file shape, and merging flags over a file.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BucketCondition, Fixtures } from '../specs/types.js';
import { bucketConditions } from '../specs/messages.js';
import { UsageError } from './errors.js';

export interface ConformanceConfig {
  /** HTTP(S) endpoint; default: AWS_ENDPOINT_URL_ELASTICACHE, AWS_ENDPOINT_URL, else the embedded mock */
  endpoint?: string;
  /** AWS region; alone (no endpoint) it means real AWS */
  region?: string;
  /** a module exporting msw handlers, run in-process */
  handlers?: string;
  fixtures?: Fixtures;
  /** property cases per rule */
  numRuns?: number;
  seed?: number;
  /** rule IDs or family prefixes (`tags`, `tags.max-50`, `export.*`) to run */
  rules?: string[];
  skipRules?: string[];
  /** fail (not warn) on inferred rules */
  strict?: boolean;
  /** known deviations: rule ID → reason, or a JSON file path holding that map */
  expectFailures?: Record<string, string> | string;
  timeoutMs?: number;
  concurrency?: number;
  reports?: string;
  allowAws?: boolean;
  /** snapshots the run may create (default 3 against AWS, unlimited elsewhere) */
  maxCreates?: number;
}

/** Identity, for typed config files: `export default defineConfig({ … })`. */
export function defineConfig(config: ConformanceConfig): ConformanceConfig {
  return config;
}

export interface ResolvedConfig {
  endpoint?: string;
  region?: string;
  handlers?: string;
  fixtures: Fixtures;
  numRuns: number;
  seed: number;
  rules: string[];
  skipRules: string[];
  strict: boolean;
  expectFailures: Record<string, string>;
  timeoutMs: number;
  concurrency: number;
  reports: string;
  allowAws: boolean;
  maxCreates?: number;
}

export const defaults = {
  numRuns: 25,
  timeoutMs: 10_000,
  concurrency: 4,
  reports: 'conformance-reports',
  awsMaxCreates: 3,
} as const;

export const configFileNames = ['conformance.config.ts', 'conformance.config.mjs', 'conformance.config.js'];

/** Load `file` (or the first conformance.config.* in cwd); a broken file is a UsageError, never a stack trace. */
export async function loadConfigFile(file: string | undefined, cwd = process.cwd()): Promise<ConformanceConfig> {
  const candidate = file ? path.resolve(cwd, file) : configFileNames.map((n) => path.join(cwd, n)).find(existsSync);
  if (!candidate) return {};
  if (!existsSync(candidate)) throw new UsageError(`config file not found: ${file}`);
  let loaded: unknown;
  try {
    if (candidate.endsWith('.ts')) {
      const { runnerImport } = await import('vite');
      loaded = (await runnerImport<{ default?: unknown }>(candidate)).module;
    } else {
      loaded = await import(pathToFileURL(candidate).href);
    }
  } catch (error) {
    throw new UsageError(`config file ${path.basename(candidate)} failed to load: ${firstLine(error)}`);
  }
  const config = (loaded as { default?: unknown }).default ?? loaded;
  return validateConfig(config, path.basename(candidate));
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? 'unknown error';
}

const configKeys: Record<keyof ConformanceConfig, string> = {
  endpoint: 'string',
  region: 'string',
  handlers: 'string',
  fixtures: 'object',
  numRuns: 'number',
  seed: 'number',
  rules: 'array',
  skipRules: 'array',
  strict: 'boolean',
  expectFailures: 'object|string',
  timeoutMs: 'number',
  concurrency: 'number',
  reports: 'string',
  allowAws: 'boolean',
  maxCreates: 'number',
};

/** Check the shape of a loaded config: unknown keys and wrong types are usage errors. */
export function validateConfig(config: unknown, name: string): ConformanceConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new UsageError(`${name} must export an object (use \`export default defineConfig({ … })\`)`);
  for (const [key, value] of Object.entries(config)) {
    const want = configKeys[key as keyof ConformanceConfig];
    if (!want) throw new UsageError(`${name}: unknown option "${key}" (known: ${Object.keys(configKeys).join(', ')})`);
    const got = Array.isArray(value) ? 'array' : typeof value;
    if (!want.split('|').includes(got)) throw new UsageError(`${name}: option "${key}" must be ${want.replace('|', ' or ')}, got ${got}`);
  }
  return config as ConformanceConfig;
}

async function readExpectFailures(value: ConformanceConfig['expectFailures']): Promise<Record<string, string>> {
  if (value === undefined) return {};
  if (typeof value !== 'string') return value;
  let text: string;
  try {
    text = await readFile(value, 'utf8');
  } catch {
    throw new UsageError(`--expect-failures: cannot read ${value}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    for (const [id, reason] of Object.entries(parsed))
      if (typeof reason !== 'string') throw new Error(`reason for ${id} is not a string`);
    return parsed as Record<string, string>;
  } catch (error) {
    throw new UsageError(`--expect-failures ${value}: expected a JSON object of rule ID → reason (${firstLine(error)})`);
  }
}

/** Flags over file over defaults. */
export async function resolveConfig(file: ConformanceConfig, flags: ConformanceConfig): Promise<ResolvedConfig> {
  const merged: ConformanceConfig = { ...file, ...stripUndefined(flags), fixtures: { ...file.fixtures, ...stripUndefined(flags.fixtures ?? {}) } };
  const seed = merged.seed ?? Math.floor(Math.random() * 0x7fffffff);
  const resolved: ResolvedConfig = {
    fixtures: merged.fixtures ?? {},
    numRuns: merged.numRuns ?? defaults.numRuns,
    seed,
    rules: merged.rules ?? [],
    skipRules: merged.skipRules ?? [],
    strict: merged.strict ?? false,
    expectFailures: await readExpectFailures(merged.expectFailures),
    timeoutMs: merged.timeoutMs ?? defaults.timeoutMs,
    concurrency: merged.concurrency ?? defaults.concurrency,
    reports: merged.reports ?? defaults.reports,
    allowAws: merged.allowAws ?? false,
  };
  if (merged.endpoint !== undefined) resolved.endpoint = merged.endpoint;
  if (merged.region !== undefined) resolved.region = merged.region;
  if (merged.handlers !== undefined) resolved.handlers = merged.handlers;
  if (merged.maxCreates !== undefined) resolved.maxCreates = merged.maxCreates;
  checkNumbers(resolved);
  return resolved;
}

function checkNumbers(c: ResolvedConfig): void {
  const positive: [string, number][] = [
    ['--num-runs', c.numRuns],
    ['--timeout-ms', c.timeoutMs],
    ['--concurrency', c.concurrency],
  ];
  for (const [flag, value] of positive)
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number ≥ 1, got ${value}`);
  if (c.maxCreates !== undefined && (!Number.isInteger(c.maxCreates) || c.maxCreates < 0))
    throw new UsageError(`--max-creates must be a whole number ≥ 0, got ${c.maxCreates}`);
  if (!Number.isInteger(c.seed)) throw new UsageError(`--seed must be a whole number, got ${c.seed}`);
  for (const key of Object.keys(c.fixtures.buckets ?? {}))
    if (!bucketConditions.includes(key as BucketCondition))
      throw new UsageError(`unknown bucket condition "${key}" (known: ${bucketConditions.join(', ')})`);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
