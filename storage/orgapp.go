package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"
	"github.com/zoomconnect/zoomconnect/i18n"
)

// OrgAppFile is the org app file's path relative to an XDG config dir.
const OrgAppFile = "zoomconnect/app.json"

// OrgAppNotFoundError says no organization app is provisioned and how an
// admin provisions one.
type OrgAppNotFoundError struct {
	// Searched are the paths looked at, in order.
	Searched []string
}

// Error explains where the file goes and what it contains.
func (e *OrgAppNotFoundError) Error() string {
	where := "/etc/xdg/" + OrgAppFile
	if len(e.Searched) > 0 {
		where = e.Searched[0]
	}
	return fmt.Sprintf("no organization Zoom app is provisioned on this machine (looked in %s). "+
		"An admin provisions one by creating %s (or %s for one user) containing, for example:\n"+
		`{"name": "Acme Zoom", "client_id": "AbCdEfGhIjKlMnOpQrSt", "admin_contact": "it@example.com"}`+
		"\nOr choose \"Bring your own OAuth 2.0 app\".",
		strings.Join(e.Searched, ", "), where, filepath.Join(xdg.ConfigHome, OrgAppFile))
}

// FindOrgApp looks for zoomconnect/app.json in the system config dirs
// ($XDG_CONFIG_DIRS, e.g. /etc/xdg) first, for admin-provisioned machines,
// then in $XDG_CONFIG_HOME. The first file found is loaded; none found is an
// *OrgAppNotFoundError.
func FindOrgApp() (*OrgApp, error) {
	dirs := append(append([]string{}, xdg.ConfigDirs...), xdg.ConfigHome)
	return FindOrgAppIn(dirs)
}

// FindOrgAppIn is FindOrgApp over explicit config dirs, in order.
func FindOrgAppIn(dirs []string) (*OrgApp, error) {
	var searched []string
	for _, d := range dirs {
		if d == "" {
			continue
		}
		path := filepath.Join(d, OrgAppFile)
		searched = append(searched, path)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		return LoadOrgApp(path)
	}
	return nil, &OrgAppNotFoundError{Searched: searched}
}

// LoadOrgApp reads and validates one org app file.
func LoadOrgApp(path string) (*OrgApp, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, i18n.NewError(err, "storage.orgapp.read", "Path", path, "Reason", err)
	}
	var app OrgApp
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&app); err != nil {
		return nil, i18n.NewError(err, "storage.orgapp.json", "Path", path, "Where", jsonErrorWhere(data, err))
	}
	app.ClientID = strings.TrimSpace(app.ClientID)
	if app.ClientID == "" {
		return nil, i18n.NewError(nil, "storage.orgapp.no_client_id", "Path", path)
	}
	if strings.ContainsAny(app.ClientID, " \t\r\n\"'<>/\\") {
		return nil, i18n.NewError(nil, "storage.orgapp.bad_client_id", "Path", path)
	}
	for _, u := range []string{app.AuthBaseURL, app.APIBaseURL} {
		if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://127.0.0.1") {
			return nil, i18n.NewError(nil, "storage.orgapp.base_url", "Path", path, "URL", u)
		}
	}
	app.AppID = strings.TrimSpace(app.AppID)
	if app.AppID != "" && !isAppID(app.AppID) {
		return nil, i18n.NewError(nil, "storage.orgapp.app_id", "Path", path)
	}
	app.AuthBaseURL = strings.TrimRight(app.AuthBaseURL, "/")
	app.APIBaseURL = strings.TrimRight(app.APIBaseURL, "/")
	app.Path = path
	return &app, nil
}

// isAppID reports whether s looks like a Marketplace app ID: Zoom's are
// 22 characters of base64url; like marketplace.ParseAppID, 10 to 64 of
// those are accepted. (No package-level regexp: storage is on every
// command's start-up path.)
func isAppID(s string) bool {
	if len(s) < 10 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// jsonErrorWhere turns a decode error into "line L, column C: msg".
func jsonErrorWhere(data []byte, err error) string {
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err.Error()
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d (byte offset %d): %v", line, col, off, err)
}
