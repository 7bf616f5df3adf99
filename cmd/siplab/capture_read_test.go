package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// captureFile is one of the loopback captures of package capture.
func captureFile(name string) string {
	return filepath.Join("..", "..", "sim", "capture", "testdata", "capture", name)
}

// show, render and step take a capture as they take a lesson: every view
// in both languages, with no catalog key missing and no argument misfit.
func TestShowACaptureInEveryViewAndLanguage(t *testing.T) {
	for _, name := range []string{"lo-udp-lost-invite.pcapng", "any-sll1-tcp-proxy-call.pcap", "kamailio-register-call.pcapng"} {
		for _, lang := range []string{"en", "zh"} {
			for _, format := range viewFormats {
				out := filepath.Join(t.TempDir(), "view")
				code, _, errOut := runCLI(t, []string{"show", captureFile(name), "--format", format, "--lang", lang, "-v", "-o", out}, nil)
				if code != 0 {
					t.Fatalf("show %s --format %s --lang %s: exit %d: %s", name, format, lang, code, errOut)
				}
				b, _ := os.ReadFile(out)
				if s := string(b); strings.Contains(s, "!{") || strings.Contains(s, "%!") {
					t.Errorf("show %s --format %s --lang %s: a key is missing or misfit", name, format, lang)
				}
			}
		}
	}
	code, out, errOut := runCLI(t, []string{"show", captureFile("lo-udp-proxy-call.pcapng"), "--format", "json"}, nil)
	if code != 0 || !strings.Contains(out, `"source": "capture"`) || !strings.Contains(out, `"frame": 15`) {
		t.Errorf("show --format json: exit %d: %s", code, errOut)
	}
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, []string{"render", captureFile("lo-udp-proxy-call.pcapng"), "-o", dir, "--format", "md"}, nil); code != 0 {
		t.Fatalf("render a capture: exit %d: %s", code, errOut)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "lo-udp-proxy-call.md"))
	if !strings.Contains(string(md), "Max-Forwards: 70 → 69") {
		t.Error("the walkthrough of a capture has no hop diff of the proxy's INVITE")
	}
	code, out, errOut = runCLI(t, []string{"step", captureFile("lo-udp-proxy-call.pcapng")}, []byte("n\nq\n"))
	if code != 0 || !strings.Contains(out, "REGISTER") {
		t.Errorf("step a capture: exit %d: %s%s", code, out, errOut)
	}
}

// show --calls lists the calls, in either language.
func TestShowCalls(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"Call-ID", "State", "INVITE    200 OK  COMPLETED  13", "2 calls, 15 SIP messages in 15 frames (0 skipped)"},
		"zh": {"呼叫 ID（Call-ID）", "状态", "已结束", "2 个呼叫，15 帧中的 15 条 SIP 消息（跳过 0 帧）"},
	} {
		code, out, errOut := runCLI(t, []string{"show", captureFile("lo-udp-proxy-call.pcapng"), "--calls", "--lang", lang}, nil)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("--lang %s: no %q in\n%s", lang, w, out)
			}
		}
	}
}

// --call keeps one call; --password recomputes digests; a damaged capture
// is an error, exit 1, naming the file.
func TestShowCaptureFlags(t *testing.T) {
	code, out, _ := runCLI(t, []string{"show", captureFile("lo-udp-proxy-call.pcapng"), "--call", "alice", "--format", "json"}, nil)
	if code != 0 || strings.Contains(out, "REGISTER") || !strings.Contains(out, "INVITE") {
		t.Errorf("--call alice kept the wrong messages (exit %d)", code)
	}
	code, out, _ = runCLI(t, []string{"show", captureFile("lo-udp6-digest.pcapng"), "--password", "alice=wonderland", "-v"}, nil)
	if code != 0 || !strings.Contains(out, "digest response is right") {
		t.Errorf("--password: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, []string{"show", captureFile("lo-udp6-digest.pcapng"), "--password", "alice"}, nil); code != 2 {
		t.Errorf("--password alice: exit %d: %s", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "bad.pcap")
	os.WriteFile(bad, []byte("\xd4\xc3\xb2\xa1\x02\x00"), 0o644)
	if code, _, errOut := runCLI(t, []string{"show", bad}, nil); code != 1 || !strings.Contains(errOut, "bad.pcap: pcap header") {
		t.Errorf("a damaged capture: exit %d: %s", code, errOut)
	}
}

// check reads a capture too: a 486 without a To tag, planted in a text of
// messages, is an error found at its frame; a loopback capture of
// proxy-call is clean.
func TestCheckACapture(t *testing.T) {
	if code, out, errOut := runCLI(t, []string{"check", captureFile("any-sll1-tcp-proxy-call.pcap")}, nil); code != 0 || !strings.Contains(out, "no RFC findings") {
		t.Errorf("proxy-call over TCP: exit %d: %s%s", code, out, errOut)
	}
	text := "INVITE sip:bob@biloxi.com SIP/2.0\nVia: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\nMax-Forwards: 70\n" +
		"To: Bob <sip:bob@biloxi.com>\nFrom: Alice <sip:alice@atlanta.com>;tag=1928301774\nCall-ID: a84b4c76e66710\nCSeq: 314159 INVITE\n" +
		"Contact: <sip:alice@pc33.atlanta.com>\nContent-Length: 0\n\n" +
		"SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\nTo: Bob <sip:bob@biloxi.com>\n" +
		"From: Alice <sip:alice@atlanta.com>;tag=1928301774\nCall-ID: a84b4c76e66710\nCSeq: 314159 INVITE\nContent-Length: 0\n\n"
	name := filepath.Join(t.TempDir(), "busy.txt")
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, []string{"check", name}, nil)
	if code != 1 || !strings.Contains(out, "frame 2 (step 2): error: 486 without a To tag") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
}
