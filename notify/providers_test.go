package notify_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/minsheng/minsheng/ent/notification"
	"github.com/minsheng/minsheng/notify"
)

func TestAliyunSMSRequestShape(t *testing.T) {
	a := notify.AliyunSMS{SignName: "玄武区信访局", Templates: map[notification.Event]string{notify.Dispatched: "SMS_465390002"}}
	d := notify.Delivery{ID: 42, Event: notify.Dispatched, Ticket: notify.DeliveryTicket{ID: 7, Code: "MS-20260302-0001"},
		Payload: map[string]any{"department": "住建局"}, At: time.Now()}
	got, err := a.Request("13912345678", d)
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"Action": {"SendSms"}, "Version": {"2017-05-25"}, "PhoneNumbers": {"13912345678"}, "SignName": {"玄武区信访局"},
		"TemplateCode": {"SMS_465390002"}, "TemplateParam": {`{"code":"MS-20260302-0001","unit":"住建局"}`}, "OutId": {"42"},
	}
	if got.Encode() != want.Encode() {
		t.Errorf("request:\n  %s\nwant:\n  %s", got.Encode(), want.Encode())
	}
	// Not connected: a clear error, never a silent success.
	if err := a.SendSMS(context.Background(), "13912345678", d); !errors.Is(err, notify.ErrSMSNotConnected) {
		t.Errorf("SendSMS without a gateway: %v, want ErrSMSNotConnected", err)
	}
	d.Event = notify.Closed
	if _, err := a.Request("13912345678", d); err == nil {
		t.Errorf("an event without a template was accepted")
	}
}

func TestSignatureVerifies(t *testing.T) {
	body := []byte(`{"id":1}`)
	sig := notify.Sign("secret-0123456789", body)
	if !notify.Verify("secret-0123456789", body, sig) || notify.Verify("other-secret-0123", body, sig) ||
		notify.Verify("secret-0123456789", []byte(`{"id":2}`), sig) {
		t.Errorf("signature %s does not verify as it should", sig)
	}
}
