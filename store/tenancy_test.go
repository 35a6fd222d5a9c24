package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql/schema"

	"github.com/minsheng/minsheng/ent/migrate"
	"github.com/minsheng/minsheng/store"
	"github.com/minsheng/minsheng/store/storetest"
)

// globalTables hold no tenant's data: the tenants themselves and the
// platform operators. Every other table belongs to one tenant per row.
var globalTables = map[string]bool{"tenants": true, "operators": true}

// global reports whether a table is outside every tenant; the casbin policy
// table keeps its tenant in the domain column and is not an ent schema.
func global(table string) bool {
	return globalTables[table] || strings.HasPrefix(table, "casbin")
}

// crossTenantIndexes are the indexes that deliberately do not start with
// tenant_id, with the reason. In a cluster sharded by tenant a lookup
// through them is a fan-out to every shard.
var crossTenantIndexes = map[string]string{
	"ticket_code": "public tracking (trackCase, /t/{code}.png) finds a case code before it knows the tenant",
	// PostgreSQL's GIN cannot lead with an integer column without the
	// btree_gin extension, which a tenant's database user may not be
	// allowed to install; every query through it also says tenant_id = …
	// (knowledge.matchSQL and knowledge.dfs).
	"knowledge_docs_tsv": "the full-text index of the knowledge base on PostgreSQL (GIN over tsv)",
}

// sqlTables are the tenant-scoped tables created in SQL, beside ent's
// schemas (store/fulltext.go); their indexes too must start with tenant_id.
var sqlTables = map[string]bool{"knowledge_df": true}

// TestTenancyEveryTableIsTenantScoped fails when a new schema forgets
// TenantMixin: its table would have no tenant_id, and its rows would be
// shared by all tenants. It also wants tenant_id first in every index, so
// each lookup stays inside one tenant and a unique value is unique per
// tenant, not across tenants (where a taken name would tell one tenant about
// another's data).
func TestTenancyEveryTableIsTenantScoped(t *testing.T) {
	for _, tbl := range migrate.Tables {
		if global(tbl.Name) {
			continue
		}
		if !slices.ContainsFunc(tbl.Columns, func(c *schema.Column) bool { return c.Name == "tenant_id" }) {
			t.Errorf("table %s has no tenant_id column: embed TenantMixin in its schema", tbl.Name)
		}
		for _, c := range tbl.Columns {
			if c.Unique && !slices.Contains(tbl.PrimaryKey, c) {
				t.Errorf("column %s.%s is unique across all tenants: make it an index on (tenant_id, %s) instead",
					tbl.Name, c.Name, c.Name)
			}
		}
		for _, idx := range tbl.Indexes {
			if _, ok := crossTenantIndexes[idx.Name]; ok {
				continue
			}
			if len(idx.Columns) == 0 || idx.Columns[0].Name != "tenant_id" {
				t.Errorf("index %s on %s does not start with tenant_id: %v", idx.Name, tbl.Name, columnNames(idx.Columns))
			}
		}
	}
}

// TestTenancyDatabaseIndexesStartWithTenant reads the indexes the migration
// actually created, on both databases, including those the database adds
// for unique constraints, and finds tenant_id first in all of them.
func TestTenancyDatabaseIndexesStartWithTenant(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		db, err := store.Open(b.URL, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ctx := context.Background()
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		// table, index, first column, whether it is the primary key
		query := `SELECT m.tbl_name, m.name, (SELECT i.name FROM pragma_index_info(m.name) i WHERE i.seqno = 0), 0
			FROM sqlite_master m WHERE m.type = 'index'`
		if b.Name == "postgres" {
			query = `SELECT t.relname, i.relname, a.attname, ix.indisprimary::int
				FROM pg_index ix
				JOIN pg_class i ON i.oid = ix.indexrelid
				JOIN pg_class t ON t.oid = ix.indrelid
				JOIN pg_namespace n ON n.oid = t.relnamespace
				JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ix.indkey[0]
				WHERE n.nspname = current_schema()`
		}
		rows, err := db.SQL.QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		known := map[string]bool{}
		for _, tbl := range migrate.Tables {
			known[tbl.Name] = true
		}
		seen := 0
		for rows.Next() {
			var table, index, first string
			var primary int
			if err := rows.Scan(&table, &index, &first, &primary); err != nil {
				t.Fatal(err)
			}
			seen++
			switch {
			case !known[table] && !sqlTables[table]:
				t.Errorf("table %s is not an ent schema: is it tenant-scoped?", table)
			case global(table) || primary == 1 || crossTenantIndexes[index] != "":
			case first != "tenant_id":
				t.Errorf("index %s on %s starts with %s, not tenant_id", index, table, first)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if seen == 0 {
			t.Fatal("the database has no indexes at all")
		}
	})
}

func columnNames(cols []*schema.Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name)
	}
	return out
}
