package patterns

import (
	"fmt"
	"math/rand"
	"sort"
	"time"
)

// Case is a generated ticket with its known truth: who raised it and which
// matter it is about. Tests and docs/accuracy.md use sets of them.
type Case struct {
	Person string // "p<n>"; every case has a known person
	Matter int    // cases of one matter are about the same thing at the same place
	// Category is the category path a clerk chose (nil: none chosen).
	Category []int
	Place    string // the place key, "" when the clerk left it blank
	Title    string
	Body     string
	At       time.Time
}

// issue is a kind of complaint: its category and the ways people say it.
type issue struct {
	cat     []int
	phrases [2][]string // per generator: the wording of that generator
}

var issues = []issue{
	{[]int{1, 11, 111}, [2][]string{{"电梯经常停运", "电梯又坏了", "电梯困人", "电梯故障不断"}, {"电梯停了好几天", "电梯关人了", "升降梯天天出毛病", "电梯门打不开"}}},
	{[]int{1, 11, 112}, [2][]string{{"楼道没人打扫", "物业保洁不到位", "楼道垃圾堆积"}, {"保洁员好几天不来", "走廊脏乱差没人管", "楼道卫生很差"}}},
	{[]int{1, 12, 121}, [2][]string{{"路灯不亮", "路灯坏了", "路灯一直闪"}, {"晚上一片漆黑灯不亮", "灯杆上的灯坏了", "照明灯熄灭"}}},
	{[]int{1, 12, 122}, [2][]string{{"路面坑洼", "道路破损严重", "人行道塌陷"}, {"马路上全是坑", "路面开裂下沉", "地砖翘起绊人"}}},
	{[]int{1, 13, 131}, [2][]string{{"垃圾站没人清运", "垃圾桶满了没人收", "垃圾站臭气熏天"}, {"垃圾堆成山没人拉走", "垃圾房异味扰民", "垃圾好几天不收"}}},
	{[]int{1, 13, 132}, [2][]string{{"工地夜间施工", "施工噪音扰民", "半夜打桩"}, {"工地晚上还在干活", "深夜机器轰鸣", "凌晨还在浇混凝土"}}},
	{[]int{2, 21, 211}, [2][]string{{"饭店油烟扰民", "餐馆排烟直冲住户", "烧烤油烟太大"}, {"饭馆的烟熏得开不了窗", "排风口对着窗户", "油烟味整天散不去"}}},
	{[]int{2, 21, 212}, [2][]string{{"广场舞音响太吵", "广场舞噪音扰民"}, {"跳舞的音乐放得震天响", "晚上音箱声音太大"}}},
	{[]int{3, 31, 311}, [2][]string{{"车辆乱停占用消防通道", "小区停车位不够乱停车"}, {"汽车堵住消防通道", "门口车停得进不去"}}},
	{[]int{1, 14, 141}, [2][]string{{"楼上漏水", "屋顶渗水", "墙面渗水发霉"}, {"天花板往下滴水", "卫生间漏到楼下", "下雨天家里进水"}}},
	{[]int{3, 32, 321}, [2][]string{{"公司拖欠工资", "老板欠薪不还"}, {"干了三个月没拿到钱", "工钱一直拖着不发"}}},
}

var (
	estates  = []string{"翠竹园", "梅园新村", "幸福里", "金陵花园", "龙江小区", "月牙湖花园", "御道街小区", "后宰门小区", "锁金村", "兰园", "银城东苑", "阳光广场"}
	openings = [2][]string{{"", "你好，", "我要反映，", "我是住户，"}, {"喂，", "我想投诉一下，", "麻烦登记一下，", ""}}
	impacts  = [2][]string{{"影响居民生活", "老人孩子很不方便", "已经很长时间了", "大家意见很大"}, {"严重影响休息", "出行很危险", "打了好几次电话了", "邻居都很生气"}}
	asks     = [2][]string{{"请尽快处理。", "希望有关部门管一管。", "请派人来看看。"}, {"请给个说法。", "盼早日解决。", "麻烦督促整改。"}}
)

// place is where a matter is: an estate, a building.
func place(r *rand.Rand) (key, text string) {
	e := estates[r.Intn(len(estates))]
	b := 1 + r.Intn(30)
	return fmt.Sprintf("%s%d栋", e, b), fmt.Sprintf("%s%d栋", e, b)
}

// Generate makes a set of cases with planted repeats and group cases and
// their near misses, in time order, from seed with generator 0 or 1 (each
// its own wording). n is the number of single complainants; the set holds
// about 3n cases:
//   - repeats: a person comes back about the same matter, in other words;
//   - near misses: the same person on another matter (often the same
//     estate or the same kind of problem elsewhere); another person with
//     almost the same text about another place;
//   - group cases: 5–9 people on one matter within a few days;
//   - near misses: 3–4 people on one matter, and 5+ people with the same
//     kind of problem at different places.
func Generate(seed int64, gen, n int) []Case {
	r := rand.New(rand.NewSource(seed))
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var out []Case
	matter, person := 0, 0
	say := func(is issue, where string, p string, m int, at time.Time) Case {
		ph := is.phrases[gen][r.Intn(len(is.phrases[gen]))]
		body := openings[gen][r.Intn(len(openings[gen]))] + where + ph + "，" + impacts[gen][r.Intn(len(impacts[gen]))] + "，" + asks[gen][r.Intn(len(asks[gen]))]
		c := Case{Person: p, Matter: m, Title: where + ph, Body: body, At: at, Place: where}
		if r.Intn(4) == 0 {
			c.Title = ph
		}
		if r.Intn(3) > 0 {
			c.Category = is.cat
		}
		if r.Intn(4) == 0 {
			c.Place = ""
		}
		return c
	}
	newPerson := func() string { person++; return fmt.Sprintf("p%d", person) }
	for range n {
		is := issues[r.Intn(len(issues))]
		_, where := place(r)
		matter++
		p := newPerson()
		at := start.Add(time.Duration(r.Intn(300*24)) * time.Hour)
		out = append(out, say(is, where, p, matter, at))
		switch r.Intn(4) {
		case 0: // a repeat, days to months later
			out = append(out, say(is, where, p, matter, at.Add(time.Duration(24+r.Intn(100*24))*time.Hour)))
		case 1: // the same person, another matter: other problem at the same estate, or the same problem elsewhere
			other := is
			w2 := where
			if r.Intn(2) == 0 {
				for other.cat[2] == is.cat[2] {
					other = issues[r.Intn(len(issues))]
				}
			} else {
				_, w2 = place(r)
			}
			matter++
			out = append(out, say(other, w2, p, matter, at.Add(time.Duration(24+r.Intn(60*24))*time.Hour)))
		case 2: // another person, the same kind of problem elsewhere
			_, w2 := place(r)
			matter++
			out = append(out, say(is, w2, newPerson(), matter, at.Add(time.Duration(r.Intn(5*24))*time.Hour)))
		}
	}
	// Group cases and their near misses.
	for range max(1, n/10) {
		is := issues[r.Intn(len(issues))]
		_, where := place(r)
		at := start.Add(time.Duration(r.Intn(300*24)) * time.Hour)
		matter++
		for range 5 + r.Intn(5) {
			out = append(out, say(is, where, newPerson(), matter, at.Add(time.Duration(r.Intn(6*24))*time.Hour)))
		}
		matter++
		_, w2 := place(r)
		for range 3 + r.Intn(2) {
			out = append(out, say(is, w2, newPerson(), matter, at.Add(time.Duration(r.Intn(6*24))*time.Hour)))
		}
		for range 5 {
			_, w3 := place(r)
			matter++
			out = append(out, say(is, w3, newPerson(), matter, at.Add(time.Duration(r.Intn(6*24))*time.Hour)))
		}
	}
	sortByTime(out)
	return out
}

func sortByTime(cs []Case) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].At.Before(cs[j].At) })
}
