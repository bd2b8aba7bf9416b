/**
 * The URL of the wasm module, for bundlers that turn `import url from 'wasm-sse/sse.wasm'`
 * into an asset URL (esbuild `--loader:.wasm=file`, Vite `?url`). Pass it to `init({ wasmURL })`.
 */
declare const url: string;
export default url;
