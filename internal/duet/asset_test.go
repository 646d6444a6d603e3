package duet

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// reviewTemplate has four steps: copy and design in parallel, then
// legal, then the partner's sign-off; email lists its own order.
func reviewTemplate() *Template {
	t := Template{}
	t.Roles = []TemplateRole{
		{Key: "writer", Name: "Writer", Side: SideHost},
		{Key: "designer", Name: "Designer", Side: SideHost},
		{Key: "lawyer", Name: "Lawyer", Side: SideHost},
		{Key: "partner-lead", Name: "Partner Lead", Side: SidePartner},
	}
	t.Assets = TemplateAssets{
		ReviewSteps: []TemplateReviewStep{
			{Key: "copy", Name: "Copy", Role: "writer"},
			{Key: "design", Name: "Design", Role: "designer", Parallel: true},
			{Key: "legal", Name: "Legal", Role: "lawyer"},
			{Key: "partner", Name: "Partner", Role: "partner-lead"},
		},
		Kinds: map[string][]string{AssetEmail: {"legal", "copy", "partner"}},
	}
	return &t
}

func workspaceRoles(t *Template) []Role {
	out := make([]Role, len(t.Roles))
	for i, r := range t.Roles {
		out[i] = Role{Key: r.Key, Name: r.Name, Side: r.Side}
	}
	return out
}

func TestStepsFor(t *testing.T) {
	tpl := reviewTemplate()
	roles := workspaceRoles(tpl)
	stages := func(steps []ReviewStep) string {
		var b strings.Builder
		for _, s := range steps {
			b.WriteString(s.Key + ":" + string(rune('0'+s.Stage)) + " ")
		}
		return strings.TrimSpace(b.String())
	}
	if got := stages(StepsFor(tpl, AssetEbook, VisShared, roles)); got != "copy:0 design:0 legal:1 partner:2" {
		t.Errorf("ebook: %s", got)
	}
	// A kind lists its own steps, in its own order.
	if got := stages(StepsFor(tpl, AssetEmail, VisShared, roles)); got != "legal:0 copy:1 partner:2" {
		t.Errorf("email: %s", got)
	}
	// A host-only asset is reviewed by host steps only.
	if got := stages(StepsFor(tpl, AssetEbook, VisHost, roles)); got != "copy:0 design:0 legal:1" {
		t.Errorf("host-only: %s", got)
	}
	// Without review steps: the first role of each side.
	bare := &Template{Roles: tpl.Roles}
	if got := StepNames(StepsFor(bare, AssetEbook, VisShared, roles)); got != "Review and Partner sign-off" {
		t.Errorf("default steps: %s", got)
	}
}

func TestReviewFlow(t *testing.T) {
	tpl := reviewTemplate()
	a := Asset{Title: "Ebook", Current: 1, Steps: StepsFor(tpl, AssetEbook, VisShared, workspaceRoles(tpl))}
	writer := &Member{Side: SideHost, RoleKeys: []string{"writer"}}
	designer := &Member{Side: SideHost, RoleKeys: []string{"designer"}}
	lawyer := &Member{Side: SideHost, RoleKeys: []string{"lawyer"}}
	partner := &Member{Side: SidePartner, RoleKeys: []string{"partner-lead", "writer"}}
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	a.Settle(false)
	if a.Status != AssetDraft || a.CheckReview(writer, "copy", 1) == nil {
		t.Fatalf("a draft is not reviewed: %s", a.Status)
	}
	a.Settle(true)
	if got := StepNames(a.Open()); got != "Copy and Design" {
		t.Fatalf("open: %s", got)
	}
	for _, tc := range []struct {
		m          *Member
		step       string
		version    int
		kind, fild string
	}{
		{lawyer, "legal", 1, EInvalid, "step"},    // out of turn
		{partner, "copy", 1, EForbidden, ""},      // a writer, but of the other side
		{designer, "copy", 1, EForbidden, ""},     // not the role
		{writer, "copy", 2, EConflict, ""},        // a version that does not exist yet
		{writer, "nope", 1, EInvalid, "step"},     // no such step
		{partner, "partner", 1, EInvalid, "step"}, // out of turn
	} {
		err := a.CheckReview(tc.m, tc.step, tc.version)
		if ErrorKind(err) != tc.kind || ErrorField(err) != tc.fild {
			t.Errorf("%s by %v: %v, want %s %q", tc.step, tc.m.RoleKeys, err, tc.kind, tc.fild)
		}
	}
	a.Review(Author{Name: "W"}, "copy", VerdictApprove, "", at)
	a.Review(Author{Name: "D"}, "design", VerdictApprove, "", at)
	if err := a.CheckReview(lawyer, "legal", 1); err != nil {
		t.Fatal(err)
	}
	a.Review(Author{Name: "L"}, "legal", VerdictChanges, "Claim 3 needs a source.", at)
	if a.Status != AssetChangesRequested || a.Open() != nil {
		t.Fatalf("after changes: %s, open %v", a.Status, a.Open())
	}
	// From the first step that asked for changes: copy and design keep
	// their approvals.
	reset := a.ResetFor(2, ResetFromChanges, "")
	a.Settle(true)
	if strings.Join(reset, ",") != "Legal" || a.Status != AssetInReview || a.Steps[0].State != StepApproved || a.Steps[0].Version != 2 {
		t.Fatalf("reset %v, %s, %+v", reset, a.Status, a.Steps[0])
	}
	a.Review(Author{Name: "L"}, "legal", VerdictApprove, "", at)
	a.Review(Author{Name: "P"}, "partner", VerdictApprove, "", at)
	if a.Status != AssetApproved {
		t.Fatalf("all approved: %s", a.Status)
	}
	// A new version with no changes requested resets from the step the
	// uploader names, or everything under the "all" policy.
	b := a
	b.Steps = append([]ReviewStep(nil), a.Steps...)
	if reset := b.ResetFor(3, ResetFromChanges, "partner"); strings.Join(reset, ",") != "Partner" {
		t.Errorf("from partner: %v", reset)
	}
	if reset := a.ResetFor(3, ResetAll, "partner"); len(reset) != 4 {
		t.Errorf("all: %v", reset)
	}
}

func TestUploadNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"ebook.pdf", true},
		{"Banner v2 (final).PNG", true},
		{"résumé.md", true},
		{"../etc/passwd.png", false},
		{`C:\fakepath\a.png`, false},
		{"a/b.pdf", false},
		{".pdf", false},
		{"..", false},
		{"", false},
		{"noext", false},
		{"evil.html", false},
		{"photo.svg", false},
		{"a\x00.pdf", false},
		{"line\nbreak.pdf", false},
		{`quo"te.pdf`, false},
		{strings.Repeat("a", 201) + ".pdf", false},
	} {
		_, err := CleanFileName("file", tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("%q: %v", tc.name, err)
		}
		if err != nil && ErrorField(err) != "file" {
			t.Errorf("%q: field %q", tc.name, ErrorField(err))
		}
	}
}

func TestCheckContent(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	for _, tc := range []struct {
		name, head, want string
	}{
		{"a.png", png, "image/png"},
		{"a.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"},
		{"a.pdf", "%PDF-1.7\n", "application/pdf"},
		{"a.md", "# Title\n\nText.", "text/markdown; charset=utf-8"},
		{"a.docx", "PK\x03\x04rest", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"a.png", "<!DOCTYPE html><html><script>", ""},
		{"a.md", "<html><body>hi</body></html>", ""},
		{"a.pdf", png, ""},
		{"a.png", "", ""},
	} {
		got, err := CheckContent("file", tc.name, []byte(tc.head))
		if got != tc.want || (err == nil) != (tc.want != "") {
			t.Errorf("%s with %q: %q, %v", tc.name, tc.head, got, err)
		}
	}
	_, err := CheckContent("file", "a.png", []byte("<!DOCTYPE html>"))
	if !strings.Contains(ErrorMessage(err), "named .png but its content is text/html") {
		t.Errorf("message: %v", err)
	}
}

// FuzzCleanFileName: no name panics, and an accepted name is one plain
// file name: no separators, no control characters, valid UTF-8, bounded.
func FuzzCleanFileName(f *testing.F) {
	for _, s := range []string{"ebook.pdf", "../x.png", "a\\b.md", "\x00.pdf", " a.pdf ", "ü.txt"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := CleanFileName("file", s)
		if err != nil {
			return
		}
		if strings.ContainsAny(got, "/\\\x00\r\n\"") || !utf8.ValidString(got) || utf8.RuneCountInString(got) > MaxFileName || strings.HasPrefix(got, ".") {
			t.Fatalf("accepted %q", got)
		}
		if _, ok := fileTypeOf(got); !ok {
			t.Fatalf("accepted %q without a known extension", got)
		}
	})
}
