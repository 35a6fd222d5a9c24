package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/asr"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/insight/report"
	"github.com/minsheng/minsheng/insight/rollup"
	"github.com/minsheng/minsheng/intake"
	"github.com/minsheng/minsheng/notify"
	"github.com/minsheng/minsheng/ocr"
	"github.com/minsheng/minsheng/queue"
)

// openQueue opens the job queue with intake's workers. Jobs can be queued
// at once; they are worked after StartWorkers.
func (a *App) openQueue(ctx context.Context) error {
	workers := river.NewWorkers()
	a.Intake.AddWorkers(workers)
	a.Notify.AddWorkers(workers, a.Scheduler)
	a.Surges.AddWorkers(workers)
	a.Reports.AddWorkers(workers)
	keeper := rollup.NewKeeper(a.DB.Client)
	keeper.AddWorkers(workers)
	cfg := a.Config.Intake
	periodic := slices.Concat(a.Intake.Periodic(), a.Notify.Periodic(), a.Surges.Periodic(), keeper.Periodic())
	if !a.Config.Reports.NoSchedule {
		periodic = append(periodic, a.Reports.Periodic()...)
	}
	q, err := queue.Open(ctx, a.DB, workers, queue.Config{
		Queues: map[string]int{
			intake.QueueImages: cfg.OCRWorkers,
			intake.QueueVoice:  cfg.ASRWorkers,
			river.QueueDefault: 1, // the sweep
			notify.Queue:       a.Config.Notify.Workers,
			report.Queue:       1,
		},
		JobTimeout: cfg.JobTimeout,
		Periodic:   periodic,
	}, a.Log)
	if err != nil {
		return err
	}
	a.Queue = q
	a.Intake.SetQueue(q)
	a.Notify.SetQueue(q)
	a.Reports.SetQueue(q)
	return nil
}

// StartWorkers opens the readers this process uses and starts working
// queued jobs. A reader that cannot open (no Tesseract data, no Vosk model)
// is logged once; its jobs fail with the reason and everything else runs.
func (a *App) StartWorkers(ctx context.Context) error {
	cfg := a.Config.Intake
	readers := cfg.Readers
	if readers == nil {
		r, closeFn := OpenReaders(cfg, a.Log.Warn)
		readers, a.closeReaders = &r, closeFn
	}
	a.Intake.SetReaders(*readers)
	a.suggester.SetClassifier(readers.Classifier)
	return a.Queue.Start(ctx)
}

// OpenReaders opens the OCR pool, the Vosk model and the classifier that
// cfg asks for. Each failure is passed to warn and leaves that reader nil.
func OpenReaders(cfg IntakeConfig, warn func(msg string, args ...any)) (intake.Readers, func()) {
	var r intake.Readers
	var closers []func()
	if cfg.OCRWorkers > 0 {
		pool, err := ocr.NewPool(ocr.Options{Workers: cfg.OCRWorkers, SecondModel: cfg.OCRSecondModel})
		if err != nil {
			warn("intake: OCR is not available; image jobs will fail", "err", err)
		} else {
			r.OCR = pool
			closers = append(closers, func() { pool.Close() })
		}
	}
	if cfg.ASRWorkers > 0 {
		engine, err := openASR(cfg)
		if err != nil {
			warn("intake: speech recognition is not available; voice jobs will fail", "err", err)
			r.ASRUnavailable = err
		} else {
			r.ASR = engine
			closers = append(closers, engine.Close)
		}
	}
	c, err := classifier()
	if err != nil {
		warn("intake: category suggestion is not available", "err", err)
	}
	r.Classifier = c
	return r, func() {
		for _, c := range closers {
			c()
		}
	}
}

func openASR(cfg IntakeConfig) (*asr.Engine, error) {
	if cfg.VoskModel == "" {
		return nil, errors.New("no Vosk model: set VOSK_MODEL (or --vosk-model) to the model's folder")
	}
	if err := asr.CheckModel(cfg.VoskModel); err != nil {
		return nil, err
	}
	e, err := asr.Open(asr.Options{ModelDir: cfg.VoskModel, MaxDuration: cfg.Limits.VoiceDuration, Concurrency: cfg.ASRWorkers})
	if err != nil {
		return nil, fmt.Errorf("vosk model %s: %w", cfg.VoskModel, err)
	}
	return e, nil
}

// The classifier's dictionary is large and read-only: one per process.
var classifier = sync.OnceValues(insight.NewClassifier)
