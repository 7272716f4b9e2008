import { defineConfig } from 'vitest/config';

// The project's own tests. The conformance specs that the CLI runs against a
// target live in harness/conformance and are started through vitest's Node API.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
