package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The demo user's side of the REST API beyond users/me, for `zoomconnect
// api`: a paged listing the demo app's scopes allow (cloud recordings), a
// meeting creation (meeting:write:meeting), and the meetings listing,
// which needs a scope the demo app lacks (a real 4711).
//
//	GET  /v2/users/me/recordings  DemoRecordings recordings, paged (page_size, next_page_token)
//	POST /v2/users/me/meetings    creates a meeting from the JSON body: 201 (not kept)
//	GET  /v2/users/me/meetings    4711: needs meeting:read:list_meetings

// DemoRecordings is how many cloud recordings the demo user has.
const DemoRecordings = 7

// recordingScopes let a token list the user's recordings.
func recordingScopes() []string {
	return []string{"cloud_recording:read:list_user_recordings", "recording:read",
		"cloud_recording:read:list_user_recordings:admin", "recording:read:admin"}
}

// meetingWriteScopes let a token create a meeting.
func meetingWriteScopes() []string {
	return []string{"meeting:write:meeting", "meeting:write", "meeting:write:meeting:admin", "meeting:write:admin"}
}

// meetingListScopes let a token list meetings; the demo app has none.
func meetingListScopes() []string {
	return []string{"meeting:read:list_meetings", "meeting:read", "meeting:read:list_meetings:admin", "meeting:read:admin"}
}

// userRoutes adds the demo user's API calls to mux.
func (s *Server) userRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v2/users/me/recordings", s.userAPI(recordingScopes(), s.handleRecordings))
	mux.HandleFunc("POST /v2/users/me/meetings", s.userAPI(meetingWriteScopes(), s.handleCreateMeeting))
	mux.HandleFunc("GET /v2/users/me/meetings", s.userAPI(meetingListScopes(), s.handleListMeetings))
}

// demoRecording is the i-th (0-based) recording of the demo user: one a
// day, the latest first, ending the day before the sandbox's clock.
func (s *Server) demoRecording(i int) map[string]any {
	day := s.opts.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1-i).Add(15 * time.Hour)
	id := int64(81000000001 + i)
	return map[string]any{
		"uuid": fmt.Sprintf("sbxRec%016d==", i+1), "id": id, "host_id": s.opts.User.ID,
		"topic": fmt.Sprintf("Sandbox weekly sync #%d", DemoRecordings-i), "type": 2,
		"start_time": day.Format(time.RFC3339), "duration": 30, "total_size": 1048576 * (i + 1),
		"recording_count": 1, "share_url": fmt.Sprintf("https://example.com/rec/share/sbx%d", id),
		"recording_files": []map[string]any{{"id": fmt.Sprintf("sbxFile%04d", i+1), "file_type": "MP4",
			"recording_type": "shared_screen_with_speaker_view", "status": "completed"}},
	}
}

// handleRecordings serves GET /v2/users/me/recordings, paged like Zoom's
// listings (next_page_token; page_size up to 300, 30 by default).
func (s *Server) handleRecordings(r *http.Request, _ *grant) reply {
	start, end, next, size, fail := s.pageLocked(r, "recordings", DemoRecordings)
	if fail != nil {
		return *fail
	}
	items := make([]map[string]any, 0, end-start)
	for i := start; i < end; i++ {
		items = append(items, s.demoRecording(i))
	}
	now := s.opts.Now().UTC()
	return reply{status: http.StatusOK, body: map[string]any{
		"from": now.AddDate(0, 0, -30).Format(time.DateOnly), "to": now.Format(time.DateOnly),
		"page_size": size, "total_records": DemoRecordings, "next_page_token": next, "meetings": items}}
}

// handleCreateMeeting serves POST /v2/users/me/meetings: a scheduled
// meeting from the body's topic, type, start_time, duration and agenda
// (Zoom's code 300 for a body it cannot read). The meeting is not kept.
func (s *Server) handleCreateMeeting(r *http.Request, _ *grant) reply {
	var in struct {
		Topic     string          `json:"topic"`
		Type      json.RawMessage `json:"type"`
		StartTime string          `json:"start_time"`
		Duration  json.RawMessage `json:"duration"`
		Agenda    string          `json:"agenda"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20)).Decode(&in); err != nil {
		return apiErr(http.StatusBadRequest, 300, "Request Body should be a valid JSON object.")
	}
	typ, dur := number(in.Type, 2), number(in.Duration, 60)
	if typ < 1 || typ > 8 {
		return apiErr(http.StatusBadRequest, 300, "Invalid field.")
	}
	topic := strings.TrimSpace(in.Topic)
	if topic == "" {
		topic = "Zoom meeting"
	}
	now := s.opts.Now().UTC()
	start := in.StartTime
	if start == "" {
		start = now.Add(time.Hour).Truncate(time.Minute).Format(time.RFC3339)
	}
	id := 85000000000 + now.UnixNano()%1000000000
	return reply{status: http.StatusCreated, body: map[string]any{
		"id": id, "uuid": fmt.Sprintf("sbxMtg%d==", id), "host_id": s.opts.User.ID, "host_email": s.opts.User.Email,
		"topic": topic, "type": typ, "status": "waiting", "start_time": start, "duration": dur, "agenda": in.Agenda,
		"timezone": s.opts.User.Timezone, "created_at": now.Format(time.RFC3339),
		"join_url": fmt.Sprintf("https://example.com/j/%d", id)}}
}

// handleListMeetings serves GET /v2/users/me/meetings to a token that has
// a meeting-reading scope (the demo app's never do): none kept.
func (s *Server) handleListMeetings(*http.Request, *grant) reply {
	return reply{status: http.StatusOK, body: map[string]any{"page_size": defaultPageSize, "total_records": 0,
		"next_page_token": "", "meetings": []any{}}}
}

// number reads a JSON number or numeric string, def when absent or not a
// number.
func number(raw json.RawMessage, def int) int {
	var n int
	if len(raw) == 0 {
		return def
	}
	if err := json.Unmarshal(raw, &n); err == nil {
		return n
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		if _, err := fmt.Sscan(str, &n); err == nil {
			return n
		}
	}
	return -1
}
