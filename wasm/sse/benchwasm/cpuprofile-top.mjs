// cpuprofile-top.mjs prints the functions with the most self time in a V8
// .cpuprofile, the way `go tool pprof -top` does for a native profile.
//
// go test -cpuprofile writes an empty profile under GOOS=js GOARCH=wasm (no
// SIGPROF), so profile the wasm test binary with Node's sampler instead:
//
//   GOOS=js GOARCH=wasm go test -c -o /tmp/sse.wasm ./wasm/sse/
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --stack-size=8192 \
//     "$(go env GOROOT)/lib/wasm/wasm_exec_node.js" /tmp/sse.wasm \
//     -test.run='^$' -test.bench=BenchmarkParse/small/chunk64k -test.benchtime=3s
//   node wasm/sse/benchwasm/cpuprofile-top.mjs /tmp/prof/*.cpuprofile 20
//
// Go function names survive in the wasm name section, with "/" and "." of
// the package path turned into "_" (e.g. ..._wasm_sse.indexEOL).
import fs from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node cpuprofile-top.mjs FILE.cpuprofile [N]');
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
prof.samples.forEach((id, i) => {
  const frame = nodes.get(id).callFrame;
  const name = frame.functionName || `(${frame.url || 'anonymous'})`;
  const dt = prof.timeDeltas[i] || 0;
  total += dt;
  self.set(name, (self.get(name) || 0) + dt);
});
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
for (const [name, us] of rows) {
  const ms = (us / 1000).toFixed(0).padStart(8);
  const pct = ((100 * us) / total).toFixed(1).padStart(5);
  console.log(`${ms} ms ${pct}%  ${name}`);
}
