package demo

import (
	"context"
	"fmt"

	"github.com/minsheng/minsheng/ent/user"
	"github.com/minsheng/minsheng/ent/watchitem"
	"github.com/minsheng/minsheng/insight/warning"
	"github.com/minsheng/minsheng/knowledge"
	"github.com/minsheng/minsheng/viewer"
)

// demoArticle is a knowledge article of the demo, by category code.
type demoArticle struct {
	code, title, body, basis string
}

// articles answer the history's most frequent and rising subjects, so a
// handler's ticket finds one at hand. Their text is written for the demo.
var articles = []demoArticle{
	{"02.02.01", "健身房等预付卡经营者停业跑路如何退费",
		"消费者办理预付卡后经营者停业、闭店或无法继续提供服务的，可凭合同、付款凭证向市场监管部门投诉，由其组织调解；涉嫌诈骗的向公安机关报案。多人受损的，街道可牵头集中登记。",
		"《单用途商业预付卡管理办法（试行）》；《消费者权益保护法》第五十三条"},
	{"01.03.03", "暴雨后小区和道路积水的处置流程",
		"道路积水由市政排水部门抽排和疏通雨水管网；小区内部积水由物业服务企业处置，物业不作为的由街道督促。汛期热线工单按紧急件分拨。",
		"《城镇排水与污水处理条例》；区防汛应急预案"},
	{"01.01.01", "冬季供暖温度不达标怎么办",
		"供暖期内居室温度低于规定标准的，住户可要求供热单位或物业上门测温，不达标的应整改并按规定退还相应热费。",
		"本市供热管理办法及供热服务规范"},
	{"04.01.01", "农民工工资被拖欠的维权途径",
		"劳动者可向人社部门劳动保障监察机构投诉，或申请劳动争议仲裁；工程建设领域实行工资专用账户和总包代发，施工总承包单位对所承包工程的农民工工资支付负总责。",
		"《保障农民工工资支付条例》第三十条"},
	{"08.02.02", "电动自行车楼道停放和飞线充电的规定",
		"禁止在建筑物的共用走道、楼梯间、安全出口停放电动自行车或为其充电；物业和社区应劝阻，拒不改正的由消防救援机构依法处理。",
		"《高层民用建筑消防安全管理规定》第三十七条"},
}

// seedKnowledge writes the demo's knowledge articles as the tenant
// administrator, and its watch items (a person who keeps coming back, a
// place and a rising topic) as the district leader, through the services
// the API uses.
//
// person is the ID number of the person to watch ("" for none).
func (s *Seeder) seedKnowledge(ctx context.Context, d District, regions, cats map[string]int, person string) error {
	as := func(name string) (context.Context, error) {
		u, err := s.Client.User.Query().Where(user.Username(name)).Only(ctx)
		if err != nil {
			return nil, err
		}
		return viewer.NewContext(ctx, s.Auth.UserViewer(u)), nil
	}
	if s.Knowledge != nil {
		admin, err := as("admin")
		if err != nil {
			return err
		}
		for _, a := range articles {
			basis := a.basis
			in := knowledge.ArticleInput{Title: a.title, Body: a.body, Basis: &basis, CategoryID: ptr(cats[a.code])}
			if _, err := s.Knowledge.CreateArticle(admin, in); err != nil {
				return fmt.Errorf("article %q: %w", a.title, err)
			}
		}
	}
	if s.Warnings == nil {
		return nil
	}
	leader, err := as("leader")
	if err != nil {
		return err
	}
	items := []warning.WatchInput{
		{Kind: watchitem.KindTOPIC, Words: []string{"预付卡", "健身房"}, CategoryID: ptr(cats["02.02.01"]),
			Reason: "预付卡经营者闭店跑路投诉近期上升，涉及人数多", Level: 2},
	}
	places := communities(d.Regions, "", nil)
	if len(places) > 0 {
		items = append(items, warning.WatchInput{Kind: watchitem.KindPLACE, RegionID: ptr(regions[places[0].name]),
			Words: []string{"垃圾站", "工地"}, Reason: "辖区重点整治点位，群体性诉求多发", Level: 2})
	}
	if person != "" {
		items = append(items, warning.WatchInput{Kind: watchitem.KindPERSON, IDNumber: &person,
			Reason: "同一事项多次来电来访，需包案化解", Level: 3})
	}
	for _, in := range items {
		if _, err := s.Warnings.AddWatchItem(leader, in); err != nil {
			return fmt.Errorf("watch item %s: %w", in.Kind, err)
		}
	}
	return nil
}
