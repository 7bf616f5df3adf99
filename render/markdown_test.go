package render

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

func markdownString(t *testing.T, tr *sim.Trace, o WalkthroughOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Markdown(&b, tr, o); err != nil {
		t.Fatalf("Markdown: %v", err)
	}
	return b.String()
}

func TestMarkdownGolden(t *testing.T) {
	intro := "alice calls bob through biloxi's proxy (RFC 3261 §16), which rewrites the Request-URI, " +
		"takes one off Max-Forwards (70→69) and adds a `Record-Route`."
	for _, tc := range []struct {
		name  string
		trace func() *sim.Trace
		opts  WalkthroughOptions
	}{
		{"forwarded-call", forwardedCall, WalkthroughOptions{Intro: intro}},
		{"zh-forwarded-call", forwardedCall, WalkthroughOptions{LadderOptions: LadderOptions{Lang: i18n.ZH},
			Intro: "爱丽丝经由代理呼叫鲍勃。\n\n代理改写 Request-URI。"}},
		{"lost-invite", lostInvite, WalkthroughOptions{LadderImage: "pictures/lost invite.svg", TopologyImage: "t.svg"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden.Check(t, filepath.Join(goldenDir, tc.name+".md"), []byte(markdownString(t, tc.trace(), tc.opts)))
		})
	}
}

// TestMarkdownReadsAsWritten converts the walkthrough with goldmark (GFM):
// one level-3 heading per row, one code block per message with bytes and
// one diff per forwarded message, the two pictures, the tables; the text
// from the trace escaped, the introduction read as Markdown.
func TestMarkdownReadsAsWritten(t *testing.T) {
	for _, tc := range []struct {
		trace                 func() *sim.Trace
		blocks, diffs, tables int
	}{
		{forwardedCall, 7, 3, 2}, // the forwarded INVITE, 200 OK and ACK; elements and links
		{proxyCall, 3, 1, 1},     // only three messages have bytes; no links
		{oddEvents, 1, 0, 1},
	} {
		tr := tc.trace()
		md := markdownString(t, tr, WalkthroughOptions{Intro: "The `device` is *not* <b>raw</b>.\n\n### Background\n\nMore."})
		var out bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &out); err != nil {
			t.Fatal(err)
		}
		html := out.String()
		l := NewLadder(tr, LadderOptions{})
		checks := []struct {
			what      string
			got, want int
		}{
			{"<h3>", strings.Count(html, "<h3>"), len(l.Rows) + 1}, // the introduction has one
			{"code blocks", strings.Count(html, "<pre><code>"), tc.blocks},
			{"diffs", strings.Count(html, `<pre><code class="language-diff">`), tc.diffs},
			{"images", strings.Count(html, "<img "), 2},
			{"tables", strings.Count(html, "<table>"), tc.tables},
			{"raw HTML", strings.Count(html, "<b>"), 0},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: %d %s, want %d", tr.Lesson, c.got, c.what, c.want)
			}
		}
		if !strings.Contains(html, "<p>The <code>device</code> is <em>not</em> <!-- raw HTML omitted -->raw<!-- raw HTML omitted -->.</p>") {
			t.Errorf("%s: the introduction is not read as Markdown:\n%s", tr.Lesson, html)
		}
	}
}

// TestMarkdownForwardedDiff checks the diff of the forwarded INVITE, the
// textbook's list of what a proxy does (RFC 3261 §16.6).
func TestMarkdownForwardedDiff(t *testing.T) {
	md := markdownString(t, forwardedCall(), WalkthroughOptions{})
	section := md[strings.Index(md, "### 5. proxy → bob: INVITE"):strings.Index(md, "### 6.")]
	for _, want := range []string{
		"**Compared with the message it forwards (step 1)**",
		"- Request-URI rewritten: sip:bob@biloxi.example.com → sip:bob@client.biloxi.example.com",
		"- Via pushed: SIP/2.0/UDP proxy.biloxi.example.com:5060;branch=z9hG4bK4b43c2ff8.1",
		"- Via: ;received=192.0.2.101 added to SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9",
		`- Record-Route added: \<sip:proxy.biloxi.example.com;lr\>`,
		"- Max-Forwards: 70 → 69",
		"```diff\n-INVITE sip:bob@biloxi.example.com SIP/2.0\n",
		"+Max-Forwards: 69\n```",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the forwarded INVITE's section lacks %q:\n%s", want, section)
		}
	}
	// The 100 Trying answers the INVITE: it forwards nothing.
	trying := md[strings.Index(md, "### 4."):strings.Index(md, "### 5.")]
	if strings.Contains(trying, "Compared with") {
		t.Errorf("a response to a request is shown as forwarded:\n%s", trying)
	}
}

func TestMDText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"INVITE sip:bob@biloxi.example.com", "INVITE sip:bob@biloxi.example.com"},
		{"<sip:p;lr>", `\<sip:p;lr\>`},
		{"a*b_c`d", "a\\*b\\_c\\`d"},
		{"[x](y) | z ~ &amp;", `\[x\](y) \| z \~ \&amp;`},
		{`back\slash`, `back\\slash`},
		{"路由 70 → 69", "路由 70 → 69"},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := fenced("", []string{"a ``` b", "c"}); !strings.HasPrefix(got, "````\n") || !strings.HasSuffix(got, "\n````\n\n") {
		t.Errorf("the fence is not longer than the backticks inside:\n%s", got)
	}
	if got := mdImage("x", "a b.svg"); got != "![x](<a b.svg>)" {
		t.Errorf("mdImage with a space: %s", got)
	}
}

func TestMarkdownErrors(t *testing.T) {
	if err := Markdown(io.Discard, nil, WalkthroughOptions{}); err == nil {
		t.Error("no trace: no error")
	}
	if err := Markdown(failingWriter{}, directCall(), WalkthroughOptions{}); err == nil {
		t.Error("failing writer: no error")
	}
	if got := markdownString(t, &sim.Trace{}, WalkthroughOptions{}); !strings.Contains(got, "Nothing happened.") {
		t.Errorf("an empty trace:\n%s", got)
	}
}

func TestFileNames(t *testing.T) {
	if LadderFile("proxy-call") != "proxy-call.svg" || TopologyFile("proxy-call") != "proxy-call-topology.svg" ||
		LadderFile("") != "ladder.svg" || TopologyFile("") != "topology.svg" {
		t.Error("file names changed: siplab render and the Markdown links depend on them")
	}
}
