package core

import (
	"context"
	"html/template"

	"duet/internal/duet"
	"duet/internal/markdown"
	"duet/internal/store"
)

// renderer turns Markdown into sanitized HTML for one workspace: @mentions
// of its members and roles, and D-n chips for its decisions.
type renderer struct {
	opts markdown.Options
}

func mentionables(d *duet.WorkspaceDetail) []markdown.Mentionable {
	ms := make([]markdown.Mentionable, 0, len(d.Members)+len(d.Roles))
	for _, m := range d.Members {
		ms = append(ms, markdown.Mentionable{Kind: "member", ID: m.ID, Name: m.Name})
	}
	for _, r := range d.Roles {
		ms = append(ms, markdown.Mentionable{Kind: "role", ID: r.Key, Name: r.Name})
	}
	return ms
}

// newRenderer prepares rendering of the given texts: it looks up, in one
// query each, every decision and every task (that the viewer's side sees)
// they refer to.
func newRenderer(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, texts ...string) (*renderer, error) {
	numbers := map[string][]int{}
	seen := map[markdown.Ref]bool{}
	for _, t := range texts {
		for _, r := range markdown.Refs(t) {
			if !seen[r] {
				seen[r] = true
				numbers[r.Kind] = append(numbers[r.Kind], r.Number)
			}
		}
	}
	decisions, err := tx.DecisionRefs(ctx, d.ID, numbers["decision"])
	if err != nil {
		return nil, err
	}
	tasks, err := tx.TaskRefsByNumber(ctx, d.ID, d.Side, numbers["task"])
	if err != nil {
		return nil, err
	}
	return &renderer{opts: markdown.Options{
		Mentionables: mentionables(d),
		ResolveRef: func(r markdown.Ref) (string, string, bool) {
			if r.Kind == "task" {
				t, ok := tasks[r.Number]
				return t.Title, taskPath(d.ID, t.ID), ok
			}
			ref, ok := decisions[r.Number]
			return ref.Title, decisionPath(d.ID, ref.ID), ok
		},
	}}, nil
}

func (r *renderer) html(src string) template.HTML {
	if src == "" {
		return ""
	}
	return markdown.Render(src, r.opts)
}

// taskPath is where a task's page is.
func taskPath(wsID, id string) string { return "/w/" + wsID + "/tasks/" + id }

// decisionPath is where a decision's page is.
func decisionPath(wsID, id string) string { return "/w/" + wsID + "/decisions/" + id }
