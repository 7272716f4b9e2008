// Which target a run talks to; AWS is refused without --allow-aws, before anything is sent.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'msw';
import { UsageError } from '../errors.js';
import { createEmbeddedTarget } from './embedded.js';
import { createHttpTarget } from './http.js';
import type { Target } from './types.js';

export interface ResolveOptions {
  endpoint?: string;
  region?: string;
  handlers?: string;
  allowAws?: boolean;
  timeoutMs: number;
  defaultHandlers?: () => RequestHandler[];
}

const awsSuffixes = ['.amazonaws.com', '.amazonaws.com.cn', '.api.aws'];

export function isAwsEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname.toLowerCase();
    return awsSuffixes.some((s) => host.endsWith(s)) || host === 'api.aws';
  } catch {
    return false;
  }
}

/** The region in an AWS host name, e.g. elasticache.eu-west-1.amazonaws.com. */
function regionOf(host: string): string | undefined {
  return /elasticache[.-]([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(host)?.[1];
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint "${endpoint}" is not a URL; use e.g. http://127.0.0.1:4566`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be http:// or https://, got ${url.protocol}`);
  if (!url.hostname) throw new UsageError(`--endpoint "${endpoint}" has no host`);
  return url;
}

async function loadHandlers(modulePath: string): Promise<RequestHandler[]> {
  const file = path.resolve(modulePath);
  let mod: Record<string, unknown>;
  try {
    mod = file.endsWith('.ts') ? ((await (await import('vite')).runnerImport(file)).module as Record<string, unknown>) : ((await import(pathToFileURL(file).href)) as Record<string, unknown>);
  } catch (error) {
    throw new UsageError(`--handlers ${modulePath}: cannot import it (${String((error as Error)?.message ?? error).split('\n')[0]})`);
  }
  const handlers = mod.handlers ?? mod.default;
  const ok = Array.isArray(handlers) && handlers.length > 0 && handlers.every((h) => typeof h === 'object' && h !== null && typeof (h as { run?: unknown }).run === 'function');
  if (!ok) throw new UsageError(`--handlers ${modulePath}: export an array of msw request handlers as \`handlers\` or as the default export`);
  return handlers as RequestHandler[];
}

export async function resolveTarget(options: ResolveOptions): Promise<Target> {
  if (options.handlers) {
    const handlers = await loadHandlers(options.handlers);
    return createEmbeddedTarget(handlers, { kind: 'handlers', label: `handlers:${path.basename(options.handlers)}`, timeoutMs: options.timeoutMs });
  }
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_ELASTICACHE ?? process.env.AWS_ENDPOINT_URL;
  if (!endpoint && !options.region) {
    if (!options.defaultHandlers) throw new UsageError('no target: pass --endpoint URL, --handlers MODULE or --region');
    return createEmbeddedTarget(options.defaultHandlers(), { timeoutMs: options.timeoutMs });
  }
  const url = endpoint ? parseEndpoint(endpoint) : new URL(`https://elasticache.${options.region}.amazonaws.com`);
  const aws = isAwsEndpoint(url.href);
  if (aws && !options.allowAws)
    throw new UsageError(`${url.host} is real AWS: refusing to send anything without --allow-aws (see \`plan\` for what a run would create)`);
  const region = options.region ?? regionOf(url.hostname) ?? process.env.AWS_REGION ?? 'us-east-1';
  return createHttpTarget(url.href, { region, timeoutMs: options.timeoutMs, isAws: aws });
}
