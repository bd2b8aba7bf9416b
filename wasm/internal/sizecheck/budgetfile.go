package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// budgetFile is the JSON form of a budget, in bytes; an absent or zero
// field is not checked. The repository's is size-budget.json, also read by
// the benchmark report.
type budgetFile struct {
	Raw    int64 `json:"raw"`
	Gzip   int64 `json:"gzip"`
	Brotli int64 `json:"brotli"`
}

// loadBudget reads a budget file.
func loadBudget(path string) (budget, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return budget{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f budgetFile
	if err := dec.Decode(&f); err != nil {
		return budget{}, fmt.Errorf("%s: %w", path, err)
	}
	if f.Raw < 0 || f.Gzip < 0 || f.Brotli < 0 {
		return budget{}, fmt.Errorf("%s: negative budget", path)
	}
	return budget{raw: byteSize(f.Raw), gzip: byteSize(f.Gzip), brotli: byteSize(f.Brotli)}, nil
}
