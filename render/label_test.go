package render

import (
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

func TestArrowLabel(t *testing.T) {
	for _, tc := range []struct {
		e    sim.Event
		lang i18n.Lang
		want string
	}{
		{msg(0, "a", "b", "INVITE sip:bob@biloxi.example.com SIP/2.0", ""), i18n.EN, "INVITE"},
		{msg(0, "a", "b", "MESSAGE (forwarded)", ""), i18n.EN, "MESSAGE"},
		{msg(0, "a", "b", "SIP/2.0 180 Ringing", ""), i18n.EN, "180 Ringing"},
		{msg(0, "a", "b", "SIP/2.0 481 Call/Transaction Does Not Exist", ""), i18n.EN, "481 Call/Transaction Does Not Exist"},
		{msg(0, "a", "b", "  SIP/2.0 200 OK  ", ""), i18n.EN, "200 OK"},
		{msg(0, "a", "b", "", "SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n"), i18n.EN, "486 Busy Here"},
		{msg(0, "a", "b", "", "BYE sip:alice@192.0.2.101 SIP/2.0\r\n\r\n"), i18n.EN, "BYE"},
		{retrans(msg(0, "a", "b", "INVITE sip:bob@biloxi.example.com SIP/2.0", "")), i18n.EN, "INVITE (retrans)"},
		{retrans(msg(0, "a", "b", "SIP/2.0 180 Ringing", "")), i18n.ZH, "180 Ringing（重传）"},
		{msg(0, "a", "b", "INFO\x1b[2J sip:x SIP/2.0", ""), i18n.EN, `INFO\x1b[2J`},
		{msg(0, "a", "b", "\xffINVITE sip:x SIP/2.0", ""), i18n.EN, `\xffINVITE`},
		{lookup(0, "a", "b", "DNS biloxi.example.com → 192.0.2.201"), i18n.EN, "DNS biloxi.example.com → 192.0.2.201"},
		{lookup(0, "a", "b", "查询 鲍勃\n的地址"), i18n.ZH, `查询 鲍勃\n的地址`},
	} {
		if got := arrowLabel(tc.e, tc.lang); got != tc.want {
			t.Errorf("arrowLabel(%q) = %q, want %q", tc.e.Summary, got, tc.want)
		}
	}
}

func TestRawLineKeepsTabs(t *testing.T) {
	if got := Printable("Subject: a\tb\x00"); got != "Subject: a\tb\\x00" {
		t.Errorf("Printable = %q", got)
	}
	if got := oneLine("a\tb"); got != `a\tb` {
		t.Errorf("oneLine = %q", got)
	}
}
