package admin

import (
	"context"
	"fmt"
	"strings"

	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/storage"
)

// AppID is the Marketplace app ID the admin means: given, an app ID or a
// pasted Marketplace address (marketplace.ParseAppID), else the app_id of
// the organization's app.json. An empty ID and no error means neither was
// given: the front end lets the admin pick an app with requests. Any ID is
// to be confirmed with Session.App before a change.
func AppID(given string, org *storage.OrgApp) (string, error) {
	if strings.TrimSpace(given) == "" {
		if org != nil && org.AppID != "" {
			return org.AppID, nil
		}
		return "", nil
	}
	id, err := marketplace.ParseAppID(given)
	if err != nil {
		return "", fmt.Errorf("%q: %w", given, err)
	}
	return id, nil
}

// App fetches the app (GET /marketplace/apps/{appId}): every change is
// preceded by it, so that the admin sees the app's name, and an unknown ID
// (1401) stops before anything is sent.
func (s *Session) App(ctx context.Context, id string) (*marketplace.AppInfo, error) {
	return s.Client.App(ctx, id)
}

// AppsWithRequests lists the apps people have pending requests for.
func (s *Session) AppsWithRequests(ctx context.Context) ([]marketplace.App, error) {
	return s.Client.Apps(ctx, marketplace.AppsActiveRequests)
}

// Approval reads an app's pre-approval mode from the apps the account has
// pre-approved (the only documented way): nil when the app is not among
// them. An error means the mode is not known.
func (s *Session) Approval(ctx context.Context, appID string) (*marketplace.ApprovalInfo, error) {
	apps, err := s.Client.Apps(ctx, marketplace.AppsApproved)
	if err != nil {
		return nil, err
	}
	for _, a := range apps {
		if a.ID == appID {
			if a.Approval == nil {
				return &marketplace.ApprovalInfo{}, nil
			}
			return a.Approval, nil
		}
	}
	return nil, nil
}

// AppRef is an app as the admin's reports name it.
type AppRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Type   string `json:"type,omitempty"`
	Status string `json:"status,omitempty"`
	// AdminManaged is set for an app under admin management: user
	// requests and pre-approval may not apply to it.
	AdminManaged bool `json:"admin_managed"`
}

// RefOf is the reference of an app's information.
func RefOf(a *marketplace.AppInfo) AppRef {
	if a == nil {
		return AppRef{}
	}
	return AppRef{ID: a.ID, Name: a.Name, Type: a.Type, Status: a.Status, AdminManaged: a.AdminManaged()}
}
