package wasmdata

import "errors"

var errShort = errors.New("wasmdata: unexpected end of module")

// reader decodes the primitive encodings of the binary format.
type reader struct {
	b []byte
	i int
}

func (r *reader) byte() (byte, error) {
	if r.i >= len(r.b) {
		return 0, errShort
	}
	c := r.b[r.i]
	r.i++
	return c, nil
}

// uleb reads an unsigned LEB128 number of at most 64 bits.
func (r *reader) uleb() (uint64, error) {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, errors.New("wasmdata: LEB128 number too long")
}

// sleb reads a signed LEB128 number of at most 64 bits.
func (r *reader) sleb() (int64, error) {
	var v int64
	for shift := uint(0); shift < 64; shift += 7 {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		v |= int64(c&0x7f) << shift
		if c < 0x80 {
			if shift+7 < 64 && c&0x40 != 0 {
				v |= -1 << (shift + 7)
			}
			return v, nil
		}
	}
	return 0, errors.New("wasmdata: LEB128 number too long")
}

// bytes reads a length-prefixed byte vector.
func (r *reader) bytes() ([]byte, error) {
	n, err := r.uleb()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(r.b)-r.i) {
		return nil, errShort
	}
	b := r.b[r.i : r.i+int(n)]
	r.i += int(n)
	return b, nil
}

// skipExpr skips a constant expression whose first opcode op was read:
// a sequence of i32/i64.const and global.get ending with end.
func (r *reader) skipExpr(op byte) error {
	for {
		var err error
		switch op {
		case 0x0b: // end
			return nil
		case 0x41, 0x42: // i32.const, i64.const
			_, err = r.sleb()
		case 0x23: // global.get
			_, err = r.uleb()
		default:
			return errors.New("wasmdata: unsupported constant expression")
		}
		if err != nil {
			return err
		}
		if op, err = r.byte(); err != nil {
			return err
		}
	}
}

func appendULEB(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 && c&0x40 == 0 || v == -1 && c&0x40 != 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// putPaddedULEB writes v into all of dst as a padded LEB128 number.
func putPaddedULEB(dst []byte, v uint64) {
	for i := range dst {
		c := byte(v & 0x7f)
		v >>= 7
		if i < len(dst)-1 {
			c |= 0x80
		}
		dst[i] = c
	}
}
