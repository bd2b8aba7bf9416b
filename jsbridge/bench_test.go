//go:build js && wasm

package jsbridge

import (
	"context"
	"io"
	"syscall/js"
	"testing"
)

// benchStream is a stream that hands out the same size-byte chunk n times,
// synchronously from pull, so the benchmark measures the read path only.
func benchStream(n, size int) js.Value {
	return jsFn([]string{"n", "size"}, `
		const chunk = new Uint8Array(size).fill(97);
		let k = 0;
		return new ReadableStream({
			pull(c) { if (k++ < n) c.enqueue(chunk); else c.close(); },
		}, {highWaterMark: 0});
	`).Invoke(n, size)
}

func benchmarkReader(b *testing.B, size int) {
	r := NewReader(benchStream(b.N, size))
	defer r.Close()
	ctx := context.Background()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, _, err := r.Read(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if _, _, err := r.Read(ctx); err != io.EOF {
		b.Fatal("want EOF, got", err)
	}
}

func BenchmarkReaderRead64B(b *testing.B)   { benchmarkReader(b, 64) }
func BenchmarkReaderRead1KiB(b *testing.B)  { benchmarkReader(b, 1<<10) }
func BenchmarkReaderRead64KiB(b *testing.B) { benchmarkReader(b, 64<<10) }

// BenchmarkJSReadLoop is the floor: the same stream read by a JavaScript
// loop (await reader.read()), timed inside JavaScript, per chunk.
func BenchmarkJSReadLoop1KiB(b *testing.B) {
	stream := benchStream(b.N, 1<<10)
	loop := jsFn([]string{"stream"}, `return (async () => {
		const r = stream.getReader();
		const t0 = performance.now();
		let bytes = 0;
		for (;;) { const {done, value} = await r.read(); if (done) break; bytes += value.byteLength; }
		return performance.now() - t0;
	})();`)
	b.ResetTimer()
	if _, err := Await(context.Background(), loop.Invoke(stream)); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkGetByName(b *testing.B) {
	o := jsEval(`({done: false, value: 1})`)
	for range b.N {
		_ = o.Get("done")
	}
}

func BenchmarkGetCachedKey(b *testing.B) {
	o := jsEval(`({done: false, value: 1})`)
	for range b.N {
		_ = prop(o, keyDone)
	}
}

func BenchmarkThenByName(b *testing.B) {
	p := jsEval(`new Promise(() => {})`)
	f := noop.Value
	for range b.N {
		_ = p.Call("then", f, f)
	}
}

func BenchmarkThenCached(b *testing.B) {
	p := jsEval(`new Promise(() => {})`)
	f := noop.Value
	for range b.N {
		_ = promiseThen.Invoke(p, f, f)
	}
}
