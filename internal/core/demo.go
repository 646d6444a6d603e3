package core

import (
	"context"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// DemoLogin is one demo account and its password for this run.
type DemoLogin struct {
	Email, Name, Side, Permission, Roles, Password string
}

const demoSeededKey = "demo_seeded"

// demoPeople are the demo campaign's members: who, which side, which roles.
var demoPeople = []struct {
	email, name string
	side        duet.Side
	perm        duet.Permission
	roles       []string
}{
	{"maya@lumen.example", "Maya Okafor", duet.SideHost, duet.PermAdmin, []string{"partner-marketing-manager"}},
	{"dev@lumen.example", "Dev Raman", duet.SideHost, duet.PermMember, []string{"project-manager", "demand-gen-lead"}},
	{"ines@lumen.example", "Inès Laurent", duet.SideHost, duet.PermMember, []string{"content-lead", "product-marketing-lead", "designer"}},
	{"sam@lumen.example", "Sam Whitfield", duet.SideHost, duet.PermGuest, []string{"legal-reviewer"}},
	{"jordan@brightwave.example", "Jordan Reyes", duet.SidePartner, duet.PermAdmin, []string{"partner-marketing-lead"}},
	{"priya@brightwave.example", "Priya Natarajan", duet.SidePartner, duet.PermMember, []string{"partner-content-lead", "partner-sales-lead"}},
}

// SeedDemo makes the demo campaign once: a SaaS partner webinar between
// Lumen Analytics (host) and Brightwave Cloud (partner). Every run gives
// the demo accounts fresh random passwords and returns them, so there is
// never a fixed password and the logins can always be printed.
func (s *Service) SeedDemo(ctx context.Context) ([]DemoLogin, error) {
	tpl, ok := s.templates.Get("saas-webinar-launch")
	if !ok {
		tpl, _ = s.templates.Get("partner-co-marketing")
	}
	logins := make([]DemoLogin, len(demoPeople))
	hashes := make([]string, len(demoPeople))
	for i, p := range demoPeople {
		logins[i] = DemoLogin{Email: p.email, Name: p.name, Side: string(p.side), Permission: string(p.perm), Password: newSecret("")[:16]}
		hashes[i] = s.hashPassword(logins[i].Password)
		for j, k := range p.roles {
			if j > 0 {
				logins[i].Roles += ", "
			}
			logins[i].Roles += roleName(tpl, k)
		}
	}
	now := s.Now()
	err := s.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Setting(ctx, demoSeededKey); err == nil {
			for i, p := range demoPeople {
				u, _, err := tx.UserByEmail(ctx, p.email)
				if err != nil {
					return err
				}
				if err := tx.SetPassword(ctx, u.ID, hashes[i]); err != nil {
					return err
				}
			}
			return nil
		}
		host, err := tx.HostOrg(ctx)
		if duet.ErrorKind(err) == duet.ENotFound {
			host = duet.Organization{ID: store.NewID(), Name: "Lumen Analytics", IsHost: true, Created: now}
			err = tx.CreateOrg(ctx, &host)
		}
		if err != nil {
			return err
		}
		partner, err := s.partnerOrg(ctx, tx, host, "Brightwave Cloud")
		if err != nil {
			return err
		}
		kickoff := duet.Date{Time: now.Truncate(24 * time.Hour)}.AddDays(-10)
		w := duet.Workspace{ID: store.NewID(), Name: "Data Pipelines at Scale — joint webinar", TemplateKey: tpl.Key,
			HostOrgID: host.ID, PartnerOrgID: partner.ID, KickoffOn: kickoff, LaunchOn: kickoff.AddDays(45),
			TimeZone: "America/New_York", Created: now}
		for i, p := range demoPeople {
			org := host.ID
			if p.side == duet.SidePartner {
				org = partner.ID
			}
			u := duet.User{ID: store.NewID(), OrgID: org, Email: p.email, Name: p.name, IsAdmin: i == 0, Created: now}
			if err := tx.CreateUser(ctx, &u, hashes[i]); err != nil {
				return err
			}
			if i == 0 {
				w.CreatedBy = u.ID
				d, tasks := duet.Instantiate(tpl, w, store.NewID)
				// Ten days in: kickoff is done, assets are being made and
				// the launch plan is still being figured out.
				for j, pos := range []int{100, 62, 28} {
					if len(d.HillCharts) > 0 && j < len(d.HillCharts[0].Scopes) {
						d.HillCharts[0].Scopes[j].Position = pos
					}
				}
				demoProgress(d, tasks, now)
				if err := tx.InsertWorkspace(ctx, d, tasks); err != nil {
					return err
				}
			}
			m := duet.Member{ID: store.NewID(), UserID: u.ID, Side: p.side, Permission: p.perm, RoleKeys: p.roles, Joined: now.Add(time.Duration(i) * time.Second)}
			if err := tx.AddMember(ctx, w.ID, &m); err != nil {
				return err
			}
		}
		if err := s.demoCheckIns(ctx, tx, w, now); err != nil {
			return err
		}
		if err := s.demoLaunch(ctx, tx, tpl, w, now); err != nil {
			return err
		}
		if err := s.demoDocs(ctx, tx, tpl, w, now); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, s.event(nil, w.ID, "workspace.created", w.ID)); err != nil {
			return err
		}
		return tx.SetSetting(ctx, demoSeededKey, w.ID)
	})
	return logins, err
}

// demoAnswers are what Dev and Jordan already answered in this week's
// campaign check-in, so its agenda reads like a real one.
var demoAnswers = []struct{ email, question, body string }{
	{"dev@lumen.example", "progress", "Registration page is live in staging; the **email sequence** is drafted (3 of 4)."},
	{"dev@lumen.example", "blockers", "The co-branded banner waits for Brightwave's logo files — Priya, can you send them by Wednesday?"},
	{"jordan@brightwave.example", "progress", "Newsletter slot booked for launch week; our SDRs are briefed on the follow-up."},
	{"jordan@brightwave.example", "decisions-needed", "Which side owns the webinar recording, and where it is hosted after the event."},
}

// demoCheckIns materializes the check-ins and fills in the first Monday
// occurrence's early answers.
func (s *Service) demoCheckIns(ctx context.Context, tx *store.Tx, w duet.Workspace, now time.Time) error {
	checkIns, err := tx.WorkspaceCheckIns(ctx, w.ID)
	if err != nil {
		return err
	}
	members, err := tx.Members(ctx, w.ID)
	if err != nil {
		return err
	}
	for _, c := range checkIns {
		if err := s.materialize(ctx, tx, w, c, now); err != nil {
			return err
		}
		if _, ok := c.GoNoGo(); ok {
			continue
		}
		occs, err := tx.MovableOccurrences(ctx, c.ID, now)
		if err != nil || len(occs) == 0 {
			return err
		}
		for _, a := range demoAnswers {
			for _, m := range members {
				if m.Email != a.email {
					continue
				}
				if _, ok := c.Question(a.question); !ok {
					continue
				}
				if err := tx.AddAsked(ctx, occs[0].ID, []string{m.ID}); err != nil {
					return err
				}
				err := tx.SaveAnswer(ctx, w.ID, duet.Answer{ID: store.NewID(), OccurrenceID: occs[0].ID, QuestionKey: a.question,
					Author: duet.Author{MemberID: m.ID}, Body: a.body, Visibility: duet.VisShared, Created: now, Updated: now})
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// demoProgress moves the starter tasks to where a campaign ten days in
// would be: the first stage done, the second under way with one task
// blocked.
func demoProgress(d *duet.WorkspaceDetail, tasks []duet.Task, now time.Time) {
	if len(d.TaskLists) < 2 {
		return
	}
	started := 0
	for i := range tasks {
		t := &tasks[i]
		switch t.ListID {
		case d.TaskLists[0].ID:
			t.Status, t.Completed = duet.TaskDone, &now
		case d.TaskLists[1].ID:
			started++
			switch started {
			case 1:
				t.Status, t.Completed = duet.TaskDone, &now
			case 2:
				t.Status = duet.TaskInProgress
			case 3:
				t.Status, t.BlockedReason = duet.TaskBlocked, "Waiting for the partner's logo files and brand guidelines."
			}
		}
	}
}

func roleName(t *duet.Template, key string) string {
	for _, r := range t.Roles {
		if r.Key == key {
			return r.Name
		}
	}
	return key
}

// demoLaunch fills the approval folder and the launch calendar: the
// landing page approved and shipping, the ebook half-way through review,
// the partner's newsletter copy still a draft; and a calendar with one
// entry whose asset is late and one scheduled out of order.
func (s *Service) demoLaunch(ctx context.Context, tx *store.Tx, tpl *duet.Template, w duet.Workspace, now time.Time) error {
	d, err := tx.Detail(ctx, w.ID, "")
	if err != nil {
		return err
	}
	d.Resolve()
	loc, err := time.LoadLocation(w.TimeZone)
	if err != nil {
		return err
	}
	byEmail := map[string]duet.Member{}
	for _, m := range d.Members {
		byEmail[m.Email] = m
	}
	author := func(email string) duet.Author {
		m := byEmail[email]
		return duet.Author{MemberID: m.ID, Name: m.Name, Side: m.Side}
	}
	assets := []struct {
		title, kind, email, link string
		side                     duet.Side
		dri                      string
		approved                 int // steps approved, in order
	}{
		{"Joint webinar landing page", duet.AssetLandingPage, "ines@lumen.example", "https://docs.google.com/document/d/landing-page-copy", duet.SideHost, "demand-gen-lead", 99},
		{"Data pipelines at scale — ebook", duet.AssetEbook, "ines@lumen.example", "https://docs.google.com/document/d/ebook-draft", duet.SideHost, "content-lead", 1},
		{"Partner newsletter feature", duet.AssetEmail, "priya@brightwave.example", "https://docs.google.com/document/d/newsletter-feature", duet.SidePartner, "partner-marketing-lead", -1},
	}
	ids := make([]string, len(assets))
	for i, x := range assets {
		by := author(x.email)
		as := duet.Asset{ID: store.NewID(), WorkspaceID: w.ID, Number: i + 1, Title: x.title, Kind: x.kind, Side: x.side, DRI: duet.DRI{RoleKey: x.dri},
			Visibility: duet.VisShared, Steps: duet.StepsFor(tpl, x.kind, duet.VisShared, d.Roles), Current: 1, By: by, Created: now, Updated: now}
		ids[i] = as.ID
		if _, err := tx.NextAssetNumber(ctx, w.ID); err != nil {
			return err
		}
		v := duet.AssetVersion{ID: store.NewID(), AssetID: as.ID, Number: 1, Link: x.link, By: by, Created: now}
		holders := duet.RoleHolders(d.Members)
		for j := range as.Steps {
			st := &as.Steps[j]
			if j >= x.approved || len(holders[st.RoleKey]) == 0 {
				break
			}
			h := holders[st.RoleKey][0]
			st.State, st.Version, st.By, st.At = duet.StepApproved, 1, &duet.Author{MemberID: h.ID, Name: h.Name, Side: h.Side}, &now
		}
		as.Settle(x.approved >= 0)
		if err := tx.InsertAsset(ctx, &as, x.approved >= 0); err != nil {
			return err
		}
		if err := tx.InsertVersion(ctx, &v, ""); err != nil {
			return err
		}
		for _, st := range as.Steps {
			if st.By != nil {
				if err := tx.InsertReview(ctx, as.ID, duet.ReviewRecord{ID: store.NewID(), StepKey: st.Key, StepName: st.Name, Verdict: duet.VerdictApprove,
					By: *st.By, At: now, Version: 1, Fingerprint: v.Fingerprint()}); err != nil {
					return err
				}
			}
		}
		if as.Status == duet.AssetApproved {
			if err := tx.ApproveVersion(ctx, v.ID, now); err != nil {
				return err
			}
			if err := tx.UpdateAsset(ctx, &as, true, v.ID, now); err != nil {
				return err
			}
		}
	}
	at := func(day duet.Date, hour int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, loc).UTC()
	}
	today := duet.Date{Time: now.Truncate(24 * time.Hour)}
	entries := []struct {
		title, channel, email, dri string
		side                       duet.Side
		when                       time.Time
		critical                   bool
		assets                     []string
		after                      []int
	}{
		{"Landing page goes live", duet.ChanLandingPage, "dev@lumen.example", "demand-gen-lead", duet.SideHost, at(w.LaunchOn.AddDays(-7), 9), true, ids[:1], nil},
		{"Save-the-date post with the ebook teaser", duet.ChanSocial, "ines@lumen.example", "content-lead", duet.SideHost, at(today.AddDays(1), 10), false, ids[1:2], nil},
		{"Partner newsletter feature", duet.ChanEmail, "jordan@brightwave.example", "partner-marketing-lead", duet.SidePartner, at(w.LaunchOn.AddDays(-2), 9), true, ids[2:3], []int{0}},
		{"Brightwave blog: why we partnered", duet.ChanBlog, "priya@brightwave.example", "partner-content-lead", duet.SidePartner, at(w.LaunchOn.AddDays(-9), 11), false, nil, []int{0}},
		{"Webinar reminder email", duet.ChanWebinarReminder, "dev@lumen.example", "demand-gen-lead", duet.SideHost, at(w.LaunchOn.AddDays(-1), 8), false, nil, []int{0}},
	}
	made := make([]duet.LaunchEntry, len(entries))
	for i, x := range entries {
		e := duet.LaunchEntry{ID: store.NewID(), WorkspaceID: w.ID, Title: x.title, Channel: x.channel, Side: x.side, DRI: duet.DRI{RoleKey: x.dri},
			PublishAt: x.when, Visibility: duet.VisShared, LaunchCritical: x.critical, Status: duet.EntryPlanned, By: author(x.email), Created: now, Updated: now}
		for _, id := range x.assets {
			e.Assets = append(e.Assets, duet.AssetRef{ID: id})
		}
		for _, j := range x.after {
			e.After = append(e.After, made[j].Ref())
		}
		if err := tx.InsertEntry(ctx, &e); err != nil {
			return err
		}
		made[i] = e
	}
	return nil
}
