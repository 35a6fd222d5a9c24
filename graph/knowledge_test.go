package graph_test

import (
	"strings"

	"github.com/minsheng/minsheng/ent/knowledgearticle"
	"github.com/minsheng/minsheng/knowledge"
)

// The knowledge base's operations in the tenancy walk: demo-b's articles
// are neither listed, found, changed nor used by demo-a's staff.
func init() {
	tenancyProbes["Query.knowledgeArticles"] = tenancyProbe{run: func(c *tenancyCaller) {
		c.listsOwnOnly("knowledgeArticles", "knowledge:read", "KnowledgeArticle", func(id int) int {
			return c.w.client.KnowledgeArticle.Query().Where(knowledgearticle.TenantID(id)).CountX(c.w.sys)
		})
	}}
	tenancyProbes["Query.knowledgeSearch"] = tenancyProbe{run: func(c *tenancyCaller) {
		doc := `query($t:String!) { knowledgeSearch(text:$t, first:50) { score snippet article { id title body basis } ticket { id code title } } }`
		r := c.do(doc, map[string]any{"t": "武侯区拆迁补偿标准电梯故障"})
		if !c.may("knowledge:read") {
			if r.Code() != "FORBIDDEN" {
				c.t.Errorf("knowledgeSearch: code %q, want FORBIDDEN", r.Code())
			}
			return
		}
		c.noLeak(doc, r)
		if strings.Contains(string(r.Data), "武侯区") {
			c.t.Errorf("knowledgeSearch finds demo-b's text: %s", r.Data)
		}
	}}
	tenancyProbes["Query.draftKnowledgeArticle"] = tenancyProbe{idArgs: []string{"ticketID"}, run: func(c *tenancyCaller) {
		c.refused("draftKnowledgeArticle(ticketID)", "knowledge:write", `query($id:ID!) { draftKnowledgeArticle(ticketID:$id) { title body basis } }`,
			c.w.foreign["Ticket"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}}
	tenancyProbes["Mutation.createKnowledgeArticle"] = tenancyProbe{idArgs: []string{"input.categoryID", "input.sourceTicketID"}, run: func(c *tenancyCaller) {
		doc := `mutation($in:KnowledgeArticleInput!) { createKnowledgeArticle(input:$in) { id category { id name } } }`
		c.refused("createKnowledgeArticle(categoryID)", "knowledge:write", doc, c.w.foreign["Category"], func(id int) map[string]any {
			return map[string]any{"in": map[string]any{"title": "越界分类文章", "body": "正文", "categoryID": idVar(id)}}
		})
		c.refused("createKnowledgeArticle(sourceTicketID)", "knowledge:write", doc, c.w.foreign["Ticket"], func(id int) map[string]any {
			return map[string]any{"in": map[string]any{"title": "越界工单文章", "body": "正文", "sourceTicketID": idVar(id)}}
		})
	}}
	tenancyProbes["Mutation.updateKnowledgeArticle"] = tenancyProbe{idArgs: []string{"id", "input.categoryID", "input.sourceTicketID"}, run: func(c *tenancyCaller) {
		c.refused("updateKnowledgeArticle(id)", "knowledge:write",
			`mutation($id:ID!) { updateKnowledgeArticle(id:$id, input:{title:"越界改写", body:"越界"}) { id title } }`,
			c.w.foreign["KnowledgeArticle"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}}
	tenancyProbes["Mutation.retireKnowledgeArticle"] = tenancyProbe{idArgs: []string{"id"}, run: func(c *tenancyCaller) {
		c.refused("retireKnowledgeArticle(id)", "knowledge:write",
			`mutation($id:ID!) { retireKnowledgeArticle(id:$id) { id retiredAt } }`,
			c.w.foreign["KnowledgeArticle"], func(id int) map[string]any { return map[string]any{"id": idVar(id)} })
	}}
	tenancyProbes["Mutation.useKnowledgeArticle"] = tenancyProbe{idArgs: []string{"articleID", "ticketID"}, run: func(c *tenancyCaller) {
		doc := `mutation($a:ID!, $t:ID!) { useKnowledgeArticle(articleID:$a, ticketID:$t) { basis article { id } ticket { id } } }`
		own := c.w.ownFixtures["Ticket"]
		c.refused("useKnowledgeArticle(articleID)", "knowledge:read", doc, c.w.foreign["KnowledgeArticle"],
			func(id int) map[string]any { return map[string]any{"a": idVar(id), "t": idVar(own)} })
		art, err := c.w.e.App.Knowledge.CreateArticle(c.w.own.ctx, knowledge.ArticleInput{Title: "本区电梯维修", Body: "电梯故障及时维修。"})
		if err != nil {
			c.t.Fatal(err)
		}
		c.refused("useKnowledgeArticle(ticketID)", "knowledge:read", doc, c.w.foreign["Ticket"],
			func(id int) map[string]any { return map[string]any{"a": idVar(art.ID), "t": idVar(id)} })
	}}
}
