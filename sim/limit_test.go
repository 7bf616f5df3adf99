package sim

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// endless is a reader that never ends: 'a' after 'a'.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestReadAtMost(t *testing.T) {
	data, err := ReadAtMost(strings.NewReader("12345"), 5, "a test")
	if err != nil || string(data) != "12345" {
		t.Errorf("5 bytes, limit 5: %q, %v", data, err)
	}
	for _, r := range []io.Reader{strings.NewReader("123456"), endless{}} {
		_, err = ReadAtMost(r, 5, "a test")
		var big *TooLargeError
		if !errors.As(err, &big) || err.Error() != "more than 5 bytes, the limit of a test" {
			t.Errorf("over the limit: %v", err)
		}
	}
	if got := (&TooLargeError{Limit: 1 << 20, What: "a lesson file"}).Error(); got != "more than 1 MiB, the limit of a lesson file" {
		t.Errorf("%q", got)
	}
}

// TestReadTraceLimit: a trace file over the limit is refused, even one that
// never ends, after reading no more than the limit; one within it is read.
func TestReadTraceLimit(t *testing.T) {
	b := bytes.NewBuffer(traceBytes(t, scenario(1, 0)))
	if _, err := readTrace(bytes.NewReader(b.Bytes()), b.Len()); err != nil {
		t.Errorf("a trace of exactly the limit: %v", err)
	}
	for _, r := range []io.Reader{bytes.NewReader(b.Bytes()), io.MultiReader(strings.NewReader(`{"lesson":"`), endless{})} {
		_, err := readTrace(r, b.Len()-1)
		if want := "sim: read trace: more than"; err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "the limit of a trace file") {
			t.Errorf("over the limit: %v", err)
		}
	}
}
