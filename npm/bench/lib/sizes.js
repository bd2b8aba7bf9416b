// Measure 6: what a page downloads, raw / gzip / brotli.
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { bundleMin } from './build.js';

/**
 * compressed returns raw, gzip (level 9) and brotli (quality 11) sizes.
 * @param {Uint8Array} bytes
 */
export function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** The rows of the size table: what each entry bundles. */
export const sizeEntries = [
  ['wasm-sse JS shim (all of its exports, incl. the Go runtime glue)', "export * from 'wasm-sse'"],
  ['@microsoft/fetch-event-source', "export { fetchEventSource } from '@microsoft/fetch-event-source'"],
  ['eventsource-parser', "export { createParser } from 'eventsource-parser'"],
  ['eventsource-parser/stream', "export { EventSourceParserStream } from 'eventsource-parser/stream'"],
  ['eventsource', "export { EventSource } from 'eventsource'"],
];

/**
 * sizes returns [{name, raw, gzip, brotli}]: sse.wasm, then each esbuild
 * min bundle of sizeEntries.
 * @param {string} wasmPath
 */
export async function sizes(wasmPath) {
  const rows = [{ name: 'wasm-sse sse.wasm', ...compressed(await fs.readFile(wasmPath)) }];
  for (const [name, src] of sizeEntries) rows.push({ name, ...compressed(await bundleMin(src)) });
  return rows;
}
