package capture

import (
	"bytes"
	"math/rand"
	"os"
	"testing"
	"time"
)

// TestMutatedCaptures damages real captures at random (bytes changed,
// cut out, put in) and checks that every reading ends, soon, without a
// panic: the fuzz test's seeds, run on every go test.
func TestMutatedCaptures(t *testing.T) {
	for _, name := range []string{"lo-udp-proxy-call.pcapng", "any-sll1-tcp-proxy-call.pcap", "lo-udp6-digest.pcapng",
		"veth576-udp-fragments.pcapng", "tun-raw-udp-call.pcapng"} {
		seed, _ := os.ReadFile("testdata/capture/" + name)
		r := rand.New(rand.NewSource(1))
		for i := 0; i < 500; i++ {
			b := bytes.Clone(seed)
			for k := 0; k < 1+r.Intn(4); k++ {
				switch r.Intn(3) {
				case 0:
					b[r.Intn(len(b))] = byte(r.Intn(256))
				case 1:
					i := r.Intn(len(b))
					b = append(b[:i], b[min(len(b), i+r.Intn(64)):]...)
				default:
					i := r.Intn(len(b))
					b = append(b[:i], append(bytes.Repeat([]byte{byte(r.Intn(256))}, r.Intn(64)), b[i:]...)...)
				}
			}
			done := make(chan struct{})
			go func() {
				ReadTrace(bytes.NewReader(b), TraceOptions{Passwords: map[string]string{"alice": "x"}})
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				t.Fatalf("%s: mutation %d reads for more than 3 s", name, i)
			}
		}
	}
}
