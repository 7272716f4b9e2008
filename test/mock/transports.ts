// The reference mock through both transports: msw in-process (setupServer) and the real HTTP server,
// each driven by the real SDK (maxAttempts 1, dummy credentials) and by raw fetch.
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createReferenceMock, startMockServer, type MockServer, type ReferenceMock } from '../../mock/index.js';
import type { MockOptions } from '../../mock/handlers.js';

export const inProcessUrl = 'https://elasticache.mock.test';
const credentials = { accessKeyId: 'AKIDMOCKTEST', secretAccessKey: 'mock-test-secret' };

export interface Transport {
  name: string;
  url(): string;
  mock(): ReferenceMock;
  client(): ElastiCacheClient;
}

export function sdkClient(endpoint: string): ElastiCacheClient {
  return new ElastiCacheClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
}

/** Both transports over fresh mocks (reset before each test); `clock.now` drives the settle timer when set. */
export function useTransports(options: MockOptions = {}): { transports: Transport[]; clock: { now?: number } } {
  const clock: { now?: number } = {};
  const withClock = { settleMs: 0, ...options, now: () => clock.now ?? Date.now() };
  const inProcess = createReferenceMock({ ...withClock, baseUrl: inProcessUrl });
  const overHttp = createReferenceMock(withClock);
  const msw = setupServer(...inProcess.handlers);
  let server: MockServer | undefined;
  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'bypass' });
    server = await startMockServer({ handlers: overHttp.handlers });
  });
  afterAll(async () => {
    msw.close();
    await server?.close();
  });
  beforeEach(() => {
    delete clock.now;
    inProcess.reset();
    overHttp.reset();
  });
  const transports: Transport[] = [
    { name: 'msw in-process', url: () => inProcessUrl, mock: () => inProcess, client: () => sdkClient(inProcessUrl) },
    { name: 'HTTP server', url: () => server!.url, mock: () => overHttp, client: () => sdkClient(server!.url) },
  ];
  return { transports, clock };
}

export interface Failure {
  name?: string;
  code?: string;
  status?: number;
  message?: string;
  type?: string;
}

/** The SDK error of a request that must fail. */
export async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (e) {
    const err = e as { name?: string; Code?: string; Type?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, code: err.Code, status: err.$metadata?.httpStatusCode, message: err.message, type: err.Type };
  }
  throw new Error('expected the request to fail');
}

/** POST a raw form body. */
export function post(url: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}
