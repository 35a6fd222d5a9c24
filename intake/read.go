package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/minsheng/minsheng"
	"github.com/minsheng/minsheng/asr"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/intake/extract"
	"github.com/minsheng/minsheng/ocr"
	"github.com/minsheng/minsheng/reading"
)

// read turns a file into a reading: the reader's fields, and for letters
// and recordings what the text says (title, phones, ID numbers, places, a
// category and department).
func (s *Service) read(ctx context.Context, kind intakejob.Kind, data []byte) (reading.Result, *insight.Suggestion, error) {
	var (
		res reading.Result
		err error
	)
	if kind == intakejob.KindVOICE {
		res, err = s.listen(ctx, data)
	} else {
		res, err = s.look(ctx, kind, data)
	}
	if err != nil || kind == intakejob.KindID_CARD || kind == intakejob.KindID_CARD_BACK {
		return res, nil, err
	}
	return s.understand(ctx, res)
}

func (s *Service) look(ctx context.Context, kind intakejob.Kind, data []byte) (reading.Result, error) {
	if s.readers.OCR == nil {
		return reading.Result{}, failf("this server does not read images (OCR is not running)")
	}
	// Checked again before decoding: the file may have been accepted under
	// a larger limit than this process has.
	if _, err := s.checkImage(data); err != nil {
		return reading.Result{}, failf("%s", minsheng.ErrorMessage(err))
	}
	img, err := ocr.Decode(data)
	if err != nil {
		return reading.Result{}, failf("the image could not be decoded (%v); it may be damaged or cut short", err)
	}
	var r ocr.Result
	switch kind {
	case intakejob.KindID_CARD:
		r, err = s.readers.OCR.IDCardFront(ctx, img)
	case intakejob.KindID_CARD_BACK:
		r, err = s.readers.OCR.IDCardBack(ctx, img)
	default:
		r, err = s.readers.OCR.Letter(ctx, img)
	}
	if errors.Is(err, ocr.ErrUnreadable) {
		return reading.Result{}, failf("%v", err)
	}
	if err != nil {
		return reading.Result{}, err
	}
	out := reading.Result{Text: r.Text, Fields: r.Fields}
	if kind == intakejob.KindLETTER {
		out.Fields = append(out.Fields, reading.Field{Name: reading.Text, Value: r.Text, Confidence: r.Confidence})
	}
	return out, nil
}

func (s *Service) listen(ctx context.Context, data []byte) (reading.Result, error) {
	if s.readers.ASR == nil {
		reason := "speech recognition is not available on this server"
		if s.readers.ASRUnavailable != nil {
			reason += ": " + s.readers.ASRUnavailable.Error()
		}
		return reading.Result{}, failf("%s", reason)
	}
	t, err := s.readers.ASR.Transcribe(ctx, data)
	if errors.Is(err, asr.ErrBadAudio) {
		return reading.Result{}, failf("%v", err)
	}
	if err != nil {
		return reading.Result{}, err
	}
	out := reading.Result{Text: t.Text, Silent: t.Silent}
	if !t.Silent {
		out.Fields = append(out.Fields, reading.Field{Name: reading.Text, Value: t.Text, Confidence: t.Confidence})
	}
	return out, nil
}

// understand adds what the text says, each at the confidence of the text
// it was found in (the classifier gives its own).
func (s *Service) understand(ctx context.Context, res reading.Result) (reading.Result, *insight.Suggestion, error) {
	if res.Text == "" {
		return res, nil, nil
	}
	conf := 0.0
	if f, ok := res.Get(reading.Text); ok {
		conf = f.Confidence
	}
	found := extract.Text(res.Text)
	add := func(name, value string, c float64, verified bool) {
		res.Fields = append(res.Fields, reading.Field{Name: name, Value: value, Confidence: c, Verified: verified})
	}
	if found.Title != "" {
		add(reading.Title, found.Title, conf, false)
	}
	for _, p := range found.Phones {
		add(reading.Phone, p, conf, false)
	}
	for _, n := range found.IDNumbers {
		add(reading.IDNumber, n, conf, true) // extract keeps only numbers whose check digit holds
	}
	for _, p := range found.Places {
		add(reading.Place, p, conf, false)
	}
	if s.readers.Classifier == nil {
		return res, nil, nil
	}
	// The same suggester as suggestCategory, keywords and the tenant's
	// learned history, on the first insight.MaxSuggestText characters.
	sug0, err := insight.NewSuggester(s.client, s.readers.Classifier).Suggest(ctx, insight.Prefix(res.Text))
	if err != nil {
		return res, nil, err
	}
	if sug0 == nil {
		return res, nil, nil
	}
	sug := *sug0
	add(reading.Category, sug.Path, sug.Confidence, false)
	if sug.DepartmentID != 0 {
		d, err := s.client.Department.Get(ctx, sug.DepartmentID)
		if err != nil {
			return res, nil, fmt.Errorf("intake: suggested department: %w", err)
		}
		add(reading.Department, d.Name, sug.Confidence, false)
	}
	return res, &sug, nil
}
