// resolveTarget: AWS gating before anything is sent, env endpoint defaults, malformed URLs, --handlers modules.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError as HarnessUsageError } from '../../harness/errors.js';
import { createHandlersTarget, isAwsEndpoint, resolveTarget, UsageError } from '../../harness/transport/index.js';

const spies: { mockRestore(): void; mock: { calls: unknown[] } }[] = [];
/** Any socket, HTTP request or lookup fails the test. */
function forbidNetwork() {
  const fail = () => {
    throw new Error('network used');
  };
  spies.push(vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(fail), vi.spyOn(http, 'request').mockImplementation(fail), vi.spyOn(https, 'request').mockImplementation(fail));
}

beforeEach(() => {
  vi.stubEnv('AWS_ENDPOINT_URL', '');
  vi.stubEnv('AWS_ENDPOINT_URL_ELASTICACHE', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const s of spies.splice(0)) s.mockRestore();
});

async function usageError(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(2);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('AWS gating', () => {
  it.each([
    ['https://elasticache.us-east-1.amazonaws.com'],
    ['https://elasticache.cn-north-1.amazonaws.com.cn'],
    ['https://elasticache.us-east-1.api.aws'],
    ['https://ELASTICACHE.EU-WEST-1.AMAZONAWS.COM./'],
    ['http://user:pw@elasticache.us-east-1.amazonaws.com:443/path'],
  ])('refuses %s without --allow-aws, sending nothing', async (endpoint) => {
    forbidNetwork();
    const message = await usageError(resolveTarget({ endpoint, timeoutMs: 1000 }));
    expect(message).toContain('--allow-aws');
    expect(message).not.toContain('pw');
    for (const s of spies) expect(s.mock.calls).toHaveLength(0);
  });

  it('refuses --region alone (the SDK default endpoint is AWS), and an AWS endpoint from the environment', async () => {
    forbidNetwork();
    expect(await usageError(resolveTarget({ region: 'eu-central-1', timeoutMs: 1000 }))).toMatch(/elasticache\.eu-central-1\.amazonaws\.com .*--allow-aws/);
    vi.stubEnv('AWS_ENDPOINT_URL', 'https://elasticache.us-east-1.amazonaws.com');
    expect(await usageError(resolveTarget({ timeoutMs: 1000, defaultHandlers: () => [] }))).toContain('--allow-aws');
    for (const s of spies) expect(s.mock.calls).toHaveLength(0);
  });

  it('with --allow-aws builds an aws target without sending or resolving anything', async () => {
    forbidNetwork();
    const target = await resolveTarget({ region: 'us-west-2', allowAws: true, timeoutMs: 1000 });
    expect(target).toMatchObject({ kind: 'aws', isAws: true, region: 'us-west-2', label: 'https://elasticache.us-west-2.amazonaws.com' });
    const cn = await resolveTarget({ region: 'cn-north-1', allowAws: true, timeoutMs: 1000 });
    expect(cn.label).toBe('https://elasticache.cn-north-1.amazonaws.com.cn');
    for (const s of spies) expect(s.mock.calls).toHaveLength(0);
    await Promise.all([target.close(), cn.close()]);
  });

  it('isAwsEndpoint does not take look-alikes for AWS', () => {
    expect(isAwsEndpoint('https://amazonaws.com.evil.test')).toBe(false);
    expect(isAwsEndpoint('https://notamazonaws.com')).toBe(false);
    expect(isAwsEndpoint('http://127.0.0.1:4566')).toBe(false);
    expect(isAwsEndpoint('not a url')).toBe(false);
    expect(isAwsEndpoint('https://x.api.aws')).toBe(true);
  });

  it('a region that is not a region name is a usage error (it would otherwise become a host name)', async () => {
    forbidNetwork();
    expect(await usageError(resolveTarget({ region: 'evil.test/x', allowAws: true, timeoutMs: 1000 }))).toContain('--region');
  });
});

describe('endpoints', () => {
  it('honours AWS_ENDPOINT_URL_ELASTICACHE before AWS_ENDPOINT_URL, and --endpoint before both', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4001');
    expect((await resolveTarget({ timeoutMs: 1000 })).label).toBe('http://127.0.0.1:4001');
    vi.stubEnv('AWS_ENDPOINT_URL_ELASTICACHE', 'http://127.0.0.1:4002');
    const t = await resolveTarget({ timeoutMs: 1000 });
    expect(t).toMatchObject({ kind: 'http', label: 'http://127.0.0.1:4002', isAws: false });
    expect((await resolveTarget({ endpoint: 'http://localhost:4003', timeoutMs: 1000 })).label).toBe('http://localhost:4003');
  });

  it('takes the signing region from --region, else AWS_REGION', async () => {
    expect((await resolveTarget({ endpoint: 'http://127.0.0.1:1', region: 'ap-northeast-1', timeoutMs: 1000 })).region).toBe('ap-northeast-1');
    vi.stubEnv('AWS_REGION', 'sa-east-1');
    expect((await resolveTarget({ endpoint: 'http://127.0.0.1:1', timeoutMs: 1000 })).region).toBe('sa-east-1');
  });

  it.each([
    ['localhost:4566', /http:\/\/ or https:\/\//],
    ['ftp://127.0.0.1/', /http:\/\/ or https:\/\//],
    ['http://', /not a URL/],
    ['127.0.0.1', /not a URL/],
    ['http://127.0.0.1:4566/?a=1', /query/],
    ['http://admin:pa55word@', /not a URL/],
  ])('malformed endpoint %s → UsageError saying what to change', async (endpoint, pattern) => {
    const message = await usageError(resolveTarget({ endpoint, timeoutMs: 1000 }));
    expect(message).toMatch(pattern);
    expect(message).not.toContain('pa55word');
  });

  it('no endpoint, no handlers, no defaults → UsageError listing the choices', async () => {
    expect(await usageError(resolveTarget({ timeoutMs: 1000 }))).toMatch(/--endpoint.*--handlers.*--region/);
  });
});

describe('--handlers modules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'transport-handlers-'));
    const mswPath = JSON.stringify(path.resolve('node_modules/msw/lib/core/index.mjs'));
    await writeFile(path.join(dir, 'good.mjs'), `import { http, HttpResponse } from ${mswPath};\nexport const handlers = [http.all('*', () => HttpResponse.text('from module', { status: 418 }))];\n`);
    await writeFile(path.join(dir, 'default.ts'), `import { http, HttpResponse } from ${mswPath};\nconst x: number = 1;\nexport default [http.all('*', () => HttpResponse.text('ts ' + x))];\n`);
    await writeFile(path.join(dir, 'none.mjs'), 'export const other = 1;\n');
    await writeFile(path.join(dir, 'notarray.mjs'), 'export const handlers = "nope";\n');
    await writeFile(path.join(dir, 'empty.mjs'), 'export default [];\n');
    await writeFile(path.join(dir, 'badentry.mjs'), 'export const handlers = [{ run: 1 }];\n');
    await writeFile(path.join(dir, 'throws.mjs'), 'throw new Error("module exploded");\n');
    await writeFile(path.join(dir, 'syntax.mjs'), 'export const = ;\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a module exporting `handlers` and answers through it', async () => {
    const target = await createHandlersTarget(path.join(dir, 'good.mjs'), { timeoutMs: 1000 });
    expect(target).toMatchObject({ kind: 'handlers', label: 'handlers good.mjs', isAws: false });
    expect(await target.send({ method: 'POST', path: '/', body: '' })).toMatchObject({ status: 418, body: 'from module' });
  });

  it('imports a TypeScript module with a default export (through resolveTarget)', async () => {
    const target = await resolveTarget({ handlers: path.join(dir, 'default.ts'), timeoutMs: 1000 });
    expect((await target.send({ method: 'POST', path: '/', body: '' })).body).toBe('ts 1');
  });

  it.each([
    ['missing.mjs', /no such file/],
    ['none.mjs', /export the msw handlers as `handlers` or as the default export \(it exports other\)/],
    ['notarray.mjs', /`handlers` export is a string, not an array/],
    ['empty.mjs', /`default` export is an empty array/],
    ['badentry.mjs', /`handlers`\[0\] is an object, not an msw request handler/],
    ['throws.mjs', /cannot import it \(module exploded\)/],
    ['syntax.mjs', /cannot import it/],
  ])('%s → UsageError naming the module and the problem', async (file, pattern) => {
    const message = await usageError(createHandlersTarget(path.join(dir, file)));
    expect(message).toContain(`--handlers ${path.join(dir, file)}`);
    expect(message).toMatch(pattern);
  });

  it('--endpoint and --handlers together are ambiguous', async () => {
    expect(await usageError(resolveTarget({ endpoint: 'http://127.0.0.1:1', handlers: path.join(dir, 'good.mjs'), timeoutMs: 1000 }))).toMatch(/not both/);
  });

  it('UsageError is the harness class (one class, so the CLI maps it to exit 2)', () => {
    expect(UsageError).toBe(HarnessUsageError);
  });
});
