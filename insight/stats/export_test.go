package stats

// TicketLevel is s counting each period by itself, ticket by ticket: the
// reference the one-pass path is checked against.
func TicketLevel(s *Service) *Service {
	c := *s
	c.ticketLevel = true
	return &c
}
