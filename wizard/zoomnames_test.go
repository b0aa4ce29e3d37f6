package wizard

import (
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
)

func TestZoomNamesInFrench(t *testing.T) {
	fr := i18n.New(i18n.French)
	cases := []struct{ got, want string }{
		{UserTypeText(fr, "Licensed"), "Sous licence"},
		{UserTypeText(fr, "On-prem"), "Sur site"},
		{UserTypeText(fr, "Type 7"), "Type 7"},
		{UserTypeText(fr, ""), ""},
		{RoleText(fr, "Member"), "Membre"},
		{RoleText(fr, "Billing Helpers"), "Billing Helpers"},
		{UserTypeText(nil, "Licensed"), "Licensed"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
