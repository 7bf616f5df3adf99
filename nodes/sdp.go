package nodes

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// MediaPort is where siplab's user agents receive RTP (RFC 3551).
const MediaPort = 49170

// MSRPPort is where they accept MSRP connections (RFC 4975 §8.1: the port
// of an m=message line is the one of the MSRP URI in a=path).
const MSRPPort = 2855

// offer builds an SDP offer for the UA (RFC 3264 §5): one audio stream with
// its codecs, in order of preference.
func (u *UA) offer() *sip.SDP {
	u.sdpVersion++
	return u.sdp(u.audio(u.Codecs))
}

// msrpOffer builds the offer of a session whose only stream is MSRP
// (RFC 4975 §8): the session model for a message too large for MESSAGE.
func (u *UA) msrpOffer(contentType string) *sip.SDP {
	u.sdpVersion++
	return u.sdp(u.msrp([]string{contentType}))
}

// sdp is the UA's session description with one media stream.
func (u *UA) sdp(m sip.Media) *sip.SDP {
	ip := u.Addr().Addr().String()
	return &sip.SDP{
		Origin: sip.Origin{
			Username: u.User, SessionID: strconv.FormatUint(u.sdpSession, 10),
			SessionVersion: strconv.FormatUint(u.sdpSession+u.sdpVersion-1, 10),
			NetType:        "IN", AddrType: "IP4", Address: u.origin,
		},
		Name:       "-",
		Connection: &sip.Connection{NetType: "IN", AddrType: "IP4", Address: ip},
		Times:      []string{"0 0"},
		Media:      []sip.Media{m},
	}
}

// audio is an RTP/AVP audio stream with the given formats.
func (u *UA) audio(formats []string) sip.Media {
	m := sip.Media{Type: "audio", Port: MediaPort, Proto: "RTP/AVP", Formats: formats}
	for _, f := range formats {
		if enc := m.RTPMap(f); enc != "" {
			m.Attributes = append(m.Attributes, "rtpmap:"+f+" "+enc)
		}
	}
	return m
}

// capabilities is the SDP a UA puts in its answer to OPTIONS (RFC 3264
// §9): its media and codecs, with port 0 so that it can never start a
// stream, under a session id of its own.
func (u *UA) capabilities() *sip.SDP {
	s := u.sdp(u.audio(u.Codecs))
	id := strconv.FormatUint(uint64(u.ids.Uint32()), 10)
	s.Origin.SessionID, s.Origin.SessionVersion = id, id
	s.Media[0].Port = 0
	return s
}

// msrp is an MSRP stream (RFC 4975 §8.1, §8.2, §8.6): m=message with the
// format "*", the media types the UA accepts, and its MSRP URI in a=path,
// whose session id comes from the UA's random stream.
func (u *UA) msrp(types []string) sip.Media {
	host := cmp.Or(u.HostName, u.Addr().Addr().String())
	path := "msrp://" + host + ":" + strconv.Itoa(MSRPPort) + "/" + u.NewTag() + ";tcp"
	return sip.Media{Type: "message", Port: MSRPPort, Proto: "TCP/MSRP", Formats: []string{"*"},
		Attributes: []string{"accept-types:" + strings.Join(types, " "), "path:" + path}}
}

// isMSRP reports whether a media stream is MSRP over TCP.
func isMSRP(m sip.Media) bool { return m.Type == "message" && m.Proto == "TCP/MSRP" }

// answer chooses the media stream of the answer to the offer in an INVITE's
// body (RFC 3264 §6): for audio, the offered formats the UA also supports,
// in the offer's order; for MSRP, the offered media types, with the UA's
// own path. An offer that does not parse fails with 400, one with nothing
// in common with 488. The answer itself is built when the UA answers, as a
// new version of its session.
func (u *UA) answer(body []byte) (answer sip.Media, failure int) {
	offer, err := sip.ParseSDP(body)
	if err != nil {
		return answer, sip.StatusBadRequest
	}
	if len(offer.Media) == 0 {
		return answer, 488
	}
	if _, play := playStream(offer.Media[0]); play && len(u.Channels) > 0 {
		return u.playAnswer(offer)
	}
	if m := offer.Media[0]; isMSRP(m) {
		types, _ := m.Attribute("accept-types")
		if types == "" {
			return answer, 488
		}
		u.sdpVersion++
		return u.msrp(strings.Fields(types)), 0
	}
	var common []string
	for _, f := range offer.Media[0].Formats {
		if slices.Contains(u.Codecs, f) {
			common = append(common, f)
		}
	}
	if len(common) == 0 {
		return answer, 488
	}
	u.sdpVersion++
	m := u.audio(common)
	if dir := answerDirection[direction(offer.Media[0])]; dir != "" {
		m.Attributes = append(m.Attributes, dir)
	}
	return m, 0
}

// direction is the direction attribute of a stream (RFC 3264 §5.1):
// sendonly, recvonly, inactive or sendrecv; "" when it has none, which
// means sendrecv.
func direction(m sip.Media) string {
	for _, dir := range []string{"sendonly", "recvonly", "inactive", "sendrecv"} {
		if _, ok := m.Attribute(dir); ok {
			return dir
		}
	}
	return ""
}

// answerDirection is the direction an answer gives a stream offered with a
// direction (RFC 3264 §6.1): a sendonly stream is received only, a
// recvonly one sent only.
var answerDirection = map[string]string{
	"sendonly": "recvonly", "recvonly": "sendonly", "inactive": "inactive", "sendrecv": "sendrecv",
}

// answerReason says what the UAS answers an offer with (RFC 3264 §6): the
// codecs of an audio stream, or the path of an MSRP one (RFC 4975 §8.2).
func answerReason(e *Element, m sip.Media) sim.Reason {
	if ssrc, ok := playStream(m); ok {
		return e.Reason("GB/T 28181-2016 Annex F", "node.gb.play.answer", m.Formats[0]+" "+m.RTPMap(m.Formats[0]), m.Port, ssrc)
	}
	if isMSRP(m) {
		path, _ := m.Attribute("path")
		return e.Reason("RFC 4975 §8", "node.ua.msrp.answer", path)
	}
	if dir := direction(m); dir != "" {
		return e.Reason("RFC 3264 §6.1", "node.ua.sdpanswer.direction", codecNames(m.Formats), dir)
	}
	return e.Reason("RFC 3264 §6", "node.ua.sdpanswer", codecNames(m.Formats))
}
