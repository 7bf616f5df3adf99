package lessons

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const lessonFilesDir = "../testdata/lessonfiles"

// wantFileError is one problem ParseFile must report: on which line, for
// which field ("" for the file as a whole), and the message.
type wantFileError struct {
	line  int
	field string
	msg   string
}

// Messages that several cases share.
const (
	unknownNodeField = "unknown field (known: 100rel, address, alert_after, alg, algorithm, auth, bindings, branch_timeout, channels, codecs, congestion_safe, date, delayed_offer, display, domain, forking, hide_via, host, inside, keepalive, keepalives, kind, location, max_expires, min_expires, min_se, name, no_answer, outbound, password, qop, queued, realm, record_route, reject, ring, rport, serves, session_expires, sips, timeout, user, users, voice_messages)"
	unknownFaultKind = "(known: drop, dup, delay, corrupt, loss, down, respond, noanswer, password, max-forwards)"
	nodeKinds        = "(known: location, nat, proxy, redirect, registrar, stateless-proxy, ua)"
	badDuration      = "is not a duration such as 500ms, 2s or 1m30s"
	outOfRange       = "is out of range: durations go from 0 to 24h0m0s"
	printable        = "a lesson field is printable text"
)

// brokenLessonFiles maps each broken file under testdata/lessonfiles to the
// problems ParseFile must report, in order of their lines. Each file is
// good.md with one thing broken (every-problem.md: many things, all found
// in one pass).
var brokenLessonFiles = map[string][]wantFileError{
	"bad-yaml.md":              {{18, "", "front matter is not valid YAML: mapping values are not allowed in this context"}},
	"no-front-matter.md":       {{1, "", `a lesson file starts with a line "---", then the YAML front matter, then "---"`}},
	"unclosed-front-matter.md": {{1, "", `the front matter has no closing "---" line`}},
	"missing-summary.md":       {{2, "summary", "missing"}},
	"unknown-field.md":         {{24, "nodes[2].colour", unknownNodeField}},
	"unknown-top-field.md":     {{30, "author", "unknown field (known: dns, faults, id, links, nodes, notes, quiz, script, summary, title)"}},
	"title-without-chinese.md": {{4, "title", "needs both languages: en and zh"}},
	"bad-quiz.md": {
		{31, "quiz[1].question", "needs both languages: en and zh"},
		{33, "quiz[1].choices", "give at least two choices"},
		{34, "quiz[1].answer", "3: name the right choice by its number, 1 to 1"},
		{36, "quiz[1].rfc", `"section 16": cite as RFC 3261 §16.6`},
		{39, "quiz[2].answer", `"zero" is not a whole number from 1 to 26`},
		{41, "quiz[2].colour", "unknown field (known: answer, choices, explain, question, rfc)"},
	},
	"note-without-chinese.md": {{31, "notes[1]", "needs both languages: en and zh"}},
	"bad-dns.md": {
		{26, "dns[2]", "SRV target ss2.biloxi.example.com is no node's host: give the server node host: ss2.biloxi.example.com"},
		{27, "dns[3]", `record type "A": use NAPTR or SRV (A records come from the nodes' host names)`},
		{28, "dns[4]", `"99999" is not a number from 0 to 65535`},
	},
	"bad-duration.md": {{29, "script[1].hangup_after", `"3 seconds" ` + badDuration}},
	"bad-number.md":   {{24, "nodes[2].queued", `"many" is not a whole number from 0 to 10`}},
	"bad-bool.md":     {{24, "nodes[2].no_answer", `"perhaps" is not true or false`}},
	"bad-auth.md":     {{24, "nodes[2].auth", `"405": use 401 (WWW-Authenticate) or 407 (Proxy-Authenticate)`}},
	"bad-registrar-options.md": {
		{25, "nodes[2].qop", `"auth-int": use auth or none`},
		{26, "nodes[2].algorithm", `"md5": use MD5 or SHA-256`},
		{27, "nodes[2].date", `"iso8601": use rfc1123 or gb28181`},
		{28, "nodes[2].min_expires", `"-1" is not a whole number from 0 to 2147483647`},
	},
	"bad-forking.md": {
		{17, "nodes[1].forking", `"serial": use parallel or sequential`},
		{25, "nodes[2].forking", "only a stateful proxy (kind: proxy) forks sequentially; bob is a ua"},
		{33, "script[1].q", "only a register action has a q-value (its Contact's preference)"},
		{38, "script[2].q", `"1.5" is not a q-value from 0 to 1 with up to three decimals, such as 0.5 (RFC 3261 §20.10)`},
	},
	"bad-link.md": {{25, "links[1].between", "name the two nodes the link joins: [alice, proxy]"}},
	"two-problems.md": {
		{24, "nodes[2].colour", unknownNodeField},
		{30, "script[1].hangup_after", `"soon" ` + badDuration},
	},
	// Problems that concern references between fields: still the field's
	// own line and path.
	"unknown-kind.md": {{18, "nodes[2].kind", `"gateway" is not a kind of node ` + nodeKinds}},
	"duplicate-node.md": {
		{17, "nodes[2].name", `"alice" names another node already`},
		{31, "notes[1].match", `"INVITE@alice>bob": receiver "bob" is not a node of the lesson (nodes: alice)`},
	},
	"bad-address.md":          {{20, "nodes[2].address", `"192.0.2.301:5060" is not an IP address and port such as "192.0.2.10:5060"`}},
	"unknown-outbound.md":     {{17, "nodes[1].outbound", `"proxy" is not a node of the lesson`}},
	"outbound-not-a-proxy.md": {{17, "nodes[1].outbound", `"bob" is a ua, not a proxy a user agent can send its requests to`}},
	"outbound-on-a-server.md": {{27, "nodes[2].outbound", `only a user agent has an outbound proxy; registrar is a registrar`}},
	"100rel-on-a-server.md":   {{27, "nodes[2].100rel", `only a user agent sends or acknowledges reliable provisional responses (RFC 3262); registrar is a registrar`}},
	"bad-keepalive.md": {
		{20, "nodes[1].keepalive", "a device's keepalive period needs keepalives: how many it sends, so that the lesson ends"},
		{21, "nodes[1].channels[1]", `"3402" is not a GB/T 28181 code: 20 digits, such as 34020000001310000001`},
		{29, "nodes[2].keepalive", "GB/T 28181 counts keepalive periods in seconds: use 1s or more"},
		{30, "nodes[2].keepalives", "the number of keepalives a device sends goes with a user agent's keepalive period"},
	},
	"unknown-script-node.md": {{26, "script[1].node", `"carol" is not a node of the lesson`}},
	"unknown-action.md":      {{27, "script[1].do", `"dance" is not an action (known: call, click-to-dial, hangup, hold, info, message, move, options, play, query, refer, register, reinvite, resume, set-presence, subscribe, unregister, unregister-all, update)`}},
	"missing-target.md":      {{25, "script[1].target", "missing: call needs a target URI"}},
	"bad-target.md":          {{28, "script[1].target", `URI "bob at biloxi" has no scheme`}},
	"bad-transport.md":       {{26, "links[1].transport", `"SCTP": use UDP, TCP or TLS`}},
	"bad-fault.md":           {{32, "faults[2]", `fault "explode:bob": unknown kind "explode" ` + unknownFaultKind}},
	"fault-unknown-node.md":  {{31, "faults[1]", `fault "down:carol": node "carol" is not a node of the lesson (nodes: alice, bob)`}},
	"bad-note-match.md":      {{31, "notes[1].match", `"INVITE@alice": @alice: expected @FROM>TO with node names`}},
	"bad-id.md":              {{2, "id", `"My Call": use lower-case letters, digits and '-', starting with a letter`}},
	"note-unknown-node.md":   {{31, "notes[1].match", `"INVITE@alice>carol": receiver "carol" is not a node of the lesson (nodes: alice, bob)`}},
	"note-missing-match.md":  {{31, "notes[1].match", "missing: the messages the note explains, such as INVITE@alice>proxy"}},
	"bad-presence-status.md": {{28, "script[1].status", `"away": set-presence needs open or closed (RFC 3863 §4.1.4)`}},
	"bad-subscribe-event.md": {{28, "script[1].event", `"dialog": use presence (RFC 3856) or message-summary (RFC 3842)`}},
	// A control character in a field would reach a message (a CR LF in a
	// display name writes a header of its own) or the terminal.
	"control-display.md":  {{23, "nodes[2].display", `"Bob\r\nContact: <sip:mallory@evil.example.com>": control character U+000D; ` + printable}},
	"control-password.md": {{16, "nodes[1].password", `"wonder\u0085land": control character U+0085; ` + printable}},
	"control-target.md":   {{28, "script[1].target", `"sip:bob@client.biloxi.example.com\nRoute: <sip:evil.example.com>": control character U+000A; ` + printable}},
	"control-note.md":     {{32, "notes[1].en", `"The \x1b[31mINVITE\x1b[0m.": control character U+001B; ` + printable}},
	"control-user-key.md": {{25, `nodes[2].users["bob\tx"]`, `"bob\tx": control character U+0009; ` + printable}},
	"control-body.md":     {{34, "script[2].body", "control character U+0000 at byte 27; a body may hold line breaks and tabs, no other control character"}},
	// Times and delays stay within the virtual clock.
	"negative-ring.md":        {{23, "nodes[2].ring", "-2s " + outOfRange}},
	"overflow-at.md":          {{25, "script[1].at", "2562047h0m0s " + outOfRange}},
	"overflow-hangup.md":      {{29, "script[1].hangup_after", "25h0m0s " + outOfRange}},
	"huge-duration.md":        {{29, "script[1].hangup_after", `"9999999999h" ` + outOfRange}},
	"overflow-latency.md":     {{27, "links[1].jitter", "100000h0m0s " + outOfRange}},
	"overflow-fault-delay.md": {{30, "faults[1]", `fault "delay:180=48h": "48h" is not a positive duration such as 500ms or 3s (at most 24h0m0s)`}},
	"down-at-negative.md":     {{32, "faults[2]", `fault "down:bob@-1s": @-1s: expected the time the node goes down, from 0 to 24h0m0s, e.g. @500ms`}},
	"down-at-unknown-node.md": {{30, "faults[1]", `fault "down:carol@1s": node "carol" is not a node of the lesson (nodes: alice, bob)`}},
	"every-problem.md": {
		{18, "nodes[2].kind", `"phone" is not a kind of node ` + nodeKinds},
		{24, "nodes[2].colour", unknownNodeField},
		{27, "script[1].node", `"carol" is not a node of the lesson`},
		{30, "script[1].hangup_after", `"3 seconds" ` + badDuration},
		{31, "script[1].cancel_after", "-1s " + outOfRange},
		{32, "faults[1]", `fault "drop:INVITE@alice>dan": receiver "dan" is not a node of the lesson (nodes: alice, bob)`},
		{32, "faults[2]", `fault "explode:bob": unknown kind "explode" ` + unknownFaultKind},
		{34, "notes[1].match", `"INVITE@alice": @alice: expected @FROM>TO with node names`},
	},
}

// TestBrokenLessonFiles: every broken file gets the errors it should, each
// naming the file, the line and the field.
func TestBrokenLessonFiles(t *testing.T) {
	entries, err := os.ReadDir(lessonFilesDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), "good") && !strings.HasPrefix(e.Name(), "warn-") {
			names = append(names, e.Name())
		}
	}
	for name := range brokenLessonFiles {
		if !slices.Contains(names, name) {
			t.Errorf("%s is expected in %s but does not exist", name, lessonFilesDir)
		}
	}
	for _, name := range names {
		want, ok := brokenLessonFiles[name]
		if !ok {
			t.Errorf("%s has no expected errors in brokenLessonFiles", name)
			continue
		}
		t.Run(strings.TrimSuffix(name, ".md"), func(t *testing.T) {
			path := filepath.Join(lessonFilesDir, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			l, err := ParseFile(path, data)
			if err == nil {
				t.Fatalf("parsed without error: lesson %s", l.ID)
			}
			var got FileErrors
			if !errors.As(err, &got) {
				t.Fatalf("error %T %q is not a FileErrors", err, err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d errors, want %d:\n%v", len(got), len(want), err)
			}
			for i, w := range want {
				g := got[i]
				if g.File != path || !strings.HasPrefix(g.Error(), path+":") {
					t.Errorf("error %d does not name the file: %q", i+1, g.Error())
				}
				if g.Field != w.field {
					t.Errorf("error %d: field %q, want %q (%s)", i+1, g.Field, w.field, g.Error())
				}
				if g.Msg != w.msg {
					t.Errorf("error %d: %q\nwant %q", i+1, g.Msg, w.msg)
				}
				lineText := path + ":" + strconv.Itoa(w.line) + ": "
				if g.Line != w.line || !strings.HasPrefix(g.Error(), lineText) {
					t.Errorf("error %d: %q; want it on line %d", i+1, g.Error(), w.line)
				}
				if w.field != "" && !strings.HasPrefix(g.Error(), lineText+w.field+": ") {
					t.Errorf("error %d: %q should read %s%s: …", i+1, g.Error(), lineText, w.field)
				}
			}
		})
	}
}

// TestGoodLessonFiles: the file the broken ones are made from is valid, with
// LF or CRLF line ends, and runs.
func TestGoodLessonFiles(t *testing.T) {
	for _, name := range []string{"good.md", "good-crlf.md"} {
		path := filepath.Join(lessonFilesDir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		l, err := ParseFile(path, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if l.ID != "my-call" || l.File != path || l.Title.ZH == "" || l.Intro.EN != "The narrative." || l.Intro.ZH != "叙述。" {
			t.Errorf("%s: %+v", name, l)
		}
		tr, err := Run(l, RunOptions{Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := flow(tr); got != wantFlows["direct-call"] {
			t.Errorf("%s: flow\n%s", name, got)
		}
	}
}

// TestLessonFileLimit: a lesson file of MaxFileSize bytes loads; one byte
// more is refused, naming the file and the limit, without reading it all.
func TestLessonFileLimit(t *testing.T) {
	data, err := fs.ReadFile(catalogFS, "catalog/07-proxy-call.md")
	if err != nil {
		t.Fatal(err)
	}
	// Pad the introduction to the limit.
	fill := MaxFileSize - len(data)
	data = bytes.Replace(data, []byte("<!-- zh -->"), append(bytes.Repeat([]byte("x"), fill), "<!-- zh -->"...), 1)
	dir := t.TempDir()
	at, over := filepath.Join(dir, "at.md"), filepath.Join(dir, "over.md")
	if err := os.WriteFile(at, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(over, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(at); err != nil {
		t.Errorf("a lesson file of %d bytes: %v", len(data), err)
	}
	_, err = Load(over)
	if want := over + ": more than 1 MiB, the limit of a lesson file"; err == nil || err.Error() != want {
		t.Errorf("a lesson file over the limit: %v, want %q", err, want)
	}
}
