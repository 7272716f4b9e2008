// The run configuration: defaults, the config-file shape, and merging flags over a file.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BucketCondition, Fixtures } from '../specs/types.js';
import { bucketConditions } from '../specs/messages.js';
import { isRuleId, type RuleId } from '../specs/rules.js';
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
  /** write every exchange of the run to this HAR 1.2 file (redacted) */
  har?: string;
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
  /** rule ID → reason; every key is a rule of the contract (checked when read) */
  expectFailures: Partial<Record<RuleId, string>>;
  timeoutMs: number;
  concurrency: number;
  reports: string;
  allowAws: boolean;
  maxCreates?: number;
  har?: string;
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
  if (!statSync(candidate).isFile()) throw new UsageError(`config file ${file ?? candidate} is not a file`);
  let loaded: unknown;
  try {
    if (candidate.endsWith('.json')) {
      loaded = JSON.parse(await readFile(candidate, 'utf8')) as unknown;
    } else if (candidate.endsWith('.ts')) {
      const { runnerImport } = await import('vite');
      loaded = (await runnerImport<{ default?: unknown }>(candidate)).module;
    } else {
      loaded = await import(pathToFileURL(candidate).href);
    }
  } catch (error) {
    throw new UsageError(`config file ${path.basename(candidate)} failed to load: ${firstLine(error)}`);
  }
  const config = candidate.endsWith('.json') ? loaded : ((loaded as { default?: unknown }).default ?? loaded);
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
  har: 'string',
};

const fixtureKeys: Record<keyof Fixtures, string> = {
  sourceSnapshot: 'string',
  pendingSnapshot: 'string',
  exportBucket: 'string',
  buckets: 'object',
  existingExportTarget: 'string',
  snapshotQuota: 'number',
  cluster: 'string',
};

/** The largest delay setTimeout takes; a longer one fires at once. */
export const maxTimerMs = 2_147_483_647;

export interface IntRange {
  /** the command-line flag (without `--`) */
  flag: string;
  min: number;
  max: number;
}

/** The sensible range of every whole-number setting, for flags and config files alike. */
export const intRanges = {
  numRuns: { flag: 'num-runs', min: 1, max: 1_000_000 },
  seed: { flag: 'seed', min: 0, max: 2_147_483_647 },
  timeoutMs: { flag: 'timeout-ms', min: 1, max: maxTimerMs },
  concurrency: { flag: 'concurrency', min: 1, max: 1_024 },
  maxCreates: { flag: 'max-creates', min: 0, max: 1_000_000 },
  snapshotQuota: { flag: 'snapshot-quota', min: 0, max: 1_000_000 },
} as const satisfies Record<string, IntRange>;

/** `from MIN to MAX` */
export const rangeText = (r: { min: number; max: number }) => `from ${r.min} to ${r.max}`;

/** A whole number within `r`, or a one-line reason why not (`what` names the flag or key). */
export function checkInt(value: unknown, r: { min: number; max: number }, what: string): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= r.min && value <= r.max) return undefined;
  return `${what} must be a whole number ${rangeText(r)}, got ${typeof value === 'string' ? JSON.stringify(value) : describeValue(value)}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return String(value);
}

/** `a number`, `an object`; longer wants (`a non-empty string …`) and `null`/`undefined` stay as they are. */
const article = (type: string) => (type.includes(' ') || type === 'null' || type === 'undefined' ? type : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`);

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const known = (table: object, key: string) => Object.hasOwn(table, key);

/** Check the shape of a loaded config: unknown keys and wrong types, at any depth, are usage errors naming the key path. */
export function validateConfig(config: unknown, name: string): ConformanceConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new UsageError(`${name} must export an object (use \`export default defineConfig({ … })\`)`);
  const fail = (message: string): never => {
    throw new UsageError(`${name}: ${message}`);
  };
  const wrongType = (keyPath: string, want: string, value: unknown): never => fail(`option "${keyPath}" must be ${want.split('|').map(article).join(' or ')}, got ${article(typeOf(value))}`);
  for (const [key, value] of Object.entries(config)) {
    if (!known(configKeys, key)) fail(`unknown option "${key}" (known: ${Object.keys(configKeys).join(', ')})`);
    // an explicit `undefined` (e.g. from an unset environment variable) means "not set"
    if (value === undefined) continue;
    const want = configKeys[key as keyof ConformanceConfig];
    if (!want.split('|').includes(typeOf(value))) wrongType(key, want, value);
    if (known(intRanges, key)) {
      const why = checkInt(value, intRanges[key as keyof typeof intRanges], `option "${key}"`);
      if (why) fail(why);
    }
    if (key === 'rules' || key === 'skipRules')
      (value as unknown[]).forEach((v, i) => {
        if (typeof v !== 'string' || v.trim() === '') wrongType(`${key}[${i}]`, 'a non-empty string (a rule ID or family)', v);
      });
    if (key === 'expectFailures' && typeof value === 'object')
      for (const [id, reason] of Object.entries(value as object)) if (typeof reason !== 'string') wrongType(`expectFailures.${id}`, 'a string (the reason)', reason);
    if (key === 'fixtures') validateFixtures(value as object, fail, wrongType);
  }
  return config as ConformanceConfig;
}

function validateFixtures(fixtures: object, fail: (m: string) => never, wrongType: (keyPath: string, want: string, value: unknown) => never): void {
  for (const [key, value] of Object.entries(fixtures)) {
    if (!known(fixtureKeys, key)) fail(`unknown option "fixtures.${key}" (known: ${Object.keys(fixtureKeys).join(', ')})`);
    if (value === undefined) continue;
    const want = fixtureKeys[key as keyof Fixtures];
    if (typeOf(value) !== want) wrongType(`fixtures.${key}`, want, value);
    if (want === 'string' && (value as string).trim() === '') fail(`option "fixtures.${key}" must not be empty`);
    if (key === 'snapshotQuota') {
      const why = checkInt(value, intRanges.snapshotQuota, 'option "fixtures.snapshotQuota"');
      if (why) fail(why);
    }
    if (key === 'buckets')
      for (const [condition, bucket] of Object.entries(value as object)) {
        if (!bucketConditions.includes(condition as BucketCondition)) fail(`unknown bucket condition "fixtures.buckets.${condition}" (known: ${bucketConditions.join(', ')})`);
        if (typeof bucket !== 'string' || bucket.trim() === '') wrongType(`fixtures.buckets.${condition}`, 'a non-empty string (a bucket name)', bucket);
      }
  }
}

/** Where a known-deviation list names no rule of the contract: a typo would otherwise excuse nothing, silently. */
function unknownRule(where: string, id: string): string {
  return `${where} names no rule: "${id}" (see \`copysnapshot-conformance rules\`)`;
}

/** The known-deviation map with its keys checked: rule ID → reason. */
function knownRules(map: Record<string, string>, where: string): Partial<Record<RuleId, string>> {
  const out: Partial<Record<RuleId, string>> = {};
  for (const [id, reason] of Object.entries(map)) {
    if (!isRuleId(id)) throw new UsageError(unknownRule(where, id));
    out[id] = reason;
  }
  return out;
}

async function readExpectFailures(value: ConformanceConfig['expectFailures']): Promise<Partial<Record<RuleId, string>>> {
  if (value === undefined) return {};
  if (typeof value !== 'string') return knownRules(value, 'option "expectFailures"');
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
    return knownRules(parsed as Record<string, string>, `--expect-failures ${value}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
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
  if (merged.har !== undefined) resolved.har = merged.har;
  checkNumbers(resolved);
  return resolved;
}

function checkNumbers(c: ResolvedConfig): void {
  for (const key of ['numRuns', 'seed', 'timeoutMs', 'concurrency', 'maxCreates'] as const) {
    if (key === 'maxCreates' && c.maxCreates === undefined) continue;
    const why = checkInt(c[key], intRanges[key], `--${intRanges[key].flag}`);
    if (why) throw new UsageError(why);
  }
  if (c.fixtures.snapshotQuota !== undefined) {
    const why = checkInt(c.fixtures.snapshotQuota, intRanges.snapshotQuota, '--snapshot-quota');
    if (why) throw new UsageError(why);
  }
  for (const key of Object.keys(c.fixtures.buckets ?? {}))
    if (!bucketConditions.includes(key as BucketCondition))
      throw new UsageError(`unknown bucket condition "${key}" (known: ${bucketConditions.join(', ')})`);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
