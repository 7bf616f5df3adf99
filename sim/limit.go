package sim

import (
	"fmt"
	"io"
)

// The limits of what siplab reads, so that a wrong or hostile file makes a
// clear error instead of taking all the memory there is.
const (
	// MaxTraceFile is the largest trace JSON that ReadTrace reads: 256 MiB.
	// 10,000 calls through a proxy make 242 MiB.
	MaxTraceFile = 256 << 20
)

// A TooLargeError reports an input that has more bytes than its limit.
type TooLargeError struct {
	Limit int    // bytes
	What  string // what the limit is for: "a lesson file"
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("more than %s, the limit of %s", sizeText(e.Limit), e.What)
}

// ReadAtMost reads r to its end, or stops with a *TooLargeError as soon as
// it has read more than limit bytes; what names the input for the error.
func ReadAtMost(r io.Reader, limit int, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, &TooLargeError{Limit: limit, What: what}
	}
	return data, nil
}

// sizeText writes a number of bytes in KiB or MiB when it is a whole number
// of them: "1 MiB", "64 KiB", "1300 bytes".
func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
