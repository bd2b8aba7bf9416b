package sse

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// text is a byte string in vectors.json: a JSON string (its UTF-8 bytes),
// or a list of pieces, each a string, {"hex": "..."} or
// {"repeat": "...", "count": n}.
type text []byte

func (t *text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = []byte(s)
		return nil
	}
	var pieces []json.RawMessage
	if err := json.Unmarshal(b, &pieces); err != nil {
		return errors.New("text: want a string or a list of pieces: " + err.Error())
	}
	out := []byte{}
	for _, raw := range pieces {
		if err := json.Unmarshal(raw, &s); err == nil {
			out = append(out, s...)
			continue
		}
		var obj struct {
			Hex    *string `json:"hex"`
			Repeat *string `json:"repeat"`
			Count  int     `json:"count"`
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&obj); err != nil {
			return errors.New("text piece: " + err.Error())
		}
		switch {
		case obj.Hex != nil:
			h, err := hex.DecodeString(strings.ReplaceAll(*obj.Hex, " ", ""))
			if err != nil {
				return err
			}
			out = append(out, h...)
		case obj.Repeat != nil && obj.Count > 0:
			out = append(out, strings.Repeat(*obj.Repeat, obj.Count)...)
		default:
			return errors.New("text piece: need hex, or repeat with count > 0")
		}
	}
	*t = out
	return nil
}

type vectorEvent struct {
	Type  *text `json:"type"`
	Data  *text `json:"data"`
	ID    *text `json:"id"`
	Retry *int  `json:"retry"`
}

type vector struct {
	Name             string        `json:"name"`
	Spec             string        `json:"spec"`
	Input            *text         `json:"input"`
	InputHex         string        `json:"input_hex"`
	LastEventID      string        `json:"last_event_id"`
	MaxEventSize     int           `json:"max_event_size"`
	Repeat           int           `json:"repeat"`
	Events           []vectorEvent `json:"events"`
	Retries          []int         `json:"retries"`
	Comments         []text        `json:"comments"`
	Errors           int           `json:"errors"`
	LastEventIDAfter *string       `json:"last_event_id_after"`

	input []byte
}

// expected expands a vector into the events, retries, comments and error
// count the whole stream must produce.
func (v *vector) expected() ([]Event, []int, []string, int) {
	n := max(v.Repeat, 1)
	var evs []Event
	var retries []int
	var comments []string
	for range n {
		for _, e := range v.Events {
			ev := Event{Type: string(*e.Type), Data: string(*e.Data), ID: string(*e.ID), Retry: NoRetry}
			if e.Retry != nil {
				ev.Retry = *e.Retry
			}
			evs = append(evs, ev)
		}
		retries = append(retries, v.Retries...)
		for _, c := range v.Comments {
			comments = append(comments, string(c))
		}
	}
	return evs, retries, comments, n * v.Errors
}

func (v *vector) opts() Options {
	return Options{MaxEventSize: v.MaxEventSize, LastEventID: v.LastEventID}
}

func loadVectors(t testing.TB) []*vector {
	t.Helper()
	raw, err := os.ReadFile("testdata/vectors.json")
	require.NoError(t, err)
	var file struct {
		About string    `json:"about"`
		Cases []*vector `json:"cases"`
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&file))
	names := map[string]bool{}
	for _, v := range file.Cases {
		require.NotEmpty(t, v.Name)
		require.False(t, names[v.Name], "duplicate vector name %q", v.Name)
		names[v.Name] = true
		require.NotEmpty(t, v.Spec, v.Name)
		require.True(t, (v.Input != nil) != (v.InputHex != ""), "%s: exactly one of input, input_hex", v.Name)
		if v.Input != nil {
			v.input = *v.Input
		} else {
			v.input, err = hex.DecodeString(strings.ReplaceAll(v.InputHex, " ", ""))
			require.NoError(t, err, v.Name)
		}
		if v.Repeat > 1 {
			v.input = []byte(strings.Repeat(string(v.input), v.Repeat))
		}
		for _, e := range v.Events {
			require.True(t, e.Type != nil && e.Data != nil && e.ID != nil, "%s: events need type, data and id", v.Name)
		}
	}
	return file.Cases
}

// checkRecorder asserts r saw exactly what v expects and broke no invariant.
func checkRecorder(t *testing.T, v *vector, how string, r *recorder, p *Parser) {
	t.Helper()
	evs, retries, comments, errs := v.expected()
	require.Empty(t, r.violations, how)
	require.Equal(t, evs, r.events(), how)
	require.Equal(t, retries, r.retries(), how)
	require.Equal(t, comments, r.comments(), how)
	require.Equal(t, errs, r.errors(), how)
	if v.LastEventIDAfter != nil && p != nil {
		require.Equal(t, *v.LastEventIDAfter, p.LastEventID(), how)
	}
}

func TestVectors(t *testing.T) {
	vectors := loadVectors(t)
	require.GreaterOrEqual(t, len(vectors), 100)
	splits, runs := 0, 0
	for _, v := range vectors {
		t.Run(v.Name, func(t *testing.T) {
			// (a) one chunk: the reference log for this case.
			base, p := run(v.opts(), oneChunk(v.input))
			checkRecorder(t, v, "one chunk", base, p)
			runs++

			// (b) two chunks, split at every byte index.
			for i := 0; i <= len(v.input); i++ {
				r, p := run(v.opts(), splitAt(v.input, i))
				if len(r.violations) > 0 || !assert.Equal(t, base.log, r.log, "split at %d", i) {
					checkRecorder(t, v, "split at "+itoa(i), r, p)
					t.FailNow()
				}
				if v.LastEventIDAfter != nil {
					require.Equal(t, *v.LastEventIDAfter, p.LastEventID(), "split at %d", i)
				}
				splits++
			}

			// (c) one byte at a time.
			r, p := run(v.opts(), byteChunks(v.input))
			checkRecorder(t, v, "one byte at a time", r, p)
			require.Equal(t, base.log, r.log)
			runs++

			// (d) random chunkings with empty chunks, fixed seed; the
			// chunks are scribbled over after each Feed.
			rng := rand.New(rand.NewPCG(uint64(len(v.input)), 0x55E))
			for k := range 8 {
				r := runScribbled(v.opts(), randomChunks(v.input, rng, 1+k*3))
				require.Empty(t, r.violations)
				require.Equal(t, base.log, r.log, "random chunking %d", k)
				runs++
			}
		})
	}
	t.Logf("%d vectors, %d two-chunk split points, %d other chunkings", len(vectors), splits, runs)
}

// TestReferenceMatchesVectors checks the reference parser against the
// vectors, so the differential fuzz target compares against something that
// is itself checked.
func TestReferenceMatchesVectors(t *testing.T) {
	checked := 0
	for _, v := range loadVectors(t) {
		if v.MaxEventSize != 0 {
			continue // the reference has no size limit
		}
		evs, retries, comments, errs := v.expected()
		require.Zero(t, errs, v.Name)
		got := refParse(v.input, v.LastEventID)
		assert.Equal(t, evs, got.Events, v.Name)
		assert.Equal(t, retries, got.Retries, v.Name)
		assert.Equal(t, comments, got.Comments, v.Name)
		if v.LastEventIDAfter != nil {
			assert.Equal(t, *v.LastEventIDAfter, got.LastID, v.Name)
		}
		checked++
	}
	require.Greater(t, checked, 80)
}

func TestZeroCopyHappens(t *testing.T) {
	// The ChunkOffset invariant checks would be vacuous if no event were
	// ever delivered by offset.
	in := []byte("data: hello\n\nevent: x\ndata: w\u00f6rld\n\ndata: a\ndata: b\n\n")
	r, _ := run(Options{}, oneChunk(in))
	require.Empty(t, r.violations)
	require.Len(t, r.events(), 3)
	assert.Equal(t, 2, r.zeroCopy, "single-line events in one chunk are delivered by offset")
}
