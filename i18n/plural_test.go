package i18n

import (
	"strings"
	"testing"
)

// T with an int Count pair picks the plural form, as N does: errors built
// with NewError count too.
func TestTCountPicksPlural(t *testing.T) {
	fr := New(French)
	one, two := fr.T("doctor.failed", "Count", 1), fr.T("doctor.failed", "Count", 2)
	if !strings.Contains(one, "1\u00a0vérification en échec") || !strings.Contains(two, "2\u00a0vérifications en échec") {
		t.Errorf("one %q, two %q", one, two)
	}
	if got := NewError(nil, "doctor.failed", "Count", 3).Say(New(English)); !strings.HasPrefix(got, "3 checks failed") {
		t.Errorf("error says %q", got)
	}
}
