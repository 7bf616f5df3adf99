package lab

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// TestLabHTTP: a browser reading /events gets a server-sent event per
// message as it happens, with the message explained; / is the page that
// shows them.
func TestLabHTTP(t *testing.T) {
	srv, _ := startLab(t, Config{})
	web := httptest.NewServer(srv.Handler())
	defer web.Close()
	resp, err := http.Get(web.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("/events is %q, want text/event-stream", ct)
	}
	p := newPhone(t, "alice", srv.Addrs()[0])
	p.sendMsg(p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "http-1", 1))
	p.await("SIP/2.0 200")
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(nil, 1<<20)
	var got []row
	timer := time.AfterFunc(5*time.Second, func() { resp.Body.Close() })
	defer timer.Stop()
	for len(got) < 2 && lines.Scan() {
		data, ok := strings.CutPrefix(lines.Text(), "data: ")
		if !ok {
			continue
		}
		var r row
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			t.Fatalf("event %q: %v", data, err)
		}
		got = append(got, r)
	}
	if len(got) < 2 {
		t.Fatalf("got %d events, want the OPTIONS and its 200", len(got))
	}
	if got[0].From != "alice" || got[0].To != "lab" || !strings.HasPrefix(got[0].Summary, "OPTIONS sip:127.0.0.1") ||
		!strings.Contains(got[0].Explain, "Call-ID: http-1") {
		t.Errorf("first event %+v, want alice's OPTIONS with the message", got[0])
	}
	if got[1].From != "lab" || !strings.HasPrefix(got[1].Summary, "SIP/2.0 200") || !strings.Contains(got[1].Explain, "§") {
		t.Errorf("second event %+v, want the lab's 200 with its reasons", got[1])
	}
	page, err := http.Get(web.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if !strings.Contains(string(b), `new EventSource("events")`) || !strings.Contains(string(b), "the live ladder") {
		t.Errorf("the page does not read the events:\n%s", b)
	}
}
