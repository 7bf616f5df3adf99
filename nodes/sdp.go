package nodes

import (
	"slices"
	"strconv"

	"github.com/siplab/siplab/sim/sip"
)

// MediaPort is where siplab's user agents receive RTP (RFC 3551).
const MediaPort = 49170

// offer builds an SDP offer for the UA (RFC 3264 §5): one audio stream with
// its codecs, in order of preference.
func (u *UA) offer() *sip.SDP {
	u.sdpVersion++
	return u.sdp(u.Codecs)
}

func (u *UA) sdp(formats []string) *sip.SDP {
	ip := u.Addr().Addr().String()
	s := &sip.SDP{
		Origin: sip.Origin{
			Username: u.User, SessionID: strconv.FormatUint(u.sdpSession, 10),
			SessionVersion: strconv.FormatUint(u.sdpSession+u.sdpVersion-1, 10),
			NetType:        "IN", AddrType: "IP4", Address: u.HostName,
		},
		Name:       "-",
		Connection: &sip.Connection{NetType: "IN", AddrType: "IP4", Address: ip},
		Times:      []string{"0 0"},
	}
	m := sip.Media{Type: "audio", Port: MediaPort, Proto: "RTP/AVP", Formats: formats}
	for _, f := range formats {
		if enc := m.RTPMap(f); enc != "" {
			m.Attributes = append(m.Attributes, "rtpmap:"+f+" "+enc)
		}
	}
	s.Media = []sip.Media{m}
	return s
}

// capabilities is the SDP a UA puts in its answer to OPTIONS (RFC 3264
// §9): its media and codecs, with port 0 so that it can never start a
// stream, under a session id of its own.
func (u *UA) capabilities() *sip.SDP {
	s := u.sdp(u.Codecs)
	id := strconv.FormatUint(uint64(u.ids.Uint32()), 10)
	s.Origin.SessionID, s.Origin.SessionVersion = id, id
	s.Media[0].Port = 0
	return s
}

// answer chooses the formats of the answer to the offer in an INVITE's body
// (RFC 3264 §6): the offered formats the UA also supports, in the offer's
// order. An offer that does not parse fails with 400, one with no format in
// common with 488. The answer itself is built when the UA answers, as a new
// version of its session.
func (u *UA) answer(body []byte) (common []string, failure int) {
	offer, err := sip.ParseSDP(body)
	if err != nil {
		return nil, sip.StatusBadRequest
	}
	if len(offer.Media) == 0 {
		return nil, 488
	}
	for _, f := range offer.Media[0].Formats {
		if slices.Contains(u.Codecs, f) {
			common = append(common, f)
		}
	}
	if len(common) == 0 {
		return nil, 488
	}
	u.sdpVersion++
	return common, 0
}
