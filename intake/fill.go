package intake

import (
	"context"
	"time"

	"github.com/minsheng/minsheng/directory"
	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/citizen"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/reading"
	"github.com/minsheng/minsheng/workflow"
)

// ActionIntake is the timeline action of a ticket filled from a file.
const ActionIntake = workflow.ActionIntake

// fill offers what was read to the job's ticket through workflow, which
// fills only blank fields, checks the ticket's version and writes the
// timeline, and ends the job as SUCCEEDED in the same transaction.
func (s *Service) fill(ctx context.Context, job *ent.IntakeJob, res reading.Result, sug *insight.Suggestion) error {
	in := workflow.IntakeFill{
		Job: job.ID, Kind: string(job.Kind),
		Done: func(ctx context.Context, tx *ent.Client, now time.Time) error {
			return tx.IntakeJob.UpdateOneID(job.ID).
				SetStatus(intakejob.StatusSUCCEEDED).SetResult(&res).SetFinishedAt(now).SetError("").
				Exec(ctx)
		},
	}
	switch job.Kind {
	case intakejob.KindID_CARD:
		in.Citizen, in.Note = citizenFromCard(res)
	case intakejob.KindLETTER, intakejob.KindVOICE:
		fromText(&in, res, sug)
	}
	_, err := s.workflow.FillFromIntake(ctx, *job.TicketID, in)
	return err
}

func read(res reading.Result, name string) *workflow.Read {
	f, ok := res.Get(name)
	if !ok {
		return nil
	}
	return &workflow.Read{Value: f.Value, Confidence: f.Confidence}
}

// citizenFromCard offers the card's holder as the ticket's citizen. Only a
// verified number is used: a misread digit would attach another person.
func citizenFromCard(res reading.Result) (*workflow.FillCitizen, string) {
	id, ok := res.Get(reading.IDNumber)
	if !ok || !id.Verified {
		return nil, "ID number could not be verified; the citizen was not linked: check the card"
	}
	c := &workflow.FillCitizen{
		In:         directory.CitizenInput{IDNumber: &id.Value},
		Confidence: map[string]float64{"idNumber": id.Confidence},
	}
	for name, dst := range map[string]**string{reading.Name: &c.In.Name, reading.Ethnicity: &c.In.Ethnicity, reading.Address: &c.In.Address} {
		if v, ok := res.Get(name); ok && v.Value != "" {
			val := v.Value
			*dst = &val
			c.Confidence[name] = v.Confidence
		}
	}
	if v, ok := res.Get(reading.Sex); ok {
		if sex := map[string]citizen.Sex{"男": citizen.SexMALE, "女": citizen.SexFEMALE}[v.Value]; sex != "" {
			c.In.Sex = &sex
			c.Confidence["sex"] = v.Confidence
		}
	}
	if v, ok := res.Get(reading.BirthDate); ok {
		if d, err := time.Parse(time.DateOnly, v.Value); err == nil {
			c.In.BirthDate = &d
			c.Confidence["birthDate"] = v.Confidence
		}
	}
	return c, ""
}

// fromText offers body, title, place, category and department from a
// letter or a transcript, and a citizen from the ID and phone numbers in it.
func fromText(in *workflow.IntakeFill, res reading.Result, sug *insight.Suggestion) {
	in.Body, in.Title, in.Place = read(res, reading.Text), read(res, reading.Title), read(res, reading.Place)
	for _, p := range placeholderTitle {
		in.Placeholders = append(in.Placeholders, p)
	}
	if sug != nil {
		in.Category = &workflow.Suggested{ID: sug.CategoryID, Confidence: sug.Confidence}
		in.SuggestedDepartment = &workflow.Suggested{ID: sug.DepartmentID, Confidence: sug.Confidence}
	}
	id, hasID := res.Get(reading.IDNumber)
	phone, hasPhone := res.Get(reading.Phone)
	if !hasID && !hasPhone {
		return
	}
	c := &workflow.FillCitizen{Confidence: map[string]float64{}, Lenient: true}
	if hasID {
		c.In.IDNumber = &id.Value
		c.Confidence["idNumber"] = id.Confidence
	}
	if hasPhone {
		c.In.Phone = &phone.Value
		c.Confidence["phone"] = phone.Confidence
	}
	in.Citizen = c
}
