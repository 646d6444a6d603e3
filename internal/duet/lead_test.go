package duet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestLeadInNormalize(t *testing.T) {
	good := func() LeadIn {
		return LeadIn{Email: "  Ann.Lee@Example.COM ", Name: " Ann Lee ", Company: "Example", Employees: ip(250), Owner: " crm-7 "}
	}
	in := good()
	if err := in.Normalize(""); err != nil {
		t.Fatal(err)
	}
	if in.Email != "ann.lee@example.com" || in.Name != "Ann Lee" || in.Owner != "crm-7" {
		t.Errorf("not tidied: %+v", in)
	}
	for _, tc := range []struct {
		name   string
		change func(*LeadIn)
		field  string
	}{
		{"no email", func(l *LeadIn) { l.Email = " " }, "leads[3].email"},
		{"not an email", func(l *LeadIn) { l.Email = "ann at example" }, "leads[3].email"},
		{"an email with a display name", func(l *LeadIn) { l.Email = "Ann <ann@example.com>" }, "leads[3].email"},
		{"a name too long", func(l *LeadIn) { l.Name = strings.Repeat("é", 201) }, "leads[3].name"},
		{"a company on two lines", func(l *LeadIn) { l.Company = "Acme\nCorp" }, "leads[3].company"},
		{"a country too long", func(l *LeadIn) { l.Country = strings.Repeat("x", 81) }, "leads[3].country"},
		{"a NUL in the campaign", func(l *LeadIn) { l.Campaign = "a\x00b" }, "leads[3].campaign"},
		{"negative employees", func(l *LeadIn) { l.Employees = ip(-1) }, "leads[3].employees"},
		{"too many employees", func(l *LeadIn) { l.Employees = ip(10_000_001) }, "leads[3].employees"},
	} {
		in := good()
		tc.change(&in)
		if err := in.Normalize("leads[3]."); ErrorKind(err) != EInvalid || ErrorField(err) != tc.field {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.field)
		}
	}
}

func TestLeadFacts(t *testing.T) {
	l := Lead{LeadIn: LeadIn{Email: "a@eu.acme.com", Company: "Acme", Country: "DE", Region: "EMEA", Industry: "Retail",
		FormID: "f", UTMSource: "u", Campaign: "c", Owner: "crm-1", Consent: true},
		Domain: Domain("a@EU.Acme.com"), Origin: SidePartner, HostCustomer: true}
	f := l.Facts()
	want := LeadFacts{Domain: "eu.acme.com", Company: "Acme", Country: "DE", Region: "EMEA", Industry: "Retail",
		FormID: "f", UTMSource: "u", Campaign: "c", HostCustomer: true, OwnerAssigned: true, Consent: true, Origin: SidePartner}
	if f != want {
		t.Errorf("facts %+v\nwant %+v", f, want)
	}
	l.Employees, l.Owner = ip(0), ""
	if f := l.Facts(); !f.EmployeesKnown || f.Employees != 0 || f.OwnerAssigned {
		t.Errorf("facts %+v", f)
	}
	if Domain("no-at-sign") != "" {
		t.Error("a domain without @")
	}
}

func TestLeadVisibleTo(t *testing.T) {
	l := Lead{Origin: SideHost}
	if !l.VisibleTo(SideHost) || l.VisibleTo(SidePartner) {
		t.Error("an unrouted lead is its origin's only")
	}
	l.Route = &LeadRoute{Side: SideHost}
	if l.VisibleTo(SidePartner) {
		t.Error("a lead kept on its side leaked")
	}
	l.Route = &LeadRoute{Side: SidePartner}
	if !l.VisibleTo(SideHost) || !l.VisibleTo(SidePartner) {
		t.Error("a shared lead is both sides'")
	}
	for _, st := range []string{LeadAssigned, LeadReassigned} {
		if !(&Lead{Status: st}).Open() {
			t.Errorf("%s is open", st)
		}
	}
	if (&Lead{Status: LeadAccepted}).Open() {
		t.Error("accepted is not open")
	}
}

func TestLeadFilterValidate(t *testing.T) {
	f := LeadFilter{Status: LeadExpired, Side: SidePartner, Limit: 5000}
	if err := f.Validate(); err != nil || f.Limit != 200 {
		t.Errorf("%v, limit %d", err, f.Limit)
	}
	f = LeadFilter{Limit: 50}
	if err := f.Validate(); err != nil || f.Limit != 50 {
		t.Errorf("%v, limit %d", err, f.Limit)
	}
	for field, f := range map[string]LeadFilter{
		"status": {Status: "won"},
		"side":   {Side: "both"},
		"q":      {Query: strings.Repeat("q", 201)},
	} {
		if err := f.Validate(); ErrorField(err) != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}

func TestValidateRejection(t *testing.T) {
	if r, err := ValidateRejection("  Not our region  "); err != nil || r != "Not our region" {
		t.Errorf("%q %v", r, err)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("x", 501), "two\nlines"} {
		if _, err := ValidateRejection(bad); ErrorField(err) != "reason" || ErrorKind(err) != EInvalid {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := ValidateRejection(" "); !strings.Contains(ErrorMessage(err), "is required") {
		t.Errorf("blank: %v", err)
	}
}

func TestParseEmployees(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "nil", a number, or "err"
	}{
		{"", "nil"}, {"  ", "nil"}, {"1200", "1200"}, {"1,200", "1200"}, {" 12,000 ", "12000"},
		{"201-500", "201"}, {"201 - 500", "201"}, {"201–500", "201"}, {"10000+", "10000"}, {"0", "0"},
		{"lots", "err"}, {"-5", "err"}, {"1.5k", "err"}, {"+", "err"},
	} {
		n, err := ParseEmployees(tc.in)
		var got string
		switch {
		case err != nil:
			got = "err"
			if ErrorField(err) != "employees" {
				t.Errorf("%q: field %q", tc.in, ErrorField(err))
			}
		case n == nil:
			got = "nil"
		default:
			got = fmt.Sprint(*n)
		}
		if got != tc.want {
			t.Errorf("ParseEmployees(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseLeadCSV(t *testing.T) {
	type row struct {
		line  int
		email string
		err   string // the error's field, "" for none
	}
	for _, tc := range []struct {
		name    string
		in      string
		rows    []row
		ignored []string
		check   func(t *testing.T, rows []LeadRow)
	}{
		{name: "header aliases",
			in: "Email Address,Full Name,Company Name,Employee Count,UTM Source,Sharing Consent,Form,ID,Owner,utm_campaign,Organization, Country ,REGION,Industry\n" +
				"ann@acme.com,Ann Lee,Acme,\"1,200\",linkedin,yes,webinar,crm-9,Bob,spring,Acme Holdings, DE ,EMEA,Retail\n",
			rows:    []row{{2, "ann@acme.com", ""}},
			ignored: []string{"organization"},
			check: func(t *testing.T, rows []LeadRow) {
				l := rows[0].Lead
				if l.Name != "Ann Lee" || l.Company != "Acme" || *l.Employees != 1200 || l.UTMSource != "linkedin" || !l.Consent ||
					l.FormID != "webinar" || l.ExternalID != "crm-9" || l.Owner != "Bob" || l.Campaign != "spring" ||
					l.Country != "DE" || l.Region != "EMEA" || l.Industry != "Retail" {
					t.Errorf("lead %+v", l)
				}
			}},
		{name: "a byte-order mark",
			in:   "\ufeffEmail,Name\r\nAnn@Acme.com,Ann\r\n",
			rows: []row{{2, "ann@acme.com", ""}}},
		{name: "a byte-order mark before a quoted header",
			in:   "\ufeff\"Email\",\"Name\"\r\n\"ann@acme.com\",\"Ann\"\r\n",
			rows: []row{{2, "ann@acme.com", ""}}},
		{name: "ignored columns",
			in:      "email,Favorite Color,,notes,e-mail\nann@acme.com,blue,x,hello,other@acme.com\n",
			rows:    []row{{2, "ann@acme.com", ""}},
			ignored: []string{"favorite color", "notes", "e-mail"}},
		{name: "blank lines",
			in:   "email\nann@acme.com\n\n   \nbob@acme.com\n\n",
			rows: []row{{2, "ann@acme.com", ""}, {5, "bob@acme.com", ""}}},
		{name: "a bad email",
			in:   "email,name\nnot-an-email,Ann\nbob@acme.com,Bob\n,Nobody\n",
			rows: []row{{2, "", "email"}, {3, "bob@acme.com", ""}, {4, "", "email"}},
			check: func(t *testing.T, rows []LeadRow) {
				if !strings.Contains(ErrorMessage(rows[0].Err), `"not-an-email" is not an email address`) {
					t.Errorf("message %v", rows[0].Err)
				}
			}},
		{name: "employee counts",
			in:   "email,company size\na@x.com,\"1,200\"\nb@x.com,201-500\nc@x.com,\nd@x.com,lots\ne@x.com,5000+\n",
			rows: []row{{2, "a@x.com", ""}, {3, "b@x.com", ""}, {4, "c@x.com", ""}, {5, "", "employees"}, {6, "e@x.com", ""}},
			check: func(t *testing.T, rows []LeadRow) {
				if *rows[0].Lead.Employees != 1200 || *rows[1].Lead.Employees != 201 || rows[2].Lead.Employees != nil || *rows[4].Lead.Employees != 5000 {
					t.Errorf("employees %v %v %v %v", rows[0].Lead.Employees, rows[1].Lead.Employees, rows[2].Lead.Employees, rows[4].Lead.Employees)
				}
			}},
		{name: "consent",
			in:   "email,consent\na@x.com,yes\nb@x.com,no\nc@x.com,\nd@x.com,Y\ne@x.com,perhaps\n",
			rows: []row{{2, "a@x.com", ""}, {3, "b@x.com", ""}, {4, "c@x.com", ""}, {5, "d@x.com", ""}, {6, "", "consent"}},
			check: func(t *testing.T, rows []LeadRow) {
				for i, want := range []bool{true, false, false, true} {
					if rows[i].Lead.Consent != want {
						t.Errorf("row %d consent %v", i, rows[i].Lead.Consent)
					}
				}
				if !strings.Contains(ErrorMessage(rows[4].Err), `"perhaps" is not yes or no`) {
					t.Errorf("message %v", rows[4].Err)
				}
			}},
		{name: "too many values",
			in:   "email,name\na@x.com,Ann,extra\nb@x.com\n",
			rows: []row{{2, "", "row"}, {3, "b@x.com", ""}},
			check: func(t *testing.T, rows []LeadRow) {
				if ErrorMessage(rows[0].Err) != "has 3 values but the header names 2 columns" {
					t.Errorf("message %v", rows[0].Err)
				}
			}},
		{name: "a value on two lines",
			in:   "email,name\na@x.com,\"Ann\nLee\"\nb@x.com,Bob\n",
			rows: []row{{2, "", "name"}, {4, "b@x.com", ""}}},
		{name: "only a header",
			in:   "email,name\n",
			rows: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, ignored, err := ParseLeadCSV(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(ignored) != fmt.Sprint(tc.ignored) {
				t.Errorf("ignored %q, want %q", ignored, tc.ignored)
			}
			if len(rows) != len(tc.rows) {
				t.Fatalf("%d rows, want %d: %+v", len(rows), len(tc.rows), rows)
			}
			for i, want := range tc.rows {
				got := rows[i]
				if got.Line != want.line || ErrorField(got.Err) != want.err || (want.err == "" && got.Lead.Email != want.email) {
					t.Errorf("row %d: line %d email %q err %v; want line %d email %q err field %q", i, got.Line, got.Lead.Email, got.Err, want.line, want.email, want.err)
				}
				if got.Err != nil && ErrorKind(got.Err) != EInvalid {
					t.Errorf("row %d: kind %s", i, ErrorKind(got.Err))
				}
			}
			if tc.check != nil {
				tc.check(t, rows)
			}
		})
	}
}

func TestParseLeadCSVFileErrors(t *testing.T) {
	var big strings.Builder
	big.WriteString("email\n")
	for i := range MaxImportRows + 1 {
		fmt.Fprintf(&big, "l%d@x.com\n", i)
	}
	for _, tc := range []struct {
		name, in, msg string
	}{
		{"an empty file", "", "is empty"},
		{"no email column", "name,company\nAnn,Acme\n", "line 1 has no email column"},
		{"only ignored columns", "\ufeffmail\nann@acme.com\n", "line 1 has no email column"},
		{"a bare quote", "email,name\na@x.com,Ann\nb@x.com,Bo\"b\n", "is not valid CSV at line 3"},
		{"an unterminated quote", "email,name\na@x.com,Ann\nb@x.com,\"Bob\nc@x.com,Cy\n", "is not valid CSV at line"},
		{"a quote in the header", "email,\"na\"me\n", "is not valid CSV at line 1"},
		{"too many rows", big.String(), "more than 10000 rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, ignored, err := ParseLeadCSV(strings.NewReader(tc.in))
			if ErrorKind(err) != EInvalid || ErrorField(err) != "file" || !strings.Contains(ErrorMessage(err), tc.msg) {
				t.Errorf("got %v; want file: …%s…", err, tc.msg)
			}
			if rows != nil || ignored != nil {
				t.Errorf("rows %v, ignored %v with an error", rows, ignored)
			}
		})
	}
	// Exactly the limit is fine.
	rows, _, err := ParseLeadCSV(strings.NewReader(strings.Join(strings.SplitAfter(big.String(), "\n")[:MaxImportRows+1], "")))
	if err != nil || len(rows) != MaxImportRows {
		t.Errorf("%d rows, %v", len(rows), err)
	}
}

// FuzzParseLeadCSV feeds arbitrary bytes to the importer: it never
// panics, and every row it returns is either refused or has a tidy email.
func FuzzParseLeadCSV(f *testing.F) {
	for _, s := range []string{
		"email,name\nann@acme.com,Ann\n",
		"\ufeffEmail Address,Company Size,Consent\r\nANN@ACME.COM,\"1,200\",yes\r\nbob@x.com,201-500,maybe\r\n",
		"email,name\na@x.com,\"Ann\nLee\"\n\n  \nb@x.com,Bo\"b\n",
		"email;name\nann@acme.com;Ann\n",
		"email,,e-mail\n,x,y\n\"a@x.com\",,\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, _, err := ParseLeadCSV(bytes.NewReader(b))
		if err != nil {
			if ErrorKind(err) != EInvalid || ErrorField(err) != "file" || rows != nil {
				t.Fatalf("file error %v with %d rows", err, len(rows))
			}
			return
		}
		if len(rows) > MaxImportRows {
			t.Fatalf("%d rows", len(rows))
		}
		last := 1
		for i, r := range rows {
			if r.Line <= last {
				t.Fatalf("row %d on line %d after line %d", i, r.Line, last)
			}
			last = r.Line
			if r.Err != nil {
				if ErrorKind(r.Err) != EInvalid {
					t.Fatalf("row %d: %v", i, r.Err)
				}
				continue
			}
			if e := r.Lead.Email; e == "" || e != strings.ToLower(e) || strings.TrimSpace(e) != e {
				t.Fatalf("row %d: email %q", i, e)
			}
			if err := r.Lead.Normalize(""); err != nil {
				t.Fatalf("row %d is not stable under Normalize: %v", i, err)
			}
		}
	})
}
