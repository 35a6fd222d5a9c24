package notify

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"maps"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/authz"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/viewer"
)

// Tenant settings (Tenant.settings) this package reads.
const (
	// SettingWebhookURL is where staff notifications are POSTed; without
	// it they are logged.
	SettingWebhookURL = "webhookURL"
	// SettingWebhookSecret is the signing secret, sealed with the server's
	// key ("sealed:" + base64), so that the database or a backup does not
	// let anyone forge deliveries. Tenant.settings omits it, with the URL,
	// for everyone but the tenant admin (VisibleSettings).
	SettingWebhookSecret = "webhookSecret"
	// SettingReminderBeforeHours is how many hours before a deadline the
	// department is reminded.
	SettingReminderBeforeHours = "reminderBeforeHours"
)

// DefaultReminderBeforeHours reminds a department 24 hours before its
// deadline. A deadline is 24:00 of a working day, so this is the start of
// the limit's last working day: the morning the office must still act.
const DefaultReminderBeforeHours = 24

// MaxReminderBeforeHours bounds the setting to ten days.
const MaxReminderBeforeHours = 240

const sealedPrefix = "sealed:"

// Settings are the tenant's notification settings as the tenant admin sees
// them: never the secret itself.
type Settings struct {
	WebhookURL          *string
	WebhookSecretSet    bool
	ReminderBeforeHours int
}

// SettingsInput changes the settings; nil fields stay as they are.
type SettingsInput struct {
	WebhookURL          *string
	WebhookSecret       *string
	ReminderBeforeHours *int
}

// Settings reads the caller's tenant's settings.
func (o *Outbox) Settings(ctx context.Context) (*Settings, error) {
	tn, err := o.client.Tenant.Get(ctx, viewer.FromContext(ctx).TenantID)
	if err != nil {
		return nil, err
	}
	return settingsOf(tn.Settings), nil
}

func settingsOf(s map[string]any) *Settings {
	out := &Settings{ReminderBeforeHours: int(reminderBefore(s) / time.Hour)}
	if u := webhookURL(s); u != "" {
		out.WebhookURL = &u
	}
	sec, _ := s[SettingWebhookSecret].(string)
	out.WebhookSecretSet = sec != ""
	return out
}

// SetSettings changes the caller's tenant's settings. The tenant admin may
// do this though only operators may change the tenant row otherwise: the
// caller's permission was checked by the API.
func (o *Outbox) SetSettings(ctx context.Context, in SettingsInput) (*Settings, error) {
	v := viewer.FromContext(ctx)
	sys := viewer.TenantSystemContext(ctx, v.TenantID)
	tn, err := o.client.Tenant.Get(sys, v.TenantID)
	if err != nil {
		return nil, err
	}
	s := maps.Clone(tn.Settings)
	if s == nil {
		s = map[string]any{}
	}
	if in.WebhookURL != nil {
		u := strings.TrimSpace(*in.WebhookURL)
		if u == "" {
			delete(s, SettingWebhookURL)
		} else {
			if err := o.targets.CheckURL(ctx, u); err != nil {
				o.log.InfoContext(ctx, "notify: webhook URL refused", "tenant", tn.Code, "err", err)
				if errors.Is(err, errNotPublic) {
					return nil, minsheng.Errorf(minsheng.EINVALID, "%v", errNotPublic)
				}
				return nil, minsheng.Errorf(minsheng.EINVALID, "%v", err)
			}
			s[SettingWebhookURL] = u
		}
	}
	if in.WebhookSecret != nil {
		switch sec := *in.WebhookSecret; {
		case sec == "":
			delete(s, SettingWebhookSecret)
		case utf8.RuneCountInString(sec) < 16:
			return nil, minsheng.Errorf(minsheng.EINVALID, "webhookSecret must be at least 16 characters")
		default:
			sealed, err := o.box.Seal(sec)
			if err != nil {
				return nil, fmt.Errorf("notify: seal secret: %w", err)
			}
			s[SettingWebhookSecret] = sealedPrefix + base64.StdEncoding.EncodeToString(sealed)
		}
	}
	if in.ReminderBeforeHours != nil {
		h := *in.ReminderBeforeHours
		if h < 0 || h > MaxReminderBeforeHours {
			return nil, minsheng.Errorf(minsheng.EINVALID, "reminderBeforeHours must be between 0 and %d, not %d", MaxReminderBeforeHours, h)
		}
		s[SettingReminderBeforeHours] = h
	}
	if err := o.client.Tenant.UpdateOneID(tn.ID).SetSettings(s).Exec(sys); err != nil {
		return nil, err
	}
	return settingsOf(s), nil
}

func webhookURL(s map[string]any) string {
	u, _ := s[SettingWebhookURL].(string)
	return strings.TrimSpace(u)
}

// webhookSecret opens the tenant's sealed secret; "" when none is set.
func (o *Outbox) webhookSecret(s map[string]any) (string, error) {
	v, _ := s[SettingWebhookSecret].(string)
	if v == "" {
		return "", nil
	}
	raw, ok := strings.CutPrefix(v, sealedPrefix)
	if !ok {
		return "", fmt.Errorf("notify: the webhook secret was not set through setNotificationSettings: set it again there")
	}
	sealed, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return "", fmt.Errorf("notify: webhook secret: %w", err)
	}
	return o.box.Open(sealed)
}

// reminderBefore reads the tenant's reminder lead; JSON numbers arrive as
// float64. Anything that is not a whole number of hours in range falls
// back to the default.
func reminderBefore(s map[string]any) time.Duration {
	h := DefaultReminderBeforeHours
	switch v := s[SettingReminderBeforeHours].(type) {
	case float64:
		if v >= 0 && v <= MaxReminderBeforeHours && v == math.Trunc(v) {
			h = int(v)
		}
	case int:
		if v >= 0 && v <= MaxReminderBeforeHours {
			h = v
		}
	}
	return time.Duration(h) * time.Hour
}

// tenantOf reads a tenant as the server.
func tenantOf(ctx context.Context, c *ent.Client, id int) (*ent.Tenant, error) {
	return c.Tenant.Get(viewer.TenantSystemContext(ctx, id), id)
}

// notifyKeys are the settings this package owns: where the tenant's
// notifications go is for its admin only (a webhook URL may carry a token).
var notifyKeys = []string{SettingWebhookURL, SettingWebhookSecret, SettingReminderBeforeHours}

// VisibleSettings is a tenant's settings (Tenant.settings) as the caller may
// read them: without notification:read the notification settings are
// omitted, the rest stays.
func (o *Outbox) VisibleSettings(ctx context.Context, s map[string]any) map[string]any {
	if s == nil || o.authz.Can(ctx, authz.ObjNotification, "read") {
		return s
	}
	out := maps.Clone(s)
	for _, k := range notifyKeys {
		delete(out, k)
	}
	return out
}
