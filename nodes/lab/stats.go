package lab

// Stats are what the lab holds in memory now, each of which must expire
// for the lab to run for hours: it is what a long-run test watches.
type Stats struct {
	Transactions int // client and server transactions of the lab's elements (§17)
	Bindings     int // bindings in the location service, expired ones until swept
	Nonces       int // digest nonces remembered with their counts
	TCPConns     int // open TCP connections
	Hosts        int // the endpoints' hosts on the network (HostIdle, MaxHosts)
}

// Stats reads the counts in the loop, between events. It reports false
// once the lab has stopped.
func (s *Server) Stats() (Stats, bool) {
	got := make(chan Stats, 1)
	if !s.wall.Do(func() { got <- s.stats() }) {
		return Stats{}, false
	}
	return <-got, true
}

func (s *Server) stats() Stats {
	var st Stats
	for _, l := range s.labs {
		st.Transactions += len(l.Transactions())
		st.Nonces += l.Registrar.Auth.Nonces() + l.Proxy.Auth.Nonces()
	}
	st.Bindings = s.loc.Size()
	st.TCPConns = s.tcp.count()
	st.Hosts = len(s.hosts.of)
	return st
}
