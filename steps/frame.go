package steps

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Frame lays out a whole screen, the same for the wizard, the admin
// checklist and the admin console: the header (product, screen title,
// step progress when there is one), a blank line, the body, and, one blank
// line under the body, the key help (none on a last frame, helpView "").
// The key help is always there, never on the bottom row of a taller
// window: the wizard draws inline, and a frame only as tall as its content
// leaves the shell's lines above it in view.
func Frame(st *Styles, title, progress, body, helpView string, width int) string {
	header := st.Header.Render("zoomconnect") + st.Progress.Render(" · ") + st.Title.Render(title)
	if progress != "" {
		header += "  " + st.Progress.Render(progress)
	}
	if inner := width - st.App.GetHorizontalFrameSize(); inner > 0 {
		header = ansi.Truncate(header, inner, "…")
	}
	parts := []string{header, "", body}
	if helpView != "" {
		parts = append(parts, "", helpView)
	}
	// The App style's left padding, put before every row by hand: Render
	// would also measure every row to pad it on the right, which costs
	// more than the rest of the frame and adds only trailing blanks.
	pad := strings.Repeat(" ", st.App.GetPaddingLeft())
	return pad + strings.ReplaceAll(strings.Join(parts, "\n"), "\n", "\n"+pad)
}
