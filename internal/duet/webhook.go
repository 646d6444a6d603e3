package duet

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Signed webhooks: a sender signs each request with the workspace's
// secret. X-Duet-Timestamp is the Unix time in seconds; X-Duet-Signature
// is "v1=" and the hex HMAC-SHA256, under the secret, of the timestamp, a
// dot and the raw body. A request more than WebhookTolerance away from
// now is refused, so a captured request cannot be replayed later; within
// the window, the receiver remembers signatures it has seen.
const (
	HeaderWebhookTimestamp = "X-Duet-Timestamp"
	HeaderWebhookSignature = "X-Duet-Signature"
	WebhookTolerance       = 5 * time.Minute
)

// SignWebhook returns the signature header value for body sent at ts.
func SignWebhook(secret []byte, ts int64, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "v1=" + hex.EncodeToString(m.Sum(nil))
}

// VerifyWebhook checks a request's timestamp and signature headers
// against body and the secret, at now. Every refusal is EUnauthorized and
// names the header at fault; the secret never appears in it.
func VerifyWebhook(secret []byte, timestamp, signature string, body []byte, now time.Time) error {
	if timestamp == "" {
		return Errorf(EUnauthorized, "The %s header is missing.", HeaderWebhookTimestamp)
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return Errorf(EUnauthorized, "The %s header must be Unix time in seconds.", HeaderWebhookTimestamp)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > WebhookTolerance || d < -WebhookTolerance {
		return Errorf(EUnauthorized, "The %s header is more than 5 minutes from now; sign each request when you send it.", HeaderWebhookTimestamp)
	}
	if signature == "" {
		return Errorf(EUnauthorized, "The %s header is missing.", HeaderWebhookSignature)
	}
	want := SignWebhook(secret, ts, body)
	for _, s := range strings.Split(signature, ",") {
		if hmac.Equal([]byte(strings.TrimSpace(s)), []byte(want)) {
			return nil
		}
	}
	return Errorf(EUnauthorized, "The %s header does not match the body; sign the exact bytes you send with the workspace's webhook secret.", HeaderWebhookSignature)
}
