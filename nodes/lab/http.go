package lab

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"sync"

	"github.com/siplab/siplab/sim"
)

// hub hands the live ladder to the browsers that watch it: a line per
// message, as server-sent events. A browser too slow to keep up misses
// lines rather than holding the lab back.
type hub struct {
	mu   sync.Mutex
	subs map[chan []byte]bool
}

// row is a message of the live ladder in a browser.
type row struct {
	Seq     int    `json:"seq"`
	At      string `json:"at"`
	From    string `json:"from"`
	To      string `json:"to"`
	Summary string `json:"summary"`
	Explain string `json:"explain"` // the reasons, notes and the message
}

func (h *hub) publish(s *Server, e *sim.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) == 0 {
		return
	}
	l := s.cfg.Lang
	var ex strings.Builder
	for _, r := range e.Reasons {
		fmt.Fprintf(&ex, "%s [%s]\n", l.Text(r.Text), r.RFC)
	}
	for _, n := range e.Notes {
		fmt.Fprintf(&ex, "%s\n", l.Text(n))
	}
	ex.WriteString(strings.ReplaceAll(e.Raw, "\r\n", "\n"))
	b, _ := json.Marshal(row{e.Seq, fmt.Sprintf("%.3fs", e.At.Seconds()), e.From, e.To, oneLine(l.Text(e.Summary)), ex.String()})
	for c := range h.subs {
		select {
		case c <- b:
		default: // too slow: this line is lost for it
		}
	}
}

func (h *hub) subscribe() chan []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[chan []byte]bool{}
	}
	c := make(chan []byte, 256)
	h.subs[c] = true
	return c
}

func (h *hub) unsubscribe(c chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, c)
}

// Handler serves the live ladder: / is the page, /events the messages as
// server-sent events, from the moment the browser connects.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, page, html.EscapeString(s.cfg.Lang.T("cli.lab.http.title", s.cfg.Domain)))
	})
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		f, ok := w.(http.Flusher)
		if !ok {
			http.Error(w, "streaming unsupported", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-cache")
		c := s.hub.subscribe()
		defer s.hub.unsubscribe(c)
		f.Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case b := <-c:
				fmt.Fprintf(w, "data: %s\n\n", b)
				f.Flush()
			}
		}
	})
	return mux
}

// page appends a row per message; a click on a row shows it explained.
const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%[1]s</title>
<style>body{font-family:sans-serif}td{padding:2px 8px;font-family:monospace}tr.m{cursor:pointer}tr.m:hover{background:#eef}pre{background:#f6f6f6;margin:0;padding:6px}</style>
</head><body><h1>%[1]s</h1><table id="ladder"></table>
<script>
const t = document.getElementById("ladder");
new EventSource("events").onmessage = ev => {
  const m = JSON.parse(ev.data), r = t.insertRow(), x = t.insertRow();
  r.className = "m";
  for (const v of [m.seq, m.at, m.from + " → " + m.to, m.summary]) r.insertCell().textContent = v;
  const c = x.insertCell(); c.colSpan = 4; x.hidden = true;
  const p = document.createElement("pre"); p.textContent = m.explain; c.appendChild(p);
  r.onclick = () => { x.hidden = !x.hidden; };
};
</script></body></html>
`
