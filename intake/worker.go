package intake

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/minsheng/minsheng/ent"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/insight"
	"github.com/minsheng/minsheng/reading"
	"github.com/minsheng/minsheng/viewer"
)

// Queues the jobs go to: images and recordings are worked by separate
// pools, so a long recording never holds up an ID card at the counter.
const (
	QueueImages = "intake_images"
	QueueVoice  = "intake_voice"
)

// jobArgs is what the queue carries: which job, in which tenant.
type jobArgs struct {
	JobID    int  `json:"job_id"`
	TenantID int  `json:"tenant_id"`
	Voice    bool `json:"voice,omitempty"`
}

func (jobArgs) Kind() string { return "intake" }

// InsertOpts make a job unique by its arguments: queuing it again while it
// waits, runs or is done does nothing, so the sweep may queue freely.
func (a jobArgs) InsertOpts() river.InsertOpts {
	q := QueueImages
	if a.Voice {
		q = QueueVoice
	}
	return river.InsertOpts{Queue: q, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

func argsOf(job *ent.IntakeJob) jobArgs {
	return jobArgs{JobID: job.ID, TenantID: job.TenantID, Voice: job.Kind == intakejob.KindVOICE}
}

// enqueue queues a recorded job. A failure is only logged: the job is in
// the database, and the sweep queues it.
func (s *Service) enqueue(ctx context.Context, job *ent.IntakeJob) {
	if s.queue == nil {
		return
	}
	if err := s.queue.Insert(ctx, argsOf(job), nil); err != nil {
		s.log.WarnContext(ctx, "intake: job recorded but not queued; the sweep will queue it", "job", job.ID, "err", err)
	}
}

type worker struct {
	river.WorkerDefaults[jobArgs]
	s *Service
}

func (w *worker) Work(ctx context.Context, job *river.Job[jobArgs]) error {
	return w.s.run(ctx, job.Args, job.Attempt >= job.MaxAttempts)
}

// AddWorkers registers intake's workers with the queue.
func (s *Service) AddWorkers(w *river.Workers) {
	river.AddWorker(w, &worker{s: s})
	river.AddWorker(w, &sweeper{s: s})
	river.AddWorker(w, &fileSweeper{s: s})
}

// failure is a job that cannot succeed, with the reason shown to the clerk.
type failure struct{ reason string }

func (f failure) Error() string { return f.reason }

func failf(format string, args ...any) error { return failure{fmt.Sprintf(format, args...)} }

// run works one job. Bad files end the job as FAILED with the reason; any
// other error goes back to the queue to be tried again, until the last
// attempt, which fails the job rather than leave it hanging.
func (s *Service) run(ctx context.Context, a jobArgs, last bool) error {
	ctx = viewer.TenantSystemContext(ctx, a.TenantID)
	job, err := s.client.IntakeJob.Query().Where(intakejob.ID(a.JobID)).WithAttachment().Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if job.Status == intakejob.StatusSUCCEEDED || job.Status == intakejob.StatusFAILED {
		return nil // done before a crash, or queued twice
	}
	if err := s.client.IntakeJob.UpdateOne(job).
		SetStatus(intakejob.StatusRUNNING).SetStartedAt(s.now()).AddAttempts(1).
		Exec(ctx); err != nil {
		return err
	}
	s.changes.Notify(job.ID)
	res, sug, err := s.readJob(ctx, job)
	if err == nil {
		err = s.fill(ctx, job, res, sug)
	}
	var f failure
	switch {
	case err == nil:
		s.changes.Notify(job.ID)
		return nil
	case errors.As(err, &f):
		return s.fail(ctx, job, f.reason)
	case last:
		s.log.ErrorContext(ctx, "intake: job failed on its last attempt", "job", job.ID, "err", err)
		return s.fail(ctx, job, "the file could not be read because of an internal error; please upload it again")
	default:
		// Back to QUEUED while the queue waits to retry.
		if uerr := s.client.IntakeJob.UpdateOneID(job.ID).SetStatus(intakejob.StatusQUEUED).Exec(context.WithoutCancel(ctx)); uerr != nil {
			err = errors.Join(err, uerr)
		}
		s.changes.Notify(job.ID)
		return err
	}
}

func (s *Service) fail(ctx context.Context, job *ent.IntakeJob, reason string) error {
	err := s.client.IntakeJob.UpdateOneID(job.ID).
		SetStatus(intakejob.StatusFAILED).SetError(clip(reason, 1000)).SetFinishedAt(s.now()).
		Exec(context.WithoutCancel(ctx))
	s.changes.Notify(job.ID)
	return err
}

// readJob reads the job's stored file.
func (s *Service) readJob(ctx context.Context, job *ent.IntakeJob) (reading.Result, *insight.Suggestion, error) {
	att := job.Edges.Attachment
	data, err := s.blobs.GetContext(ctx, job.TenantID, att.Sha256)
	switch {
	case errors.Is(err, ErrDamaged):
		s.log.ErrorContext(ctx, "intake: stored file damaged", "job", job.ID, "err", err)
		return reading.Result{}, nil, failf("the stored file is damaged (it fails its integrity check); please upload it again")
	case errors.Is(err, ErrMissing):
		s.log.ErrorContext(ctx, "intake: stored file missing", "job", job.ID, "err", err)
		return reading.Result{}, nil, failf("the stored file is missing; please upload it again")
	case err != nil:
		return reading.Result{}, nil, err // tried again
	}
	return s.read(ctx, job.Kind, data)
}

// sweepArgs is the periodic sweep that queues recorded jobs the queue does
// not hold: one whose process died between its commit and its queuing.
type sweepArgs struct{}

func (sweepArgs) Kind() string { return "intake_sweep" }

type sweeper struct {
	river.WorkerDefaults[sweepArgs]
	s *Service
}

// sweepAge is how old a QUEUED job must be before the sweep queues it: a
// job just recorded is being queued by its own request.
const sweepAge = 30 * time.Second

func (w *sweeper) Work(ctx context.Context, _ *river.Job[sweepArgs]) error {
	return w.s.Sweep(ctx)
}

// Sweep queues every QUEUED job older than a few seconds. Queuing is
// unique by job, so a job already in the queue is left as it is.
func (s *Service) Sweep(ctx context.Context) error {
	ctx = viewer.SystemContext(ctx)
	jobs, err := s.client.IntakeJob.Query().
		Where(intakejob.StatusEQ(intakejob.StatusQUEUED), intakejob.CreatedAtLT(s.now().Add(-sweepAge))).
		Limit(1000).All(ctx)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if err := s.queue.Insert(ctx, argsOf(j), nil); err != nil {
			return err
		}
	}
	return nil
}

// Periodic is the sweeps' schedule, on one process at a time: the jobs'
// sweep at start and every minute, the files' sweep (SweepFiles) hourly.
func (s *Service) Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(
		river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return sweepArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true},
	), river.NewPeriodicJob(
		river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return fileSweepArgs{}, nil },
		nil,
	)}
}
