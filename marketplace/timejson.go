package marketplace

import (
	"encoding/json"
	"time"
)

// flexTime reads Zoom's date-times leniently: RFC 3339 (with or without
// fractions or zone), and anything else, null or "" as the zero time, so a
// date Zoom formats differently never fails a call that succeeded.
type flexTime time.Time

func (t *flexTime) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) != nil || s == "" {
		*t = flexTime{}
		return nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if v, err := time.Parse(layout, s); err == nil {
			*t = flexTime(v)
			return nil
		}
	}
	*t = flexTime{}
	return nil
}

// UnmarshalJSON reads a request, its date leniently.
func (r *Request) UnmarshalJSON(b []byte) error {
	type plain Request
	var v struct {
		plain
		Date flexTime `json:"request_date_time"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = Request(v.plain)
	r.Date = time.Time(v.Date)
	return nil
}

// UnmarshalJSON reads an app, its dates leniently.
func (a *App) UnmarshalJSON(b []byte) error {
	type plain App
	var v struct {
		plain
		ReviewedAt    flexTime `json:"review_date_time"`
		LatestRequest flexTime `json:"latest_request_date_time"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*a = App(v.plain)
	a.ReviewedAt, a.LatestRequest = time.Time(v.ReviewedAt), time.Time(v.LatestRequest)
	return nil
}

// UnmarshalJSON reads approval information, its date leniently.
func (a *ApprovalInfo) UnmarshalJSON(b []byte) error {
	type plain ApprovalInfo
	var v struct {
		plain
		ApprovedAt flexTime `json:"approved_time"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*a = ApprovalInfo(v.plain)
	a.ApprovedAt = time.Time(v.ApprovedAt)
	return nil
}
