package stats

import "context"

// TicketLevel is s counting each period by itself, ticket by ticket: the
// reference the one-pass path is checked against.
func TicketLevel(s *Service) *Service {
	c := *s
	c.ticketLevel = true
	return &c
}

// NoRollup is s reading tickets where the rollup could answer: what the
// rollup path is checked against.
func NoRollup(s *Service) *Service {
	c := *s
	c.noRollup = true
	return &c
}

// UsesRollup says whether s answers in for the caller in ctx from the
// rollup (its plan allows it and the rollup is not stale).
func UsesRollup(ctx context.Context, s *Service, in Input) (bool, error) {
	e, err := s.load(ctx)
	if err != nil {
		return false, err
	}
	f, err := e.filterSQL(in.Filter)
	if err != nil {
		return false, err
	}
	plan := s.planRollup(ctx, e, in.GroupBy, f)
	if plan == nil {
		return false, nil
	}
	db, done, err := s.reader(ctx, e)
	if err != nil {
		return false, err
	}
	defer done()
	p := period{in.From, in.To}
	_, _, ok, err := s.fromRollup(ctx, db, e, plan, []period{p, p.previous(), p.lastYear()}, in.GroupBy, f)
	return ok, err
}
