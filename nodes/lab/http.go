package lab

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/siplab/siplab/sim"
)

// hub hands the live ladder to the browsers that watch it: a line per
// message, as server-sent events. A browser that opens the page late gets
// the session so far first (the last MaxHistory rows), then the rows as
// they come. A browser too slow to keep up misses lines rather than
// holding the lab back.
type hub struct {
	mu      sync.Mutex
	subs    map[chan item]bool
	history [][]byte // the rows so far, oldest first, at most maxHistory
	first   int      // how many rows were dropped from history's front
	on      bool     // a Handler serves the rows: only then are they kept
}

// item is a row as JSON, with its number in the session from 1: the id of
// its server-sent event.
type item struct {
	id  int
	row []byte
}

// maxHistory bounds the rows a late browser is sent first: a class's
// session and more, in a few megabytes.
const maxHistory = 10000

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
	on := h.on
	h.mu.Unlock()
	if !on {
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
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.history) == maxHistory {
		h.history[0] = nil
		h.history = h.history[1:]
		h.first++
	}
	h.history = append(h.history, b)
	it := item{h.first + len(h.history), b}
	for c := range h.subs {
		select {
		case c <- it:
		default: // too slow: this line is lost for it
		}
	}
}

// subscribe returns the rows so far from the after-th on (after counts
// rows of the session, 0 for all), and a channel of the rows to come.
func (h *hub) subscribe(after int) ([]item, chan item) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[chan item]bool{}
	}
	c := make(chan item, 256)
	h.subs[c] = true
	var past []item
	for i := min(max(after-h.first, 0), len(h.history)); i < len(h.history); i++ {
		past = append(past, item{h.first + i + 1, h.history[i]})
	}
	return past, c
}

func (h *hub) unsubscribe(c chan item) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, c)
}

// Handler serves the live ladder: / is the page, /events the messages as
// server-sent events: the session so far, then each as it happens.
func (s *Server) Handler() http.Handler {
	s.hub.mu.Lock()
	s.hub.on = true
	s.hub.mu.Unlock()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, page, html.EscapeString(s.cfg.Lang.T("cli.lab.http.title", s.cfg.Domain)))
	})
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		f, ok := w.(http.Flusher)
		if !ok {
			http.Error(w, "streaming unsupported", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-cache")
		// A browser that reconnects says the last row it has (its id):
		// it gets the rows after it, never one twice.
		after := 0
		if id, err := strconv.Atoi(r.Header.Get("Last-Event-ID")); err == nil {
			after = id
		}
		past, c := s.hub.subscribe(after)
		defer s.hub.unsubscribe(c)
		send := func(it item) { fmt.Fprintf(w, "id: %d\ndata: %s\n\n", it.id, it.row) }
		for _, it := range past {
			send(it)
		}
		f.Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case it := <-c:
				send(it)
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
