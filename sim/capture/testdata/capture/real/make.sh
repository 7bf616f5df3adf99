#!/bin/sh
# Makes the captures of real tools in ../ (run as root, from this directory;
# needs sipp (Debian sip-tester), kamailio, dumpcap, python3, iproute2):
#
#   sipp-udp-call.pcapng        sipp -sn uac <-> sipp -sn uas over UDP, on lo
#   sipp-tcp-call.pcapng        the same over TCP (-t t1)
#   sipp-udp6-call.pcapng       the same over UDP on ::1
#   sipp-udp-no-answer.pcapng   sipp -sn uac's INVITE retransmitted, nobody answering
#   kamailio-register-call.pcapng
#                               kamailio (kamailio.cfg: registrar + record-routing
#                               stateful proxy) on lo; sipp registers bob and alice
#                               (register.xml), bob answers (answer.xml), alice calls
#                               bob through kamailio (call.xml)
#   veth576-udp-fragments.pcapng
#                               a 1400-byte SIP MESSAGE over a veth pair with MTU 576
#                               between two network namespaces (sipmessage.py): the
#                               kernel sends it in IPv4 fragments; dumpcap on the veth
#   tun-raw-udp-call.pcapng     sipp uac <-> uas between two namespaces over TUN
#                               devices joined by tunwire.py (as a VPN would): dumpcap
#                               on a TUN device writes link type Raw IP (101)
#
# The tests read the committed captures: none of these tools runs at test time.
set -e
out=..
lo_capture() { # FILE FILTER: dumpcap on lo in the background
	dumpcap -q -i lo -f "$2" -w "$out/$1" 2>/dev/null &
	DP=$!
	sleep 1
}
stop() { sleep 1; kill "$@" 2>/dev/null || true; wait "$@" 2>/dev/null || true; }

for t in udp tcp; do
	tr=u1; [ $t = tcp ] && tr=t1
	lo_capture sipp-$t-call.pcapng 'host 127.0.1.1 and host 127.0.1.2'
	sipp -sn uas -t $tr -i 127.0.1.1 -p 5070 -m 1 -nostdin -timeout 20 >/dev/null & UP=$!
	sleep 1
	sipp -sn uac -t $tr -i 127.0.1.2 -p 5071 -m 1 127.0.1.1:5070 -nostdin -timeout 20 >/dev/null
	stop $DP $UP # the UAS over TCP waits on after its call
done

lo_capture sipp-udp6-call.pcapng 'ip6 and udp port 5074'
sipp -sn uas -i ::1 -p 5074 -m 1 -nostdin -timeout 20 >/dev/null & UP=$!
sleep 1
sipp -sn uac -i ::1 -p 5075 -m 1 '[::1]:5074' -nostdin -timeout 20 >/dev/null
stop $DP $UP

# Nobody answers: sipp's uac retransmits its INVITE (T1 = 500 ms, doubling)
# to a UDP socket that only reads, and gives up after 5 s.
lo_capture sipp-udp-no-answer.pcapng 'host 127.0.1.1 and host 127.0.1.2'
python3 -c 'import socket, time; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.1.1", 5076)); time.sleep(8)' & UP=$!
sleep 0.5
sipp -sn uac -i 127.0.1.2 -p 5077 -m 1 127.0.1.1:5076 -nostdin -timeout 5 -timeout_error >/dev/null || true
stop $DP $UP

mkdir -p run
lo_capture kamailio-register-call.pcapng 'net 127.0.1.8/29 and udp'
kamailio -f kamailio.cfg -DD -E -Y "$PWD/run" -P "$PWD/run/kamailio.pid" 2>run/kamailio.log & KP=$!
sleep 2
sipp -sf register.xml -s bob -i 127.0.1.12 -p 5082 -m 1 127.0.1.10:5080 -nostdin >/dev/null
sipp -sf register.xml -s alice -i 127.0.1.11 -p 5081 -m 1 127.0.1.10:5080 -nostdin >/dev/null
sipp -sf answer.xml -s bob -i 127.0.1.12 -p 5082 -m 1 -nostdin -timeout 20 >/dev/null & BP=$!
sleep 1
sipp -sf call.xml -s bob -key caller alice -i 127.0.1.11 -p 5081 -m 1 127.0.1.10:5080 -nostdin -timeout 20 >/dev/null
wait $BP
stop $KP $DP
rm -rf run

# Two namespaces, a veth pair with MTU 576, and a TUN device in each.
ip netns add slA
ip netns add slB
trap 'ip netns del slA; ip netns del slB' EXIT
ip link add vethA netns slA type veth peer name vethB netns slB
ip -n slA addr add 10.99.0.1/24 dev vethA
ip -n slB addr add 10.99.0.2/24 dev vethB
for n in A B; do
	ip -n sl$n link set veth$n mtu 576 up
	ip -n sl$n link set lo up
	ip -n sl$n tuntap add mode tun name tun$n
done
ip -n slA addr add 10.98.0.1 peer 10.98.0.2 dev tunA
ip -n slB addr add 10.98.0.2 peer 10.98.0.1 dev tunB
ip -n slA link set tunA up
ip -n slB link set tunB up

ip netns exec slB dumpcap -q -i vethB -f udp -w $out/veth576-udp-fragments.pcapng 2>/dev/null & DP=$!
sleep 1
ip netns exec slB python3 sipmessage.py serve 10.99.0.2 5060 & SP=$!
sleep 0.5
ip netns exec slA python3 sipmessage.py send 10.99.0.1 5060 10.99.0.2 5060 1400
wait $SP
stop $DP

ip netns exec slA python3 tunwire.py tunA "$PWD/wire.sock" listen & WA=$!
sleep 0.5
ip netns exec slB python3 tunwire.py tunB "$PWD/wire.sock" connect & WB=$!
sleep 0.5
ip netns exec slB dumpcap -q -i tunB -f udp -w $out/tun-raw-udp-call.pcapng 2>/dev/null & DP=$!
sleep 1
ip netns exec slB sipp -sn uas -i 10.98.0.2 -p 5060 -m 1 -nostdin -timeout 20 >/dev/null & UP=$!
sleep 0.5
ip netns exec slA sipp -sn uac -i 10.98.0.1 -p 5060 -m 1 10.98.0.2:5060 -nostdin -timeout 20 >/dev/null
wait $UP
stop $DP $WA $WB
rm -f wire.sock
chmod 644 $out/*.pcapng
