// The practical limit of this machine: a minimal keep-alive HTTP client posting fixed bodies.
import http from 'node:http';

/** Requests per second of `concurrency` keep-alive loops posting `body` to `url` for `seconds`. */
export async function rawRps(url: string, body: string, seconds: number, concurrency = 8): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: '/', method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await post();
        count++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return count / elapsed;
}
