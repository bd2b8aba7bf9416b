// The Node-only half of the consumer (tsconfig.node.json): Node's types
// where lib.dom's would be, and proof that lib.dom is absent.
import { readFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { fetchEventSource, init } from 'wasm-sse';

// @ts-expect-error: no lib.dom in this project (what the test is about)
document.title;

export async function fromDisk(): Promise<void> {
  // A Buffer, or a promise of one, is bytes.
  await init({ wasmModule: readFile(new URL('./sse.wasm', import.meta.url)) });
  await fetchEventSource('http://127.0.0.1:8080/s', { method: 'POST', body: Buffer.from('{}'), onmessage() {} });
}

// @ts-expect-error: without lib.dom's WebAssembly, wasmModule is bytes or a Response
init({ wasmModule: 'sse.wasm' });
