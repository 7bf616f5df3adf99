package nodes

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
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
	Static       bool          // provisioned: it never expires (Expires means nothing)
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
	var clients, servers []TxInfo
	for _, tx := range e.clients {
		names := []string{"A", "B", "D", "C"}
		if tx.Method != sip.INVITE {
			names = []string{"E", "F", "K", "C"}
		}
		clients = append(clients, TxInfo{Kind: tx.kind(), Method: tx.Method, Branch: tx.Branch, State: tx.State,
			Timers: running(names, tx.retrans, tx.timeout, tx.linger, tx.timerC)})
	}
	for _, tx := range e.servers {
		linger := "I"
		if tx.Method != sip.INVITE {
			linger = "J"
		}
		servers = append(servers, TxInfo{Kind: tx.kind(), Method: tx.Method, Branch: tx.Branch, State: tx.State,
			Timers: running([]string{"G", "H", linger, "100"}, tx.retrans, tx.timeout, tx.linger, tx.trying100)})
	}
	byBranch := func(a, b TxInfo) int {
		return cmp.Or(strings.Compare(a.Branch, b.Branch), strings.Compare(a.Method, b.Method))
	}
	slices.SortFunc(clients, byBranch)
	slices.SortFunc(servers, byBranch)
	return append(clients, servers...)
}

// running lists the pending timers, named by names, soonest first.
func running(names []string, timers ...*sim.Timer) []TimerInfo {
	var out []TimerInfo
	for i, t := range timers {
		if t.Pending() {
			out = append(out, TimerInfo{Name: names[i], Due: t.When()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Due < out[j].Due })
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
	for _, aor := range slices.Sorted(maps.Keys(l.aors)) {
		for _, b := range l.Bindings(aor) {
			out = append(out, BindingInfo{AOR: b.AOR, Contact: b.Contact.URI.String(), Expires: b.Remaining(now), Static: b.Static})
		}
	}
	return out
}
