package graph

import "time"

// reportDate is a report's stored YYYY-MM-DD as the Date scalar.
func reportDate(s string) (*time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}
