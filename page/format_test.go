package page

import (
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	got := Format([]Block{
		Heading("App **Acme**"),
		Rows(Item{Text: "ID", Detail: "abc"}, Item{Text: "Name", Detail: "Acme"}).Under(),
		OK("Approved two people who asked for the app."),
		List("one `zoomconnect admin requests --app abc`", "two"),
		Steps(3, "third", "fourth").Under(),
		Code("zoomconnect admin approve --app abc a@example.com"),
		{Kind: KindList, Items: []Item{{Text: "Dee", Mark: KindFail, Detail: "not found"}}},
	}, 30)
	want := `App Acme
ID    abc
Name  Acme

✓ Approved two people who
  asked for the app.

• one
  zoomconnect admin requests --app abc
• two
3. third
4. fourth

zoomconnect admin approve --app abc a@example.com

• ✗ Dee
  not found
`
	if got != want {
		t.Errorf("Format =\n%s\nwant\n%s", got, want)
	}
	if Format(nil, 80) != "" {
		t.Error("no blocks gave text")
	}
	ch := Choices(0, Item{Text: "Approve"}, Item{Text: "Decline"})
	ch.Text = "What now?"
	if got := Format([]Block{ch}, 0); !strings.Contains(got, "What now?\n1. Approve\n2. Decline\n") {
		t.Errorf("choices: %q", got)
	}
}
