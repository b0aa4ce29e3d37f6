// Package schema is zoomconnect's JSON contract: the shapes that every
// command's --json shares (list, status, doctor, errors, version, admin …,
// and the error document of api). Every document is a top-level object
// whose "schema" is Version; the same thing has the same field name and
// the same enumeration values in every command; times are RFC 3339 in UTC;
// keys and enumerations are never translated. A value meant for people,
// in the run's language, is named *_text (title_text, summary_text …);
// Zoom's own words ("message") and the error chains ("detail") stay as
// they came, in English. README.md documents each command's fields.
//
// It imports no UI package.
package schema

import (
	"errors"
	"time"

	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Version is the "schema" field of every document. It changes only when a
// field is removed or changes meaning; new fields may appear in any version.
const Version = 1

// AuthType is how a connection authorizes.
type AuthType string

// The auth types.
const (
	// AuthOrgApp is the organization's Zoom app (app.json, --client-id).
	AuthOrgApp AuthType = "org_app"
	// AuthOwnApp is the person's own OAuth app.
	AuthOwnApp AuthType = "own_app"
)

// AuthTypeOf is a profile's auth type.
func AuthTypeOf(t storage.AuthType) AuthType {
	if t == storage.AuthOwnApp {
		return AuthOwnApp
	}
	return AuthOrgApp
}

// Check is the outcome of a check: a doctor check, a connection's health.
type Check string

// The outcomes, best first; the text reports say the same words.
const (
	CheckOK   Check = "ok"
	CheckWarn Check = "warn"
	CheckFail Check = "fail"
	CheckSkip Check = "skip"
)

// State is what a saved connection is in, as list and status say it.
type State string

// The states of a connection.
const (
	// StateOK: saved and usable (status's live check may still fail).
	StateOK State = "ok"
	// StateReconnectNeeded: Zoom no longer accepts it; FixCommand signs in again.
	StateReconnectNeeded State = "reconnect_needed"
	// StateLogoutIncomplete: a logout did not finish; FixCommand finishes it.
	StateLogoutIncomplete State = "logout_incomplete"
	// StateReplaced: a later login of the same Zoom user and app replaced
	// it; ReplacedBy names the connection that did.
	StateReplaced State = "replaced"
)

// Secrets says where a connection's secrets are.
type Secrets struct {
	// Backend is "keyring" or "file".
	Backend string `json:"backend"`
	// Location is the keyring's name or the file's path.
	Location string `json:"location"`
}

// Profile is a saved connection as list and status describe it.
type Profile struct {
	Name      string   `json:"name"`
	Default   bool     `json:"default"`
	State     State    `json:"state"`
	AuthType  AuthType `json:"auth_type,omitempty"`
	Sandbox   bool     `json:"sandbox"`
	AppName   string   `json:"app_name,omitempty"`
	ClientID  string   `json:"client_id,omitempty"`
	Host      string   `json:"host,omitempty"`
	Email     string   `json:"email,omitempty"`
	AccountID string   `json:"account_id,omitempty"`
	Secrets   *Secrets `json:"secrets,omitempty"`
	// FixCommand fixes a State that is not ok.
	FixCommand string `json:"fix_command,omitempty"`
	// ReplacedBy and ReplacedAt are set on StateReplaced.
	ReplacedBy string    `json:"replaced_by,omitempty"`
	ReplacedAt time.Time `json:"replaced_at,omitzero"`
}

// Pending is an authorization attempt waiting for an admin's
// pre-approval (storage.Pending), as list and status describe it.
type Pending struct {
	Profile  string   `json:"profile"`
	AuthType AuthType `json:"auth_type"`
	Sandbox  bool     `json:"sandbox"`
	AppName  string   `json:"app_name,omitempty"`
	ClientID string   `json:"client_id"`
	// Stage is where it stopped: "preapproval".
	Stage string `json:"stage"`
	// Cause is what led there: an error-table key, when one did.
	Cause      string    `json:"cause,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	AgeSeconds int64     `json:"age_seconds"`
	// RequestSentAt is when the request for the admin was copied or saved.
	RequestSentAt time.Time `json:"request_sent_at,omitzero"`
	// ResumeCommand resumes it once the admin approved; DiscardCommand
	// throws it away.
	ResumeCommand  string `json:"resume_command"`
	DiscardCommand string `json:"discard_command"`
}

// Error is a failure as every document says it: its row of the error
// table (Key; `zoomconnect errors KEY` explains it), its kind
// (oauthflow.Kind), and what Zoom answered. Message is Zoom's own words,
// or for a failure that is not Zoom's, the error in English.
type Error struct {
	Key               string   `json:"key"`
	Kind              string   `json:"kind"`
	Code              int      `json:"code,omitempty"`
	HTTPStatus        int      `json:"http_status,omitempty"`
	Message           string   `json:"message,omitempty"`
	TrackingID        string   `json:"tracking_id,omitempty"`
	MissingScopes     []string `json:"missing_scopes,omitempty"`
	RetryAfterSeconds float64  `json:"retry_after_seconds,omitempty"`
	// Command is the command that fixes it, when the table names one.
	Command string `json:"command,omitempty"`
}

// ErrorOf describes err; nil for nil. The table's command is fitted to
// profile p (storage.FitCommand), as the text output fits it; nil p leaves
// it as the table writes it.
func ErrorOf(err error, p *storage.Profile) *Error {
	if err == nil {
		return nil
	}
	ex := oauthflow.Explain(err)
	if p != nil {
		ex = ex.WithProfile(p.Name)
		ex.Command = storage.FitCommand(ex.Command, p)
	}
	e := &Error{Key: ex.Key, Kind: string(oauthflow.KindOf(err)), Command: ex.Command, Message: err.Error(),
		TrackingID: ex.TrackingID, MissingScopes: ex.MissingScopes, RetryAfterSeconds: ex.RetryAfter.Seconds()}
	var oe *oauthflow.Error
	if errors.As(err, &oe) {
		e.Code, e.HTTPStatus, e.Message = oe.Code, oe.HTTPStatus, oe.Reason
		if e.Message == "" {
			e.Message = oe.Error()
		}
	}
	var me *marketplace.Error
	if errors.As(err, &me) {
		e.Code, e.HTTPStatus, e.TrackingID, e.MissingScopes = me.Code, me.HTTPStatus, me.TrackingID, me.MissingScopes
		if me.Message != "" {
			e.Message = me.Message
		}
	}
	return e
}

// Failure is the document of a command that failed before it had
// anything else to say (api, the admin commands).
type Failure struct {
	Schema int    `json:"schema"`
	OK     bool   `json:"ok"`
	Error  *Error `json:"error"`
}

// FailureOf is the Failure document of err.
func FailureOf(err error, p *storage.Profile) Failure {
	return Failure{Schema: Version, Error: ErrorOf(err, p)}
}
