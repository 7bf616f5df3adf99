package nodes

import (
	"sort"
	"time"

	"github.com/siplab/siplab/sim"
)

// The state of the elements at an instant, for views that step through a
// run: the transactions and their running timers, the dialogs, the
// bindings, and the proxy's table of hidden Vias.

// TimerInfo is a running timer: its RFC 3261 name and when it fires.
type TimerInfo struct {
	Name string
	Due  time.Duration
}

// TxInfo describes a live transaction.
type TxInfo struct {
	Kind   string // the catalog key of its kind: "node.tx.ict" (INVITE client)…
	Method string
	Branch string
	State  TxState
	Timers []TimerInfo
}

// DialogInfo describes a dialog of a user agent.
type DialogInfo struct {
	ID                  string
	Confirmed           bool
	LocalURI, RemoteURI string
	RemoteTarget        string
	RouteSet            []string
	LocalSeq, RemoteSeq uint32
}

// BindingInfo is a binding of the location service.
type BindingInfo struct {
	AOR, Contact string
	Expires      time.Duration // time left
}

// ElementState is a snapshot of one element.
type ElementState struct {
	Name         string
	Kind         sim.Kind
	Down         bool
	Transactions []TxInfo
	Dialogs      []DialogInfo
	Bindings     []BindingInfo
	HiddenVias   map[int]string
}

// Transactions lists the element's live transactions, clients first, each
// group sorted by branch.
func (e *Element) Transactions() []TxInfo {
	var out []TxInfo
	timers := func(pairs ...any) []TimerInfo {
		var ts []TimerInfo
		for i := 0; i < len(pairs); i += 2 {
			if t, _ := pairs[i+1].(*sim.Timer); t.Pending() {
				ts = append(ts, TimerInfo{Name: pairs[i].(string), Due: t.When()})
			}
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i].Due < ts[j].Due })
		return ts
	}
	var clients []TxInfo
	for _, tx := range e.clients {
		retrans, timeout, linger := "A", "B", "D"
		if tx.Method != "INVITE" {
			retrans, timeout, linger = "E", "F", "K"
		}
		clients = append(clients, TxInfo{Kind: tx.kind(), Method: tx.Method, Branch: tx.Branch, State: tx.State,
			Timers: timers(retrans, tx.retrans, timeout, tx.timeout, linger, tx.linger)})
	}
	var servers []TxInfo
	for _, tx := range e.servers {
		linger := "I"
		if tx.Method != "INVITE" {
			linger = "J"
		}
		servers = append(servers, TxInfo{Kind: tx.kind(), Method: tx.Method, Branch: tx.Branch, State: tx.State,
			Timers: timers("G", tx.retrans, "H", tx.timeout, linger, tx.linger, "100", tx.trying100)})
	}
	for _, list := range [][]TxInfo{clients, servers} {
		sort.Slice(list, func(i, j int) bool {
			if list[i].Branch != list[j].Branch {
				return list[i].Branch < list[j].Branch
			}
			return list[i].Method < list[j].Method
		})
		out = append(out, list...)
	}
	return out
}

// Dialogs lists the UA's dialogs, sorted by id.
func (u *UA) Dialogs() []DialogInfo {
	var out []DialogInfo
	for _, c := range u.dialogs {
		d := c.Dialog
		info := DialogInfo{ID: d.ID(), Confirmed: d.Confirmed, LocalURI: d.LocalURI.String(), RemoteURI: d.RemoteURI.String(),
			RemoteTarget: d.RemoteTarget.String(), LocalSeq: d.LocalSeq, RemoteSeq: d.RemoteSeq}
		for _, r := range d.RouteSet {
			info.RouteSet = append(info.RouteSet, r.String())
		}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Snapshot lists the live bindings, sorted by address-of-record.
func (l *Location) Snapshot() []BindingInfo {
	var out []BindingInfo
	now := l.sim.Now()
	for _, aor := range l.AORs() {
		for _, b := range l.Bindings(aor) {
			out = append(out, BindingInfo{AOR: b.AOR, Contact: b.Contact.URI.String(), Expires: b.Remaining(now)})
		}
	}
	return out
}
