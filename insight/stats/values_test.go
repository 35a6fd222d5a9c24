package stats

import "testing"

// Every metric the API defines can be read by name, so an exported table
// never has an empty column; rates are shares and null without a
// denominator.
func TestValueOfEveryDefinedMetric(t *testing.T) {
	m := Metrics{Received: 8, Persons: 6, Dispatched: 6, AcceptedTimely: 3, Closed: 4, ClosedOnTime: 1,
		Callbacks: 2, Satisfied: 1, Solved: 2, Repeats: 2, LocalResolved: 1, HandlingWorkdays: 10}
	m.finish()
	for _, d := range Definitions {
		if v, _ := m.Value(d.Name); v == nil {
			t.Errorf("metric %s (%s) has no value", d.Name, d.Label)
		}
	}
	if v, rate := m.Value("onTimeRate"); v == nil || *v != 0.25 || !rate {
		t.Errorf("onTimeRate = %v (rate %v), want 0.25 as a rate", v, rate)
	}
	if v, rate := m.Value("avgHandlingWorkdays"); v == nil || *v != 2.5 || rate {
		t.Errorf("avgHandlingWorkdays = %v (rate %v), want 2.5 days", v, rate)
	}
	empty := Metrics{}
	empty.finish()
	if v, _ := empty.Value("satisfactionRate"); v != nil {
		t.Errorf("a rate without callbacks is %v, want null", *v)
	}
	if v, _ := m.Value("nonsense"); v != nil {
		t.Error("a name that is no metric has a value")
	}
}
