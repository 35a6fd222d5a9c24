package calendar

import "time"

// The national arrangement of public holidays and make-up workdays, as
// published by the General Office of the State Council:
// 国务院办公厅关于2025年部分节假日安排的通知 and
// 国务院办公厅关于2026年部分节假日安排的通知. Each year's notice comes out in
// the autumn before; a new year is added here, and to cnCovered, when it does.

// cnCovered are the years whose arrangement is below.
var cnCovered = []int{2025, 2026}

// cnHolidays are the runs of consecutive days off, weekends inside a run
// included, as the notices state them ("10月1日至8日放假调休，共8天").
var cnHolidays = []struct {
	first Day
	days  int
	name  string
}{
	{Day{2025, time.January, 1}, 1, "元旦"},
	{Day{2025, time.January, 28}, 8, "春节"},
	{Day{2025, time.April, 4}, 3, "清明节"},
	{Day{2025, time.May, 1}, 5, "劳动节"},
	{Day{2025, time.May, 31}, 3, "端午节"},
	{Day{2025, time.October, 1}, 8, "国庆节、中秋节"},

	{Day{2026, time.January, 1}, 3, "元旦"},
	{Day{2026, time.February, 15}, 9, "春节"},
	{Day{2026, time.April, 4}, 3, "清明节"},
	{Day{2026, time.May, 1}, 5, "劳动节"},
	{Day{2026, time.June, 19}, 3, "端午节"},
	{Day{2026, time.September, 25}, 3, "中秋节"},
	{Day{2026, time.October, 1}, 7, "国庆节"},
}

// cnWorkdays are the weekend days worked to make up for a holiday (调休上班).
var cnWorkdays = []struct {
	day  Day
	name string
}{
	{Day{2025, time.January, 26}, "春节调休上班"},        // Sunday
	{Day{2025, time.February, 8}, "春节调休上班"},        // Saturday
	{Day{2025, time.April, 27}, "劳动节调休上班"},         // Sunday
	{Day{2025, time.September, 28}, "国庆节、中秋节调休上班"}, // Sunday
	{Day{2025, time.October, 11}, "国庆节、中秋节调休上班"},   // Saturday

	{Day{2026, time.January, 4}, "元旦调休上班"},     // Sunday
	{Day{2026, time.February, 14}, "春节调休上班"},   // Saturday
	{Day{2026, time.February, 28}, "春节调休上班"},   // Saturday
	{Day{2026, time.May, 9}, "劳动节调休上班"},        // Saturday
	{Day{2026, time.September, 20}, "国庆节调休上班"}, // Sunday
	{Day{2026, time.October, 10}, "国庆节调休上班"},   // Saturday
}

// china is built once: a Calendar is never changed, so every caller can share it.
var china = func() *Calendar {
	holidays := map[Day]string{}
	for _, h := range cnHolidays {
		for i := 0; i < h.days; i++ {
			holidays[h.first.AddDays(i)] = h.name
		}
	}
	workdays := map[Day]string{}
	for _, w := range cnWorkdays {
		workdays[w.day] = w.name
	}
	c := New(holidays, workdays)
	for _, y := range cnCovered {
		c.covered[y] = true
	}
	return c
}()

// China is the national calendar: weekends off, the State Council's public
// holidays off and its make-up weekend days worked, for the years in
// cnCovered (see Covers). The result is shared; use With to add to it.
func China() *Calendar {
	return china
}
