package oauthflow

import (
	"slices"
	"strings"
	"testing"
)

func TestRequiredScopes(t *testing.T) {
	if got := RequiredScopes(); !slices.Equal(got, []string{"meeting:write", "recording:read", "user_info:read"}) {
		t.Fatalf("RequiredScopes = %v", got)
	}
	if got := ScopeNamesFor(true); !slices.Equal(got, []string{"meeting:write:meeting", "cloud_recording:read:list_user_recordings", "user:read:user"}) {
		t.Fatalf("granular = %v", got)
	}
	if got := ScopeNamesFor(false); !slices.Equal(got, RequiredScopes()) {
		t.Fatalf("classic = %v", got)
	}
}

func TestReviewScopes(t *testing.T) {
	cases := []struct {
		name              string
		granted           []string
		missing, broad    []string
		extra             []string
		granular, allGood bool
	}{
		{"classic", []string{"meeting:write", "recording:read", "user_info:read"}, nil, nil, nil, false, true},
		{"granular", []string{"meeting:write:meeting", "cloud_recording:read:list_user_recordings", "user:read:user", "user:read:token"}, nil, nil, []string{"user:read:token"}, true, true},
		{"recording files", []string{"meeting:write", "cloud_recording:read:list_recording_files", "user:read"}, nil, nil, nil, true, true},
		{"space separated string", []string{"meeting:write recording:read user:read"}, nil, nil, nil, false, true},
		{"admin variants", []string{"meeting:write:admin", "recording:read:admin", "user:read:admin"}, nil, []string{"meeting:write:admin", "recording:read:admin", "user:read:admin"}, nil, false, true},
		{"missing", []string{"user:read:user"}, []string{"meeting:write", "recording:read"}, nil, nil, true, false},
		{"none", nil, []string{"meeting:write", "recording:read", "user_info:read"}, nil, nil, false, false},
		{"master", []string{"meeting:write:master", "recording:read", "user_info:read"}, nil, []string{"meeting:write:master"}, nil, false, true},
		{"not a superset", []string{"meeting:read", "recording:write", "user_info:read"}, []string{"meeting:write", "recording:read"}, nil, []string{"meeting:read", "recording:write"}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := ReviewScopes(tc.granted)
			if !slices.Equal(r.Missing, tc.missing) || !slices.Equal(r.Broad, tc.broad) || !slices.Equal(r.Extra, tc.extra) ||
				r.Granular != tc.granular || r.AllGranted() != tc.allGood {
				t.Fatalf("%+v", r)
			}
			if len(r.Items) != 3 {
				t.Fatalf("%d items", len(r.Items))
			}
			for _, it := range r.Items {
				if it.Description == "" {
					t.Errorf("%s has no description", it.Need)
				}
				if it.OK != (len(it.GrantedAs) > 0) || it.OK == (it.Fix != "") {
					t.Errorf("%+v inconsistent", it)
				}
				if !it.OK && tc.granular && !strings.Contains(it.Fix, ":") {
					t.Errorf("fix %q", it.Fix)
				}
			}
		})
	}
}

func TestReviewFixNamesTheRightStyle(t *testing.T) {
	r := ReviewScopes([]string{"user:read:user"})
	if !strings.Contains(r.Items[0].Fix, "meeting:write:meeting") {
		t.Fatalf("granular app fix: %q", r.Items[0].Fix)
	}
	r = ReviewScopes([]string{"user:read"})
	if !strings.Contains(r.Items[0].Fix, "Add meeting:write ") {
		t.Fatalf("classic app fix: %q", r.Items[0].Fix)
	}
}
