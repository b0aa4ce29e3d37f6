package wizard

import (
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// WelcomePage is what the welcome screen says: the sandbox notice (under
// --sandbox), what zoomconnect does, the two ways to connect and the
// promise about the Zoom password. What comes after it (the lookup of an
// earlier attempt, its resume offer, how to begin) is the front end's: see
// ResumeBlocks.
func WelcomePage(c *Config) page.Page {
	t := c.T
	p := page.Page{Title: t.T("welcome.title")}
	if sb := c.Sandbox; sb != nil {
		p.Add(page.Warn(t.T("welcome.sandbox")))
		if sb.Scenario != "" {
			p.Add(page.Warn(scenarioLine(c, sb)).Under())
		}
	}
	p.Add(
		page.Para(t.T("welcome.intro")),
		page.Heading(t.T("welcome.ways")),
		page.List(t.T("welcome.way_org"), t.T("welcome.way_own")).Under(),
		page.OK(t.T("welcome.password")),
	)
	return p
}

// scenarioLine names the sandbox's active scenario: it persists across
// runs, so a scenario chosen once (deny, say) would otherwise fail later
// runs silently.
func scenarioLine(c *Config, sb *Sandbox) string {
	t := c.T
	line := t.T("welcome.scenario", "Name", sb.Scenario)
	if sb.Summary != "" {
		line = t.T("welcome.scenario_summary", "Name", sb.Scenario, "Summary", sb.Summary)
	}
	if sb.Scenario == sb.DefaultScenario {
		return line + " " + t.T("welcome.scenario_try")
	}
	return line + " " + t.T("welcome.scenario_change", "Default", sb.DefaultScenario)
}

// ResumeBlocks offer to resume pending attempt p or start over: a line
// naming the attempt, then the two choices (Resume first), cursor on the
// focused one. The choices block's text is the question, for a front end
// that asks it.
func ResumeBlocks(c *Config, p *storage.Pending, cursor int) []page.Block {
	t := c.T
	app := p.AppName
	if app == "" {
		app = p.ClientID
	}
	since := t.DayTime(p.CreatedAt) + ", " + t.Ago(c.now().Sub(p.CreatedAt))
	choices := page.Choices(cursor,
		page.Item{Text: t.T("welcome.resume", "Why", PendingWhy(c, p.Reason), "Since", since)},
		page.Item{Text: t.T("welcome.start_over")},
	)
	choices.Text = t.T("welcome.resume_question")
	return []page.Block{page.Para(t.T("welcome.stopped", "App", app)), choices.Under()}
}

// WelcomeChoice is the event of the resume offer's choice at cursor: Resume
// (0) or start over (1, the welcome screen's usual way on).
func WelcomeChoice(p *storage.Pending, secret string, cursor int) Event {
	if p != nil && cursor == 0 {
		return Resume{Pending: p, Secret: secret}
	}
	return WelcomeDone{}
}
