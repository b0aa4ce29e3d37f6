package oauthflow

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/zoomconnect/zoomconnect/assets"
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

func dataFor(kind pageKind, err error) pageData {
	switch kind {
	case pageSuccess:
		return pageData{OK: true, Title: "Connected to Zoom",
			Body: "zoomconnect received the authorization and finished the sign-in.",
			Next: "You can close this tab and return to the terminal."}
	case pageFailure:
		ex := Explain(err)
		return pageData{Title: ex.Title, Body: ex.Cause, Detail: ex.Reason,
			Next: "Return to the terminal: it shows what to do next."}
	case pageAlreadyDone:
		return pageData{Title: "This sign-in is already complete",
			Body: "This page was already handled once; reloading it changes nothing.",
			Next: "Return to the terminal."}
	case pageExpired:
		return pageData{Title: "This sign-in expired",
			Body: "zoomconnect stopped waiting before Zoom sent you back here, so this authorization was not used.",
			Next: "Go back to the terminal and try again from there."}
	case pageNotFound:
		return pageData{Title: "Not found", Body: "zoomconnect only answers Zoom's redirect here."}
	}
	return pageData{Title: "Request not accepted",
		Body: "This request does not belong to the sign-in zoomconnect is waiting for, so it was ignored.",
		Next: "If you are signing in, finish in the browser window zoomconnect opened, or start again from the terminal."}
}

// writePage renders the callback template from assets.
func writePage(w http.ResponseWriter, status int, kind pageKind, err error) {
	tmpl, terr := template.New("callback").Parse(assets.Text("pages/callback.html"))
	var buf bytes.Buffer
	if terr == nil {
		terr = tmpl.Execute(&buf, dataFor(kind, err))
	}
	if terr != nil {
		buf.Reset()
		buf.WriteString("<!doctype html><title>zoomconnect</title><p>Return to the terminal.</p>")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
