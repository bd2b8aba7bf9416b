package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// sizes are the byte counts of one file or of a set of files (summed).
// brotli is -1 when it could not be computed.
type sizes struct {
	raw, gzip, brotli int64
}

// measure reads the files and returns their summed sizes (each file is
// a download of its own). With node, gzip and brotli come from Node's zlib
// (the zlib that servers and CDNs use); without it, gzip comes from
// compress/gzip, whose output is about 1% larger, and brotli is -1.
func measure(files []string, z nodeZlib) (sizes, error) {
	each, err := measureEach(files, z, true)
	if err != nil {
		return sizes{}, err
	}
	return sum(each...), nil
}

// measureEach returns the sizes of each file, as measure does; without
// withBrotli, brotli is -1 (quality 11 takes seconds per megabyte).
func measureEach(files []string, z nodeZlib, withBrotli bool) ([]sizes, error) {
	out := make([]sizes, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out[i] = sizes{raw: int64(len(data)), brotli: -1}
		if z.available() {
			continue
		}
		if out[i].gzip, err = gzipSize(data); err != nil {
			return nil, fmt.Errorf("gzip %s: %w", f, err)
		}
	}
	if z.available() && len(files) > 0 {
		compressed, err := z.each(files, withBrotli)
		if err != nil {
			return nil, err
		}
		for i, c := range compressed {
			out[i].gzip, out[i].brotli = c.gzip, c.brotli
		}
	}
	return out, nil
}

// sum adds sizes up; brotli is -1 when one of them lacks it.
func sum(ss ...sizes) sizes {
	var t sizes
	for _, s := range ss {
		t.raw += s.raw
		t.gzip += s.gzip
		if t.brotli >= 0 && s.brotli >= 0 {
			t.brotli += s.brotli
		} else {
			t.brotli = -1
		}
	}
	return t
}

// gzipSize returns the size of data compressed by compress/gzip at level 9.
func gzipSize(data []byte) (int64, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := zw.Write(data); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return int64(buf.Len()), nil
}

// zlibScript prints, for each file named on the command line after the
// mode ("br": also brotli, "gz": gzip only), its size compressed by gzip
// at level 9 and by brotli at quality 11 (-1 in mode gz), on one line.
const zlibScript = `const z = require('zlib'), fs = require('fs');
const [mode, ...files] = process.argv.slice(1);
for (const f of files) {
  const b = fs.readFileSync(f);
  const gz = z.gzipSync(b, {level: 9});
  const br = mode !== 'br' ? -1 : z.brotliCompressSync(b, {params: {
    [z.constants.BROTLI_PARAM_QUALITY]: 11,
    [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length}}).length;
  console.log(gz.length + ' ' + br);
}`

// nodeZlib compresses with Node's zlib (Go's standard library has no
// brotli); node is the path to the node binary, "" when there is none.
type nodeZlib struct{ node string }

// newNodeZlib looks node up on PATH.
func newNodeZlib() nodeZlib {
	p, err := exec.LookPath("node")
	if err != nil {
		return nodeZlib{}
	}
	return nodeZlib{node: p}
}

func (z nodeZlib) available() bool { return z.node != "" }

// each returns the gzip and brotli sizes of each file (raw is left 0;
// brotli -1 unless withBrotli), with one node process.
func (z nodeZlib) each(files []string, withBrotli bool) ([]sizes, error) {
	mode := "gz"
	if withBrotli {
		mode = "br"
	}
	args := append([]string{"-e", zlibScript, "--", mode}, files...)
	cmd := exec.Command(z.node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("zlib via node: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	fields := strings.Fields(string(out))
	if len(fields) != 2*len(files) {
		return nil, fmt.Errorf("zlib via node: %d numbers for %d files", len(fields), len(files))
	}
	res := make([]sizes, len(files))
	for i, f := range fields {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("zlib via node: %w", err)
		}
		if i%2 == 0 {
			res[i/2].gzip = n
		} else {
			res[i/2].brotli = n
		}
	}
	return res, nil
}
