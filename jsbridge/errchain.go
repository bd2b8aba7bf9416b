//go:build js && wasm

package jsbridge

// As is errors.As for a target that points to a concrete error type,
// without reflection (errors.As pulls internal/reflectlite into the wasm
// build): it stores the first error of type T in err's chain in *target.
func As[T error](err error, target *T) bool {
	return find(err, func(e error) bool {
		t, ok := e.(T)
		if ok {
			*target = t
		}
		return ok
	})
}

// Is is errors.Is for comparable sentinel targets (such as errors.New
// values), without reflection.
func Is(err, target error) bool {
	return find(err, func(e error) bool { return e == target })
}

// find walks err's chain depth first, through Unwrap() error and
// Unwrap() []error, and reports whether match accepted an error.
func find(err error, match func(error) bool) bool {
	for err != nil {
		if match(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if find(e, match) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}
