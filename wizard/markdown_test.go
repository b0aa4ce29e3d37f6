package wizard

import (
	"reflect"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
)

func TestMarkdownPage(t *testing.T) {
	md := "# The title\n\n## Part one\n\nA paragraph with **strong** and `code`,\ncontinued.\n- first\n- second\n\n" +
		"1. Step one  \n    its detail\n2. Step two\n\n3. Again\n\n- [ ] **To do**  \n  why\n- [x] Done\n\n" +
		"✓ It worked.\n\n_Quietly said._\n\n# Not the title\n"
	got := MarkdownPage(md)
	want := page.Page{Title: "The title", Blocks: []page.Block{
		page.Heading("Part one"),
		page.Para("A paragraph with **strong** and `code`, continued."),
		page.List("first", "second").Under(),
		{Kind: page.KindSteps, Start: 1, Items: []page.Item{{Text: "Step one", Detail: "its detail"}, {Text: "Step two"}}},
		{Kind: page.KindSteps, Start: 3, Items: []page.Item{{Text: "Again"}}},
		{Kind: page.KindList, Items: []page.Item{{Text: "**To do**", Detail: "why"}, {Text: "Done", Mark: page.KindOK}}},
		page.OK("It worked."),
		page.Note("Quietly said."),
		page.Heading("Not the title"),
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MarkdownPage:\n got %#v\nwant %#v", got, want)
	}
}

// TestMarkdownPageReadsEveryGuide: no guide line is left as Markdown
// syntax (a "#", a "- " or an "_" marker) once converted, in any language.
func TestMarkdownPageReadsEveryGuide(t *testing.T) {
	for _, l := range i18n.Langs() {
		for _, c := range assets.Causes() {
			for _, md := range []string{
				assets.PreapprovalGuide(l, assets.GuideData{Cause: c, OwnApp: true, Saving: true}),
				assets.AdminRequest(l, assets.AdminRequestData{Cause: c, ClientID: "id", AppID: "app", Scopes: assets.DefaultScopeReasons(l)}),
				assets.ChecklistMarkdown(l, assets.AdminChecklistIn(l), nil),
			} {
				p := MarkdownPage(md)
				if p.Title == "" {
					t.Errorf("%s %s: no title in\n%s", l, c, md)
				}
				for _, b := range p.Blocks {
					texts := []string{b.Text}
					for _, it := range b.Items {
						texts = append(texts, it.Text, it.Detail)
					}
					for _, s := range texts {
						if strings.HasPrefix(s, "#") || strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "[ ]") ||
							strings.HasPrefix(s, "_") || strings.HasSuffix(s, " ") {
							t.Errorf("%s %s: Markdown left in %q", l, c, s)
						}
					}
				}
			}
		}
	}
}
