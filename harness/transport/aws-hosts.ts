// Which endpoints are real AWS. Decided from the URL alone: nothing is resolved or sent to decide it.

/** AWS partitions' DNS suffixes (commercial, China, dual-stack). */
const awsSuffixes = ['amazonaws.com', 'amazonaws.com.cn', 'api.aws'];

export function isAwsHost(hostname: string): boolean {
  // "elasticache.us-east-1.amazonaws.com." (trailing dot) is the same host
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  return awsSuffixes.some((s) => host === s || host.endsWith(`.${s}`));
}

/** True for an AWS endpoint URL; false for anything else, including text that is not a URL. */
export function isAwsEndpoint(endpoint: string): boolean {
  try {
    return isAwsHost(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** The region in an AWS host name, e.g. elasticache.eu-west-1.amazonaws.com → eu-west-1. */
export function regionOfHost(hostname: string): string | undefined {
  return /(?:^|\.)([a-z]{2}(?:-[a-z]+)+-\d{1,2})\./.exec(hostname.toLowerCase())?.[1];
}

/** The public endpoint of ElastiCache in `region`. */
export function awsEndpointFor(region: string): string {
  return region.startsWith('cn-') ? `https://elasticache.${region}.amazonaws.com.cn` : `https://elasticache.${region}.amazonaws.com`;
}

/** Safe to print: scheme, host, port and path; no user:password, no query, no fragment. */
export function labelOf(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
