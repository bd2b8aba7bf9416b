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

// measure reads the files and returns their summed sizes. With node, gzip
// and brotli come from Node's zlib (the zlib that servers and CDNs use);
// without it, gzip comes from compress/gzip, whose output is about 1%
// larger, and brotli is -1.
func measure(files []string, z nodeZlib) (sizes, error) {
	var s sizes
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return sizes{}, err
		}
		s.raw += int64(len(data))
		if z.available() {
			continue
		}
		n, err := gzipSize(data)
		if err != nil {
			return sizes{}, fmt.Errorf("gzip %s: %w", f, err)
		}
		s.gzip += n
	}
	s.brotli = -1
	if z.available() {
		gz, br, err := z.sizes(files)
		if err != nil {
			return sizes{}, err
		}
		s.gzip, s.brotli = gz, br
	}
	return s, nil
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

// zlibScript prints, for each file named on the command line, its size
// compressed by gzip at level 9 and by brotli at quality 11, on one line.
const zlibScript = `const z = require('zlib'), fs = require('fs');
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  const gz = z.gzipSync(b, {level: 9});
  const br = z.brotliCompressSync(b, {params: {
    [z.constants.BROTLI_PARAM_QUALITY]: 11,
    [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length}});
  console.log(gz.length + ' ' + br.length);
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

// sizes returns the summed gzip and brotli sizes of files, with one node
// process.
func (z nodeZlib) sizes(files []string) (gz, br int64, err error) {
	args := append([]string{"-e", zlibScript, "--"}, files...)
	cmd := exec.Command(z.node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("zlib via node: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	fields := strings.Fields(string(out))
	if len(fields) != 2*len(files) {
		return 0, 0, fmt.Errorf("zlib via node: %d numbers for %d files", len(fields), len(files))
	}
	for i, f := range fields {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("zlib via node: %w", err)
		}
		if i%2 == 0 {
			gz += n
		} else {
			br += n
		}
	}
	return gz, br, nil
}
