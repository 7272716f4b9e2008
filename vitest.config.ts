import { defineConfig } from 'vitest/config';

// The project's own tests. The conformance specs that the CLI runs against a
// target live in harness/conformance and are started through vitest's Node API.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // scratch projects some tests write (test/.interrupt-work, test/.replay-work) are theirs to run
    exclude: ['**/node_modules/**', 'test/.*/**'],
    // a 2-core machine: vitest's default (cores - 1) runs the files one by one, while most of them wait on
    // child processes and sockets; three workers keep both cores busy
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
