package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"golang.org/x/net/html"
)

// finish makes a rendered page ready to be sent and kept: it names the page by the site's public
// address when the server knows it, gives it an ETag of its own content (go-app gives every
// response, 404s included, the one ETag of its version) and trims the body to its length, so
// that what the page cache counts is what the page holds. r is the request it was rendered for.
func (p pageHandler) finish(page *renderedPage, r *http.Request) *renderedPage {
	if page == nil {
		return nil
	}
	if p.public != nil && strings.HasPrefix(page.header.Get("Content-Type"), "text/html") {
		u := *p.public
		u.Path = strings.TrimSuffix(p.public.Path, "/") + r.URL.Path
		u.RawQuery = r.URL.RawQuery
		page.body = withPageURL(page.body, u.String())
	}
	page.body = bytes.Clone(page.body)
	if page.status == http.StatusOK {
		sum := sha256.Sum256(page.body)
		page.header.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	} else {
		page.header.Del("ETag")
	}
	return page
}

// withPageURL returns the page with u as the content of its og:url meta tag, which go-app
// writes from the request's Host and always with http://. Everything else is left byte for
// byte; a page without that tag is returned as it is.
func withPageURL(page []byte, u string) []byte {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out bytes.Buffer
	out.Grow(len(page) + len(u))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		raw := bytes.Clone(z.Raw()) // reading the tag below lower-cases its name in place
		tok := z.Token()
		if !isOGURL(tok) {
			out.Write(raw)
			continue
		}
		for i := range tok.Attr {
			if tok.Attr[i].Key == "content" {
				tok.Attr[i].Val = u
			}
		}
		out.WriteString(tok.String())
	}
}
