package lab

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// newTransaction gives req a new branch and the next CSeq, as a copy of
// it sent later is a new request (§17.2.3), not a retransmission.
func (p *phone) newTransaction(req *sip.Message) {
	cs, _ := req.CSeq()
	req.Set("CSeq", fmt.Sprintf("%d %s", cs.Seq+1, req.Method))
	v, _ := req.TopVia()
	v.Params = v.Params.Set("branch", p.branch())
	req.SetTopVia(v)
}

// withNC sets the nonce count of req's credentials to nc, recomputing the
// response for the same nonce, as a client does for its next request.
func withNC(t *testing.T, req *sip.Message, ch *sip.Challenge, user, password string, nc uint32) {
	t.Helper()
	c, _, err := sip.Authorize(ch, user, password, req.Method, req.RequestURI.String(), "0a4f113b", nc, req.Body)
	if err != nil {
		t.Fatal(err)
	}
	req.Set("Authorization", c.String())
}

// TestLabNonceReplay: with qop=auth, a request whose nonce count is not
// above the last one accepted for its nonce is a replay, refused with a
// fresh nonce (RFC 7616 §3.4); a higher count is accepted; an expired
// nonce gets stale=true; expired nonces are forgotten.
func TestLabNonceReplay(t *testing.T) {
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland"}, NonceTTL: 700 * time.Millisecond, Out: out, Verbose: true})
	alice := newPhone(t, "alice", srv.Addrs()[0])
	req := alice.request(sip.REGISTER, "sip:127.0.0.1", "<sip:alice@127.0.0.1>", "reg-alice", 1)
	req.Add("Expires", "3600")
	alice.sendMsg(req)
	ch, err := alice.await("SIP/2.0 401").Challenge("WWW-Authenticate")
	if err != nil {
		t.Fatal(err)
	}
	withNC(t, req, ch, "alice", "wonderland", 1)
	alice.newTransaction(req)
	alice.sendMsg(req)
	alice.await("SIP/2.0 200")

	// The same credentials again, in a new transaction: a replay.
	alice.newTransaction(req)
	alice.sendMsg(req)
	again := alice.await("SIP/2.0 ")
	got, err := again.Challenge("WWW-Authenticate")
	if again.StatusCode != sip.StatusUnauthorized || err != nil {
		t.Fatalf("a replayed REGISTER got %s (%v), want 401", again.StartLine(), err)
	}
	if !got.Stale || got.Nonce == ch.Nonce {
		t.Errorf("the replay's challenge: stale=%v nonce %s (was %s), want stale=true and a fresh nonce", got.Stale, got.Nonce, ch.Nonce)
	}

	// The next count on the same nonce is no replay.
	withNC(t, req, ch, "alice", "wonderland", 2)
	alice.newTransaction(req)
	alice.sendMsg(req)
	if ok := alice.await("SIP/2.0 "); ok.StatusCode != sip.StatusOK {
		t.Fatalf("nc=2 got %s, want 200", ok.StartLine())
	}

	// Once the nonce expired, the right response gets stale=true.
	time.Sleep(800 * time.Millisecond)
	withNC(t, req, ch, "alice", "wonderland", 3)
	alice.newTransaction(req)
	alice.sendMsg(req)
	stale, err := alice.await("SIP/2.0 401").Challenge("WWW-Authenticate")
	if err != nil || !stale.Stale {
		t.Errorf("an expired nonce got %v (%v), want stale=true", stale, err)
	}

	// Expired nonces are forgotten, with their counts.
	time.Sleep(800 * time.Millisecond)
	if st, _ := srv.Stats(); st.Nonces != 0 {
		t.Errorf("%d nonces remembered after they all expired, want 0", st.Nonces)
	}
	stop() // the live view has printed all
	if !strings.Contains(out.String(), "nonce count 00000001 of alice is not above the highest accepted") {
		t.Errorf("the live view does not explain the replay:\n%s", out)
	}
}
