package wizard

import (
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// UserTypeText is a Zoom user type, stored under Zoom's English name
// (oauthflow.User.TypeName: "Basic", "Licensed", ...), in the printer's
// language; a name it does not know is returned as it is.
func UserTypeText(t *i18n.Printer, name string) string {
	return zoomName(t, "identity.user_type.", name)
}

// RoleText is a Zoom role name (users/me role_name) in the printer's
// language when it is one of Zoom's built-in roles (Owner, Admin, Member);
// a custom role is returned as Zoom named it.
func RoleText(t *i18n.Printer, role string) string {
	return zoomName(t, "identity.role.", role)
}

// zoomName looks up prefix+key, the key being name lower-cased with '-'
// and ' ' as '_'.
func zoomName(t *i18n.Printer, prefix, name string) string {
	key := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(name)))
	if key == "" || !t.Has(prefix+key) {
		return name
	}
	return t.T(prefix + key)
}
