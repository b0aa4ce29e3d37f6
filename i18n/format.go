package i18n

import (
	"strconv"
	"strings"
	"time"
)

// Duration spells d for people in the printer's language, to the unit that
// matters: "45 s", "5 min", "1 h 5 min", "2 d" (French "2 j"). Seconds are
// shown only under a minute, minutes only under a day.
func (p *Printer) Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Second)
	unit := func(n int, id string) string { return strconv.Itoa(n) + "\u00a0" + p.T(id) }
	switch {
	case d < time.Minute:
		return unit(int(d/time.Second), "unit.second")
	case d < time.Hour:
		return unit(int(d.Round(time.Minute)/time.Minute), "unit.minute")
	case d < 24*time.Hour:
		d = d.Round(time.Minute)
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return unit(h, "unit.hour")
		}
		return unit(h, "unit.hour") + " " + unit(m, "unit.minute")
	}
	return unit(int(d.Round(time.Hour)/(24*time.Hour)), "unit.day")
}

// Clock is a duration as "m:ss" ("0:12", "9:48"), for a countdown.
func (p *Printer) Clock(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	s := int(d / time.Second)
	return strconv.Itoa(s/60) + ":" + pad2(s%60)
}

// Day is t's weekday, day and month in local time: "Mon 2 Jan" (French
// "lun. 2 janv.").
func (p *Printer) Day(t time.Time) string {
	t = t.Local()
	return p.T("date.weekday."+strconv.Itoa(int(t.Weekday()))) + " " + strconv.Itoa(t.Day()) + " " +
		p.T("date.month."+strconv.Itoa(int(t.Month())))
}

// DayTime is Day and the time: "Mon 2 Jan 15:04" (French "lun. 2 janv.
// 15:04").
func (p *Printer) DayTime(t time.Time) string {
	return p.Day(t) + " " + p.HourMinute(t)
}

// HourMinute is t's local time of day, "15:04" in both languages.
func (p *Printer) HourMinute(t time.Time) string { return t.Local().Format("15:04") }

// Stamp is an unambiguous local date and time, "2026-01-02 15:04 CET", the
// same in both languages (ISO 8601 dates read well in French too).
func (p *Printer) Stamp(t time.Time) string { return t.Local().Format("2006-01-02 15:04 MST") }

// Ago says how long ago something happened, roughly: "moments ago",
// "5 min ago", "3 h ago", "2 d ago" (French "il y a 3 h").
func (p *Printer) Ago(d time.Duration) string {
	if d < time.Minute {
		return p.T("time.moments_ago")
	}
	if d < 48*time.Hour {
		d = d.Truncate(time.Minute)
		if d >= time.Hour {
			d = d.Truncate(time.Hour)
		}
	}
	return p.T("time.ago", "Duration", p.Duration(d))
}

// List joins items as a sentence does: "a", "a and b", "a, b and c"
// (French "a, b et c").
func (p *Printer) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + p.T("list.and") + " " + items[len(items)-1]
}

// Quote puts s in the language's quotation marks: "s" in English (plain
// double quotes, as Zoom's own English pages and most terminals show
// them), « s » with no-break spaces in French.
func (p *Printer) Quote(s string) string {
	if p.Lang() == French {
		return "«\u00a0" + s + "\u00a0»"
	}
	return `"` + s + `"`
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
