package stats

// Value is the metric of m that Definitions calls name, as a number for a
// table: nil for a rate or an average whose denominator is 0, and for a
// name that is not a metric. rate says whether the value is a share (0–1).
func (m *Metrics) Value(name string) (v *float64, rate bool) {
	count := func(n int) (*float64, bool) { f := float64(n); return &f, false }
	switch name {
	case "received":
		return count(m.Received)
	case "persons":
		return count(m.Persons)
	case "dispatched":
		return count(m.Dispatched)
	case "acceptedTimely":
		return count(m.AcceptedTimely)
	case "timelyAcceptanceRate":
		return m.TimelyAcceptanceRate, true
	case "closed":
		return count(m.Closed)
	case "closedOnTime":
		return count(m.ClosedOnTime)
	case "onTimeRate":
		return m.OnTimeRate, true
	case "overdue":
		return count(m.Overdue)
	case "yellow":
		return count(m.Yellow)
	case "red":
		return count(m.Red)
	case "returned":
		return count(m.Returned)
	case "reopened":
		return count(m.Reopened)
	case "replied":
		return count(m.Replied)
	case "completeReplies":
		return count(m.CompleteReplies)
	case "callbacks":
		return count(m.Callbacks)
	case "satisfied":
		return count(m.Satisfied)
	case "satisfactionRate":
		return m.SatisfactionRate, true
	case "solved":
		return count(m.Solved)
	case "solvedRate":
		return m.SolvedRate, true
	case "supervised":
		return count(m.Supervised)
	case "instructed":
		return count(m.Instructed)
	case "repeats":
		return count(m.Repeats)
	case "repeatRate":
		return m.RepeatRate, true
	case "groupCases":
		return count(m.GroupCases)
	case "localResolved":
		return count(m.LocalResolved)
	case "localResolutionRate":
		return m.LocalResolutionRate, true
	case "avgHandlingWorkdays":
		return m.AvgHandlingWorkdays, false
	}
	return nil, false
}

// filterKeys labels the values of fs as rows' keys are labelled.
func (e *env) filterKeys(fs []Filter) []Key {
	var out []Key
	for _, f := range fs {
		for _, v := range f.Values {
			out = append(out, e.key(f.Dimension, v))
		}
	}
	return out
}
