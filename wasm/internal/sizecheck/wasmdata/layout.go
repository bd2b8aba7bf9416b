package wasmdata

import (
	"errors"
	"fmt"
)

// Section ids read by ReadLayout.
const (
	SectionCustom = 0
	SectionImport = 2
	SectionCode   = 10
	SectionData   = sectionData
)

// Section is one section of a module.
type Section struct {
	ID byte
	// Name is a custom section's name ("" for the others).
	Name string
	// Size counts the whole section: its id, its size and its body.
	Size int
}

// Func is one function body of the code section.
type Func struct {
	// Index is the function's index in the function index space, where
	// imported functions come first.
	Index uint32
	// Name is the function's name from the "name" custom section; "" when
	// the module has none (a build with -ldflags=-s) or it names no such
	// function.
	Name string
	// Offset and Size locate the body in the module, its size prefix
	// included, so that the bodies and the count in front of them add up
	// to the code section's body.
	Offset, Size int
}

// Layout is the section and function layout of a module.
type Layout struct {
	Sections []Section
	// Imports is the number of imported functions.
	Imports int
	Funcs   []Func
}

// ReadLayout parses the sections of module, the function imports, the
// code section's bodies and the function names of the "name" custom
// section (subsection 1). The bodies themselves are not decoded.
func ReadLayout(module []byte) (Layout, error) {
	if len(module) < len(magic) || string(module[:len(magic)]) != string(magic) {
		return Layout{}, errors.New("wasmdata: not a WebAssembly 1.0 module")
	}
	var l Layout
	var names map[uint32]string
	r := reader{b: module, i: len(magic)}
	for r.i < len(module) {
		start := r.i
		id, err := r.byte()
		if err != nil {
			return Layout{}, err
		}
		body, err := r.bytes()
		if err != nil {
			return Layout{}, err
		}
		bodyAt := r.i - len(body)
		s := Section{ID: id, Size: r.i - start}
		switch id {
		case SectionCustom:
			br := reader{b: body}
			name, err := br.bytes()
			if err != nil {
				return Layout{}, fmt.Errorf("wasmdata: custom section: %w", err)
			}
			s.Name = string(name)
			if s.Name == "name" {
				if names, err = parseFuncNames(body[br.i:]); err != nil {
					return Layout{}, err
				}
			}
		case SectionImport:
			if l.Imports, err = countFuncImports(body); err != nil {
				return Layout{}, err
			}
		case SectionCode:
			if l.Funcs, err = parseCode(body, bodyAt); err != nil {
				return Layout{}, err
			}
		}
		l.Sections = append(l.Sections, s)
	}
	for i := range l.Funcs {
		l.Funcs[i].Index = uint32(l.Imports + i)
		l.Funcs[i].Name = names[l.Funcs[i].Index]
	}
	return l, nil
}

// countFuncImports returns the number of function imports in the body of
// an import section.
func countFuncImports(body []byte) (int, error) {
	r := reader{b: body}
	n, err := r.uleb()
	if err != nil {
		return 0, err
	}
	funcs := 0
	for k := uint64(0); k < n; k++ {
		if _, err := r.bytes(); err != nil { // module
			return 0, err
		}
		if _, err := r.bytes(); err != nil { // name
			return 0, err
		}
		kind, err := r.byte()
		if err != nil {
			return 0, err
		}
		switch kind {
		case 0: // function: a type index
			funcs++
			_, err = r.uleb()
		case 1: // table: a reference type, limits
			if _, err = r.byte(); err == nil {
				err = r.skipLimits()
			}
		case 2: // memory: limits
			err = r.skipLimits()
		case 3: // global: a value type, mutability
			if _, err = r.byte(); err == nil {
				_, err = r.byte()
			}
		case 4: // tag: an attribute, a type index
			if _, err = r.byte(); err == nil {
				_, err = r.uleb()
			}
		default:
			return 0, fmt.Errorf("wasmdata: unknown import kind %d", kind)
		}
		if err != nil {
			return 0, err
		}
	}
	if r.i != len(body) {
		return 0, errors.New("wasmdata: trailing bytes in the import section")
	}
	return funcs, nil
}

// skipLimits skips the limits of a table or memory type.
func (r *reader) skipLimits() error {
	flags, err := r.byte()
	if err != nil {
		return err
	}
	if _, err := r.uleb(); err != nil { // min
		return err
	}
	if flags&1 != 0 {
		_, err = r.uleb() // max
	}
	return err
}

// parseCode returns the bodies of a code section whose body starts at
// offset at in the module.
func parseCode(body []byte, at int) ([]Func, error) {
	r := reader{b: body}
	n, err := r.uleb()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(body)) {
		return nil, errors.New("wasmdata: bad function count")
	}
	funcs := make([]Func, 0, n)
	for k := uint64(0); k < n; k++ {
		start := r.i
		if _, err := r.bytes(); err != nil {
			return nil, fmt.Errorf("wasmdata: code section: %w", err)
		}
		funcs = append(funcs, Func{Offset: at + start, Size: r.i - start})
	}
	if r.i != len(body) {
		return nil, errors.New("wasmdata: trailing bytes in the code section")
	}
	return funcs, nil
}

// parseFuncNames returns the function names of a "name" section's
// payload (the bytes after its name); the other subsections are skipped.
func parseFuncNames(payload []byte) (map[uint32]string, error) {
	names := map[uint32]string{}
	r := reader{b: payload}
	for r.i < len(payload) {
		id, err := r.byte()
		if err != nil {
			return nil, err
		}
		sub, err := r.bytes()
		if err != nil {
			return nil, fmt.Errorf("wasmdata: name section: %w", err)
		}
		if id != 1 {
			continue
		}
		sr := reader{b: sub}
		n, err := sr.uleb()
		if err != nil {
			return nil, err
		}
		for k := uint64(0); k < n; k++ {
			idx, err := sr.uleb()
			if err != nil {
				return nil, err
			}
			if idx > 1<<32-1 {
				return nil, errors.New("wasmdata: function index out of range")
			}
			name, err := sr.bytes()
			if err != nil {
				return nil, fmt.Errorf("wasmdata: function names: %w", err)
			}
			names[uint32(idx)] = string(name)
		}
		if sr.i != len(sub) {
			return nil, errors.New("wasmdata: trailing bytes in the function names")
		}
	}
	return names, nil
}
