//go:build js && wasm

package jsbridge

// As is errors.As for a target that points to a concrete error type,
// without reflection (errors.As pulls internal/reflectlite into the wasm
// build): it walks the Unwrap() error chain and stores the first error of
// type T in *target.
func As[T error](err error, target *T) bool {
	for err != nil {
		if t, ok := err.(T); ok {
			*target = t
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if As(e, target) {
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

// Is is errors.Is for comparable sentinel targets (such as errors.New
// values), without reflection.
func Is(err, target error) bool {
	for err != nil {
		if err == target {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if Is(e, target) {
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
