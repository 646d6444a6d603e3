package duet

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSignWebhook(t *testing.T) {
	// HMAC-SHA256 of "1700000000.{}" under "secret", as
	// `printf '1700000000.{}' | openssl dgst -sha256 -hmac secret` says.
	const want = "v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163"
	got := SignWebhook([]byte("secret"), 1700000000, []byte("{}"))
	if got != want {
		t.Fatalf("signature %q, want %q", got, want)
	}
	if got != SignWebhook([]byte("secret"), 1700000000, []byte("{}")) {
		t.Error("signing is not deterministic")
	}
	for _, other := range []string{
		SignWebhook([]byte("secret2"), 1700000000, []byte("{}")),
		SignWebhook([]byte("secret"), 1700000001, []byte("{}")),
		SignWebhook([]byte("secret"), 1700000000, []byte("{ }")),
		// The dot keeps the timestamp and the body apart.
		SignWebhook([]byte("secret"), 170000000, []byte("0.{}")),
	} {
		if other == got {
			t.Errorf("%s signs something else too", got)
		}
	}
}

func TestVerifyWebhook(t *testing.T) {
	secret := []byte("whsec-3f9a8c7e")
	now := time.Date(2027, 3, 5, 16, 0, 0, 0, time.UTC)
	body := []byte(`{"email":"ann@acme.com","consent":true}`)
	ts := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	sign := func(d time.Duration, b []byte) string { return SignWebhook(secret, now.Add(d).Unix(), b) }
	changed := append([]byte(nil), body...)
	changed[10] ^= 1

	for _, tc := range []struct {
		name      string
		secret    []byte
		timestamp string
		signature string
		body      []byte
		msg       string // "" accepts; otherwise a part of the refusal
	}{
		{"a valid signature", secret, ts(0), sign(0, body), body, ""},
		{"signed 4 minutes ago", secret, ts(-4 * time.Minute), sign(-4*time.Minute, body), body, ""},
		{"signed exactly 5 minutes ago", secret, ts(-5 * time.Minute), sign(-5*time.Minute, body), body, ""},
		{"a clock a minute ahead", secret, ts(time.Minute), sign(time.Minute, body), body, ""},
		{"an empty body", secret, ts(0), sign(0, nil), nil, ""},
		{"several signatures, one matching", secret, ts(0), "v1=00ff, " + sign(0, body) + ",v1=deadbeef", body, ""},
		{"a rotated secret", []byte("old-secret"), ts(0), sign(0, body), body, "does not match the body"},
		{"the wrong secret", []byte("whsec-3f9a8c7f"), ts(0), sign(0, body), body, "does not match the body"},
		{"a body changed by one byte", secret, ts(0), sign(0, body), changed, "does not match the body"},
		{"a body with a byte more", secret, ts(0), sign(0, body), append(append([]byte(nil), body...), '\n'), "does not match the body"},
		{"a signature for another time", secret, ts(0), sign(-time.Second, body), body, "does not match"},
		{"a stale timestamp", secret, ts(-6 * time.Minute), sign(-6*time.Minute, body), body, "more than 5 minutes from now"},
		{"a future timestamp", secret, ts(6 * time.Minute), sign(6*time.Minute, body), body, "more than 5 minutes from now"},
		{"a timestamp in milliseconds", secret, strconv.FormatInt(now.UnixMilli(), 10), sign(0, body), body, "more than 5 minutes"},
		{"no timestamp", secret, "", sign(0, body), body, "X-Duet-Timestamp header is missing"},
		{"no signature", secret, ts(0), "", body, "X-Duet-Signature header is missing"},
		{"a timestamp that is not a number", secret, "yesterday", sign(0, body), body, "must be Unix time in seconds"},
		{"a fractional timestamp", secret, ts(0) + ".5", sign(0, body), body, "must be Unix time in seconds"},
		{"a timestamp out of range", secret, "99999999999999999999", sign(0, body), body, "must be Unix time in seconds"},
		{"no scheme", secret, ts(0), strings.TrimPrefix(sign(0, body), "v1="), body, "does not match"},
		{"another scheme", secret, ts(0), "v0=" + strings.TrimPrefix(sign(0, body), "v1="), body, "does not match"},
		{"only bad signatures", secret, ts(0), "v1=00, v1=11", body, "does not match"},
		{"a truncated signature", secret, ts(0), sign(0, body)[:40], body, "does not match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyWebhook(tc.secret, tc.timestamp, tc.signature, tc.body, now)
			if tc.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if ErrorKind(err) != EUnauthorized || !strings.Contains(ErrorMessage(err), tc.msg) {
				t.Fatalf("got %v; want unauthorized: …%s…", err, tc.msg)
			}
			if strings.Contains(err.Error(), string(tc.secret)) || strings.Contains(err.Error(), string(secret)) {
				t.Errorf("the refusal shows the secret: %v", err)
			}
		})
	}
}
