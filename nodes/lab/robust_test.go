package lab

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// mutate returns msg damaged one of the ways a LAN damages or an attacker
// shapes a datagram: bytes flipped, cut short, a header line repeated, a
// huge header value, or random bytes instead.
func mutate(r *rand.Rand, msg []byte) []byte {
	m := bytes.Clone(msg)
	switch r.IntN(5) {
	case 0: // flipped bytes
		for range 1 + r.IntN(4) {
			m[r.IntN(len(m))] ^= byte(1 + r.IntN(255))
		}
	case 1: // truncated
		m = m[:r.IntN(len(m))]
	case 2: // a header line duplicated, many times
		lines := bytes.Split(m, []byte("\r\n"))
		i := 1 + r.IntN(len(lines)-1)
		dup := bytes.Repeat(append(bytes.Clone(lines[i]), "\r\n"...), 1+r.IntN(200))
		m = bytes.Join([][]byte{bytes.Join(lines[:i], []byte("\r\n")), dup, bytes.Join(lines[i:], []byte("\r\n"))}, []byte("\r\n"))
	case 3: // a huge header value
		at := bytes.Index(m, []byte("\r\n")) + 2
		huge := fmt.Sprintf("Subject: %s\r\n", bytes.Repeat([]byte{'x'}, 1000+r.IntN(60000)))
		m = append(m[:at:at], append([]byte(huge), m[at:]...)...)
	default: // random bytes
		m = make([]byte, 1+r.IntN(1500))
		for i := range m {
			m[i] = byte(r.Uint32())
		}
	}
	return m
}

// TestLabRobust sends mutated REGISTER, INVITE and OPTIONS requests to a
// running lab, then checks that a registration and a call still complete
// and that the heap stays bounded.
func TestLabRobust(t *testing.T) {
	// 100,000 take 28 s on 2 cores (heap 102 MiB, the transactions of
	// the last 32 s, §17.2): LAB_FLOOD=100000 runs them.
	n := 20_000
	if testing.Short() {
		n = 5_000
	}
	if v, err := strconv.Atoi(os.Getenv("LAB_FLOOD")); err == nil {
		n = v
	}
	const traceLimit = 4 << 20
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder"}, MaxTraceBytes: traceLimit})
	addr := srv.Addrs()[0]
	mallory, probe := newPhone(t, "mallory", addr), newPhone(t, "probe", addr)
	r := rand.New(rand.NewPCG(15, 5))
	start := time.Now()
	for i := range n {
		var m *sip.Message
		switch i % 3 {
		case 0:
			m = mallory.request(sip.REGISTER, "sip:127.0.0.1", "<sip:mallory@127.0.0.1>", fmt.Sprint("reg-", i), 1)
		case 1:
			m = mallory.request(sip.INVITE, "sip:alice@127.0.0.1", "<sip:alice@127.0.0.1>", fmt.Sprint("inv-", i), 1)
			m.Set("Content-Type", "application/sdp")
			m.Body = []byte("v=0\r\no=mallory 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n")
		default:
			m = mallory.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", fmt.Sprint("opt-", i), 1)
		}
		mallory.c.WriteToUDPAddrPort(mutate(r, m.Bytes()), addr) // an error (too big) is the wire's
		if i%10 == 9 {
			ping(t, probe, i) // the lab has read the flood so far: the kernel drops none
		}
	}
	t.Logf("%d mutated messages in %v", n, time.Since(start))

	labCall(t, addr)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heap after the flood and a call: %d MiB", ms.HeapAlloc>>20)
	if limit := uint64(200 << 20); ms.HeapAlloc > limit {
		t.Errorf("heap %d MiB after the flood, want at most %d MiB", ms.HeapAlloc>>20, limit>>20)
	}
	tr := stop()
	got, raw := 0, 0
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage {
			got++
			raw += len(e.Raw)
		}
	}
	t.Logf("%d events, %d messages traced, %d KiB of them", tr.Len(), got, raw>>10)
	if raw > traceLimit {
		t.Errorf("the trace keeps %d KiB of messages, past its limit of %d KiB", raw>>10, traceLimit>>10)
	}
}

// ping sends an OPTIONS from p, retransmitted as a UAC does over UDP
// (§17.1.2.2), until its 200 comes back.
func ping(t *testing.T, p *phone, i int) {
	t.Helper()
	opt := p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", fmt.Sprint("ping-", i), 1)
	callID := []byte("Call-ID: " + opt.Get("Call-ID"))
	buf := make([]byte, 65536)
	for range 200 {
		p.sendMsg(opt)
		p.c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		for {
			n, err := p.c.Read(buf)
			if err != nil {
				break
			}
			if bytes.Contains(buf[:n], callID) && bytes.HasPrefix(buf[:n], []byte("SIP/2.0 200")) {
				return
			}
		}
	}
	t.Fatalf("the lab stopped answering OPTIONS after %d mutated messages", i+1)
}
