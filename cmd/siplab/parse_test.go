package main

import (
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
