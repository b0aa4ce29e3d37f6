package oauthflow

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
)

// pageKind selects the text of the browser page.
type pageKind int

const (
	pageSuccess pageKind = iota
	pageFailure
	pageAlreadyDone
	pageInvalid
	pageNotFound
	pageExpired
)

// pageData is all a callback page shows. Nothing in it is copied from the
// request except through the sanitized, escaped error explanation.
type pageData struct {
	OK     bool
	Title  string
	Body   string
	Detail string
	Next   string
	// ZoomSaid labels Detail; Lang is the page's language tag.
	ZoomSaid, Lang string
}

// setPageHeaders hardens every loopback response.
func setPageHeaders(h http.Header) {
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
}

// dataFor is the page of kind in t's language. The success page says only
// what happened in the browser: the authorization arrived; the connection
// is reviewed and saved in the terminal, so the page claims no more.
func dataFor(t *i18n.Printer, kind pageKind, err error) pageData {
	p := func(id string) pageData {
		d := pageData{Title: t.T("loopback." + id + ".title"), Body: t.T("loopback." + id + ".body"),
			ZoomSaid: t.T("loopback.zoom_said"), Lang: string(t.Lang())}
		if next := "loopback." + id + ".next"; t.Has(next) {
			d.Next = t.T(next)
		}
		return d
	}
	switch kind {
	case pageSuccess:
		d := p("success")
		d.OK = true
		return d
	case pageFailure:
		ex := Explain(err).In(t).Plain()
		d := p("failure")
		d.Title, d.Body, d.Detail = ex.Title, ex.Cause, ex.Reason
		return d
	case pageAlreadyDone:
		return p("done")
	case pageExpired:
		return p("expired")
	case pageNotFound:
		return p("not_found")
	}
	return p("invalid")
}

// writePage renders the callback template from assets.
func writePage(w http.ResponseWriter, t *i18n.Printer, status int, kind pageKind, err error) {
	tmpl, terr := template.New("callback").Parse(assets.Text("pages/callback.html"))
	var buf bytes.Buffer
	if terr == nil {
		terr = tmpl.Execute(&buf, dataFor(t, kind, err))
	}
	if terr != nil {
		buf.Reset()
		buf.WriteString("<!doctype html><title>zoomconnect</title><p>Return to the terminal.</p>")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
