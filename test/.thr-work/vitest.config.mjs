export default { test: { pool: process.env.POOL, include: ['test/.thr-work/*.conformance.test.ts'], testTimeout: 120000, hookTimeout: 120000 } };
