// Package api is Duet's JSON API under /api/v1: its own DTOs over the same
// core use cases as the HTML pages. Clients authenticate with an API token
// in the Authorization header, never in a URL.
package api

import (
	"context"
	"duet/internal/broker"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"duet/internal/core"
	"duet/internal/duet"
)

// maxBody caps request bodies; nothing in this API needs more.
const maxBody = 1 << 20

// Handler serves /api/v1.
type Handler struct {
	svc    *core.Service
	log    *slog.Logger
	mux    *http.ServeMux
	bodies bodyCache
	events *broker.Hub // live streams; nil when none are served
}

// New returns the API handler.
func New(svc *core.Service, log *slog.Logger, events *broker.Hub) *Handler {
	h := &Handler{svc: svc, log: log, mux: http.NewServeMux(), events: events}
	h.routes()
	return h
}

// Routes lists every route with whether it needs a token; the route table
// and the authorization tests both read it.
func Routes() []Route { return routes }

// Route is one API endpoint.
type Route struct {
	Pattern string
	Public  bool // reachable without a token
}

var routes = []Route{
	{"POST /api/v1/tokens", true},
	{"POST /api/v1/invites/{token}/accept", true},
	{"GET /api/v1/me", false},
	{"GET /api/v1/templates", false},
	{"GET /api/v1/workspaces", false},
	{"POST /api/v1/workspaces", false},
	{"GET /api/v1/workspaces/{id}", false},
	{"GET /api/v1/workspaces/{id}/invites", false},
	{"POST /api/v1/workspaces/{id}/invites", false},
	{"DELETE /api/v1/workspaces/{id}/invites/{invite}", false},

	{"GET /api/v1/workspaces/{id}/channels", false},
	{"POST /api/v1/workspaces/{id}/channels", false},
	{"PATCH /api/v1/workspaces/{id}/channels/{channel}", false},
	{"GET /api/v1/workspaces/{id}/channels/{channel}/messages", false},
	{"POST /api/v1/workspaces/{id}/channels/{channel}/messages", false},
	{"POST /api/v1/workspaces/{id}/channels/{channel}/read", false},
	{"GET /api/v1/workspaces/{id}/messages/{message}", false},
	{"PATCH /api/v1/workspaces/{id}/messages/{message}", false},
	{"DELETE /api/v1/workspaces/{id}/messages/{message}", false},
	{"GET /api/v1/workspaces/{id}/messages/{message}/history", false},
	{"POST /api/v1/workspaces/{id}/messages/{message}/reactions", false},
	{"POST /api/v1/workspaces/{id}/messages/{message}/dismiss", false},
	{"GET /api/v1/workspaces/{id}/decisions", false},
	{"GET /api/v1/workspaces/{id}/decisions/candidates", false},
	{"POST /api/v1/workspaces/{id}/decisions", false},
	{"GET /api/v1/workspaces/{id}/decisions/{decision}", false},
	{"PATCH /api/v1/workspaces/{id}/decisions/{decision}", false},
	{"POST /api/v1/workspaces/{id}/decisions/{decision}/signoffs", false},
	{"POST /api/v1/workspaces/{id}/decisions/{decision}/reject", false},
	{"POST /api/v1/workspaces/{id}/decisions/{decision}/withdraw", false},
	{"POST /api/v1/workspaces/{id}/decisions/{decision}/supersede", false},
	{"GET /api/v1/workspaces/{id}/search", false},
	{"GET /api/v1/workspaces/{id}/events", false},
	{"GET /api/v1/notifications", false},
	{"POST /api/v1/notifications/read", false},

	{"GET /api/v1/workspaces/{id}/task-lists", false},
	{"POST /api/v1/workspaces/{id}/task-lists", false},
	{"PATCH /api/v1/workspaces/{id}/task-lists/{list}", false},
	{"GET /api/v1/workspaces/{id}/tasks", false},
	{"POST /api/v1/workspaces/{id}/tasks", false},
	{"GET /api/v1/workspaces/{id}/tasks/{task}", false},
	{"PATCH /api/v1/workspaces/{id}/tasks/{task}", false},
	{"POST /api/v1/workspaces/{id}/tasks/{task}/checklist", false},
	{"PATCH /api/v1/workspaces/{id}/tasks/{task}/checklist/{item}", false},
	{"POST /api/v1/workspaces/{id}/tasks/{task}/comments", false},
	{"GET /api/v1/me/work", false},
	{"GET /api/v1/workspaces/{id}/milestones", false},
	{"GET /api/v1/workspaces/{id}/milestones/{milestone}", false},
	{"PATCH /api/v1/workspaces/{id}/milestones/{milestone}", false},
	{"POST /api/v1/workspaces/{id}/milestones/{milestone}/complete", false},
	{"POST /api/v1/workspaces/{id}/milestones/{milestone}/reopen", false},
	{"POST /api/v1/workspaces/{id}/milestones/{milestone}/criteria", false},
	{"PATCH /api/v1/workspaces/{id}/milestones/{milestone}/criteria/{criterion}", false},
	{"POST /api/v1/workspaces/{id}/reschedule/preview", false},
	{"POST /api/v1/workspaces/{id}/reschedule", false},
	{"GET /api/v1/workspaces/{id}/hill-charts/{chart}", false},
	{"GET /api/v1/workspaces/{id}/hill-charts/{chart}/snapshots", false},
	{"POST /api/v1/workspaces/{id}/hill-charts/{chart}/moves", false},
	{"POST /api/v1/workspaces/{id}/hill-charts/{chart}/scopes", false},

	{"GET /api/v1/workspaces/{id}/check-ins", false},
	{"POST /api/v1/workspaces/{id}/check-ins", false},
	{"GET /api/v1/workspaces/{id}/check-ins/{checkin}", false},
	{"PATCH /api/v1/workspaces/{id}/check-ins/{checkin}", false},
	{"POST /api/v1/workspaces/{id}/check-ins/{checkin}/pause", false},
	{"POST /api/v1/workspaces/{id}/check-ins/{checkin}/resume", false},
	{"GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences", false},
	{"GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences/current", false},
	{"GET /api/v1/workspaces/{id}/occurrences/{occurrence}", false},
	{"PUT /api/v1/workspaces/{id}/occurrences/{occurrence}/answers/{question}", false},
	{"POST /api/v1/workspaces/{id}/occurrences/{occurrence}/votes", false},
	{"POST /api/v1/workspaces/{id}/occurrences/{occurrence}/comments", false},
	{"POST /api/v1/workspaces/{id}/occurrences/{occurrence}/skip", false},

	{"GET /api/v1/workspaces/{id}/assets", false},
	{"POST /api/v1/workspaces/{id}/assets", false},
	{"GET /api/v1/workspaces/{id}/assets/{asset}", false},
	{"PATCH /api/v1/workspaces/{id}/assets/{asset}", false},
	{"GET /api/v1/workspaces/{id}/assets/{asset}/versions", false},
	{"POST /api/v1/workspaces/{id}/assets/{asset}/versions", false},
	{"GET /api/v1/workspaces/{id}/assets/{asset}/versions/{version}/file", false},
	{"GET /api/v1/workspaces/{id}/assets/{asset}/ships", false},
	{"POST /api/v1/workspaces/{id}/assets/{asset}/review-request", false},
	{"POST /api/v1/workspaces/{id}/assets/{asset}/reviews", false},
	{"GET /api/v1/workspaces/{id}/calendar", false},
	{"POST /api/v1/workspaces/{id}/calendar", false},
	{"GET /api/v1/workspaces/{id}/calendar/{entry}", false},
	{"PUT /api/v1/workspaces/{id}/calendar/{entry}", false},
	{"POST /api/v1/workspaces/{id}/calendar/{entry}/reschedule", false},
	{"POST /api/v1/workspaces/{id}/calendar/{entry}/status", false},

	{"GET /api/v1/workspaces/{id}/brief", false},
	{"PUT /api/v1/workspaces/{id}/brief", false},
	{"GET /api/v1/workspaces/{id}/brief/versions", false},
	{"GET /api/v1/workspaces/{id}/brief/versions/{version}", false},
	{"GET /api/v1/workspaces/{id}/brief/diff", false},
	{"POST /api/v1/workspaces/{id}/brief/sign", false},
	{"PUT /api/v1/workspaces/{id}/brief/actuals/{goal}", false},
	{"GET /api/v1/workspaces/{id}/raci", false},
	{"PUT /api/v1/workspaces/{id}/raci", false},
	{"GET /api/v1/workspaces/{id}/raci/versions", false},
	{"GET /api/v1/workspaces/{id}/raci/versions/{version}", false},
	{"GET /api/v1/workspaces/{id}/raci/diff", false},
	{"POST /api/v1/workspaces/{id}/raci/sign", false},
	{"POST /api/v1/workspaces/{id}/raci/draft", false},
	{"GET /api/v1/workspaces/{id}/raci.csv", false},
	{"GET /api/v1/workspaces/{id}/rules", false},
	{"PUT /api/v1/workspaces/{id}/rules", false},
	{"GET /api/v1/workspaces/{id}/rules/versions", false},
	{"GET /api/v1/workspaces/{id}/rules/versions/{version}", false},
	{"GET /api/v1/workspaces/{id}/rules/diff", false},
	{"POST /api/v1/workspaces/{id}/rules/propose", false},
	{"POST /api/v1/workspaces/{id}/rules/explain", false},
	{"PUT /api/v1/workspaces/{id}/rules/accounts", false},
	{"POST /api/v1/workspaces/{id}/rules/webhook", false},
	{"DELETE /api/v1/workspaces/{id}/rules/webhook", false},
	{"GET /api/v1/workspaces/{id}/leads", false},
	{"POST /api/v1/workspaces/{id}/leads", false},
	{"GET /api/v1/workspaces/{id}/leads.csv", false},
	{"GET /api/v1/workspaces/{id}/leads/report", false},
	{"POST /api/v1/workspaces/{id}/leads/import", false},
	{"GET /api/v1/workspaces/{id}/leads/{lead}", false},
	{"POST /api/v1/workspaces/{id}/leads/{lead}/accept", false},
	{"POST /api/v1/workspaces/{id}/leads/{lead}/reject", false},
	{"POST /api/v1/workspaces/{id}/leads/{lead}/contacted", false},
	{"PUT /api/v1/workspaces/{id}/me/away", false},
	{"POST /api/v1/hooks/leads/{workspace}/{side}", true},
}

func (h *Handler) routes() {
	handlers := map[string]func(http.ResponseWriter, *http.Request) error{
		"POST /api/v1/tokens":                             h.tokenCreate,
		"POST /api/v1/invites/{token}/accept":             h.inviteAccept,
		"GET /api/v1/me":                                  h.meGet,
		"GET /api/v1/templates":                           h.templateList,
		"GET /api/v1/workspaces":                          h.workspaceList,
		"POST /api/v1/workspaces":                         h.workspaceCreate,
		"GET /api/v1/workspaces/{id}":                     h.workspaceGet,
		"GET /api/v1/workspaces/{id}/invites":             h.inviteList,
		"POST /api/v1/workspaces/{id}/invites":            h.inviteCreate,
		"DELETE /api/v1/workspaces/{id}/invites/{invite}": h.inviteRevoke,

		"GET /api/v1/workspaces/{id}/channels":                        h.channelList,
		"POST /api/v1/workspaces/{id}/channels":                       h.channelCreate,
		"PATCH /api/v1/workspaces/{id}/channels/{channel}":            h.channelUpdate,
		"GET /api/v1/workspaces/{id}/channels/{channel}/messages":     h.messageList,
		"POST /api/v1/workspaces/{id}/channels/{channel}/messages":    h.messagePost,
		"POST /api/v1/workspaces/{id}/channels/{channel}/read":        h.channelRead,
		"GET /api/v1/workspaces/{id}/messages/{message}":              h.messageGet,
		"PATCH /api/v1/workspaces/{id}/messages/{message}":            h.messageEdit,
		"DELETE /api/v1/workspaces/{id}/messages/{message}":           h.messageDelete,
		"GET /api/v1/workspaces/{id}/messages/{message}/history":      h.messageHistory,
		"POST /api/v1/workspaces/{id}/messages/{message}/reactions":   h.messageReact,
		"POST /api/v1/workspaces/{id}/messages/{message}/dismiss":     h.messageDismiss,
		"GET /api/v1/workspaces/{id}/decisions":                       h.decisionList,
		"GET /api/v1/workspaces/{id}/decisions/candidates":            h.candidateList,
		"POST /api/v1/workspaces/{id}/decisions":                      h.decisionCreate,
		"GET /api/v1/workspaces/{id}/decisions/{decision}":            h.decisionGet,
		"PATCH /api/v1/workspaces/{id}/decisions/{decision}":          h.decisionEdit,
		"POST /api/v1/workspaces/{id}/decisions/{decision}/signoffs":  h.decisionSign,
		"POST /api/v1/workspaces/{id}/decisions/{decision}/reject":    h.decisionReject,
		"POST /api/v1/workspaces/{id}/decisions/{decision}/withdraw":  h.decisionWithdraw,
		"POST /api/v1/workspaces/{id}/decisions/{decision}/supersede": h.decisionSupersede,
		"GET /api/v1/workspaces/{id}/search":                          h.search,
		"GET /api/v1/workspaces/{id}/events":                          h.eventStream,
		"GET /api/v1/notifications":                                   h.notificationList,
		"POST /api/v1/notifications/read":                             h.notificationsRead,

		"GET /api/v1/workspaces/{id}/task-lists":                                    h.taskListList,
		"POST /api/v1/workspaces/{id}/task-lists":                                   h.taskListCreate,
		"PATCH /api/v1/workspaces/{id}/task-lists/{list}":                           h.taskListUpdate,
		"GET /api/v1/workspaces/{id}/tasks":                                         h.taskList,
		"POST /api/v1/workspaces/{id}/tasks":                                        h.taskCreate,
		"GET /api/v1/workspaces/{id}/tasks/{task}":                                  h.taskGet,
		"PATCH /api/v1/workspaces/{id}/tasks/{task}":                                h.taskUpdate,
		"POST /api/v1/workspaces/{id}/tasks/{task}/checklist":                       h.checklistAdd,
		"PATCH /api/v1/workspaces/{id}/tasks/{task}/checklist/{item}":               h.checklistCheck,
		"POST /api/v1/workspaces/{id}/tasks/{task}/comments":                        h.taskComment,
		"GET /api/v1/me/work":                                                       h.myWork,
		"GET /api/v1/workspaces/{id}/milestones":                                    h.milestoneList,
		"GET /api/v1/workspaces/{id}/milestones/{milestone}":                        h.milestoneGet,
		"PATCH /api/v1/workspaces/{id}/milestones/{milestone}":                      h.milestoneUpdate,
		"POST /api/v1/workspaces/{id}/milestones/{milestone}/complete":              h.milestoneComplete,
		"POST /api/v1/workspaces/{id}/milestones/{milestone}/reopen":                h.milestoneReopen,
		"POST /api/v1/workspaces/{id}/milestones/{milestone}/criteria":              h.criterionAdd,
		"PATCH /api/v1/workspaces/{id}/milestones/{milestone}/criteria/{criterion}": h.criterionCheck,
		"POST /api/v1/workspaces/{id}/reschedule/preview":                           h.reschedulePreview,
		"POST /api/v1/workspaces/{id}/reschedule":                                   h.reschedule,
		"GET /api/v1/workspaces/{id}/hill-charts/{chart}":                           h.hillGet,
		"GET /api/v1/workspaces/{id}/hill-charts/{chart}/snapshots":                 h.hillSnapshots,
		"POST /api/v1/workspaces/{id}/hill-charts/{chart}/moves":                    h.hillMove,
		"POST /api/v1/workspaces/{id}/hill-charts/{chart}/scopes":                   h.hillScopeAdd,

		"GET /api/v1/workspaces/{id}/check-ins":                                   h.checkInList,
		"POST /api/v1/workspaces/{id}/check-ins":                                  h.checkInCreate,
		"GET /api/v1/workspaces/{id}/check-ins/{checkin}":                         h.checkInGet,
		"PATCH /api/v1/workspaces/{id}/check-ins/{checkin}":                       h.checkInUpdate,
		"POST /api/v1/workspaces/{id}/check-ins/{checkin}/pause":                  h.checkInPause,
		"POST /api/v1/workspaces/{id}/check-ins/{checkin}/resume":                 h.checkInResume,
		"GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences":             h.occurrenceList,
		"GET /api/v1/workspaces/{id}/check-ins/{checkin}/occurrences/current":     h.occurrenceCurrent,
		"GET /api/v1/workspaces/{id}/occurrences/{occurrence}":                    h.occurrenceGet,
		"PUT /api/v1/workspaces/{id}/occurrences/{occurrence}/answers/{question}": h.answerPut,
		"POST /api/v1/workspaces/{id}/occurrences/{occurrence}/votes":             h.voteCast,
		"POST /api/v1/workspaces/{id}/occurrences/{occurrence}/comments":          h.occurrenceComment,
		"POST /api/v1/workspaces/{id}/occurrences/{occurrence}/skip":              h.occurrenceSkip,

		"GET /api/v1/workspaces/{id}/assets":                                 h.assetList,
		"POST /api/v1/workspaces/{id}/assets":                                h.assetCreate,
		"GET /api/v1/workspaces/{id}/assets/{asset}":                         h.assetGet,
		"PATCH /api/v1/workspaces/{id}/assets/{asset}":                       h.assetUpdate,
		"GET /api/v1/workspaces/{id}/assets/{asset}/versions":                h.versionList,
		"POST /api/v1/workspaces/{id}/assets/{asset}/versions":               h.versionAdd,
		"GET /api/v1/workspaces/{id}/assets/{asset}/versions/{version}/file": h.versionFile,
		"GET /api/v1/workspaces/{id}/assets/{asset}/ships":                   h.assetShips,
		"POST /api/v1/workspaces/{id}/assets/{asset}/review-request":         h.reviewRequest,
		"POST /api/v1/workspaces/{id}/assets/{asset}/reviews":                h.reviewAdd,
		"GET /api/v1/workspaces/{id}/calendar":                               h.calendarList,
		"POST /api/v1/workspaces/{id}/calendar":                              h.entryCreate,
		"GET /api/v1/workspaces/{id}/calendar/{entry}":                       h.entryGet,
		"PUT /api/v1/workspaces/{id}/calendar/{entry}":                       h.entryUpdate,
		"POST /api/v1/workspaces/{id}/calendar/{entry}/reschedule":           h.entryReschedule,
		"POST /api/v1/workspaces/{id}/calendar/{entry}/status":               h.entryMove,

		"GET /api/v1/workspaces/{id}/brief":                    h.briefGet,
		"PUT /api/v1/workspaces/{id}/brief":                    h.briefSave,
		"GET /api/v1/workspaces/{id}/brief/versions":           h.docVersions(duet.DocBrief),
		"GET /api/v1/workspaces/{id}/brief/versions/{version}": h.briefVersion,
		"GET /api/v1/workspaces/{id}/brief/diff":               h.docDiff(duet.DocBrief),
		"POST /api/v1/workspaces/{id}/brief/sign":              h.docSign(duet.DocBrief),
		"PUT /api/v1/workspaces/{id}/brief/actuals/{goal}":     h.actualSet,
		"GET /api/v1/workspaces/{id}/raci":                     h.raciGet,
		"PUT /api/v1/workspaces/{id}/raci":                     h.raciSave,
		"GET /api/v1/workspaces/{id}/raci/versions":            h.docVersions(duet.DocRACI),
		"GET /api/v1/workspaces/{id}/raci/versions/{version}":  h.raciVersion,
		"GET /api/v1/workspaces/{id}/raci/diff":                h.docDiff(duet.DocRACI),
		"POST /api/v1/workspaces/{id}/raci/sign":               h.docSign(duet.DocRACI),
		"POST /api/v1/workspaces/{id}/raci/draft":              h.raciDraft,
		"GET /api/v1/workspaces/{id}/raci.csv":                 h.raciCSV,
		"GET /api/v1/workspaces/{id}/rules":                    h.rulesGet,
		"PUT /api/v1/workspaces/{id}/rules":                    h.rulesSave,
		"GET /api/v1/workspaces/{id}/rules/versions":           h.docVersions(duet.DocRules),
		"GET /api/v1/workspaces/{id}/rules/versions/{version}": h.rulesVersion,
		"GET /api/v1/workspaces/{id}/rules/diff":               h.docDiff(duet.DocRules),
		"POST /api/v1/workspaces/{id}/rules/propose":           h.rulesPropose,
		"POST /api/v1/workspaces/{id}/rules/explain":           h.rulesExplain,
		"PUT /api/v1/workspaces/{id}/rules/accounts":           h.accountsUpload,
		"POST /api/v1/workspaces/{id}/rules/webhook":           h.webhookRotate,
		"DELETE /api/v1/workspaces/{id}/rules/webhook":         h.webhookDisable,
		"GET /api/v1/workspaces/{id}/leads":                    h.leadList,
		"POST /api/v1/workspaces/{id}/leads":                   h.leadIntake,
		"GET /api/v1/workspaces/{id}/leads.csv":                h.leadCSV,
		"GET /api/v1/workspaces/{id}/leads/report":             h.leadReport,
		"POST /api/v1/workspaces/{id}/leads/import":            h.leadImport,
		"GET /api/v1/workspaces/{id}/leads/{lead}":             h.leadGet,
		"POST /api/v1/workspaces/{id}/leads/{lead}/accept":     h.leadAccept,
		"POST /api/v1/workspaces/{id}/leads/{lead}/reject":     h.leadReject,
		"POST /api/v1/workspaces/{id}/leads/{lead}/contacted":  h.leadContacted,
		"PUT /api/v1/workspaces/{id}/me/away":                  h.awaySet,
		"POST /api/v1/hooks/leads/{workspace}/{side}":          h.leadWebhook,
	}
	for _, rt := range routes {
		fn := handlers[rt.Pattern]
		if fn == nil {
			panic("api: no handler for " + rt.Pattern)
		}
		h.mux.Handle(rt.Pattern, h.wrap(fn, rt.Public))
	}
	h.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		h.Error(w, r, duet.NotFound("endpoint"))
	})
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

type actorKey struct{}

func actorFrom(ctx context.Context) *duet.Actor {
	a, _ := ctx.Value(actorKey{}).(*duet.Actor)
	return a
}

// wrap authenticates the token (required unless public) and sends any
// error through Error.
func (h *Handler) wrap(fn func(http.ResponseWriter, *http.Request) error, public bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("token") || r.URL.Query().Has("access_token") {
			h.Error(w, r, &duet.Error{Kind: duet.EBadRequest, Field: "token", Msg: "send API tokens in the Authorization header, never in the URL"})
			return
		}
		if !public {
			token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || token == "" {
				w.Header().Set("WWW-Authenticate", `Bearer realm="duet"`)
				h.Error(w, r, duet.Errorf(duet.EUnauthorized, "send an API token as Authorization: Bearer <token>"))
				return
			}
			a, err := h.svc.TokenActor(r.Context(), strings.TrimSpace(token))
			if err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="duet", error="invalid_token"`)
				h.Error(w, r, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), actorKey{}, a))
		}
		if err := fn(w, r); err != nil {
			h.Error(w, r, err)
		}
	})
}

// errorBody is the one error shape of the API.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

// Error writes err as JSON with the status from the one kind table.
// Internal errors are logged and answered without detail.
func (h *Handler) Error(w http.ResponseWriter, r *http.Request, err error) {
	var body errorBody
	status := duet.HTTPStatus(err)
	body.Error.Code = duet.ErrorKind(err)
	body.Error.Message = duet.ErrorMessage(err)
	body.Error.Field = duet.ErrorField(err)
	if se, ok := errors.AsType[*statusError](err); ok {
		status, body.Error.Code, body.Error.Message, body.Error.Field = se.status, se.code, se.msg, se.field
	}
	if status == http.StatusInternalServerError {
		h.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, status, body)
}

// statusError is one of the few answers that the kind table has no row
// for, because they are about the HTTP exchange rather than the use case:
// a body over the size limit (413) and live events not being served
// (503). It goes through Error like every other error.
type statusError struct {
	status int
	code   string
	field  string
	msg    string
}

func (e *statusError) Error() string { return fmt.Sprintf("api %d %s: %s", e.status, e.code, e.msg) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decode reads a JSON object into v strictly: one object, known fields
// only, at most maxBody bytes. Errors name the field at fault.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return &duet.Error{Kind: duet.EBadRequest, Field: "Content-Type", Msg: "send application/json"}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.Decode(&struct{}{}) != io.EOF {
			return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "send exactly one JSON object"}
		}
		return nil
	}
	return decodeError(err)
}

// decodeError words an error of a strict JSON decoder, naming the field
// at fault.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &typeErr):
		return &duet.Error{Kind: duet.EBadRequest, Field: typeErr.Field, Msg: fmt.Sprintf("must be a JSON %s", jsonKind(typeErr.Type.Kind().String()))}
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "is not valid JSON"}
	case errors.As(err, &maxErr):
		return &statusError{status: http.StatusRequestEntityTooLarge, code: "too_large", field: "body",
			msg: fmt.Sprintf("The request body is larger than %d bytes (1 MiB); nothing was saved.", maxBody)}
	case errors.Is(err, io.EOF):
		return errEmptyBody
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &duet.Error{Kind: duet.EBadRequest, Field: strings.Trim(f, `"`), Msg: "is not a known field"}
	}
	return &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "could not be read as JSON"}
}

// errEmptyBody is what decode answers for a request without a body.
var errEmptyBody = &duet.Error{Kind: duet.EBadRequest, Field: "body", Msg: "is empty; send a JSON object"}

// decodeOptional is decode for endpoints whose every field is optional:
// an empty body reads as {}.
func decodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	if err := decode(w, r, v); err != errEmptyBody {
		return err
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice":
		return "array"
	case "struct", "map":
		return "object"
	case "bool":
		return "boolean"
	}
	return "number"
}

// clientIP is the peer's address; a trusted proxy in front has already
// rewritten RemoteAddr.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
