package steps

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/spinner"
)

// busyMark is the glyph before a waiting screen's busy line at now, the
// time of the screen's last clock tick: one frame of bubbles' Dot spinner
// per second, so the mark moves with the once-a-second clock beside it
// and the screen redraws once a second. A spinner on its own 10 fps timer
// redrew the whole screen ten times a second while the person was in the
// browser, most of the waiting wizard's CPU, for a busy motion the issue
// asked to calm. Before a wait has a clock (checking, starting) now is
// zero and the mark stands still.
func busyMark(now time.Time) string {
	frames := spinner.Dot.Frames
	i := 0
	if !now.IsZero() {
		i = int(now.Unix() % int64(len(frames)))
	}
	return strings.TrimRight(frames[i], " ")
}
