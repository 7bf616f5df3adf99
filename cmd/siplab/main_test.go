package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim/golden"
)

const cliData = "../../testdata/cli"

// cliCase runs siplab with args (and stdin) and compares the exit status,
// stdout and stderr with testdata/cli/<name>.golden.
type cliCase struct {
	name  string
	args  []string
	stdin string // a file under testdata/cli to feed as standard input
}

// lessonFile is a lesson file of testdata/lessonfiles.
func lessonFile(name string) string {
	return filepath.Join("..", "..", "testdata", "lessonfiles", name)
}

// lessonTrace is the trace JSON of a built-in lesson, from testdata/lessons.
func lessonTrace(id string) string {
	return filepath.Join("..", "..", "testdata", "lessons", id+".json")
}

func runCLI(t *testing.T, args []string, stdin []byte) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &IOStreams{In: bytes.NewReader(stdin), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func TestCLIGolden(t *testing.T) {
	mufasa := []string{"digest", "--username", "Mufasa", "--realm", "testrealm@host.com", "--password", "Circle Of Life",
		"--method", "GET", "--uri", "/dir/index.html", "--nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
		"--qop", "auth", "--nc", "00000001", "--cnonce", "0a4f113b", "--opaque", "5ccc069c403ebaf9f0171e9517f40e41"}
	alice := []string{"digest", "--username", "alice", "--realm", "atlanta.example.com", "--password", "wonderland",
		"--method", "REGISTER", "--uri", "sip:atlanta.example.com", "--nonce", "ea9c8e88df84f1cec4341ae6cbe5a359"}
	// The three digests of the course material (testdata/cli/digest-seed-*),
	// with the inputs the seeds show.
	freeswitch := []string{"digest", "--username", "1015", "--realm", "www.freeswitch.com", "--password", "1234",
		"--method", "REGISTER", "--uri", "sip:www.freeswitch.com", "--nonce", "3135ef65-3466-4f70-8035-ec70ff10ae75",
		"--qop", "auth", "--nc", "00000001", "--cnonce", "be28d6ed344661886ad93c8504358936"}
	gb28181 := []string{"digest", "--username", "34020000001320000003", "--realm", "34020000", "--password", "12345678",
		"--method", "REGISTER", "--uri", "sip:192.168.35.165:5060", "--nonce", "1616570703"}
	minisip := []string{"digest", "--username", "101", "--realm", "myvoipapp.com", "--password", "101",
		"--method", "REGISTER", "--uri", "sip:192.168.1.132", "--nonce", "18bf67854ae23d6d2cd772af69535f91", "--proxy"}
	tests := []cliCase{
		{name: "digest-seed-freeswitch-zh", args: append(append([]string{}, freeswitch...), "--lang", "zh")},
		{name: "digest-seed-gb28181", args: gb28181},
		{name: "digest-seed-minisipserver", args: minisip},
		{name: "parse-invite", args: []string{"parse", filepath.Join(cliData, "invite.sip")}},
		{name: "parse-invite-zh", args: []string{"parse", "--lang", "zh", filepath.Join(cliData, "invite.sip")}},
		{name: "parse-invite-json", args: []string{"parse", "--json", filepath.Join(cliData, "invite.sip")}},
		{name: "parse-401-stdin", args: []string{"parse"}, stdin: "register-401.sip"},
		{name: "parse-401-json", args: []string{"parse", "--json", "-"}, stdin: "register-401.sip"},
		{name: "parse-bad-length", args: []string{"parse", filepath.Join(cliData, "bad-length.sip")}},
		{name: "parse-bad-version", args: []string{"parse", "--json", filepath.Join(cliData, "bad-version.sip")}},
		{name: "parse-too-many-args", args: []string{"parse", "a", "b"}},
		{name: "digest-rfc2617", args: mufasa},
		{name: "digest-rfc2617-json", args: append(append([]string{}, mufasa...), "--json")},
		{name: "digest-noqop-zh", args: append(append([]string{}, alice...), "--lang", "zh")},
		{name: "digest-sess-authint", args: append(append([]string{}, alice...), "--algorithm", "SHA-256-sess", "--qop", "auth-int", "--cnonce", "c0ffee", "--body", "v=0\r\n", "--proxy")},
		{name: "digest-missing-flag", args: []string{"digest", "--username", "alice"}},
		{name: "digest-bad-algorithm", args: append(append([]string{}, alice...), "--algorithm", "SHA-1")},
		{name: "digest-qop-without-cnonce", args: append(append([]string{}, alice...), "--qop", "auth")},
		{name: "unknown-command", args: []string{"frobnicate"}},
		{name: "unknown-flag", args: []string{"parse", "--frob"}},
		{name: "bad-lang", args: []string{"--lang", "fr", "parse"}},
		{name: "version", args: []string{"--version"}},
		{name: "lessons", args: []string{"lessons"}},
		{name: "lessons-json-zh", args: []string{"lessons", "--json", "--lang", "zh"}},
		{name: "run-direct-call", args: []string{"run", "direct-call"}},
		{name: "run-redirect-call-zh", args: []string{"run", "redirect-call", "--lang", "zh"}},
		{name: "run-digest-register-verbose", args: []string{"run", "digest-register", "-v"}},
		{name: "run-unknown-lesson", args: []string{"run", "no-such-lesson"}},
		{name: "run-bad-format", args: []string{"run", "proxy-call", "--format", "pdf"}},
		{name: "run-bad-md-diagram", args: []string{"run", "proxy-call", "--format", "md", "--md-diagram", "png"}},
		{name: "run-lost-ok-mermaid-zh", args: []string{"run", "lost-ok", "--format", "mermaid", "--lang", "zh"}},
		{name: "run-no-lesson", args: []string{"run"}},
		{name: "run-bad-seed", args: []string{"run", "proxy-call", "--seed", "-3"}},
		{name: "run-fault-busy", args: []string{"run", "proxy-call", "--fault", "respond:bob=486"}},
		{name: "run-fault-lost-bye-json", args: []string{"run", "direct-call", "--format", "json", "--fault", "drop:BYE#*"}},
		{name: "run-fault-never-matches", args: []string{"run", "direct-call", "--fault", "drop:MESSAGE"}},
		{name: "run-fault-malformed", args: []string{"run", "direct-call", "--fault", "drop:INVITE#0"}},
		{name: "run-fault-unknown-kind", args: []string{"run", "direct-call", "--fault", "explode:bob"}},
		{name: "run-fault-unknown-node", args: []string{"run", "direct-call", "--fault", "down:carol"}},
		{name: "run-fault-down-at", args: []string{"run", "direct-call", "--fault", "down:bob@3s"}},
		{name: "run-fault-delay-too-long", args: []string{"run", "direct-call", "--fault", "delay:INVITE=25h"}},
		{name: "run-fault-control-character", args: []string{"run", "direct-call", "--fault", "password:alice=x\r\nVia: evil"}},
		{name: "run-note-never-matches", args: []string{"run", lessonFile("warn-never-matches.md")}},
		{name: "check-every-problem", args: []string{"check", lessonFile("every-problem.md"), lessonFile("control-display.md")}},
		{name: "check-every-problem-zh", args: []string{"check", "--lang", "zh", lessonFile("overflow-at.md")}},
		{name: "check-warnings", args: []string{"check", lessonFile("warn-never-matches.md"), lessonFile("good.md")}},
		{name: "check-trace-clean", args: []string{"check", lessonTrace("proxy-call")}},
		{name: "check-trace-deliberate-zh", args: []string{"check", "--lang", "zh", lessonTrace("register-expires"), lessonTrace("bad-request")}},
		{name: "check-trace-doctored", args: []string{"check", filepath.Join(cliData, "check-doctored.json")}},
		{name: "check-trace-json", args: []string{"check", "--json", filepath.Join(cliData, "check-doctored.json"), lessonTrace("gb28181-register")}},
		{name: "check-not-a-trace", args: []string{"check", filepath.Join(cliData, "quiz-answers.txt")}},
		{name: "check-a-text-capture", args: []string{"check", filepath.Join(cliData, "invite.sip")}},
		{name: "check-json-lesson", args: []string{"check", "--json", lessonFile("good.md")}},
		{name: "render-fault-malformed", args: []string{"render", "direct-call", "-o", "/nonexistent-dir-never-written", "--fault", "drop:"}},
		{name: "step-proxy-call-piped", args: []string{"step", "proxy-call"}, stdin: "../step/proxy-call.txt"},
		{name: "step-proxy-call-zh", args: []string{"step", "proxy-call", "--lang", "zh"}, stdin: "../step/zh.txt"},
		{name: "step-bad-commands", args: []string{"step", "proxy-call"}, stdin: "../step/bad-commands.txt"},
		{name: "step-fault-lost-invite", args: []string{"step", "proxy-call", "--fault", "drop:INVITE"}, stdin: "../step/lost-invite.txt"},
		{name: "step-messages-piped", args: []string{"step", "proxy-call"}, stdin: "../step/messages.txt"},
		{name: "step-play-piped", args: []string{"step", "proxy-call", "--lang", "zh"}, stdin: "../step/play.txt"},
		{name: "step-play-flag", args: []string{"step", "direct-call", "--play", "--speed", "100"}},
		{name: "step-bad-speed", args: []string{"step", "proxy-call", "--speed", "0"}},
		{name: "step-empty-input", args: []string{"step", "direct-call", "--seed", "7"}},
		{name: "step-no-lesson", args: []string{"step"}},
		{name: "step-fault-malformed", args: []string{"step", "proxy-call", "--fault", "drop:INVITE#0"}},
		{name: "step-fault-unknown-node", args: []string{"step", "proxy-call", "--fault", "down:carol"}},
		{name: "run-direct-call-dot", args: []string{"run", "direct-call", "--format", "dot"}},
		{name: "run-direct-call-md-zh", args: []string{"run", "direct-call", "--format", "md", "--lang", "zh"}},
		{name: "render-no-lesson", args: []string{"render"}},
		{name: "render-lessons-and-all", args: []string{"render", "proxy-call", "--all"}},
		{name: "render-bad-format", args: []string{"render", "--all", "--format", "svg,pdf"}},
		{name: "render-bad-colours", args: []string{"render", "--all", "--colours", "rainbow"}},
		{name: "render-bad-md-diagram", args: []string{"render", "--all", "--md-diagram", "ascii"}},
		{name: "render-help", args: []string{"render", "--help"}},
		{name: "help", args: []string{"--help"}},
		{name: "quiz-proxy-call-piped", args: []string{"quiz", "proxy-call"}, stdin: "quiz-answers.txt"},
		{name: "quiz-proxy-call-zh", args: []string{"quiz", "proxy-call", "--lang", "zh"}, stdin: "quiz-answers.txt"},
		{name: "quiz-lost-invite-seed", args: []string{"quiz", "proxy-call", "--fault", "drop:INVITE", "--seed", "5", "--count", "4"}, stdin: "quiz-answers.txt"},
		{name: "quiz-lesson-file-json", args: []string{"quiz", lessonFile("good-quiz.md"), "--json", "--count", "2"}},
		{name: "quiz-lesson-file-zh", args: []string{"quiz", lessonFile("good-quiz.md"), "--lang", "zh", "--count", "2"}, stdin: "quiz-answers.txt"},
		{name: "quiz-bad-count", args: []string{"quiz", "proxy-call", "--count", "-1"}},
		{name: "help-faults", args: []string{"help", "faults"}},
		{name: "help-lesson-format-zh", args: []string{"help", "lesson-format", "--lang", "zh"}},
		{name: "help-trace-format", args: []string{"help", "trace-format"}},
		{name: "run-unknown-lesson-suggest", args: []string{"run", "proxy-cal"}},
		{name: "run-unknown-lesson-suggest-zh", args: []string{"step", "lost-invit", "--lang", "zh"}},
		{name: "run-two-languages", args: []string{"run", "proxy-call", "--lang", "en,zh"}},
		{name: "run-fault-busy-zh", args: []string{"run", "proxy-call", "--fault", "respond:bob=486", "--lang", "zh"}},
		{name: "run-fault-busy-mermaid", args: []string{"run", "proxy-call", "--fault", "respond:bob=486", "--format", "mermaid"}},
		{name: "digest-missing-flags-zh", args: []string{"digest", "--lang", "zh", "--realm", "r", "--uri", "sip:r"}},
		{name: "complete-lesson", args: []string{"__complete", "run", "prox"}},
		{name: "complete-render-format", args: []string{"__complete", "render", "--format", "svg,m"}},
		{name: "complete-fault", args: []string{"__complete", "step", "proxy-call", "--fault", "d"}},
		{name: "complete-colours", args: []string{"__complete", "render", "--all", "--colours", ""}},
		{name: "complete-lang", args: []string{"__complete", "lessons", "--lang", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdin []byte
			if tc.stdin != "" {
				var err error
				if stdin, err = os.ReadFile(filepath.Join(cliData, tc.stdin)); err != nil {
					t.Fatal(err)
				}
			}
			code, out, errOut := runCLI(t, tc.args, stdin)
			got := "exit " + strconv.Itoa(code) + "\n-- stdout --\n" + out + "-- stderr --\n" + errOut
			golden.CheckString(t, filepath.Join(cliData, tc.name+".golden"), got)
		})
	}
}

// TestParseJSONContract checks the fields other tools rely on (README: Messages and digests).
func TestParseJSONContract(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(cliData, "register-401.sip"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, []string{"parse", "--json"}, data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if m["kind"] != "response" || m["status"] != float64(401) || m["reason"] != "Unauthorized" || m["body"] != "" {
		t.Errorf("start line fields: %v", m)
	}
	if _, ok := m["method"]; ok {
		t.Errorf("a response has no method field")
	}
	hs := m["headers"].([]any)
	first := hs[0].(map[string]any)
	if first["name"] != "Via" {
		t.Errorf("compact name not expanded: %v", first)
	}
	www := hs[5].(map[string]any)
	if www["name"] != "WWW-Authenticate" || www["value"] != `Digest realm="atlanta.example.com", qop="auth", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="", stale=FALSE, algorithm=MD5` {
		t.Errorf("folded header not unfolded: %q", www["value"])
	}
}

// TestDigestVectors checks published test vectors through the command.
func TestDigestVectors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		response string
	}{
		// RFC 2617 §3.5.
		{"rfc2617", []string{"--username", "Mufasa", "--realm", "testrealm@host.com", "--password", "Circle Of Life", "--method", "GET", "--uri", "/dir/index.html", "--nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "--qop", "auth", "--nc", "00000001", "--cnonce", "0a4f113b"}, "6629fae49393a05397450978507c4ef1"},
		// RFC 7616 §3.9.1, MD5 and SHA-256.
		{"rfc7616-md5", []string{"--username", "Mufasa", "--realm", "http-auth@example.org", "--password", "Circle of Life", "--method", "GET", "--uri", "/dir/index.html", "--nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "--qop", "auth", "--nc", "00000001", "--cnonce", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"}, "8ca523f5e9506fed4657c9700eebdbec"},
		// The course material's digests (seeds 000, 002, 003): FreeSWITCH's
		// response (the note stops before it), the GB28181 camera's and the
		// MiniSipServer lab's, as captured.
		{"seed-freeswitch", []string{"--username", "1015", "--realm", "www.freeswitch.com", "--password", "1234", "--method", "REGISTER", "--uri", "sip:www.freeswitch.com", "--nonce", "3135ef65-3466-4f70-8035-ec70ff10ae75", "--qop", "auth", "--nc", "00000001", "--cnonce", "be28d6ed344661886ad93c8504358936"}, "d702aa1a84ecc11dc83f4a7c4e56c39a"},
		{"seed-gb28181", []string{"--username", "34020000001320000003", "--realm", "34020000", "--password", "12345678", "--method", "REGISTER", "--uri", "sip:192.168.35.165:5060", "--nonce", "1616570703"}, "9c75261f524d20d385f1371c7a077505"},
		{"seed-minisipserver", []string{"--username", "101", "--realm", "myvoipapp.com", "--password", "101", "--method", "REGISTER", "--uri", "sip:192.168.1.132", "--nonce", "18bf67854ae23d6d2cd772af69535f91"}, "581842f465276cd5fa908061d7bf2f69"},
		{"rfc7616-sha256", []string{"--username", "Mufasa", "--realm", "http-auth@example.org", "--password", "Circle of Life", "--method", "GET", "--uri", "/dir/index.html", "--nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "--qop", "auth", "--nc", "00000001", "--cnonce", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "--algorithm", "SHA-256"}, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
	}
	for _, tc := range tests {
		code, out, errOut := runCLI(t, append([]string{"digest", "--json"}, tc.args...), nil)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errOut)
		}
		var r struct{ HA1, HA2, Response string }
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if r.Response != tc.response {
			t.Errorf("%s: response %s, want %s", tc.name, r.Response, tc.response)
		}
	}
}

// TestShowEqualsRun: a trace saved from a run with faults of every kind
// shows as the run did, in every view that names them.
func TestShowEqualsRun(t *testing.T) {
	dir := t.TempDir()
	trace := filepath.Join(dir, "t.json")
	faults := []string{"--fault", "respond:bob=486", "--fault", "delay:180=1s", "--fault", "max-forwards:alice=60"}
	if code, _, errOut := runCLI(t, append([]string{"run", "proxy-call", "--format", "json", "-o", trace}, faults...), nil); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, format := range []string{"text", "svg", "md", "mermaid"} {
		for _, lang := range []string{"en", "zh"} {
			_, run, _ := runCLI(t, append([]string{"run", "proxy-call", "--format", format, "--lang", lang}, faults...), nil)
			_, show, _ := runCLI(t, []string{"show", trace, "--format", format, "--lang", lang}, nil)
			if run != show {
				t.Errorf("%s %s: show differs from run", format, lang)
			}
			if !strings.Contains(show, "alice=60") { // Mermaid writes the colon as #58;
				t.Errorf("%s %s: the view does not name the fault max-forwards:alice=60", format, lang)
			}
		}
	}
}

// TestLocaleLanguage: without --lang the locale decides, LC_ALL before
// LC_MESSAGES before LANG; --lang decides over the locale.
func TestLocaleLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		zh   bool
	}{
		{map[string]string{}, nil, false},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, nil, true},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, nil, false},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW"}, nil, true},
		{map[string]string{"LC_MESSAGES": "zh_CN", "LC_ALL": "C"}, nil, false},
		{map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}, nil, true},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, nil, false},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"--lang", "en"}, false},
		{map[string]string{"LANG": "en_US"}, []string{"--lang", "zh"}, true},
	} {
		var out, errOut bytes.Buffer
		args := append([]string{"lessons"}, tc.args...)
		code := Main(args, &IOStreams{In: bytes.NewReader(nil), Out: &out, ErrOut: &errOut,
			Getenv: func(k string) string { return tc.env[k] }})
		if code != 0 {
			t.Fatalf("%v %v: exit %d: %s", tc.env, args, code, errOut.String())
		}
		if zh := strings.HasPrefix(out.String(), "编号"); zh != tc.zh {
			t.Errorf("%v %v: Chinese %v, want %v:\n%.80s", tc.env, args, zh, tc.zh, out.String())
		}
	}
}
