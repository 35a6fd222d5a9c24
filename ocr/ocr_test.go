package ocr

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"sync"
	"testing"
)

var (
	poolOnce sync.Once
	shared   *Pool
	poolErr  error
)

// testPool is shared by the tests of the package: loading chi_sim takes
// most of a second per client.
func testPool(t testing.TB) *Pool {
	poolOnce.Do(func() { shared, poolErr = NewPool(Options{Workers: 2}) })
	if poolErr != nil {
		t.Fatal(poolErr)
	}
	return shared
}

func fieldValues(r Result) map[string]Field {
	m := map[string]Field{}
	for _, f := range r.Fields {
		m[f.Name] = f
	}
	return m
}

func TestCleanFrontGivesEveryField(t *testing.T) {
	p := testPool(t)
	r := rand.New(rand.NewPCG(4, 1))
	for range 3 {
		per := newTestPerson(r)
		res, err := p.IDCardFront(context.Background(), renderFront(t, per))
		if err != nil {
			t.Fatal(err)
		}
		got := fieldValues(res)
		want := map[string]string{
			"name": per.Name, "sex": per.Sex, "ethnicity": per.Ethnicity,
			"birthDate": per.Birth.Format("2006-01-02"), "address": per.Address, "idNumber": per.IDNumber,
		}
		for name, v := range want {
			if got[name].Value != v {
				t.Errorf("%s = %q, want %q (text %q)", name, got[name].Value, v, res.Text)
			}
		}
		if !got["idNumber"].Verified {
			t.Errorf("idNumber %s not verified", per.IDNumber)
		}
		if got["division"].Value == "" {
			t.Errorf("no division for %s", per.IDNumber)
		}
		for _, f := range res.Fields {
			if f.Confidence < 0 || f.Confidence > 1 {
				t.Errorf("%s confidence %v", f.Name, f.Confidence)
			}
		}
	}
}

func TestCleanBackGivesAuthorityAndPeriod(t *testing.T) {
	p := testPool(t)
	r := rand.New(rand.NewPCG(5, 1))
	for range 2 {
		per := newTestPerson(r)
		res, err := p.IDCardBack(context.Background(), renderBack(t, per))
		if err != nil {
			t.Fatal(err)
		}
		got := fieldValues(res)
		until := per.Until
		if until != "长期" {
			until = dotted(until)
		}
		want := map[string]string{"issuingAuthority": per.Authority, "validFrom": dotted(per.ValidFrom), "validUntil": until}
		for name, v := range want {
			if got[name].Value != v {
				t.Errorf("%s = %q, want %q (text %q)", name, got[name].Value, v, res.Text)
			}
		}
	}
}

// dotted turns 2020.01.02 into 2020-01-02.
func dotted(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '.' {
			b[i] = '-'
		}
	}
	return string(b)
}

func TestBlankImageIsUnreadable(t *testing.T) {
	p := testPool(t)
	blank := image.NewRGBA(image.Rect(0, 0, 800, 500))
	draw.Draw(blank, blank.Bounds(), image.NewUniform(color.RGBA{128, 120, 110, 255}), image.Point{}, draw.Src)
	for name, read := range map[string]func(context.Context, image.Image) (Result, error){
		"front": p.IDCardFront, "back": p.IDCardBack, "letter": p.Letter,
	} {
		if _, err := read(context.Background(), blank); !errors.Is(err, ErrUnreadable) {
			t.Errorf("%s of a blank image: err = %v, want ErrUnreadable", name, err)
		}
	}
}

func TestCancelledWhileWaitingForAWorker(t *testing.T) {
	p, err := NewPool(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	w, err := p.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.IDCardFront(ctx, renderFront(t, newTestPerson(rand.New(rand.NewPCG(1, 1))))); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	p.release(w)
	p.Close()
	if _, err := p.IDCardFront(context.Background(), renderFront(t, newTestPerson(rand.New(rand.NewPCG(1, 1))))); err == nil {
		t.Error("a closed pool read an image")
	}
}
