package authz

import (
	"slices"
	"strings"
)

// The roles every tenant has. Their permissions are the templates below.
const (
	TenantAdmin = "tenant_admin"
	Clerk       = "clerk"
	Dispatcher  = "dispatcher"
	Handler     = "handler"
	DeptLeader  = "dept_leader"
	Leader      = "leader"
	Analyst     = "analyst"
	GridWorker  = "grid_worker"
	Integrator  = "integrator"
	// KnowledgeEditor writes the knowledge base; the tenant admin gives it
	// to staff beside their own role.
	KnowledgeEditor = "knowledge_editor"
	// Operator is the platform role; it holds no permission inside a tenant.
	Operator = "operator"
)

// Objects that permissions name. Actions are "read", "write", "create" and,
// for the ticket scope, "tenant", "department" or "own". Tickets also have
// the life-cycle actions "register" (a draft), "dispatch" (send to or move
// between departments), "handle" (accept, start, return, reply: the
// department's side, including asking for an extension), "callback" (call
// the citizen back after a reply, close, reopen: the hotline's side),
// "supervise" (督办) and "instruct" (a leader's 批示). Deciding an
// extension is part of "dispatch": the dispatcher set the deadline.
// "track_token" reads the citizen's tracking token (and the link and QR
// code made of it): only the roles that hand it to the citizen at
// registration hold it, since whoever has it can rate the case as the
// citizen. "repeat" confirms or rejects the repeat mark (重复件) detection
// put on a ticket.
const (
	ObjMe          = "me"
	ObjTenant      = "tenant"
	ObjUser        = "user"
	ObjDepartment  = "department"
	ObjRegion      = "region"
	ObjCategory    = "category"
	ObjCitizen     = "citizen"
	ObjTicket      = "ticket"
	ObjTicketScope = "ticket_scope"
	ObjAPIKey      = "apikey"
	ObjAuditLog    = "auditlog"
	// ObjIntake is uploading files to be read into tickets ("create") and
	// following their jobs ("read").
	ObjIntake = "intake"
	// ObjNotification is the outbox of notifications ("read") and where
	// they are delivered ("write": webhook, reminders).
	ObjNotification = "notification"
	// ObjPII with "read" reveals ID and phone numbers of any citizen; with
	// "read_held" only of citizens whose tickets the caller's department holds.
	ObjPII = "pii"
	// ObjCalendar is the tenant's own working-day calendar: every member of
	// staff reads it ("read"), the tenant admin changes it ("write").
	ObjCalendar = "calendar"
	// ObjWarning is the early warnings (预警): "read" lists them (row scope
	// narrows a department leader's to his department's tickets),
	// "acknowledge" marks one as seen.
	ObjWarning = "warning"
	// ObjWatchItem is the watch list of persons, places and topics
	// (重点人、重点区域、重点事项): "read" lists it (audited for persons),
	// "write" adds and removes items.
	ObjWatchItem = "watchitem"
	// ObjReport is the weekly and monthly workbooks: "generate" asks for
	// one, "read" lists and downloads them. Tenant-wide figures: leaders
	// and analysts only.
	ObjReport = "report"
	// ObjKnowledge is the knowledge base: staff search it and use its
	// articles ("read"); the tenant admin and knowledge editors write
	// articles ("write").
	ObjKnowledge = "knowledge"
)

// Roles lists the tenant roles in a stable order.
var Roles = []string{TenantAdmin, Clerk, Dispatcher, Handler, DeptLeader, Leader, Analyst, GridWorker, Integrator, KnowledgeEditor}

// IsRole reports whether r is a known role.
func IsRole(r string) bool { return r == Operator || slices.Contains(Roles, r) }

// staffBasics are what every signed-in staff member may do.
var staffBasics = []string{"me:read", "department:read", "region:read", "category:read", "ticket:read", "intake:read", "calendar:read",
	"knowledge:read"}

// warningPermissions are the early warnings' (预警): the tenant admin and
// the leaders keep the watch list; leaders and dispatchers read and
// acknowledge warnings, a department leader those of his department.
var warningPermissions = map[string][]string{
	TenantAdmin: {"watchitem:read", "watchitem:write"},
	Leader:      {"watchitem:read", "watchitem:write", "warning:read", "warning:acknowledge"},
	Dispatcher:  {"warning:read", "warning:acknowledge"},
	DeptLeader:  {"warning:read", "warning:acknowledge"},
}

func init() {
	for role, perms := range warningPermissions {
		Templates[role] = append(Templates[role], perms...)
	}
}

// Templates are the permissions of each role, as "object:action". Deny by
// default: what is not listed is refused.
var Templates = map[string][]string{
	TenantAdmin: append(slices.Clone(staffBasics),
		"user:read", "user:write", "department:write", "region:write", "category:write",
		"apikey:read", "apikey:write", "auditlog:read",
		"citizen:read", "citizen:write", "ticket:create", "ticket:register", "ticket:dispatch",
		"intake:create", "pii:read", "ticket_scope:tenant", "calendar:write", "ticket:track_token",
		"notification:read", "notification:write", "knowledge:write"),
	Clerk: append(slices.Clone(staffBasics),
		"user:read", "citizen:read", "citizen:write", "ticket:create", "ticket:register", "ticket:callback", "pii:read",
		"intake:create", "ticket_scope:tenant", "ticket:track_token", "ticket:repeat"),
	Dispatcher: append(slices.Clone(staffBasics),
		"user:read", "citizen:read", "ticket:create", "ticket:register", "ticket:dispatch", "ticket:callback", "pii:read",
		"intake:create", "ticket_scope:tenant", "ticket:track_token", "ticket:repeat"),
	Handler: append(slices.Clone(staffBasics),
		"citizen:read", "ticket:handle", "pii:read_held", "ticket_scope:department"),
	DeptLeader: append(slices.Clone(staffBasics),
		"user:read", "citizen:read", "ticket:handle", "ticket:supervise", "pii:read_held", "ticket_scope:department"),
	Leader: append(slices.Clone(staffBasics),
		"user:read", "citizen:read", "ticket:supervise", "ticket:instruct", "pii:read", "ticket_scope:tenant", "ticket:repeat",
		"report:read", "report:generate"),
	Analyst: append(slices.Clone(staffBasics),
		"citizen:read", "ticket_scope:tenant",
		"report:read", "report:generate"),
	GridWorker: append(slices.Clone(staffBasics),
		"ticket:create", "intake:create", "ticket_scope:own", "ticket:track_token"),
	// An API key registers tickets and follows them; it does not browse
	// the citizen register: with it, registering under a guessed ID number
	// and reading the ticket's citizen back would complete masked numbers.
	Integrator: {"department:read", "region:read", "category:read", "ticket:read", "ticket:create",
		"intake:create", "intake:read", "ticket_scope:tenant"},
	// Held beside a staff role: what it adds is writing the knowledge
	// base; alone it reads the categories and articles it writes about.
	KnowledgeEditor: {"me:read", "category:read", "knowledge:read", "knowledge:write"},
}

// operatorPermissions are the platform operator's, in the platform domain.
var operatorPermissions = []string{"tenant:read", "tenant:write"}

func templatePolicies() [][]string {
	var out [][]string
	add := func(role, dom string, perms []string) {
		for _, p := range perms {
			obj, act, _ := strings.Cut(p, ":")
			out = append(out, []string{role, dom, obj, act})
		}
	}
	for _, role := range Roles {
		add(role, AnyDomain, Templates[role])
	}
	add(Operator, PlatformDomain, operatorPermissions)
	return out
}

// The category suggester (issue 11): "category:suggest" for the roles that
// file and dispatch tickets. Handlers, leaders and analysts get none: they
// never choose a category.
func init() {
	for _, role := range []string{TenantAdmin, Clerk, Dispatcher, GridWorker, Integrator} {
		Templates[role] = append(Templates[role], "category:suggest")
	}
}

// ObjStatistics is reading statistics and the ranking index ("read"):
// leaders and analysts over the whole tenant, a department leader over his
// department (his ticket scope narrows the figures). Handlers, clerks and
// grid workers are refused.
const ObjStatistics = "statistics"

func init() {
	for _, r := range []string{DeptLeader, Leader, Analyst} {
		Templates[r] = append(Templates[r], ObjStatistics+":read")
	}
}

// Hot topics and the tenant's word list (package topics).
const (
	// ObjTopics is reading hot topics and the tickets behind them ("read"),
	// counted over the caller's ticket scope.
	ObjTopics = "topics"
	// ObjWordList is the tenant's own word list (专属词库) that shapes
	// keywords: read by those who read hot topics, written by the tenant admin.
	ObjWordList = "wordlist"
)

// Hot topics are read by those who read statistics: leaders and analysts
// the whole tenant, a department leader his department (his ticket scope).
// Clerks, dispatchers, handlers and grid workers work cases one by one;
// the tenant admin keeps the word list but reads no statistics.
func init() {
	Templates[TenantAdmin] = append(Templates[TenantAdmin], "wordlist:read", "wordlist:write")
	for _, r := range []string{Leader, Analyst, DeptLeader} {
		Templates[r] = append(Templates[r], "topics:read", "wordlist:read")
	}
}
