package nodes

import (
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Session timers (RFC 4028): a UA with a SessionExpires asks for a session
// interval in its INVITEs (Supported: timer, Session-Expires); a UA with a
// session timer, as UAS, refuses an interval below its Min-SE with 422 and
// grants one in its 2xx (Session-Expires with the refresher, Require:
// timer). The refresher sends an UPDATE at half the interval; the other
// side sends BYE shortly before the session would expire without one.

// optionTimer is the option tag of RFC 4028.
const optionTimer = "timer"

// DefaultMinSE is the smallest session interval RFC 4028 allows, and the
// Min-SE of a UA that names none (§4, §5): 90 seconds.
const DefaultMinSE = 90 * time.Second

// sessionTimer is a call's session timer: its interval, whether this UA is
// the refresher, whether the peer supports the extension, and the timer
// of the next refresh or of the BYE before expiry.
type sessionTimer struct {
	interval  time.Duration
	local     bool // this UA refreshes
	uacTimer  bool // the UAC of the request said Supported: timer (UAS side)
	minSE     time.Duration
	next      *sim.Timer // the refresh, for the refresher
	expiry    *sim.Timer // the BYE before the session expires
	refreshes int
}

// timers reports whether the UA supports session timers.
func (u *UA) timers() bool { return u.SessionExpires > 0 || u.MinSE > 0 }

// minSE is the smallest session interval the UA accepts (RFC 4028 §5).
func (u *UA) minSE() time.Duration { return max(u.MinSE, DefaultMinSE) }

func seconds(d time.Duration) string { return strconv.Itoa(int(d / time.Second)) }

// sessionExpires reads a Session-Expires header: the interval and the
// refresher parameter ("uac", "uas" or ""); ok is false without one.
func sessionExpires(m *sip.Message) (interval time.Duration, refresher string, ok bool) {
	v := m.Get("Session-Expires")
	num, params, _ := strings.Cut(v, ";")
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if v == "" || err != nil || n <= 0 {
		return 0, "", false
	}
	return time.Duration(n) * time.Second, strings.ToLower(sip.Params(";" + params).Value("refresher")), true
}

// headerSeconds reads a header of whole seconds (Min-SE); 0 without one.
func headerSeconds(m *sip.Message, name string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(m.Get(name)))
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}

// askSessionTimer adds to an initial INVITE the session interval the UA
// asks for (RFC 4028 §7.1), if it asks for one.
func (u *UA) askSessionTimer(req *sip.Message) []sim.Reason {
	if u.SessionExpires <= 0 {
		return nil
	}
	req.Add("Session-Expires", seconds(u.SessionExpires))
	return []sim.Reason{u.Reason("RFC 4028 §7.1", "node.ua.timer.ask", seconds(u.SessionExpires))}
}

// longerSession answers a 422 Session Interval Too Small (RFC 4028 §7.3):
// the INVITE again, with the same Call-ID and From tag and a higher CSeq,
// asking for the Min-SE the 422 named and saying so in a Min-SE of its own.
func (c *Call) longerSession(in *Incoming) (*sip.Message, sim.Reason) {
	u := c.ua
	min := headerSeconds(in.Msg, "Min-SE")
	asked, _, _ := sessionExpires(c.Invite)
	if min <= asked {
		return nil, sim.Reason{}
	}
	retry := u.retry(c.Invite, c.dest)
	retry.Set("Session-Expires", seconds(min))
	retry.Set("Min-SE", seconds(min))
	c.timer = &sessionTimer{minSE: min}
	return retry, u.Reason("RFC 4028 §7.3", "node.ua.timer.longer", seconds(min))
}

// tooShort reports whether an INVITE asks for a session interval below the
// UA's Min-SE while supporting the extension: the UAS then refuses it with
// 422 (RFC 4028 §9). A request that does not support it is not refused: the
// interval is raised instead.
func (u *UA) tooShort(req *sip.Message) bool {
	asked, _, ok := sessionExpires(req)
	return ok && u.timers() && asked < u.minSE() && hasOption(req, "Supported", optionTimer)
}

// refuseShortSession answers 422 with the UA's Min-SE (RFC 4028 §6, §9).
func (c *Call) refuseShortSession(in *Incoming) {
	u := c.ua
	resp := c.response(sip.StatusIntervalTooSmall)
	resp.Add("Min-SE", seconds(u.minSE()))
	asked, _, _ := sessionExpires(in.Msg)
	c.refuse(in, resp, u.Reason("RFC 4028 §9", "node.ua.timer.toosmall", seconds(asked), seconds(u.minSE())))
}

// timerFromRequest sets the session timer the UAS grants to a request
// (RFC 4028 §9): the interval asked for, raised to the UA's Min-SE, or the
// UA's own when none was asked; the refresher the request names, else the
// UAC if it supports the extension, else the UAS.
func (c *Call) timerFromRequest(req *sip.Message) {
	u := c.ua
	if !u.timers() {
		return
	}
	interval, refresher, ok := sessionExpires(req)
	if !ok {
		if u.SessionExpires <= 0 {
			return
		}
		interval = u.SessionExpires
	}
	interval = max(interval, u.minSE(), headerSeconds(req, "Min-SE"))
	uacTimer := hasOption(req, "Supported", optionTimer)
	if refresher == "" {
		refresher = "uas"
		if uacTimer {
			refresher = "uac"
		}
	}
	c.stopTimer()
	c.timer = &sessionTimer{interval: interval, local: refresher == "uas", uacTimer: uacTimer, minSE: headerSeconds(req, "Min-SE")}
}

// grantTimer puts the session timer in the UAS's 2xx (RFC 4028 §9):
// Session-Expires with the refresher, and Require: timer when the UAC
// supports the extension.
func (c *Call) grantTimer(resp *sip.Message) []sim.Reason {
	t := c.timer
	if t == nil || t.interval == 0 {
		return nil
	}
	who := "uac"
	if t.local {
		who = "uas"
	}
	resp.Add("Session-Expires", seconds(t.interval)+";refresher="+who)
	if t.uacTimer {
		resp.Add("Require", optionTimer)
	}
	return []sim.Reason{c.ua.Reason("RFC 4028 §9", "node.ua.timer.grant", seconds(t.interval), who)}
}

// timerFromResponse takes the session timer from a 2xx to the UA's
// INVITE or refresh (RFC 4028 §7.2): none without Session-Expires; else
// this UA, the UAC, refreshes when the refresher is "uac".
func (c *Call) timerFromResponse(resp *sip.Message) {
	interval, refresher, ok := sessionExpires(resp)
	c.stopTimer()
	if !ok {
		c.timer = nil
		return
	}
	min := time.Duration(0)
	if c.timer != nil {
		min = c.timer.minSE
	}
	c.timer = &sessionTimer{interval: interval, local: refresher == "uac", minSE: min}
	c.startTimer()
}

// startTimer starts the session timer from now (RFC 4028 §10): the
// refresher refreshes at half the interval; either side, if the session
// is not refreshed by then (no refresh came, or no 2xx to one), sends BYE
// min(32 s, interval/3) before it expires.
func (c *Call) startTimer() {
	u, t := c.ua, c.timer
	if t == nil || t.interval == 0 || c.Ended {
		return
	}
	stopTimers(t.next, t.expiry)
	before := min(32*time.Second, t.interval/3)
	t.expiry = u.Sim.After(t.interval-before, c.expire)
	if t.local {
		u.Note(u.T("node.ua.timer.refresher", seconds(t.interval), seconds(t.interval/2)))
		t.next = u.Sim.After(t.interval/2, c.refresh)
		return
	}
	u.Note(u.T("node.ua.timer.watch", seconds(t.interval), seconds(t.interval-before)))
}

// stopTimer stops the call's session timer, if it runs.
func (c *Call) stopTimer() {
	if c.timer != nil {
		stopTimers(c.timer.next, c.timer.expiry)
	}
}

// refresh sends a session refresh (RFC 4028 §10): an UPDATE without an
// offer within the dialog, asking for the same interval with this UA as the
// refresher (and the Min-SE learnt from a 422, §7.4). Its 2xx restarts the
// timer; a 408 or 481 ends the call with BYE.
func (c *Call) refresh() {
	u, t := c.ua, c.timer
	if c.Dialog == nil || c.Ended || t == nil {
		return
	}
	req, dest, ok := u.dialogRequest(c.Dialog, sip.UPDATE)
	if !ok {
		return
	}
	t.refreshes++
	tev := u.Sim.Timer(u.Name, u.T("node.ua.timer.refresh.fire", seconds(t.interval/2)))
	req.Add("Contact", u.Contact().String())
	c.keepTimer(req)
	u.authorize(c.auth, req)
	u.sendNonInvite(req, dest, Out{Cause: tev, Reasons: []sim.Reason{u.Reason("RFC 4028 §10", "node.ua.timer.refresh", t.refreshes)}}, func(in *Incoming) {
		switch code := in.Msg.StatusCode; {
		case code/100 == 2:
			c.timerFromResponse(in.Msg)
		case code == sip.StatusRequestTimeout || code == sip.StatusCallDoesNotExist:
			c.bye(in.Seq, u.Reason("RFC 4028 §10", "node.ua.timer.refreshfailed", code))
		}
	})
}

// keepTimer adds to a request within the dialog that refreshes the
// session (an UPDATE or a re-INVITE, RFC 4028 §7.4) the running session
// timer: Supported: timer, Session-Expires with the refresher as it is, and
// the Min-SE learnt from a 422.
func (c *Call) keepTimer(req *sip.Message) {
	t := c.timer
	if t == nil || t.interval == 0 {
		return
	}
	if tags := c.ua.supported(); tags != "" {
		req.Add("Supported", tags)
	}
	who := "uas" // the refresher is the peer, the UAS of this request
	if t.local {
		who = "uac"
	}
	req.Add("Session-Expires", seconds(t.interval)+";refresher="+who)
	if t.minSE > 0 {
		req.Add("Min-SE", seconds(t.minSE))
	}
}

// expire: the session was not refreshed (no refresh came, or the
// refresher got no 2xx to its own); the UA ends it with BYE before it
// expires (RFC 4028 §10).
func (c *Call) expire() {
	u, t := c.ua, c.timer
	tev := u.Sim.Timer(u.Name, u.T("node.ua.timer.expiring", seconds(t.interval)), u.T("node.ua.timer.expiring.why"))
	c.bye(tev, u.Reason("RFC 4028 §10", "node.ua.timer.bye"))
}
