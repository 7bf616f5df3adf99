#!/usr/bin/env python3
"""Replay the messages of a siplab trace (siplab run LESSON --format json) over
real sockets on the loopback interface, so that dumpcap captures what the
kernel really sends. This is how the *.pcap* files here were made:

    dumpcap -i lo -f 'net 127.0.0.8/29 and port 5060' -w FILE &
    python3 replay.py TRACE.json udp|tcp|ws|udp6 BASEPORT

Every node of the trace gets its own address, 127.0.0.(10+i) with its own
port (5060; 8080 over WebSocket, where Via is rewritten to say so), so that the messages' Via headers (host names, port 5060) name
where they listen; with udp6 all are ::1, on BASEPORT + 10*i. Over TCP
and WebSocket a connection is opened by the first of two nodes to send; a
message over 1000 bytes is written in two halves 20 ms apart (one message
across segments). WebSocket frames from the connecting side are masked. Messages are sent at
their times in the trace (at_ms), so retransmissions keep their intervals.
"""
import json, os, socket, struct, sys, time

trace = json.load(open(sys.argv[1]))
mode, base = sys.argv[2], int(sys.argv[3])
fam = socket.AF_INET6 if mode == "udp6" else socket.AF_INET
addr = {}
for i, n in enumerate(trace["nodes"]):
    if not n.get("address") or ":" not in n["address"]:
        continue
    host, port = n["address"].rsplit(":", 1)
    port = 8080 if mode == "ws" else int(port)
    addr[n["name"]] = ("::1", base + 10 * i) if fam == socket.AF_INET6 else ("127.0.0.%d" % (10 + i), port)

start = time.monotonic()
last = [-1.0]

def wait(at_ms):
    """Sends at the trace's time, 5 ms after the message before at least."""
    at = max(at_ms / 1000, last[0] + 0.005)
    last[0] = at
    time.sleep(max(0, start + at - time.monotonic()))

def msgs():
    for e in trace["events"]:
        if e["type"] == "message" and e["from"] in addr and e["to"] in addr:
            raw = e["raw"].encode()
            if mode == "ws":  # the Via names the port listened on, as for TCP
                raw = raw.replace(b".example.com:5060", b".example.com:8080")
            yield e["at_ms"], e["from"], e["to"], raw

if mode in ("udp", "udp6"):
    socks = {}
    for name, a in addr.items():
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.bind(a)
        socks[name] = s
    for at, f, t, raw in msgs():
        wait(at)
        socks[f].sendto(raw, addr[t])
    sys.exit(0)

listeners = {}
for name, a in addr.items():
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(a)
    s.listen()
    listeners[name] = s
conns = {}  # (a, b) -> (socket of a, socket of b, a connected)

def ws_frame(data, mask):
    h = bytes([0x81])
    n = len(data)
    m = 0x80 if mask else 0
    if n < 126:
        h += bytes([m | n])
    elif n < 65536:
        h += bytes([m | 126]) + struct.pack("!H", n)
    else:
        h += bytes([m | 127]) + struct.pack("!Q", n)
    if not mask:
        return h + data
    key = os.urandom(4)
    return h + key + bytes(b ^ key[i % 4] for i, b in enumerate(data))

def conn(f, t):
    if (f, t) in conns:
        return conns[(f, t)][0], True
    if (t, f) in conns:
        return conns[(t, f)][1], False
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.bind((addr[f][0], 0))
    c.connect(addr[t])
    s, _ = listeners[t].accept()
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if mode == "ws":
        c.sendall(b"GET / HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
                  b"Sec-WebSocket-Version: 13\r\n\r\n" % addr[t][0].encode())
        s.recv(4096)
        s.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  b"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
        c.recv(4096)
    conns[(f, t)] = (c, s)
    return c, True

for at, f, t, raw in msgs():
    wait(at)
    s, client = conn(f, t)
    data = ws_frame(raw, client) if mode == "ws" else raw
    if len(data) > 1000:
        s.sendall(data[:len(data) // 2])
        time.sleep(0.02)
        s.sendall(data[len(data) // 2:])
    else:
        s.sendall(data)
time.sleep(0.05)
for c, s in conns.values():
    c.close()
    s.close()
