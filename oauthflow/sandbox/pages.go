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
	// PreapprovalSent is the page after pressing PreapprovalButton.
	PreapprovalSent = "Your request was sent to your admin"
	// AdminRequired is the admin-app scenario's page (devforum 50993).
	AdminRequired = "An account admin is required to install this type of app. Please contact your account admin or IT administrator to install this app."
)

// page is the data of the one HTML template.
type page struct {
	Mode      string // consent, preapproval, sent, admin, error, index
	Title     string
	Text      string
	AppName   string
	User      string
	RequestID string
	Scopes    []scopeView
}

// scopeView is one scope line on the consent page.
type scopeView struct{ Name, Desc string }

func scopeViews(scopes []string) []scopeView {
	v := make([]scopeView, len(scopes))
	for i, sc := range scopes {
		v[i] = scopeView{Name: sc, Desc: scopeDescription(sc)}
	}
	return v
}

// pagesHTML is every page; html/template escapes all data. No script and
// no external resource: the CSP header forbids both.
const pagesHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{if .Title}}{{.Title}}{{else}}Zoom{{end}} · zoomconnect sandbox</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#232333;line-height:1.45}
.note{background:#fff6db;border:1px solid #e6c35c;border-radius:6px;padding:.4rem .7rem;font-size:.85rem}
ul{padding-left:1.2rem}li{margin:.35rem 0}code{background:#f1f1f4;padding:0 .25rem;border-radius:3px;font-size:.85em}
button{font-size:1rem;padding:.55rem 1.4rem;margin:.5rem .5rem 0 0;border-radius:8px;border:1px solid #0b5cff;cursor:pointer}
.primary{background:#0b5cff;color:#fff}.secondary{background:#fff;color:#0b5cff}
</style></head><body>
<p class="note">zoomconnect sandbox: a local imitation of Zoom for trying things out. Nothing here reaches Zoom.</p>
{{- if eq .Mode "consent"}}
<h1>{{.AppName}} would like to access your Zoom account</h1>
<p>Signed in as {{.User}}.</p>
<p>If you allow it, {{.AppName}} will be able to:</p>
<ul>{{range .Scopes}}<li>{{.Desc}} <code>{{.Name}}</code></li>{{end}}</ul>
<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="request_id" value="{{.RequestID}}">
<button class="primary" id="allow" type="submit" name="decision" value="allow">Allow</button>
<button class="secondary" id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>
{{- else if eq .Mode "preapproval"}}
<h1>You cannot authorize {{.AppName}} yet</h1>
<p>Signed in as {{.User}}.</p>
<p>Your account requires apps to be pre-approved by an admin before you can add them. {{.AppName}} asks to:</p>
<ul>{{range .Scopes}}<li>{{.Desc}} <code>{{.Name}}</code></li>{{end}}</ul>
<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="request_id" value="{{.RequestID}}">
<p><label for="reason">Why do you need it? (optional)</label><br>
<textarea id="reason" name="reason" rows="3" cols="50" maxlength="500"></textarea></p>
<button class="primary" id="preapproval" type="submit" name="decision" value="request_preapproval">` + PreapprovalButton + `</button>
</form>
{{- else if eq .Mode "sent"}}
<h1 id="sent">` + PreapprovalSent + `</h1>
<p>An admin of your Zoom account can pre-approve {{.AppName}} under Manage → App Requests in the Zoom App Marketplace. You will get an email when they do; then run zoomconnect again.</p>
<p>You can close this window.</p>
{{- else if eq .Mode "admin"}}
<h1>This app needs an admin</h1>
<p id="admin">` + AdminRequired + `</p>
{{- else if eq .Mode "index"}}
<h1>zoomconnect sandbox</h1>
<p>This server imitates zoom.us and api.zoom.us for zoomconnect. Start an authorization from zoomconnect to see its consent page.</p>
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
	s.renderPage(w, http.StatusOK, page{Mode: "index", Title: "zoomconnect sandbox"})
}
