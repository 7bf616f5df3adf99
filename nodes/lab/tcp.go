package lab

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/siplab/siplab/sim"
)

// maxStreamMessage bounds one message read from a TCP connection, header
// and body: a peer that sends more is not speaking SIP to us, and its
// connection is closed.
const maxStreamMessage = 65536

// tcpConns are the lab's TCP connections, by the peer's address: the
// readers add and remove them, the loop writes to them. A response and any
// later request to that peer reuse the connection (RFC 3261 §18.2.2,
// §18.1.1 on reusing a connection to the same destination).
type tcpConns struct {
	mu     sync.Mutex
	m      map[netip.AddrPort]net.Conn
	closed bool // the lab has stopped: a connection put now is closed at once
}

func (t *tcpConns) get(a netip.AddrPort) net.Conn {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[a]
}

func (t *tcpConns) put(a netip.AddrPort, c net.Conn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		c.Close()
		return
	}
	t.m[a] = c
}

func (t *tcpConns) drop(a netip.AddrPort, c net.Conn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m[a] == c {
		delete(t.m, a)
	}
}

func (t *tcpConns) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.m)
}

func (t *tcpConns) closeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	for _, c := range t.m {
		c.Close()
	}
}

// accept serves the connections of listener l until it is closed.
func (s *Server) accept(local netip.AddrPort, l net.Listener, wg *sync.WaitGroup) {
	for {
		c, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		from := unmap(c.RemoteAddr().(*net.TCPAddr).AddrPort())
		s.tcp.put(from, c)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			defer s.tcp.drop(from, c)
			s.readStream(local, from, c)
		}()
	}
}

// readStream hands each message of a TCP connection to the loop, framed
// by its Content-Length (§18.3), until the peer closes the connection or
// breaks the framing.
func (s *Server) readStream(local, from netip.AddrPort, c net.Conn) {
	r := bufio.NewReaderSize(idleReader{c, s.cfg.TCPIdle}, 4096)
	for {
		data, err := readFramed(r)
		if err != nil {
			return
		}
		if resp := s.overloaded(from, data); resp != nil {
			c.SetWriteDeadline(time.Now().Add(time.Second))
			c.Write(resp)
			continue
		}
		if !s.wall.Do(func() { s.inbound(local, from, data, sim.TCP) }) {
			return
		}
	}
}

// idleReader reads a connection that must carry something, a keep-alive
// at least, every idle: past it a read fails and the connection is closed.
type idleReader struct {
	c    net.Conn
	idle time.Duration
}

func (r idleReader) Read(p []byte) (int, error) {
	r.c.SetReadDeadline(time.Now().Add(r.idle))
	return r.c.Read(p)
}

// readFramed reads one SIP message from a stream: the CRLFs of keep-alives
// skipped (RFC 5626 §3.5.1), the header up to its blank line, and as many
// body bytes as Content-Length says (none when it is missing).
func readFramed(r *bufio.Reader) ([]byte, error) {
	var head bytes.Buffer
	for {
		line, err := r.ReadSlice('\n')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
		if head.Len() == 0 && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		head.Write(line)
		if head.Len() > maxStreamMessage {
			return nil, errors.New("lab: header too long")
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			break
		}
	}
	n := contentLength(head.String())
	if n < 0 || head.Len()+n > maxStreamMessage {
		return nil, errors.New("lab: bad Content-Length")
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, err
	}
	return append(head.Bytes(), body...), nil
}

// contentLength is the value of the Content-Length (or compact l) header
// in head: 0 when there is none, -1 when it is not a number.
func contentLength(head string) int {
	for _, line := range strings.Split(head, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name = strings.TrimSpace(name)
		if strings.EqualFold(name, "Content-Length") || strings.EqualFold(name, "l") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return -1
			}
			return n
		}
	}
	return 0
}

// sendStream writes data to the peer at to over TCP: on its connection,
// else on a new one from the lab (which it then reads too).
func (s *Server) sendStream(local, to netip.AddrPort, data []byte) {
	c := s.tcp.get(to)
	if c == nil {
		d := net.Dialer{Timeout: time.Second, LocalAddr: net.TCPAddrFromAddrPort(netip.AddrPortFrom(local.Addr(), 0))}
		var err error
		if c, err = d.Dial("tcp", to.String()); err != nil {
			return // as a lost packet: the transactions time out
		}
		s.tcp.put(to, c)
		s.streams.Add(1)
		go func() {
			defer s.streams.Done()
			defer c.Close()
			defer s.tcp.drop(to, c)
			s.readStream(local, to, c)
		}()
	}
	c.SetWriteDeadline(time.Now().Add(time.Second)) // a peer that does not read cannot stall the loop
	if _, err := c.Write(data); err != nil {
		c.Close()
	}
}

func unmap(a netip.AddrPort) netip.AddrPort { return netip.AddrPortFrom(a.Addr().Unmap(), a.Port()) }
