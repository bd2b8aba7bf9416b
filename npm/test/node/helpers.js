// Shared helpers of the Node tests: the Go test server (SSE_TEST_URL), unique
// keys, its /stats counters, bounded waits. The helpers themselves are the
// behaviour cases' (../behaviour/lib/), bound to this server.
import { server, key, echoed } from '../behaviour/lib/server.js';
import { within, sleep, deferred } from '../behaviour/lib/wait.js';

/** The test server's base URL; every server-backed test needs it. */
export const BASE = process.env.SSE_TEST_URL ?? '';
if (BASE === '') {
  throw new Error('SSE_TEST_URL is not set: run the tests through ' +
    '`go run ./wasm/internal/cmd/sse-testserver -- node --test npm/test/node/`');
}

export const { url, raw, stats } = server(BASE);
export { key, echoed, within, sleep, deferred };
