package duet

import (
	"strings"
	"testing"
)

func TestLooksLikeDecision(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"ok, we agreed to go with the blue hero image", true},
		{"Let’s go with the March date", true},
		{"Legal APPROVED the copy", true},
		{"This is the final version of the deck", true},
		{"Priya signed off on the budget", true},
		{"We decided: webinar on the 12th", true},
		{"Can we talk about the hero image?", false},
		{"the copy is unapproved so far", false},
		{"preapproved vendors only", false},
		{"run `approved` in the console", false},
		{"```\nstatus: approved\n```\nlooks fine?", false},
		{"", false},
	}
	for _, c := range cases {
		if _, got := LooksLikeDecision(c.text); got != c.want {
			t.Errorf("LooksLikeDecision(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestTemplateDecisionSigners(t *testing.T) {
	base := func() *Template {
		return &Template{Roles: []TemplateRole{{Key: "pm", Side: SideHost}, {Key: "lead", Side: SidePartner}}}
	}
	cases := []struct {
		signers map[string][]string
		path    string
	}{
		{map[string][]string{"copy": {"pm", "lead"}}, ""},
		{map[string][]string{"vibes": {"pm", "lead"}}, "decision_signers.vibes"},
		{map[string][]string{"copy": {"pm"}}, "decision_signers.copy"},
		{map[string][]string{"copy": {"pm", "nobody"}}, "decision_signers.copy[1]"},
	}
	for _, c := range cases {
		tpl := base()
		tpl.DecisionSigners = c.signers
		var got string
		for _, p := range tpl.Validate() {
			if len(p.Path) >= len("decision_signers") && p.Path[:len("decision_signers")] == "decision_signers" {
				got = p.Path
				break
			}
		}
		if got != c.path {
			t.Errorf("%v: problem at %q, want %q", c.signers, got, c.path)
		}
	}
	if got := DecisionSigners(base(), KindCopy); len(got) != 2 || got[0] != "pm" || got[1] != "lead" {
		t.Errorf("default signers = %v", got)
	}
}

func TestValidateBody(t *testing.T) {
	for _, c := range []struct {
		body string
		ok   bool
	}{
		{"hello", true},
		{"> quoted\n>> twice", true},
		{strings.Repeat("> ", 17) + "deep", false},
		{"  \n ", false},
		{strings.Repeat("x", MaxMessageBytes+1), false},
		{"bad \xff utf8", false},
	} {
		if _, err := ValidateBody("body", c.body); (err == nil) != c.ok || (err != nil && ErrorField(err) != "body") {
			t.Errorf("ValidateBody(%.20q) = %v", c.body, err)
		}
	}
}
