package sandbox

import (
	"bytes"
	"html/template"
	"net/http"
)

// Texts of Zoom's pages that clients and people look for.
const (
	// PreapprovalButton is the button the preapproval scenario shows
	// instead of Allow.
	PreapprovalButton = "Request pre-approval"
	// PreapprovalSent is the page's id after pressing PreapprovalButton
	// (its words are the catalog's, in the sandbox's language).
	PreapprovalSent = "sent"
	// AdminRequired is the admin-app scenario's page (devforum 50993).
	AdminRequired = "An account admin is required to install this type of app. Please contact your account admin or IT administrator to install this app."
)

// page is the data of the one HTML template.
type page struct {
	Mode      string // consent, preapproval, sent, admin, error, index, device, device_allow, device_deny
	Title     string
	Text      string
	AppName   string
	User      string
	RequestID string
	Scopes    []scopeView
	// L are the page's words in the sandbox's language.
	L labels
}

// labels are the words of the sandbox's pages, from the catalog. Zoom's
// own words that zoomconnect tells people to look for (PreapprovalButton,
// AdminRequired) stay as Zoom shows them.
type labels struct {
	Lang, Note, Consent, SignedIn, WillAble, Allow, Deny            string
	Cannot, Requires, Why, Sent, SentText, Close, AdminTitle, Index string
	IndexText                                                       string
	// The device sign-in's page (device.go).
	DeviceTitle, DeviceCheck, DeviceCode, DeviceAllowed, DeviceAllowedText string
	DeviceDenied, DeviceDeniedText                                         string
}

// labels fills the page's words for app and user in the server's language.
func (s *Server) labels(app, user string) labels {
	t := s.t
	return labels{
		Lang: string(t.Lang()), Note: t.T("sandboxpage.note"),
		Consent: t.T("sandboxpage.consent", "App", app), SignedIn: t.T("sandboxpage.signed_in", "User", user),
		WillAble: t.T("sandboxpage.will_be_able", "App", app), Allow: t.T("sandboxpage.allow"), Deny: t.T("sandboxpage.deny"),
		Cannot: t.T("sandboxpage.cannot", "App", app), Requires: t.T("sandboxpage.requires", "App", app),
		Why: t.T("sandboxpage.why"), Sent: t.T("sandboxpage.sent"), SentText: t.T("sandboxpage.sent_text", "App", app),
		Close: t.T("sandboxpage.close"), AdminTitle: t.T("sandboxpage.admin_title"),
		Index: t.T("sandboxpage.index"), IndexText: t.T("sandboxpage.index_text"),
		DeviceTitle: t.T("sandboxpage.device_title", "App", app), DeviceCheck: t.T("sandboxpage.device_check"),
		DeviceCode: t.T("sandboxpage.device_code"), DeviceAllowed: t.T("sandboxpage.device_allowed"),
		DeviceAllowedText: t.T("sandboxpage.device_allowed_text"), DeviceDenied: t.T("sandboxpage.device_denied"),
		DeviceDeniedText: t.T("sandboxpage.device_denied_text"),
	}
}

// scopeView is one scope line on the consent page.
type scopeView struct{ Name, Desc string }

func (s *Server) scopeViews(scopes []string) []scopeView {
	v := make([]scopeView, len(scopes))
	for i, sc := range scopes {
		v[i] = scopeView{Name: sc, Desc: s.scopeDescription(sc)}
	}
	return v
}

// pagesHTML is every page; html/template escapes all data. No script and
// no external resource: the CSP header forbids both.
const pagesHTML = `<!doctype html>
<html lang="{{.L.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{if .Title}}{{.Title}}{{else}}Zoom{{end}} · zoomconnect sandbox</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#232333;line-height:1.45}
.note{background:#fff6db;border:1px solid #e6c35c;border-radius:6px;padding:.4rem .7rem;font-size:.85rem}
ul{padding-left:1.2rem}li{margin:.35rem 0}code{background:#f1f1f4;padding:0 .25rem;border-radius:3px;font-size:.85em}
button{font-size:1rem;padding:.55rem 1.4rem;margin:.5rem .5rem 0 0;border-radius:8px;border:1px solid #0b5cff;cursor:pointer}
.primary{background:#0b5cff;color:#fff}.secondary{background:#fff;color:#0b5cff}
</style></head><body>
<p class="note">{{.L.Note}}</p>
{{- if eq .Mode "consent"}}
<h1>{{.L.Consent}}</h1>
<p>{{.L.SignedIn}}</p>
<p>{{.L.WillAble}}</p>
<ul>{{range .Scopes}}<li>{{.Desc}} <code>{{.Name}}</code></li>{{end}}</ul>
<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="request_id" value="{{.RequestID}}">
<button class="primary" id="allow" type="submit" name="decision" value="allow">{{.L.Allow}}</button>
<button class="secondary" id="deny" type="submit" name="decision" value="deny">{{.L.Deny}}</button>
</form>
{{- else if eq .Mode "preapproval"}}
<h1>{{.L.Cannot}}</h1>
<p>{{.L.SignedIn}}</p>
<p>{{.L.Requires}}</p>
<ul>{{range .Scopes}}<li>{{.Desc}} <code>{{.Name}}</code></li>{{end}}</ul>
<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="request_id" value="{{.RequestID}}">
<p><label for="reason">{{.L.Why}}</label><br>
<textarea id="reason" name="reason" rows="3" cols="50" maxlength="500"></textarea></p>
<button class="primary" id="preapproval" type="submit" name="decision" value="request_preapproval">` + PreapprovalButton + `</button>
</form>
{{- else if eq .Mode "sent"}}
<h1 id="` + PreapprovalSent + `">{{.L.Sent}}</h1>
<p>{{.L.SentText}}</p>
<p>{{.L.Close}}</p>
{{- else if eq .Mode "admin"}}
<h1>{{.L.AdminTitle}}</h1>
<p id="admin">` + AdminRequired + `</p>
{{- else if eq .Mode "device"}}
<h1>{{.L.DeviceTitle}}</h1>
<p>{{.L.SignedIn}}</p>
<p>{{.L.DeviceCheck}}</p>
<form method="post" action="/oauth/device/decision">
<p><label for="user_code">{{.L.DeviceCode}}</label><br>
<input id="user_code" name="user_code" value="{{.Text}}" size="12" autocomplete="off"></p>
<button class="primary" id="allow" type="submit" name="decision" value="allow">{{.L.Allow}}</button>
<button class="secondary" id="deny" type="submit" name="decision" value="deny">{{.L.Deny}}</button>
</form>
{{- else if eq .Mode "device_allow"}}
<h1 id="device-allowed">{{.L.DeviceAllowed}}</h1>
<p>{{.L.DeviceAllowedText}}</p>
<p>{{.L.Close}}</p>
{{- else if eq .Mode "device_deny"}}
<h1 id="device-denied">{{.L.DeviceDenied}}</h1>
<p>{{.L.DeviceDeniedText}}</p>
{{- else if eq .Mode "index"}}
<h1>{{.L.Index}}</h1>
<p>{{.L.IndexText}}</p>
{{- else}}
<h1>{{.Title}}</h1>
<p id="error">{{.Text}}</p>
{{- end}}
</body></html>
`

// parsePages parses pagesHTML; it is a constant, so failure is a bug.
func parsePages() *template.Template {
	return template.Must(template.New("page").Parse(pagesHTML))
}

// renderPage writes one HTML page with headers that keep it from being
// framed, cached or made to load anything.
func (s *Server) renderPage(w http.ResponseWriter, status int, p page) {
	p.L = s.labels(p.AppName, p.User)
	var buf bytes.Buffer
	if err := s.pages.Execute(&buf, p); err != nil {
		http.Error(w, "sandbox: render page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	// Not no-referrer: under it Chromium sends "Origin: null" with the
	// consent form, which the decision handler's Origin check refuses.
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// handleIndex explains what this server is to someone who opens its URL.
func (s *Server) handleIndex(w http.ResponseWriter, _ *http.Request) {
	s.renderPage(w, http.StatusOK, page{Mode: "index", Title: s.t.T("sandboxpage.index")})
}
