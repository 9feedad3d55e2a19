package site

import (
	"strconv"
	"strings"
)

// acceptedEncoding returns the content coding to send, of those offered in order of preference
// ("br", "gzip"), for a request's Accept-Encoding header; "" means identity (no coding). As RFC
// 9110 §12.5.3 has it: names and parameters are case-insensitive (br;Q=0 refuses brotli), a
// coding named with q=0 is refused, one not named takes the weight of "*" when there is one
// (so "*;q=0, br" still gets brotli), the highest weight wins and equal weights go by the order
// offered. Identity is always the fallback: a client that refuses it too gets it anyway, which
// it can at least read, rather than a 406.
func acceptedEncoding(header string, offered ...string) string {
	weights := map[string]float64{}
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		q := 1.0
		for param := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(param, "=")
			if !strings.EqualFold(strings.TrimSpace(k), "q") {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				f = 0 // a weight that does not parse accepts nothing
			}
			q = f
		}
		weights[name] = q
	}
	best, bestQ := "", 0.0
	for _, coding := range offered {
		q, named := weights[coding]
		if !named {
			q = weights["*"]
		}
		if q > bestQ {
			best, bestQ = coding, q
		}
	}
	return best
}

// accepts reports whether an Accept-Encoding header value allows the coding.
func accepts(header, coding string) bool { return acceptedEncoding(header, coding) == coding }

// etagMatches reports whether an If-None-Match header value matches etag, by the weak
// comparison RFC 9110 §13.1.2 asks for: "*" matches any, and a list matches when any of its tags
// does, W/ or not.
func etagMatches(header, etag string) bool {
	if header == "" || etag == "" {
		return false
	}
	etag = strings.TrimPrefix(etag, "W/")
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}
