package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/viewer"
)

// TestSQLitePlannerLooksTicketsUpByID: a page of tickets, a warning's or a
// group case's tickets are read as "these IDs, in this tenant". Without
// planner statistics SQLite took the tenant's index for the more selective
// and walked every ticket of the tenant for them (19 ms instead of 0.4 ms
// for 10 tickets at 100,000): every list in the console slowed with the
// district's history. After a restart (Migrate), the statistics are there
// and the IDs are looked up.
func TestSQLitePlannerLooksTicketsUpByID(t *testing.T) {
	e := apptest.NewWithHistory(t, storetest.Backend{Name: "sqlite"}, 300)
	ctx := viewer.SystemContext(context.Background())
	if err := e.App.DB.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var tenantID int
	if err := e.App.DB.SQL.QueryRowContext(ctx, "SELECT tenant_id FROM tickets ORDER BY id LIMIT 1").Scan(&tenantID); err != nil {
		t.Fatal(err)
	}
	rows, err := e.App.DB.SQL.QueryContext(ctx, fmt.Sprintf(
		"EXPLAIN QUERY PLAN SELECT id, title FROM tickets WHERE id IN (3, 5, 8, 13, 21) AND tenant_id = %d", tenantID))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(plan, "; ")
	if !strings.Contains(got, "INTEGER PRIMARY KEY") {
		t.Fatalf("tickets by ID walk an index instead of looking the IDs up: %s", got)
	}
}
