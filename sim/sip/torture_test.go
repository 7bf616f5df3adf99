package sip

// The torture corpus: RFC 4475-style messages (our own, in the spirit of RFC 4475 §3.1.1
// "valid" and §3.1.2 "invalid", plus one case per parser rule) kept as raw wire bytes in
// testdata/torture/{valid,invalid}/NAME.sip, with what Parse must make of each in
// testdata/torture/expect.txt. The file format is described at the top of expect.txt.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// tortureDir is the corpus, relative to this package's directory.
const tortureDir = "../../testdata/torture"

// tortureCase is one block of expect.txt: a corpus file and the checks it must pass.
type tortureCase struct {
	name   string // "valid/wsinv" or "invalid/clerr": the file's path under tortureDir, less ".sip"
	line   int    // line of the block's first line in expect.txt
	valid  bool
	checks []tortureCheck
}

// tortureCheck is one directive line of a block.
type tortureCheck struct {
	line int    // line in expect.txt, for error messages
	key  string // directive name, with any "-q" suffix removed
	arg  string // argument; already unquoted for "-q" directives
}

// tortureSentinels are the errors an "error-is" directive may name.
var tortureSentinels = map[string]error{
	"ErrVersion": ErrVersion,
}

var (
	tortureValidDirectives   = []string{"kind", "method", "uri", "status", "reason", "headers", "header", "get", "count", "body-len", "body", "body-sha256"}
	tortureInvalidDirectives = []string{"error", "error-any", "error-is", "line"}
)

// TestTorture runs Parse over every corpus file and checks the result against expect.txt.
// Valid messages must parse, match every directive and survive Parse(m.Bytes()); invalid
// ones must fail with the error the block describes.
func TestTorture(t *testing.T) {
	cases := loadTortureExpect(t)
	files := tortureFiles(t)

	byName := make(map[string]bool, len(cases))
	for _, c := range cases {
		byName[c.name] = true
		if _, ok := files[c.name]; !ok {
			t.Errorf("expect.txt:%d: %s has no file %s.sip", c.line, c.name, c.name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !byName[name] {
			t.Errorf("%s: corpus file has no block in expect.txt", files[name])
		}
	}

	for _, c := range cases {
		path, ok := files[c.name]
		if !ok {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tortureWireHygiene(t, path, data)
			orig := bytes.Clone(data)
			m, err := Parse(data)
			if !bytes.Equal(data, orig) {
				t.Errorf("Parse modified its input buffer")
			}
			if c.valid {
				tortureCheckValid(t, c, m, err)
			} else {
				tortureCheckInvalid(t, c, err)
			}
		})
	}
}

// tortureSeeds returns the raw bytes of every corpus file, valid and invalid, in a stable
// order. FuzzParse adds them to its seed corpus.
func tortureSeeds(t testing.TB) [][]byte {
	t.Helper()
	files := tortureFiles(t)
	var seeds [][]byte
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data, err := os.ReadFile(files[name])
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	return seeds
}

// tortureFiles maps "valid/NAME" and "invalid/NAME" to the file's path. Anything in those
// directories that is not a .sip file is an error, so a stray file cannot go unchecked.
func tortureFiles(t testing.TB) map[string]string {
	t.Helper()
	files := make(map[string]string)
	for _, dir := range []string{"valid", "invalid"} {
		entries, err := os.ReadDir(filepath.Join(tortureDir, dir))
		if err != nil {
			t.Fatalf("torture corpus: %v", err)
		}
		for _, e := range entries {
			path := filepath.Join(tortureDir, dir, e.Name())
			name, ok := strings.CutSuffix(e.Name(), ".sip")
			if e.IsDir() || !ok || name == "" {
				t.Fatalf("torture corpus: unexpected entry %s (want only NAME.sip files)", path)
			}
			files[dir+"/"+name] = path
		}
	}
	if len(files) == 0 {
		t.Fatalf("torture corpus: no files under %s", tortureDir)
	}
	return files
}

// loadTortureExpect parses expect.txt into its blocks, in file order.
func loadTortureExpect(t *testing.T) []tortureCase {
	t.Helper()
	path := filepath.Join(tortureDir, "expect.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []tortureCase
	seen := make(map[string]int)
	for i, raw := range strings.Split(string(data), "\n") {
		lineNo := i + 1
		line := strings.TrimRight(raw, " \t\r")
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if trimmed == line { // unindented: a block header
			kind, name, ok := strings.Cut(line, "/")
			if !ok || name == "" || strings.ContainsAny(name, " \t/") || (kind != "valid" && kind != "invalid") {
				t.Fatalf("%s:%d: want a block header valid/NAME or invalid/NAME, got %q", path, lineNo, line)
			}
			if prev, dup := seen[line]; dup {
				t.Fatalf("%s:%d: %s already has a block at line %d", path, lineNo, line, prev)
			}
			seen[line] = lineNo
			cases = append(cases, tortureCase{name: line, line: lineNo, valid: kind == "valid"})
			continue
		}
		if len(cases) == 0 {
			t.Fatalf("%s:%d: directive before the first block header", path, lineNo)
		}
		c := &cases[len(cases)-1]
		key, arg, _ := strings.Cut(trimmed, " ")
		if base, quoted := strings.CutSuffix(key, "-q"); quoted {
			// The quoted string is the last field: `header-q 3 "To: ..."`.
			lead, q, _ := strings.Cut(arg, `"`)
			unq, err := strconv.Unquote(`"` + q)
			if err != nil || (lead != "" && !strings.HasSuffix(lead, " ")) {
				t.Fatalf("%s:%d: %s: last argument is not a Go-quoted string: %q", path, lineNo, key, arg)
			}
			key, arg = base, lead+unq
		}
		allowed := tortureInvalidDirectives
		if c.valid {
			allowed = tortureValidDirectives
		}
		if !slices.Contains(allowed, key) {
			t.Fatalf("%s:%d: directive %q is not allowed in a %s block", path, lineNo, key, c.name)
		}
		c.checks = append(c.checks, tortureCheck{line: lineNo, key: key, arg: arg})
	}
	for _, c := range cases {
		var need []string
		if c.valid {
			need = []string{"kind", "headers", "body-len"}
		}
		for _, k := range need {
			if !slices.ContainsFunc(c.checks, func(ck tortureCheck) bool { return ck.key == k }) {
				t.Fatalf("%s:%d: %s has no %q directive", path, c.line, c.name, k)
			}
		}
		if !c.valid && len(c.checks) == 0 {
			t.Fatalf("%s:%d: %s says nothing about the error it expects", path, c.line, c.name)
		}
	}
	return cases
}

// tortureWireHygiene guards the corpus against editors and checkouts that rewrite line ends:
// up to the blank line every line must end in CRLF, with no bare CR or LF.
func tortureWireHygiene(t *testing.T, path string, data []byte) {
	t.Helper()
	end := bytes.Index(data, []byte("\r\n\r\n"))
	if end < 0 {
		t.Errorf("%s: no CRLF CRLF after the headers; was the file's line ending rewritten?", path)
		return
	}
	head := data[:end+4]
	crlf := bytes.Count(head, []byte("\r\n"))
	if bytes.Count(head, []byte("\n")) != crlf || bytes.Count(head, []byte("\r")) != crlf {
		t.Errorf("%s: bare CR or LF before the body; was the file's line ending rewritten?", path)
	}
}

func tortureCheckValid(t *testing.T, c tortureCase, m *Message, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("Parse failed on a valid message: %v", err)
	}
	if m == nil {
		t.Fatal("Parse returned a nil message and a nil error")
	}
	for _, ck := range c.checks {
		if msg := tortureDirective(m, ck); msg != "" {
			t.Errorf("expect.txt:%d: %s", ck.line, msg)
		}
	}
	tortureRoundTrip(t, m)
}

// tortureDirective returns "" when m satisfies ck, and otherwise what is wrong.
func tortureDirective(m *Message, ck tortureCheck) string {
	switch ck.key {
	case "kind":
		switch ck.arg {
		case "request":
			if !m.IsRequest() {
				return "IsRequest() = false, want a request"
			}
			if m.StatusCode != 0 {
				return fmt.Sprintf("request has StatusCode %d, want 0", m.StatusCode)
			}
		case "response":
			if m.IsRequest() {
				return "IsRequest() = true, want a response"
			}
			if m.Method != "" {
				return fmt.Sprintf("response has Method %q, want \"\"", m.Method)
			}
		default:
			return fmt.Sprintf("bad directive: kind %q (want request or response)", ck.arg)
		}
	case "method":
		if m.Method != ck.arg {
			return fmt.Sprintf("Method = %q, want %q", m.Method, ck.arg)
		}
	case "uri":
		if got := m.RequestURI.String(); got != ck.arg {
			return fmt.Sprintf("RequestURI.String() = %q, want %q", got, ck.arg)
		}
	case "status":
		want, err := strconv.Atoi(ck.arg)
		if err != nil {
			return "bad directive: " + err.Error()
		}
		if m.StatusCode != want {
			return fmt.Sprintf("StatusCode = %d, want %d", m.StatusCode, want)
		}
	case "reason":
		if m.Reason != ck.arg {
			return fmt.Sprintf("Reason = %q, want %q", m.Reason, ck.arg)
		}
	case "headers":
		want, err := strconv.Atoi(ck.arg)
		if err != nil {
			return "bad directive: " + err.Error()
		}
		if len(m.Headers) != want {
			return fmt.Sprintf("len(Headers) = %d, want %d; got:\n%s", len(m.Headers), want, tortureFormatHeaders(m.Headers))
		}
	case "header":
		idx, rest, _ := strings.Cut(ck.arg, " ")
		i, err := strconv.Atoi(idx)
		if err != nil {
			return "bad directive: header index: " + err.Error()
		}
		want, ok := tortureHeaderArg(rest)
		if !ok {
			return fmt.Sprintf("bad directive: %q is not Name: Value", rest)
		}
		if i < 1 || i > len(m.Headers) {
			return fmt.Sprintf("header %d: message has only %d headers, want %q: %q", i, len(m.Headers), want.Name, want.Value)
		}
		if got := m.Headers[i-1]; got != want {
			return fmt.Sprintf("header %d = %q: %q, want %q: %q", i, got.Name, got.Value, want.Name, want.Value)
		}
	case "get":
		want, ok := tortureHeaderArg(ck.arg)
		if !ok {
			return fmt.Sprintf("bad directive: %q is not Name: Value", ck.arg)
		}
		if got := m.Get(want.Name); got != want.Value {
			return fmt.Sprintf("Get(%q) = %q, want %q", want.Name, got, want.Value)
		}
	case "count":
		name, num, _ := strings.Cut(ck.arg, " ")
		want, err := strconv.Atoi(num)
		if err != nil {
			return "bad directive: count: " + err.Error()
		}
		got := 0
		for _, h := range m.Headers {
			if h.Name == name {
				got++
			}
		}
		if got != want {
			return fmt.Sprintf("%d header entries named %q, want %d", got, name, want)
		}
	case "body-len":
		want, err := strconv.Atoi(ck.arg)
		if err != nil {
			return "bad directive: " + err.Error()
		}
		if len(m.Body) != want {
			return fmt.Sprintf("len(Body) = %d, want %d", len(m.Body), want)
		}
	case "body":
		if string(m.Body) != ck.arg {
			return fmt.Sprintf("Body = %q, want %q", m.Body, ck.arg)
		}
	case "body-sha256":
		sum := sha256.Sum256(m.Body)
		if got := hex.EncodeToString(sum[:]); got != ck.arg {
			return fmt.Sprintf("sha256(Body) = %s, want %s", got, ck.arg)
		}
	default:
		return fmt.Sprintf("bad directive: unknown key %q", ck.key)
	}
	return ""
}

// tortureHeaderArg splits "Name: Value" (or "Name:" for an empty value) into a Header.
func tortureHeaderArg(s string) (Header, bool) {
	name, value, ok := strings.Cut(s, ":")
	if !ok || name == "" {
		return Header{}, false
	}
	return Header{Name: name, Value: strings.TrimPrefix(value, " ")}, true
}

// tortureRoundTrip checks that the canonical serialization parses back to the same message,
// and that serializing that again changes nothing. Bytes may write a Content-Length of its
// own (RFC 3261 20.14 wants one on every stream transport), so Content-Length entries are
// compared by what they must say - the body's length - rather than line for line.
func tortureRoundTrip(t *testing.T, m *Message) {
	t.Helper()
	wire := m.Bytes()
	back, err := Parse(wire)
	if err != nil {
		t.Fatalf("round trip: Parse(m.Bytes()) failed: %v\nm.Bytes():\n%q", err, wire)
	}
	if back.Method != m.Method {
		t.Errorf("round trip: Method = %q, want %q", back.Method, m.Method)
	}
	if got, want := back.RequestURI.String(), m.RequestURI.String(); got != want {
		t.Errorf("round trip: RequestURI = %q, want %q", got, want)
	}
	if back.StatusCode != m.StatusCode {
		t.Errorf("round trip: StatusCode = %d, want %d", back.StatusCode, m.StatusCode)
	}
	if back.Reason != m.Reason {
		t.Errorf("round trip: Reason = %q, want %q", back.Reason, m.Reason)
	}
	if got, want := tortureWithoutLength(back.Headers), tortureWithoutLength(m.Headers); !slices.Equal(got, want) {
		t.Errorf("round trip: Headers differ (Content-Length aside)\ngot:\n%swant:\n%s", tortureFormatHeaders(got), tortureFormatHeaders(want))
	}
	for _, h := range back.Headers {
		if h.Name == "Content-Length" && h.Value != strconv.Itoa(len(back.Body)) {
			t.Errorf("round trip: Content-Length: %s, but the body has %d bytes", h.Value, len(back.Body))
		}
	}
	if !bytes.Equal(back.Body, m.Body) {
		t.Errorf("round trip: Body = %q, want %q", back.Body, m.Body)
	}
	if again := back.Bytes(); !bytes.Equal(again, wire) {
		t.Errorf("round trip: Bytes() is not stable:\nfirst:  %q\nsecond: %q", wire, again)
	}
}

func tortureCheckInvalid(t *testing.T, c tortureCase, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("Parse accepted an invalid message (%s)", c.name)
	}
	msg := err.Error()
	wantVersion := false
	for _, ck := range c.checks {
		switch ck.key {
		case "error":
			if !strings.Contains(msg, ck.arg) {
				t.Errorf("expect.txt:%d: error %q does not mention %q", ck.line, msg, ck.arg)
			}
		case "error-any":
			var alts []string
			for _, a := range strings.Split(ck.arg, "|") {
				alts = append(alts, strings.TrimSpace(a))
			}
			if !slices.ContainsFunc(alts, func(a string) bool { return strings.Contains(msg, a) }) {
				t.Errorf("expect.txt:%d: error %q mentions none of %q", ck.line, msg, alts)
			}
		case "error-is":
			target, ok := tortureSentinels[ck.arg]
			if !ok {
				t.Fatalf("expect.txt:%d: unknown sentinel %q", ck.line, ck.arg)
			}
			wantVersion = wantVersion || target == ErrVersion
			if !errors.Is(err, target) {
				t.Errorf("expect.txt:%d: errors.Is(%q, %s) = false", ck.line, msg, ck.arg)
			}
		case "line":
			n, convErr := strconv.Atoi(ck.arg)
			if convErr != nil {
				t.Fatalf("expect.txt:%d: bad line number: %v", ck.line, convErr)
			}
			if want := fmt.Sprintf("line %d:", n); !strings.Contains(msg, want) {
				t.Errorf("expect.txt:%d: error %q does not say %q", ck.line, msg, want)
			}
			var pe *ParseError
			if errors.As(err, &pe) && pe.Line != n {
				t.Errorf("expect.txt:%d: ParseError.Line = %d, want %d", ck.line, pe.Line, n)
			}
		default:
			t.Fatalf("expect.txt:%d: unknown directive %q", ck.line, ck.key)
		}
	}
	// A 505 is only right for a version the server does not speak; every other
	// defect here is a 400.
	if !wantVersion && errors.Is(err, ErrVersion) {
		t.Errorf("error %q is ErrVersion, but the message's version is fine: this is a syntax error", msg)
	}
}

func tortureWithoutLength(hs []Header) []Header {
	return slices.DeleteFunc(slices.Clone(hs), func(h Header) bool { return h.Name == "Content-Length" })
}

func tortureFormatHeaders(hs []Header) string {
	var b strings.Builder
	for i, h := range hs {
		fmt.Fprintf(&b, "  %d %q: %q\n", i+1, h.Name, h.Value)
	}
	return b.String()
}
