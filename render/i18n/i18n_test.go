package i18n

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/siplab/siplab/sim"
)

// The catalog is only useful if both languages say the same things: every key
// in both, in the same file, with the same format verbs and the same RFC
// citation.

func TestParityBothDirections(t *testing.T) {
	for _, p := range parts {
		for k := range p.en {
			if _, ok := p.zh[k]; !ok {
				t.Errorf("%s: %q has English but no Chinese", p.name, k)
			}
		}
		for k := range p.zh {
			if _, ok := p.en[k]; !ok {
				t.Errorf("%s: %q has Chinese but no English", p.name, k)
			}
		}
	}
	for _, k := range Keys() {
		for _, l := range Langs() {
			if !Has(l, k) {
				t.Errorf("Has(%s, %q) = false", l, k)
			}
		}
	}
}

func TestNoKeyInTwoParts(t *testing.T) {
	owner := map[string]string{}
	for _, p := range parts {
		for k := range p.en {
			if prev, ok := owner[k]; ok {
				t.Errorf("%q is in both %s and %s", k, prev, p.name)
			}
			owner[k] = p.name
		}
	}
}

// paragraph reports whether key is a paragraph that its printer wraps
// (i18n.Wrap), which may be longer than a line: the reference pages, the
// warning before a lesson's introduction.
func paragraph(key string) bool {
	return strings.HasPrefix(key, "help.") || key == "views.faults.banner"
}

func TestValuesAreOneNonEmptyLine(t *testing.T) {
	for _, l := range Langs() {
		for k, v := range catalogs[l] {
			switch {
			case strings.TrimSpace(v) == "":
				t.Errorf("%s %q is empty", l, k)
			case v != strings.TrimSpace(v):
				t.Errorf("%s %q has leading or trailing space: %q", l, k, v)
			case strings.ContainsAny(v, "\r\n\t"):
				t.Errorf("%s %q is not one line: %q", l, k, v)
			case Width(v) > 100 && !paragraph(k):
				t.Errorf("%s %q is %d columns wide (limit 100): %s", l, k, Width(v), v)
			}
		}
	}
}

// rfcRef is one citation: "RFC 3261", optionally with sections "§20.42, §8.1.1.7".
const rfcRef = `RFC \d{4}(?: §\d+(?:\.\d+)*(?:, §\d+(?:\.\d+)*)*)?`

var bracketRE = regexp.MustCompile(` \[` + rfcRef + `(?:; ` + rfcRef + `)*\]$`)

// bracket returns the trailing " [RFC …]" citation of v, or "".
func bracket(v string) string { return bracketRE.FindString(v) }

// explains reports whether key is an explanation that must cite its RFC.
func explains(key string) bool {
	switch {
	case strings.HasSuffix(key, ".reason"), key == "timer.fired":
		return false
	case strings.HasPrefix(key, "header."), strings.HasPrefix(key, "method."),
		strings.HasPrefix(key, "status."), strings.HasPrefix(key, "timer."),
		strings.HasPrefix(key, "cli.digest.") && strings.HasSuffix(key, ".why"):
		return true
	}
	return false
}

func TestExplanationsCiteTheirRFC(t *testing.T) {
	checked := 0
	for _, k := range Keys() {
		en, zh := catalogs[EN][k], catalogs[ZH][k]
		if bracket(en) != bracket(zh) {
			t.Errorf("%q cites differently:\n en %q\n zh %q", k, bracket(en), bracket(zh))
		}
		if !explains(k) {
			continue
		}
		checked++
		for _, v := range []string{en, zh} {
			if bracket(v) == "" {
				t.Errorf("%q does not end with a [RFC …] citation: %q", k, v)
			}
		}
	}
	if checked < 150 {
		t.Errorf("only %d explanations checked; the key patterns in explains are stale", checked)
	}
}

// rfc3261Headers is the table of contents of RFC 3261 §20.
var rfc3261Headers = map[string]string{
	"Accept": "20.1", "Accept-Encoding": "20.2", "Accept-Language": "20.3", "Alert-Info": "20.4",
	"Allow": "20.5", "Authentication-Info": "20.6", "Authorization": "20.7", "Call-ID": "20.8",
	"Call-Info": "20.9", "Contact": "20.10", "Content-Disposition": "20.11",
	"Content-Encoding": "20.12", "Content-Language": "20.13", "Content-Length": "20.14",
	"Content-Type": "20.15", "CSeq": "20.16", "Date": "20.17", "Error-Info": "20.18",
	"Expires": "20.19", "From": "20.20", "In-Reply-To": "20.21", "Max-Forwards": "20.22",
	"Min-Expires": "20.23", "MIME-Version": "20.24", "Organization": "20.25", "Priority": "20.26",
	"Proxy-Authenticate": "20.27", "Proxy-Authorization": "20.28", "Proxy-Require": "20.29",
	"Record-Route": "20.30", "Reply-To": "20.31", "Require": "20.32", "Retry-After": "20.33",
	"Route": "20.34", "Server": "20.35", "Subject": "20.36", "Supported": "20.37",
	"Timestamp": "20.38", "To": "20.39", "Unsupported": "20.40", "User-Agent": "20.41",
	"Via": "20.42", "Warning": "20.43", "WWW-Authenticate": "20.44",
}

// rfc3261Codes is the table of contents of RFC 3261 §21: section and reason phrase.
var rfc3261Codes = map[int][2]string{
	100: {"21.1.1", "Trying"}, 180: {"21.1.2", "Ringing"}, 181: {"21.1.3", "Call Is Being Forwarded"},
	182: {"21.1.4", "Queued"}, 183: {"21.1.5", "Session Progress"}, 200: {"21.2.1", "OK"},
	300: {"21.3.1", "Multiple Choices"}, 301: {"21.3.2", "Moved Permanently"},
	302: {"21.3.3", "Moved Temporarily"}, 305: {"21.3.4", "Use Proxy"},
	380: {"21.3.5", "Alternative Service"}, 400: {"21.4.1", "Bad Request"},
	401: {"21.4.2", "Unauthorized"}, 402: {"21.4.3", "Payment Required"},
	403: {"21.4.4", "Forbidden"}, 404: {"21.4.5", "Not Found"},
	405: {"21.4.6", "Method Not Allowed"}, 406: {"21.4.7", "Not Acceptable"},
	407: {"21.4.8", "Proxy Authentication Required"}, 408: {"21.4.9", "Request Timeout"},
	410: {"21.4.10", "Gone"}, 413: {"21.4.11", "Request Entity Too Large"},
	414: {"21.4.12", "Request-URI Too Long"}, 415: {"21.4.13", "Unsupported Media Type"},
	416: {"21.4.14", "Unsupported URI Scheme"}, 420: {"21.4.15", "Bad Extension"},
	421: {"21.4.16", "Extension Required"}, 423: {"21.4.17", "Interval Too Brief"},
	480: {"21.4.18", "Temporarily Unavailable"}, 481: {"21.4.19", "Call/Transaction Does Not Exist"},
	482: {"21.4.20", "Loop Detected"}, 483: {"21.4.21", "Too Many Hops"},
	484: {"21.4.22", "Address Incomplete"}, 485: {"21.4.23", "Ambiguous"},
	486: {"21.4.24", "Busy Here"}, 487: {"21.4.25", "Request Terminated"},
	488: {"21.4.26", "Not Acceptable Here"}, 491: {"21.4.27", "Request Pending"},
	493: {"21.4.28", "Undecipherable"}, 500: {"21.5.1", "Server Internal Error"},
	501: {"21.5.2", "Not Implemented"}, 502: {"21.5.3", "Bad Gateway"},
	503: {"21.5.4", "Service Unavailable"}, 504: {"21.5.5", "Server Time-out"},
	505: {"21.5.6", "Version Not Supported"}, 513: {"21.5.7", "Message Too Large"},
	600: {"21.6.1", "Busy Everywhere"}, 603: {"21.6.2", "Decline"},
	604: {"21.6.3", "Does Not Exist Anywhere"}, 606: {"21.6.4", "Not Acceptable"},
}

// cites reports whether the citation b names section sec of its first RFC.
func cites(b, sec string) bool {
	return strings.Contains(b, "§"+sec+",") || strings.Contains(b, "§"+sec+"]") ||
		strings.Contains(b, "§"+sec+";")
}

func TestRFC3261HeadersAllExplainedWithTheirSection(t *testing.T) {
	for name, sec := range rfc3261Headers {
		key := "header." + name
		v, ok := catalogs[EN][key]
		if !ok {
			t.Errorf("RFC 3261 §%s %s has no %q", sec, name, key)
			continue
		}
		if b := bracket(v); !strings.Contains(b, "RFC 3261") || !cites(b, sec) {
			t.Errorf("%q should cite RFC 3261 §%s, cites %q", key, sec, b)
		}
	}
}

func TestRFC3261StatusCodesWithSectionAndReason(t *testing.T) {
	for code, want := range rfc3261Codes {
		sec, reason := want[0], want[1]
		key := StatusKey(code)
		if key != "status."+strconv.Itoa(code) {
			t.Errorf("StatusKey(%d) = %q; the code is missing", code, key)
			continue
		}
		if b := bracket(EN.T(key)); !cites(b, sec) {
			t.Errorf("%q should cite RFC 3261 §%s, cites %q", key, sec, b)
		}
		if got := EN.T(key + ".reason"); got != reason {
			t.Errorf("%q.reason = %q, want the standard phrase %q", key, got, reason)
		}
	}
}

func TestCoverage(t *testing.T) {
	var want []string
	for _, h := range []string{"Hide", "Event", "Allow-Events", "RSeq", "RAck", "Refer-To",
		"Session-Expires", "Min-SE", "P-Asserted-Identity", "Path", "Privacy", "Reason",
		"Identity", "Max-Breadth", "unknown"} {
		want = append(want, "header."+h)
	}
	for _, m := range []string{"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO",
		"MESSAGE", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "UPDATE", "PUBLISH", "unknown"} {
		want = append(want, "method."+m)
	}
	for c := 1; c <= 6; c++ {
		want = append(want, fmt.Sprintf("status.class.%d", c))
	}
	for _, code := range []int{100, 180, 181, 182, 183, 200, 202, 300, 301, 302, 305, 380, 400,
		401, 402, 403, 404, 405, 406, 407, 408, 410, 413, 414, 415, 416, 420, 421, 423, 480, 481,
		482, 483, 484, 485, 486, 487, 488, 491, 493, 500, 501, 502, 503, 504, 505, 513, 600, 603,
		604, 606} {
		want = append(want, fmt.Sprintf("status.%d", code), fmt.Sprintf("status.%d.reason", code))
	}
	want = append(want, "status.unknown", "status.unknown.reason",
		"cli.parse.request", "cli.parse.response", "cli.parse.headers", "cli.parse.body",
		"cli.digest.ha1", "cli.digest.ha2", "cli.digest.response", "cli.digest.bodyhash",
		"cli.digest.sess", "cli.error.prefix")
	for _, k := range want {
		if !Has(EN, k) || !Has(ZH, k) {
			t.Errorf("missing %q", k)
		}
	}
	// Every status code has both halves.
	for _, k := range Keys() {
		if code, ok := strings.CutPrefix(k, "status."); ok && !strings.Contains(code, ".") {
			if !Has(EN, k+".reason") {
				t.Errorf("%q has no reason phrase", k)
			}
		}
	}
}

// verbs returns the verb each argument of a fmt format is printed with,
// indexed from 1, following fmt's rules for flags, width, precision and
// explicit argument indexes ("%[2]s").
func verbs(format string) (map[int]rune, error) {
	out := map[int]rune{}
	put := func(arg int, verb rune) error {
		if prev, ok := out[arg]; ok && prev != verb {
			return fmt.Errorf("argument %d printed both as %%%c and %%%c", arg, prev, verb)
		}
		out[arg] = verb
		return nil
	}
	rs := []rune(format)
	arg := 1
	index := func(i int) (int, error) { // reads "[n]" at rs[i], if any
		if i >= len(rs) || rs[i] != '[' {
			return i, nil
		}
		j := i + 1
		for j < len(rs) && rs[j] != ']' {
			j++
		}
		n, err := strconv.Atoi(string(rs[i+1 : min(j, len(rs))]))
		if j == len(rs) || err != nil || n < 1 {
			return i, fmt.Errorf("bad argument index at %d", i)
		}
		arg = n
		return j + 1, nil
	}
	number := func(i int) (int, error) { // reads "*" or digits at rs[i]
		if i < len(rs) && rs[i] == '*' {
			if err := put(arg, '*'); err != nil {
				return i, err
			}
			arg++
			return i + 1, nil
		}
		for i < len(rs) && '0' <= rs[i] && rs[i] <= '9' {
			i++
		}
		return i, nil
	}
	for i := 0; i < len(rs); i++ {
		if rs[i] != '%' {
			continue
		}
		i++
		if i < len(rs) && rs[i] == '%' {
			continue
		}
		for i < len(rs) && strings.ContainsRune("+-# 0", rs[i]) {
			i++
		}
		var err error
		if i, err = index(i); err != nil {
			return nil, err
		}
		if i, err = number(i); err != nil {
			return nil, err
		}
		if i < len(rs) && rs[i] == '.' {
			if i, err = index(i + 1); err != nil {
				return nil, err
			}
			if i, err = number(i); err != nil {
				return nil, err
			}
		}
		if i, err = index(i); err != nil {
			return nil, err
		}
		if i >= len(rs) || !unicode.IsLetter(rs[i]) {
			return nil, fmt.Errorf("%% without a verb at %d", i)
		}
		if err := put(arg, rs[i]); err != nil {
			return nil, err
		}
		arg++
	}
	for n := 1; n <= len(out); n++ {
		if _, ok := out[n]; !ok {
			return nil, fmt.Errorf("argument %d is never printed", n)
		}
	}
	return out, nil
}

func TestVerbsParser(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   string // verbs in argument order
		err    bool
	}{
		{"plain", "", false},
		{"100%% sure", "", false},
		{"%s and %d", "sd", false},
		{"%-8s|%5.2f|%x", "sfx", false},
		{`%[1]s-sess: %[1]s("%[2]s") = %[3]s`, "sss", false},
		{"%[2]d %[1]s", "sd", false},
		{"%*d", "*d", false},
		{"%q %v", "qv", false},
		{"50%", "", true},
		{"%[3]s", "", true},
		{"%[1]s %[1]d", "", true},
		{"%[x]s", "", true},
	} {
		got, err := verbs(tc.format)
		if (err != nil) != tc.err {
			t.Errorf("verbs(%q) error = %v, want error %v", tc.format, err, tc.err)
			continue
		}
		var s strings.Builder
		for n := 1; n <= len(got); n++ {
			s.WriteRune(got[n])
		}
		if !tc.err && s.String() != tc.want {
			t.Errorf("verbs(%q) = %q, want %q", tc.format, s.String(), tc.want)
		}
	}
}

// verbString shows verbs as a format would: "%[1]s %[2]d".
func verbString(v map[int]rune) string {
	var b strings.Builder
	for n := 1; n <= len(v); n++ {
		fmt.Fprintf(&b, "%%[%d]%c ", n, v[n])
	}
	return strings.TrimSpace(b.String())
}

// sample is an argument that each verb prints without complaint.
var sample = map[rune]any{'s': "x", 'q': "x", 'v': "x", 'd': 7, 'x': 255, 'f': 1.5, 'g': 1.5, 't': true, '*': 3}

func TestFormatVerbsAgree(t *testing.T) {
	for _, k := range Keys() {
		en, errEN := verbs(catalogs[EN][k])
		zh, errZH := verbs(catalogs[ZH][k])
		if errEN != nil || errZH != nil {
			t.Errorf("%q: bad format: en %v, zh %v", k, errEN, errZH)
			continue
		}
		if verbString(en) != verbString(zh) {
			t.Errorf("%q: verbs differ: en %s, zh %s", k, verbString(en), verbString(zh))
			continue
		}
		if len(en) == 0 {
			// Printed as it is, so a lone % would show up literally.
			for _, l := range Langs() {
				if strings.Contains(catalogs[l][k], "%") {
					t.Errorf("%s %q has %% but takes no arguments", l, k)
				}
			}
			continue
		}
		args := make([]any, len(en))
		for n, verb := range en {
			a, ok := sample[verb]
			if !ok {
				t.Errorf("%q uses the unexpected verb %%%c", k, verb)
				a = "x"
			}
			args[n-1] = a
		}
		for _, l := range Langs() {
			if got := l.T(k, args...); strings.Contains(got, "%!") {
				t.Errorf("%s %q formats badly: %s", l, k, got)
			}
		}
	}
}

// sameInBothLanguages are formulas with nothing to translate.
var sameInBothLanguages = map[string]bool{
	"cli.digest.ha1": true, "cli.digest.ha2": true, "cli.digest.response": true,
	"views.legend.hidden.kind": true, // "%s ×%d": a name and a count
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isFullWidth reports whether r is Chinese punctuation: "，", "（", "、"…
func isFullWidth(r rune) bool { return 0x3000 <= r && r <= 0x303F || 0xFF00 <= r && r <= 0xFF60 }

func TestLanguagesAreNotMixedUp(t *testing.T) {
	for _, k := range Keys() {
		en, zh := catalogs[EN][k], catalogs[ZH][k]
		for _, r := range en {
			if isHan(r) || isFullWidth(r) {
				t.Errorf("English %q contains %q: %s", k, r, en)
				break
			}
		}
		hasHan := strings.IndexFunc(zh, isHan) >= 0
		switch {
		case sameInBothLanguages[k] && zh != en:
			t.Errorf("%q is listed as the same in both languages but differs", k)
		case !sameInBothLanguages[k] && !hasHan:
			t.Errorf("Chinese %q has no Chinese in it: %s", k, zh)
		}
	}
}

// Chinese text takes full-width punctuation: "；" not ";" next to a Chinese
// character. ASCII brackets are fine around formulas, "H(HA1:nonce:HA2)，",
// but not around Chinese words.
func TestChinesePunctuationIsFullWidth(t *testing.T) {
	for _, k := range Keys() {
		zh := strings.TrimSuffix(catalogs[ZH][k], bracket(catalogs[ZH][k]))
		rs := []rune(zh)
		for i, r := range rs {
			chinese := func(r rune) bool { return isHan(r) || isFullWidth(r) }
			switch r {
			case ',', ';', ':', '!', '?':
			case '(', ')':
				chinese = isHan
			default:
				continue
			}
			prevHan := i > 0 && chinese(rs[i-1])
			nextHan := i+1 < len(rs) && chinese(rs[i+1])
			if prevHan || nextHan {
				t.Errorf("Chinese %q uses ASCII %q next to Chinese text: %s", k, r, zh)
			}
		}
	}
}

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
	}{
		{"en", EN}, {"zh", ZH}, {"EN", EN}, {"Zh", ZH}, {" zh\n", ZH},
		{"zh-CN", ZH}, {"zh_CN", ZH}, {"zh_CN.UTF-8", ZH}, {"zh_CN.utf8", ZH},
		{"zh-Hans-CN", ZH}, {"zh_TW.Big5", ZH}, {"zh-Hant", ZH},
		{"en_US", EN}, {"en-GB", EN}, {"en_US.UTF-8", EN}, {"en_GB@euro", EN},
		{"C", EN}, {"C.UTF-8", EN}, {"POSIX", EN},
	} {
		got, err := ParseLang(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", " ", "fr", "fr_FR.UTF-8", "de_DE@euro", "english", "chinese",
		"e", "en-", "-en", "zh__CN", "en US", "中文", "C_US", "zh-averylongsubtag", "zhx"} {
		got, err := ParseLang(in)
		if err == nil {
			t.Errorf("ParseLang(%q) = %q, want an error", in, got)
			continue
		}
		if !errors.Is(err, ErrUnsupportedLang) {
			t.Errorf("ParseLang(%q) error %v does not wrap ErrUnsupportedLang", in, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, strconv.Quote(in)) || !strings.Contains(msg, "en, zh") {
			t.Errorf("ParseLang(%q) error %q should name the value and the accepted ones", in, msg)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, EN},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{map[string]string{"LANG": "C.UTF-8"}, EN},
		{map[string]string{"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, ZH},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN", "LANG": "zh_CN"}, EN},
		{map[string]string{"LC_ALL": "zh_SG.UTF-8", "LANG": "en_US"}, ZH},
		// The first variable set decides, even for a language we lack.
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "zh_CN.UTF-8"}, EN},
	} {
		getenv := func(name string) string { return tc.env[name] }
		if got := FromEnv(getenv); got != tc.want {
			t.Errorf("FromEnv(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

func TestLangIsAFlagAndText(t *testing.T) {
	var l Lang = EN
	fs := flag.NewFlagSet("siplab", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&l, "lang", "output language")
	if err := fs.Parse([]string{"--lang", "zh_CN.UTF-8"}); err != nil || l != ZH {
		t.Fatalf("--lang zh_CN.UTF-8: l = %q, err = %v", l, err)
	}
	if err := fs.Parse([]string{"--lang", "fr"}); err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("--lang fr: err = %v, want one naming \"fr\"", err)
	}
	if l != ZH {
		t.Errorf("a failed Set changed the value to %q", l)
	}
	if l.String() != "zh" || l.Type() != "lang" {
		t.Errorf("String, Type = %q, %q", l.String(), l.Type())
	}

	var doc struct{ Lang Lang }
	if err := json.Unmarshal([]byte(`{"Lang":"en-US"}`), &doc); err != nil || doc.Lang != EN {
		t.Errorf("json en-US: %q, %v", doc.Lang, err)
	}
	if err := json.Unmarshal([]byte(`{"Lang":"klingon"}`), &doc); err == nil {
		t.Error("json klingon: no error")
	}
	b, err := json.Marshal(struct{ Lang Lang }{ZH})
	if err != nil || string(b) != `{"Lang":"zh"}` {
		t.Errorf("json.Marshal = %s, %v", b, err)
	}
}

func TestT(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{EN, "status.486.reason", nil, "Busy Here"},
		{ZH, "status.486.reason", nil, "此处忙"},
		{ZH, "cli.parse.body", []any{142, "application/sdp"}, "消息体：142 字节，类型为 application/sdp"},
		{EN, "cli.digest.ha1", []any{"MD5", "alice:atlanta:secret", "ab12"},
			`HA1 = MD5("alice:atlanta:secret") = ab12`},
		{EN, "cli.digest.sess", []any{"MD5", "h:n:c", "cd34"}, `MD5-sess: HA1 = MD5("h:n:c") = cd34`},
		// Without arguments a format comes back untouched.
		{ZH, "cli.parse.body", nil, "消息体：%d 字节，类型为 %s"},
		// Unknown keys are visible, with or without arguments, in every language.
		{EN, "no.such.key", nil, "!{no.such.key}"},
		{ZH, "no.such.key", []any{1, "x"}, "!{no.such.key}"},
		{EN, "", nil, "!{}"},
		// A language without a catalog, or the zero Lang, falls back to English.
		{Lang("fr"), "status.486.reason", nil, "Busy Here"},
		{Lang(""), "cli.error.prefix", nil, "error"},
		// Too few arguments show fmt's own marker rather than panicking.
		{EN, "cli.parse.body", []any{1}, "body: 1 bytes of %!s(MISSING)"},
	} {
		if got := tc.lang.T(tc.key, tc.args...); got != tc.want {
			t.Errorf("%q.T(%q, %v) = %q, want %q", tc.lang, tc.key, tc.args, got, tc.want)
		}
	}
}

// panicky's String panics; fmt recovers, so T must not crash either.
type panicky struct{}

func (panicky) String() string { panic("boom") }

func TestTNeverPanics(t *testing.T) {
	got := ZH.T("cli.error.usage", panicky{})
	if !strings.Contains(got, "PANIC") {
		t.Errorf("T with a panicking argument = %q", got)
	}
}

func TestFallbackToEnglish(t *testing.T) {
	catalogs[EN]["test.only.english"] = "english only"
	defer delete(catalogs[EN], "test.only.english")
	if got := ZH.T("test.only.english"); got != "english only" {
		t.Errorf("ZH.T of an English-only key = %q", got)
	}
	if Has(ZH, "test.only.english") || !Has(EN, "test.only.english") {
		t.Error("Has should not fall back to English")
	}
}

func TestKeys(t *testing.T) {
	keys := Keys()
	if !sort.StringsAreSorted(keys) {
		t.Error("Keys is not sorted")
	}
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			t.Errorf("Keys repeats %q", keys[i])
		}
	}
	if len(keys) != len(catalogs[EN]) {
		t.Errorf("len(Keys()) = %d, English has %d", len(keys), len(catalogs[EN]))
	}
	keys[0] = "changed"
	if Keys()[0] == "changed" {
		t.Error("Keys returns the package's own slice")
	}
}

func TestHas(t *testing.T) {
	if !Has(EN, "header.Via") || !Has(ZH, "header.Via") {
		t.Error("Has(header.Via) = false")
	}
	if Has(EN, "header.Nope") || Has(Lang("fr"), "header.Via") {
		t.Error("Has reports a key that is not there")
	}
}

func TestHeaderKey(t *testing.T) {
	for in, want := range map[string]string{
		"Via": "header.Via", "via": "header.Via", "VIA": "header.Via", "v": "header.Via",
		"call-id": "header.Call-ID", "i": "header.Call-ID", "Cseq": "header.CSeq",
		"www-authenticate": "header.WWW-Authenticate", " Max-Forwards ": "header.Max-Forwards",
		"l": "header.Content-Length", "o": "header.Event", "x": "header.Session-Expires",
		"HIDE": "header.Hide", "X-Custom": "header.unknown", "unknown": "header.unknown",
		"": "header.unknown", "z": "header.unknown",
	} {
		if got := HeaderKey(in); got != want {
			t.Errorf("HeaderKey(%q) = %q, want %q", in, got, want)
		}
	}
	// Every header explanation is reachable.
	for _, k := range Keys() {
		if name, ok := strings.CutPrefix(k, "header."); ok && HeaderKey(name) != k {
			t.Errorf("HeaderKey(%q) = %q", name, HeaderKey(name))
		}
	}
}

func TestMethodStatusClassKeys(t *testing.T) {
	for in, want := range map[string]string{
		"INVITE": "method.INVITE", "MESSAGE": "method.MESSAGE", "invite": "method.unknown",
		"FOO": "method.unknown", "unknown": "method.unknown", "": "method.unknown",
	} {
		if got := MethodKey(in); got != want {
			t.Errorf("MethodKey(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[int]string{486: "status.486", 100: "status.100", 499: "status.unknown", 0: "status.unknown"} {
		if got := StatusKey(in); got != want {
			t.Errorf("StatusKey(%d) = %q, want %q", in, got, want)
		}
		if !Has(EN, StatusKey(in)+".reason") {
			t.Errorf("no reason at StatusKey(%d)+\".reason\"", in)
		}
	}
	for in, want := range map[int]string{100: "status.class.1", 486: "status.class.4", 699: "status.class.6",
		99: "status.unknown", 700: "status.unknown", -486: "status.unknown"} {
		if got := ClassKey(in); got != want {
			t.Errorf("ClassKey(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestWidth(t *testing.T) {
	for in, want := range map[string]int{
		"":                  0,
		"Via":               3,
		"此处忙":               6,
		"头域（共 3 个）：":        17,
		"§20.42":            6,
		"e\u0301":           1, // e + combining acute accent
		"a\tb":              2,
		"ｱ":                 1, // half-width katakana
		"Ｖｉａ":               6,
		"[RFC 3261 §20.42]": 17,
	} {
		if got := Width(in); got != want {
			t.Errorf("Width(%q) = %d, want %d", in, got, want)
		}
	}
}

// The engine records catalog texts whose arguments are literals or other
// texts, rendered to strings before formatting: the keys it uses (node.*,
// net.*) may only print their arguments as strings.
func TestTraceKeysTakeTextArguments(t *testing.T) {
	for _, l := range Langs() {
		for _, k := range Keys() {
			if !strings.HasPrefix(k, "node.") && !strings.HasPrefix(k, "net.") || !Has(l, k) {
				continue
			}
			vs, err := verbs(catalogs[l][k])
			if err != nil {
				t.Errorf("%s %s: %v", l, k, err)
			}
			for n, v := range vs {
				if v != 's' && v != 'q' {
					t.Errorf("%s %s: argument %d printed as %%%c; a trace's arguments are text (%%s, %%q)", l, k, n, v)
				}
			}
		}
	}
}

func TestText(t *testing.T) {
	retransmit := sim.T("node.timer.retransmit", "A", "INVITE")
	gaveUp := sim.T("net.tcp.gaveup", 6)
	for _, tc := range []struct {
		text   sim.Text
		en, zh string
	}{
		{sim.Lit("INVITE sip:bob@biloxi.example.com SIP/2.0"), "INVITE sip:bob@biloxi.example.com SIP/2.0", "INVITE sip:bob@biloxi.example.com SIP/2.0"},
		{retransmit, "Timer A fired: retransmit INVITE", "定时器 A 触发：重传 INVITE"},
		{gaveUp, "TCP gave up after 6 retransmissions", "TCP 重传 6 次后放弃"},
		{sim.T("net.link.loss", "alice–bob", "100%"), "lost on link alice–bob (loss 100%)", "在链路 alice–bob 上丢失（丢包率 100%）"},
		{sim.Authored("the proxy adds Record-Route", "代理加入 Record-Route"), "the proxy adds Record-Route", "代理加入 Record-Route"},
		{sim.Authored("only English", ""), "only English", "only English"},
		{sim.Text{}, "", ""},
		{sim.T("no.such.key", "x"), "!{no.such.key}", "!{no.such.key}"},
	} {
		if got := EN.Text(tc.text); got != tc.en {
			t.Errorf("EN.Text(%v) = %q, want %q", tc.text, got, tc.en)
		}
		if got := ZH.Text(tc.text); got != tc.zh {
			t.Errorf("ZH.Text(%v) = %q, want %q", tc.text, got, tc.zh)
		}
	}
}

// keyLiteral is what a catalog key written in the code looks like.
var keyLiteral = regexp.MustCompile(`^[a-z0-9]+(\.[A-Za-z0-9_-]+)+$`)

// TestKeysUsedByTheCodeExist reads every Go file of the module (tests
// aside) and checks that each string literal shaped like a key of one of
// the catalog's families ("node.ua.noroute", "cli.run.lesson") is in the
// catalog of both languages. A literal that ends with a dot is the start
// of a key built at run time ("status.class." + n) and is left to the
// tests of the code that builds it.
func TestKeysUsedByTheCodeExist(t *testing.T) {
	families := map[string]bool{}
	for _, k := range Keys() {
		family, _, _ := strings.Cut(k, ".")
		families[family] = true
	}
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			family, _, _ := strings.Cut(s, ".")
			if err != nil || !keyLiteral.MatchString(s) || !families[family] || fileName.MatchString(s) {
				return true
			}
			checked++
			for _, l := range Langs() {
				if !Has(l, s) {
					t.Errorf("%s: key %q is not in the %s catalog", fset.Position(lit.Pos()), s, l)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 200 {
		t.Errorf("only %d keys found in the code: is the walk reading the module?", checked)
	}
}

// fileName is a literal that names a file ("views.go"), not a key.
var fileName = regexp.MustCompile(`\.(go|md|svg|html|json|txt|dot|golden|sip)$`)

func TestPunctuation(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{EN.Aside("lost"), " (lost)"},
		{ZH.Aside("丢失"), "（丢失）"},
		{ZH.Aside("RFC 3261 §16.7"), "（RFC 3261 §16.7）"},
		{EN.Colon("why"), "why: "},
		{ZH.Colon("原因"), "原因："},
		{EN.Sentences("bind alice for 3600 s", "Caused by step 1."), "bind alice for 3600 s. Caused by step 1."},
		{EN.Sentences("Done.", "Caused by step 1."), "Done. Caused by step 1."},
		{ZH.Sentences("绑定 alice，有效期 3600 秒", "由第 1 步引起。"), "绑定 alice，有效期 3600 秒。由第 1 步引起。"},
		{ZH.Sentences("完成。", "由第 1 步引起。"), "完成。由第 1 步引起。"},
		{ZH.Sentences("", "b"), "b"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
