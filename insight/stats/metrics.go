package stats

// Metrics are the figures of one slice of tickets: the tickets registered in
// the period (the cohort) that fall in the slice. Counts are whole tickets;
// a rate is nil when its denominator is 0. Every count adds up across rows,
// so the rows of a grouping sum to the total.
type Metrics struct {
	Received int // registered in the period; drafts not, merged duplicates yes
	// Persons (人次) is the distinct persons (citizens and co-signers)
	// among Received. Unlike the
	// other counts it does not add up across rows (persons.go): add leaves
	// it alone and Statistics counts it per row and in all.
	Persons         int
	Dispatched      int // sent to a department at least once
	AcceptedTimely  int // accepted within 24 hours of the first dispatch
	Closed          int // status CLOSED now
	ClosedOnTime    int // closed, and the last reply given by the deadline
	Overdue         int // the deadline passed unanswered (see Definitions)
	Yellow          int // reached yellow (an ESCALATE_YELLOW event)
	Red             int // reached red (an ESCALATE_RED event)
	Returned        int // returned by a department (退件) at least once
	Reopened        int // reopened at least once
	Replied         int // given at least one reply
	CompleteReplies int // whose latest reply has all five elements
	Callbacks       int // with at least one callback or citizen rating
	Satisfied       int // whose latest callback is satisfied or basically satisfied
	Solved          int // whose latest callback says the problem is solved
	Supervised      int // supervised by a leader (督办)
	Instructed      int // given a leader's instruction (批示)
	Repeats         int // marked as a repeat of an earlier ticket (重复件)
	GroupCases      int // part of a group case (群体件)
	LocalResolved   int // closed by a township or community department
	// HandlingWorkdays is the sum, over closed tickets, of the working days
	// from the first dispatch to the last reply.
	HandlingWorkdays int

	OnTimeRate           *float64
	TimelyAcceptanceRate *float64
	SatisfactionRate     *float64
	SolvedRate           *float64
	RepeatRate           *float64
	LocalResolutionRate  *float64
	AvgHandlingWorkdays  *float64
}

// add adds o's counts to m (rates are computed afterwards by finish).
func (m *Metrics) add(o *Metrics) {
	m.Received += o.Received
	m.Dispatched += o.Dispatched
	m.AcceptedTimely += o.AcceptedTimely
	m.Closed += o.Closed
	m.ClosedOnTime += o.ClosedOnTime
	m.Overdue += o.Overdue
	m.Yellow += o.Yellow
	m.Red += o.Red
	m.Returned += o.Returned
	m.Reopened += o.Reopened
	m.Replied += o.Replied
	m.CompleteReplies += o.CompleteReplies
	m.Callbacks += o.Callbacks
	m.Satisfied += o.Satisfied
	m.Solved += o.Solved
	m.Supervised += o.Supervised
	m.Instructed += o.Instructed
	m.Repeats += o.Repeats
	m.GroupCases += o.GroupCases
	m.LocalResolved += o.LocalResolved
	m.HandlingWorkdays += o.HandlingWorkdays
}

// ratio is num/den, nil when den is 0.
func ratio(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	r := float64(num) / float64(den)
	return &r
}

// finish computes the rates from the counts.
func (m *Metrics) finish() {
	m.OnTimeRate = ratio(m.ClosedOnTime, m.Closed)
	m.TimelyAcceptanceRate = ratio(m.AcceptedTimely, m.Dispatched)
	m.SatisfactionRate = ratio(m.Satisfied, m.Callbacks)
	m.SolvedRate = ratio(m.Solved, m.Callbacks)
	m.RepeatRate = ratio(m.Repeats, m.Received)
	m.LocalResolutionRate = ratio(m.LocalResolved, m.Closed)
	m.AvgHandlingWorkdays = ratio(m.HandlingWorkdays, m.Closed)
}

// Definition states one metric: its name in the API, its Chinese label and
// what it counts, numerator and denominator for a rate.
type Definition struct {
	Name, Label, Definition string
}

// Definitions are the metrics of Statistics, in the order of the API. They
// are served by metricDefinitions and written in docs/metrics.md (a test
// checks the two agree). Every metric counts the tickets registered in the
// period (the cohort) as they stand at the time of the query.
var Definitions = []Definition{
	{"received", "受理量", "Tickets registered in the period (registeredAt in from–to, the tenant's dates, inclusive). Drafts do not count; a duplicate merged into another ticket counts."},
	{"persons", "人次", "Distinct citizens among the tickets received (件次): one person with several tickets counts once. A person is known by the citizen's ID-number hash, else the phone number's hash (the one given with the ticket, else the citizen's), else the citizen record; anonymous tickets, and tickets without a citizen or a phone number, do not count. Co-signers (联名人) count as persons too, known the same way (the phone being the one each gave on the letter): a letter signed by 30 different people is 30 persons, and a person who signed first on one letter and tenth on another is one. Not additive: the rows of a grouping may add up to more than the total."},
	{"dispatched", "派发量", "Tickets of the period dispatched to a department at least once (a DISPATCH event)."},
	{"closed", "办结量", "Tickets of the period whose status is CLOSED now."},
	{"closedOnTime", "按期办结量", "Closed tickets whose last reply was given no later than their deadline (dueAt, extensions included)."},
	{"onTimeRate", "按期办结率", "closedOnTime / closed."},
	{"acceptedTimely", "及时受理量", "Dispatched tickets whose first acceptance (ACCEPT) came within 24 hours of their first dispatch."},
	{"timelyAcceptanceRate", "及时受理率", "acceptedTimely / dispatched."},
	{"overdue", "超期量", "Tickets with a deadline that was missed: replied or closed with the last reply after the deadline, or still with a department (dispatched, accepted, in progress, returned, reopened, suspended) and past the deadline now."},
	{"yellow", "黄牌量", "Tickets that turned yellow (an ESCALATE_YELLOW event: past the deadline)."},
	{"red", "红牌量", "Tickets that turned red (an ESCALATE_RED event: past the deadline by the tenant's red threshold)."},
	{"returned", "退件量", "Tickets a department returned (RETURN) at least once."},
	{"reopened", "重办量", "Tickets reopened (REOPEN) at least once."},
	{"callbacks", "回访量", "Tickets with at least one callback (a staff callback or the citizen's own rating)."},
	{"replied", "答复量", "Tickets given at least one reply."},
	{"completeReplies", "答复要素齐全量", "Replied tickets whose latest reply has all five elements (facts, basis, handling, result, channel for further complaint)."},
	{"satisfied", "满意量", "Tickets whose latest callback says satisfied or basically satisfied."},
	{"satisfactionRate", "满意率", "satisfied / callbacks."},
	{"solved", "解决量", "Tickets whose latest callback says the problem is solved."},
	{"solvedRate", "解决率", "solved / callbacks."},
	{"supervised", "督办量", "Tickets a leader supervised (督办)."},
	{"instructed", "批示量", "Tickets given a leader's instruction (批示, an INSTRUCT event)."},
	{"repeats", "重复件", "Tickets marked as a repeat of an earlier ticket (a repeat mark not rejected)."},
	{"repeatRate", "重复率", "repeats / received."},
	{"groupCases", "群体件", "Tickets that are part of a group case (many people, one issue or place, a short time)."},
	{"localResolved", "就地化解量", "Closed tickets whose responsible department is a township (乡镇/街道) or community."},
	{"localResolutionRate", "就地化解率", "localResolved / closed."},
	{"avgHandlingWorkdays", "平均办理工作日", "Sum over closed tickets of the working days (tenant calendar: holidays and make-up workdays) from the first dispatch to the last reply, the day of dispatch not counted / closed."},
}
