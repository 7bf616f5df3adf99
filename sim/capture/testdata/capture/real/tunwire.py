#!/usr/bin/env python3
"""A wire between two TUN devices in two network namespaces: what one
device's kernel sends is written into the other, as a VPN would.

    ip netns exec A tunwire.py tunA SOCKET listen &
    ip netns exec B tunwire.py tunB SOCKET connect &

The two halves talk over a Unix SOCK_SEQPACKET socket (one IP packet a
message), which works across namespaces."""
import fcntl, os, select, socket, struct, sys

name, path, mode = sys.argv[1:4]
tun = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(tun, 0x400454CA, struct.pack("16sH", name.encode(), 0x0001 | 0x1000))  # TUNSETIFF, IFF_TUN|IFF_NO_PI
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
if mode == "listen":
    if os.path.exists(path):
        os.unlink(path)
    s.bind(path)
    s.listen(1)
    s, _ = s.accept()
else:
    s.connect(path)
while True:
    r, _, _ = select.select([tun, s], [], [])
    if tun in r:
        s.send(os.read(tun, 65535))
    if s in r:
        p = s.recv(65535)
        if not p:
            break
        os.write(tun, p)
