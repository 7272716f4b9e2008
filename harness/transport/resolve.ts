// Which target a run talks to. Real AWS is refused without --allow-aws, decided from the flags and the URL
// alone: nothing is sent and no credential is resolved before that check.
import type { RequestHandler } from 'msw';
import { awsEndpointFor, isAwsHost, regionOfHost } from './aws-hosts.js';
import { createDirectTarget, type DirectAnswerer } from './direct.js';
import { createEmbeddedTarget } from './embedded.js';
import { redact } from '../../protocol/redact.js';
import { UsageError } from './errors.js';
import { createHandlersTarget } from './handlers-module.js';
import { createHttpTarget } from './http.js';
import type { Target } from './types.js';

export interface ResolveOptions {
  endpoint?: string;
  region?: string;
  handlers?: string;
  allowAws?: boolean;
  timeoutMs: number;
  maxBodyBytes?: number;
  defaultHandlers?: () => RequestHandler[];
  /** the run-owned reference mock's plain answerer: preferred over defaultHandlers (no Fetch round trip) */
  defaultMock?: () => DirectAnswerer;
}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The endpoint the AWS SDKs would use: explicit flag, then AWS_ENDPOINT_URL_ELASTICACHE, then AWS_ENDPOINT_URL. */
export function defaultEndpoint(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return explicit || env.AWS_ENDPOINT_URL_ELASTICACHE || env.AWS_ENDPOINT_URL || undefined;
}

/** Parse an endpoint, or say in one line what to change. */
export function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`endpoint "${redact(endpoint)}" is not a URL: give scheme and host, e.g. http://127.0.0.1:4566`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`endpoint must start with http:// or https:// (got ${url.protocol}//…)`);
  if (!url.hostname) throw new UsageError(`endpoint "${redact(endpoint)}" has no host: e.g. http://127.0.0.1:4566`);
  if (url.search || url.hash) throw new UsageError('endpoint must not carry a ?query or #fragment: requests are sent to the endpoint path itself');
  return url;
}

function validRegion(region: string): string {
  if (!regionPattern.test(region)) throw new UsageError(`--region "${region}" is not an AWS region name (e.g. us-east-1)`);
  return region;
}

function refuseAws(host: string): never {
  throw new UsageError(`${host} is real AWS: refusing to send anything without --allow-aws (run \`plan\` to see what a run would create)`);
}

export async function resolveTarget(options: ResolveOptions): Promise<Target> {
  const common = { timeoutMs: options.timeoutMs, ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}) };
  if (options.handlers) {
    if (options.endpoint) throw new UsageError('pass either --endpoint or --handlers, not both');
    return createHandlersTarget(options.handlers, { ...common, ...(options.region ? { region: validRegion(options.region) } : {}) });
  }
  const endpoint = defaultEndpoint(options.endpoint);
  if (endpoint === undefined) {
    if (options.region !== undefined) {
      // a region and no endpoint: the SDK default, i.e. real AWS
      const region = validRegion(options.region);
      const url = new URL(awsEndpointFor(region));
      if (!options.allowAws) refuseAws(url.host);
      return createHttpTarget(url.href, { ...common, region });
    }
    if (options.defaultMock) return createDirectTarget(options.defaultMock(), common);
    if (!options.defaultHandlers) throw new UsageError('no target: pass --endpoint URL, --handlers MODULE or --region');
    return createEmbeddedTarget(options.defaultHandlers(), common);
  }
  const url = parseEndpoint(endpoint);
  if (isAwsHost(url.hostname) && !options.allowAws) refuseAws(url.host);
  const region = options.region !== undefined ? validRegion(options.region) : regionOfHost(url.hostname);
  return createHttpTarget(url.href, { ...common, ...(region !== undefined ? { region } : {}) });
}
