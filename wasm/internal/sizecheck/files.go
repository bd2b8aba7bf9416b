package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// expandJS turns the -js list into files: a directory contributes its *.js
// files (sorted, not recursively), a file itself. A missing entry is skipped
// and described in notes.
func expandJS(list string) (files, notes []string, err error) {
	for _, entry := range strings.Split(list, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		st, err := os.Stat(entry)
		if errors.Is(err, fs.ErrNotExist) {
			notes = append(notes, entry+" does not exist: not counted")
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if !st.IsDir() {
			files = append(files, entry)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(entry, "*.js"))
		if err != nil {
			return nil, nil, err
		}
		if len(matches) == 0 {
			notes = append(notes, entry+" has no .js file")
		}
		sort.Strings(matches)
		files = append(files, matches...)
	}
	return files, notes, nil
}
