package intake

import (
	"context"
	"fmt"
	"time"

	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/reading"
	"github.com/minsheng/minsheng/store"
)

// ActionIntake is the timeline action of a ticket filled from a file.
const ActionIntake = "INTAKE"

// fill writes what was read into the job's ticket and ends the job as
// SUCCEEDED, in one transaction. Only blank fields are filled: what a clerk
// typed stays. The timeline event names each field filled with its
// confidence (never the value of personal data: the timeline is read more
// widely than ID numbers).
func (s *Service) fill(ctx context.Context, job *ent.IntakeJob, res reading.Result, sug *insight.Suggestion) error {
	return store.WithTx(ctx, s.client, func(tx *ent.Client) error {
		t, err := tx.Ticket.Get(ctx, *job.TicketID)
		if err != nil {
			return err
		}
		f := filler{s: s, tx: tx, t: t, res: res, up: t.Update(), filled: map[string]any{}}
		switch job.Kind {
		case intakejob.KindID_CARD:
			err = f.citizenFromCard(ctx)
		case intakejob.KindLETTER, intakejob.KindVOICE:
			err = f.fromText(ctx, sug)
		}
		if err != nil {
			return err
		}
		now := s.now()
		if len(f.filled) > 0 {
			if err := f.up.AddVersion(1).Exec(ctx); err != nil {
				return err
			}
		}
		err = tx.TimelineEvent.Create().
			SetTicketID(t.ID).SetAction(ActionIntake).SetActorName("intake").SetAt(now).
			SetAfter(map[string]any{"job": job.ID, "kind": string(job.Kind), "filled": f.filled}).
			SetReason(clip(f.note, 2000)).
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("intake: timeline: %w", err)
		}
		return tx.IntakeJob.UpdateOneID(job.ID).
			SetStatus(intakejob.StatusSUCCEEDED).SetResult(&res).SetFinishedAt(now).SetError("").
			Exec(ctx)
	})
}

type filler struct {
	s      *Service
	tx     *ent.Client
	t      *ent.Ticket
	res    reading.Result
	up     *ent.TicketUpdateOne
	filled map[string]any // field → confidence
	note   string
}

func (f *filler) field(name string) (reading.Field, bool) { return f.res.Get(name) }

// citizenFromCard links the card's holder to a ticket that has no citizen
// yet, reusing the tenant's citizen with the same ID number. Only a
// verified number is used: a misread digit would attach another person.
func (f *filler) citizenFromCard(ctx context.Context) error {
	id, ok := f.field(reading.IDNumber)
	switch {
	case !ok || !id.Verified:
		f.note = "ID number could not be verified; the citizen was not linked: check the card"
		return nil
	case f.t.Anonymous:
		f.note = "the ticket is anonymous; the citizen was not linked"
		return nil
	case f.t.CitizenID != nil:
		f.note = "the ticket already has a citizen; the card's fields stay in the job's result"
		return nil
	}
	in := directory.CitizenInput{IDNumber: &id.Value}
	for name, dst := range map[string]**string{reading.Name: &in.Name, reading.Ethnicity: &in.Ethnicity, reading.Address: &in.Address} {
		if v, ok := f.field(name); ok && v.Value != "" {
			val := v.Value
			*dst = &val
			f.filled["citizen."+name] = v.Confidence
		}
	}
	if v, ok := f.field(reading.Sex); ok {
		sex := map[string]citizen.Sex{"男": citizen.SexMALE, "女": citizen.SexFEMALE}[v.Value]
		if sex != "" {
			in.Sex = &sex
			f.filled["citizen.sex"] = v.Confidence
		}
	}
	if v, ok := f.field(reading.BirthDate); ok {
		if d, err := time.Parse(time.DateOnly, v.Value); err == nil {
			in.BirthDate = &d
			f.filled["citizen.birthDate"] = v.Confidence
		}
	}
	c, err := f.s.dir.UpsertCitizen(ctx, f.tx, in)
	if err != nil {
		return err
	}
	f.up.SetCitizenID(c.ID)
	f.filled["citizen"] = id.Confidence
	f.filled["citizen.idNumber"] = id.Confidence
	return nil
}

// fromText fills body, title, place, category and department from a
// letter or a transcript, and the citizen's contact from the numbers in it.
func (f *filler) fromText(ctx context.Context, sug *insight.Suggestion) error {
	if text, ok := f.field(reading.Text); ok && f.t.Body == "" && text.Value != "" {
		f.up.SetBody(clip(text.Value, 20000))
		f.filled["body"] = text.Confidence
	}
	if title, ok := f.field(reading.Title); ok && f.isPlaceholderTitle() {
		f.up.SetTitle(clip(title.Value, 200))
		f.filled["title"] = title.Confidence
	}
	if place, ok := f.field(reading.Place); ok && f.t.Place == "" {
		f.up.SetPlace(clip(place.Value, 200))
		f.filled["place"] = place.Confidence
	}
	if sug != nil && f.t.CategoryID == nil {
		f.up.SetCategoryID(sug.CategoryID)
		f.filled["category"] = sug.Confidence
	}
	if sug != nil && sug.DepartmentID != 0 && f.t.DepartmentID == nil && f.t.SuggestedDepartmentID == nil {
		f.up.SetSuggestedDepartmentID(sug.DepartmentID)
		f.filled["suggestedDepartment"] = sug.Confidence
	}
	return f.contact(ctx)
}

func (f *filler) isPlaceholderTitle() bool {
	for _, p := range placeholderTitle {
		if f.t.Title == p {
			return true
		}
	}
	return false
}

// contact gives a ticket without a citizen one from the text's ID number
// (reusing the tenant's citizen with that number) and phone number.
func (f *filler) contact(ctx context.Context) error {
	if f.t.Anonymous || f.t.CitizenID != nil {
		return nil
	}
	var in directory.CitizenInput
	id, hasID := f.field(reading.IDNumber)
	phone, hasPhone := f.field(reading.Phone)
	if !hasID && !hasPhone {
		return nil
	}
	if hasID {
		in.IDNumber = &id.Value
		f.filled["citizen.idNumber"] = id.Confidence
	}
	if hasPhone {
		in.Phone = &phone.Value
		f.filled["citizen.phone"] = phone.Confidence
	}
	c, err := f.s.dir.UpsertCitizen(ctx, f.tx, in)
	if err != nil {
		// A number the directory refuses is left for the clerk, not an
		// error of the job.
		f.note = "the numbers found in the text were not accepted for the citizen: " + err.Error()
		delete(f.filled, "citizen.idNumber")
		delete(f.filled, "citizen.phone")
		return nil
	}
	f.up.SetCitizenID(c.ID)
	f.filled["citizen"] = max(id.Confidence, phone.Confidence)
	return nil
}
