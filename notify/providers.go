package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/notification"
)

// Delivery is one notification as a provider sends it.
type Delivery struct {
	ID       int                   `json:"id"`
	Tenant   string                `json:"tenant"` // the tenant's code, e.g. demo-a
	Event    notification.Event    `json:"event"`
	Audience notification.Audience `json:"audience"`
	Ticket   DeliveryTicket        `json:"ticket"`
	Payload  map[string]any        `json:"payload"`
	At       time.Time             `json:"at"`
	Attempt  int                   `json:"attempt"`
	// TrackingToken is the citizen's key to the case, only in messages to
	// the citizen (SMS), read when sending and never stored with the
	// notification or sent to staff: whoever holds it acts as the citizen.
	TrackingToken string `json:"-"`
}

// DeliveryTicket names the ticket a delivery is about.
type DeliveryTicket struct {
	ID   int    `json:"id"`
	Code string `json:"code"`
}

func deliveryOf(n *ent.Notification, tn *ent.Tenant, code string, attempt int) Delivery {
	return Delivery{
		ID: n.ID, Tenant: tn.Code, Event: n.Event, Audience: n.Audience,
		Ticket: DeliveryTicket{ID: n.TicketID, Code: code}, Payload: n.Payload, At: n.At, Attempt: attempt,
	}
}

// Headers of a webhook delivery.
const (
	// HeaderDelivery is the notification's ID, the same on every attempt:
	// a receiver that saw it already drops the delivery. A retry after a
	// crash between a successful POST and marking the row SENT repeats
	// the POST, so receivers must do this to see each event once.
	HeaderDelivery = "X-Minsheng-Delivery"
	// HeaderSignature is "sha256=" + hex HMAC-SHA256(secret, body), when
	// the tenant has a secret.
	HeaderSignature = "X-Minsheng-Signature"
	// HeaderEvent is the event, e.g. RED, for routing without parsing.
	HeaderEvent = "X-Minsheng-Event"
)

// Sign is the signature header's value for body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether signature (the header's value) signs body under
// secret, in constant time. Receivers written in Go may use it.
func Verify(secret string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

// postWebhook POSTs d as JSON to target, through the checked client (see
// Targets). Anything but a 2xx answer — a redirect too — and a timeout is
// an error: the queue tries again later. What went wrong is told to the
// log only: the row and the API say "failed", nothing a tenant could use
// to map the network behind the server.
func (o *Outbox) postWebhook(ctx context.Context, target, secret string, d Delivery) error {
	body, err := json.Marshal(d)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return permanent{hidden("the webhook URL is not valid", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Minsheng-Webhook/1")
	req.Header.Set(HeaderDelivery, strconv.Itoa(d.ID))
	req.Header.Set(HeaderEvent, string(d.Event))
	if secret != "" {
		req.Header.Set(HeaderSignature, Sign(secret, body))
	}
	res, err := o.http.Do(req)
	if errors.Is(err, errNotPublic) {
		return hidden(errNotPublic.Error(), err)
	}
	if err != nil {
		return hidden(webhookFailed, err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return hidden(webhookFailed, fmt.Errorf("webhook: %s answered %s", target, res.Status))
	}
	return nil
}

// webhookFailed is all a caller learns of a failed webhook delivery.
const webhookFailed = "the webhook did not accept the delivery (details in the server log)"

// hiddenError is a failure whose cause goes to the server's log only; the
// notification row (and so the API) keeps the message.
type hiddenError struct {
	msg   string
	cause error
}

func hidden(msg string, cause error) error { return hiddenError{msg, cause} }

func (h hiddenError) Error() string { return h.msg }
func (h hiddenError) Unwrap() error { return h.cause }

// detail is err with the causes hidden from callers, for the log.
func detail(err error) string {
	var h hiddenError
	if errors.As(err, &h) {
		return h.msg + ": " + h.cause.Error()
	}
	return err.Error()
}

// permanent is a failure that no retry can mend (the tenant removed its
// webhook, the citizen has no phone): the row is FAILED at once.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// SMS sends a text message to a citizen's phone. Implementations must be
// safe for concurrent use.
type SMS interface {
	SendSMS(ctx context.Context, phone string, d Delivery) error
}

// ErrSMSNotConnected is what AliyunSMS answers without a Do function.
var ErrSMSNotConnected = errors.New("notify: the SMS adapter is not connected to a gateway")

// AliyunSMS is the shape of an adapter for Alibaba Cloud SMS (短信服务,
// dysms, API version 2017-05-25, action SendSms). It builds the request's
// parameters; it is deliberately not wired to the network here: Do must
// sign them (AccessKeyId and an RPC signature, v1 HMAC-SHA1 or v3
// ACS3-HMAC-SHA256) and POST them to https://dysmsapi.aliyuncs.com/, then
// treat an answer whose Code is not "OK" as an error, so the queue retries.
// Each event needs a template approved in the console, whose variables are
// ${code} (the case code), ${unit} (the responsible department) and
// ${token} (the tracking token, for a link to the case).
type AliyunSMS struct {
	// SignName is the approved signature (短信签名), e.g. 玄武区信访局.
	SignName string
	// Templates are the approved template codes by event, e.g.
	// {REGISTERED: "SMS_465390001"}. An event without one is not sent.
	Templates map[notification.Event]string
	// Do sends the parameters; nil fails every message with ErrSMSNotConnected.
	Do func(ctx context.Context, params url.Values) error
}

// Request is the SendSms request for d to phone: PhoneNumbers, SignName,
// TemplateCode, TemplateParam (a JSON object of the template's variables)
// and OutId, the notification's ID, which the gateway hands back in its
// delivery receipts.
func (a AliyunSMS) Request(phone string, d Delivery) (url.Values, error) {
	tpl, ok := a.Templates[d.Event]
	if !ok {
		return nil, permanent{fmt.Errorf("notify: no SMS template for %s", d.Event)}
	}
	unit, _ := d.Payload["department"].(string)
	vars := map[string]string{"code": d.Ticket.Code, "unit": unit}
	if d.TrackingToken != "" {
		vars["token"] = d.TrackingToken // ${token}: for the tracking link
	}
	param, err := json.Marshal(vars)
	if err != nil {
		return nil, err
	}
	return url.Values{
		"Action":        {"SendSms"},
		"Version":       {"2017-05-25"},
		"PhoneNumbers":  {phone},
		"SignName":      {a.SignName},
		"TemplateCode":  {tpl},
		"TemplateParam": {string(param)},
		"OutId":         {strconv.Itoa(d.ID)},
	}, nil
}

// SendSMS builds the request and hands it to Do.
func (a AliyunSMS) SendSMS(ctx context.Context, phone string, d Delivery) error {
	params, err := a.Request(phone, d)
	if err != nil {
		return err
	}
	if a.Do == nil {
		return ErrSMSNotConnected
	}
	return a.Do(ctx, params)
}
