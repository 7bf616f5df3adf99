#!/usr/bin/env python3
"""A SIP MESSAGE over UDP and its 200 OK, with plain sockets:

    sipmessage.py serve ADDR PORT            answers one MESSAGE with 200 OK
    sipmessage.py send ADDR PORT TO PORT N   sends a MESSAGE with an N-byte body

The sender turns path MTU discovery off (IP_PMTUDISC_DONT), so a datagram
bigger than the link's MTU leaves the kernel in IPv4 fragments."""
import socket, sys

mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, port))
if mode == "serve":
    data, peer = s.recvfrom(65535)
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    keep = [l for l in head[1:] if l.split(b":", 1)[0].lower() in (b"via", b"from", b"to", b"call-id", b"cseq")]
    keep = [l + b";tag=srv1" if l.lower().startswith(b"to:") else l for l in keep]
    s.sendto(b"\r\n".join([b"SIP/2.0 200 OK"] + keep + [b"Content-Length: 0", b"", b""]), peer)
    sys.exit(0)
to, tport, n = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
s.setsockopt(socket.IPPROTO_IP, 10, 0)  # IP_MTU_DISCOVER = IP_PMTUDISC_DONT
body = (b"A long page of text. " * (n // 21 + 1))[:n]
msg = ("MESSAGE sip:bob@%s:%d SIP/2.0\r\n"
       "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-frag-1\r\n"
       "Max-Forwards: 70\r\n"
       "From: <sip:alice@%s>;tag=a1\r\n"
       "To: <sip:bob@%s>\r\n"
       "Call-ID: frag-1@%s\r\n"
       "CSeq: 1 MESSAGE\r\n"
       "Content-Type: text/plain\r\n"
       "Content-Length: %d\r\n\r\n" % (to, tport, addr, port, addr, to, addr, len(body))).encode() + body
s.sendto(msg, (to, tport))
s.settimeout(3)
print(s.recv(65535).split(b"\r\n")[0].decode())
