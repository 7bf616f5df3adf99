package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestParseEscapesControlCharacters: what Parse accepts may still hold
// characters that drive a terminal (an escape as a quoted-pair, RFC 3261
// §25.1; a C1 control in UTF-8; anything in a body); `siplab parse` writes
// them as the views do, as Go escapes.
func TestParseEscapesControlCharacters(t *testing.T) {
	raw := strings.ReplaceAll(`MESSAGE urn:x-`+"\u009b"+`31m SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
Max-Forwards: 70
To: "Bob\`+"\x1b"+`[2J" <sip:bob@biloxi.example.com>
From: <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 1 MESSAGE
Subject: `+"\u0085"+`next line
Content-Type: text/plain
Content-Length: 12

hi`+"\x1b]0;pwned\x07"+`
`, "\n", "\r\n")
	code, out, errOut := runCLI(t, []string{"parse", "-"}, []byte(raw))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for i, line := range strings.Split(out, "\n") {
		for _, r := range line {
			if unicode.IsControl(r) && r != '\t' || r == utf8.RuneError {
				t.Errorf("stdout line %d holds %U: %q", i+1, r, line)
			}
		}
	}
	for _, want := range []string{`urn:x-\u009b31m`, `"Bob\\x1b[2J"`, `Subject: \u0085next line`, `| hi\x1b]0;pwned\a`} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %s:\n%s", want, out)
		}
	}
}

// TestParseSizeLimit: parse reads a message of up to 1 MiB, from a file or
// standard input, and refuses a larger one with status 1, naming the limit.
func TestParseSizeLimit(t *testing.T) {
	head := strings.ReplaceAll(`MESSAGE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
Max-Forwards: 70
To: <sip:bob@biloxi.example.com>
From: <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 1 MESSAGE
Content-Type: text/plain
Content-Length: %d

`, "\n", "\r\n")
	// A message of exactly maxMessageSize bytes: its body fills the rest.
	body := maxMessageSize - len(head)
	body -= len(fmt.Sprintf(head, body)) - len(head)
	full := fmt.Sprintf(head, body) + strings.Repeat("x", body)
	if len(full) != maxMessageSize {
		t.Fatalf("the test message has %d bytes", len(full))
	}
	if code, _, errOut := runCLI(t, []string{"parse", "-"}, []byte(full)); code != 0 {
		t.Errorf("a message of exactly 1 MiB: exit %d: %s", code, errOut)
	}

	file := filepath.Join(t.TempDir(), "big.sip")
	if err := os.WriteFile(file, []byte(full+"x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		stdin string
		name  string
	}{
		{[]string{"parse", file}, "", file},
		{[]string{"parse"}, full + "x", "<stdin>"},
	} {
		code, out, errOut := runCLI(t, tc.args, []byte(tc.stdin))
		if want := tc.name + ": more than 1 MiB, the limit of a message for siplab parse"; code != 1 || out != "" || !strings.Contains(errOut, want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1 and %q", tc.args, code, out, errOut, want)
		}
	}
}
