package render

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
)

// TestHTMLPage checks the page without a browser: standalone, both pictures
// inline, one section title per row with its id, the page's language, and
// nothing to fetch from elsewhere. TestHTMLInBrowser clicks it.
func TestHTMLPage(t *testing.T) {
	for _, lang := range i18n.Langs() {
		var b bytes.Buffer
		tr := forwardedCall()
		if err := HTML(&b, tr, WalkthroughOptions{LadderOptions: LadderOptions{Lang: lang}, Intro: "An `intro`.\n\n### Its own heading\n\n<script>alert(1)</script>"}); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		l := NewLadder(tr, LadderOptions{Lang: lang})
		heads := regexp.MustCompile(`<h3 id="event-(\d+)" data-step="(\d+)">`).FindAllStringSubmatch(page, -1)
		if len(heads) != len(l.Rows) {
			t.Fatalf("%s: %d step titles, want %d", lang, len(heads), len(l.Rows))
		}
		for i, h := range heads {
			if h[1] != h[2] || h[1] != strings.TrimPrefix(stepID(l.Rows[i].Event.Seq), "step-") {
				t.Errorf("%s: step title %d is %v", lang, i, h)
			}
		}
		wantLang := map[i18n.Lang]string{i18n.EN: `<html lang="en">`, i18n.ZH: `<html lang="zh-CN">`}[lang]
		for what, ok := range map[string]bool{
			"page language":          strings.Contains(page, wantLang),
			"two inline SVGs":        strings.Count(page, "<svg ") == 2,
			"no image element":       !strings.Contains(page, "<img"),
			"no XML declaration":     !strings.Contains(page, "<?xml") && !strings.Contains(page, "<!DOCTYPE svg"),
			"ladder in the flow":     strings.Contains(page, `<div class="flow">`+"\n"+`<figure class="ladder" id="ladder-view">`),
			"topology figure":        strings.Contains(page, `<figure class="topology">`),
			"one message group each": strings.Count(page, `class="message"`) == 7,
			"introduction as Markdown": strings.Contains(page, "<p>An <code>intro</code>.</p>") &&
				strings.Contains(page, "<h3>Its own heading</h3>") && !strings.Contains(page, "alert(1)"),
			"the script":      strings.Contains(page, "<script>") && strings.Contains(page, `data-selected`),
			"nothing fetched": !regexp.MustCompile(`(src|href)="(https?:)?//`).MatchString(page),
			"closed":          strings.HasSuffix(page, "</body>\n</html>\n"),
		} {
			if !ok {
				t.Errorf("%s: %s: no", lang, what)
			}
		}
	}
	if err := HTML(io.Discard, nil, WalkthroughOptions{}); err == nil {
		t.Error("no trace: no error")
	}
	if err := HTML(failingWriter{}, directCall(), WalkthroughOptions{}); err == nil {
		t.Error("failing writer: no error")
	}
}

func TestIndex(t *testing.T) {
	var b bytes.Buffer
	err := Index(&b, []IndexEntry{
		{ID: "proxy-call", Title: "A <proxy> call", Summary: "Alice & Bob",
			Files: []IndexFile{{FilePage, "proxy-call.html"}, {FileLadder, "proxy-call.svg"}, {FileMarkdown, "proxy-call.md"}}},
		{ID: "direct-call", Title: "直接呼叫", Faults: []string{"drop:BYE#*", "respond:bob=486"},
			Files: []IndexFile{{FileDOT, "direct-call.dot"}, {FileTopology, "direct-call-topology.svg"}}},
	}, IndexOptions{Lang: i18n.ZH, Seed: 7, Languages: []LangLink{{i18n.EN, "../en/index.html"}, {i18n.ZH, "../zh/index.html"}}})
	if err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<html lang="zh-CN">`, "<title>siplab 课程</title>", "随机种子 7。",
		`<a href="proxy-call.html">网页</a>`, `<a href="proxy-call.svg">梯形图（SVG）</a>`,
		`<a href="proxy-call.md">讲解（Markdown）</a>`, `<a href="direct-call.dot">网络拓扑（DOT）</a>`,
		`<a href="direct-call-topology.svg">网络拓扑（SVG）</a>`,
		"A &lt;proxy&gt; call", "Alice &amp; Bob",
		`<strong class="faults">注入故障：drop:BYE#*, respond:bob=486</strong>`,
		`<a href="../en/index.html" hreflang="en" lang="en">English</a> <strong>中文</strong>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the index lacks %s:\n%s", want, page)
		}
	}
	if strings.Count(page, "注入故障") != 1 {
		t.Errorf("faults shown for a lesson without any:\n%s", page)
	}
	if err := Index(failingWriter{}, nil, IndexOptions{Seed: 1}); err == nil {
		t.Error("failing writer: no error")
	}
}
