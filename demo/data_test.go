package demo

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

var (
	kinds    = map[string]bool{"FUNCTIONAL": true, "TOWNSHIP": true, "COMMUNITY": true, "OTHER": true}
	levels   = map[string]bool{"DISTRICT": true, "STREET": true, "COMMUNITY": true, "GRID": true}
	channels = []string{"PHONE", "LETTER", "VISIT", "WEB", "WECHAT", "GRID"}
	// deadlines maps each category type to its limit in working days.
	deadlines = map[string]int{"CONSULTATION": 3, "COMPLAINT": 5, "HELP": 5, "SUGGESTION": 10, "REPORT": 10}
	// divisions are the real division codes the sample ID numbers may start with.
	divisions = map[string]bool{
		"320102": true, "320104": true, "320106": true, "320113": true, // 南京: 玄武 秦淮 鼓楼 栖霞
		"341103": true,                                                 // 滁州 南谯
		"510104": true, "510105": true, "510106": true, "510107": true, // 成都: 锦江 青羊 金牛 武侯
		"513301": true, "513431": true, // 康定, 昭觉
	}

	divisionRE = regexp.MustCompile(`^[1-8][0-9]{5}$`)
	gridRE     = regexp.MustCompile(`^[0-9A-Za-z-]{1,32}$`)
	officeRE   = regexp.MustCompile(`^0[0-9]{2,3}-[0-9]{7,8}$`)
	mobileRE   = regexp.MustCompile(`^1[3589][0-9]{9}$`)
	codeRE     = regexp.MustCompile(`^[0-9]{2}(\.[0-9]{2}){0,2}$`)
)

// idWeights are the GB 11643 weights of the first 17 digits.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkID validates an 18-character resident ID number under GB 11643 and returns its birth date
// (YYYY-MM-DD) and whether the holder is male.
func checkID(t *testing.T, id string) (birth string, male bool) {
	t.Helper()
	if len(id) != 18 {
		t.Errorf("ID %q: length %d, want 18", id, len(id))
		return "", false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			t.Errorf("ID %q: character %d is not a digit", id, i+1)
			return "", false
		}
		sum += int(c-'0') * idWeights[i]
	}
	if want := "10X98765432"[sum%11]; id[17] != want {
		t.Errorf("ID %q: check digit %c, want %c", id, id[17], want)
	}
	if !divisions[id[:6]] {
		t.Errorf("ID %q: division %s is not one of the known codes", id, id[:6])
	}
	birth = id[6:10] + "-" + id[10:12] + "-" + id[12:14]
	return birth, (id[16]-'0')%2 == 1
}

// deptIndex returns every department by name, failing on duplicates.
func deptIndex(t *testing.T, d District) map[string]Dept {
	t.Helper()
	m := map[string]Dept{}
	var walk func([]Dept)
	walk = func(ds []Dept) {
		for _, x := range ds {
			if _, dup := m[x.Name]; dup {
				t.Errorf("%s: department %q appears twice", d.Code, x.Name)
			}
			m[x.Name] = x
			walk(x.Children)
		}
	}
	walk(d.Departments)
	return m
}

// catIndex returns every category by code with its depth (1..3), failing on duplicates.
func catIndex(t *testing.T, d District) map[string]int {
	t.Helper()
	m := map[string]int{}
	var walk func(cs []Cat, depth int)
	walk = func(cs []Cat, depth int) {
		for _, c := range cs {
			if _, dup := m[c.Code]; dup {
				t.Errorf("%s: category code %q appears twice", d.Code, c.Code)
			}
			m[c.Code] = depth
			walk(c.Children, depth+1)
		}
	}
	walk(d.Categories, 1)
	return m
}

func TestDistricts(t *testing.T) {
	want := []struct{ code, name, division string }{
		{"demo-a", "玄武区", "320102"},
		{"demo-b", "武侯区", "510107"},
	}
	if len(Districts) != len(want) {
		t.Fatalf("%d districts, want %d", len(Districts), len(want))
	}
	for i, w := range want {
		d := Districts[i]
		if d.Code != w.code || d.Name != w.name || d.DivisionCode != w.division {
			t.Errorf("district %d is %s %s %s, want %s %s %s", i, d.Code, d.Name, d.DivisionCode, w.code, w.name, w.division)
		}
	}
}

func TestDepartments(t *testing.T) {
	for _, d := range Districts {
		deptIndex(t, d)
		if len(d.Departments) == 0 || d.Departments[0].Name != "住建局" || d.Departments[0].Kind != "FUNCTIONAL" {
			t.Errorf("%s: the first department must be the FUNCTIONAL 住建局", d.Code)
		}
		count := map[string]int{}
		for _, x := range d.Departments {
			count[x.Kind]++
			if !kinds[x.Kind] || x.Kind == "COMMUNITY" {
				t.Errorf("%s: top-level department %q has kind %q", d.Code, x.Name, x.Kind)
			}
			if !officeRE.MatchString(x.Phone) {
				t.Errorf("%s: department %q has phone %q", d.Code, x.Name, x.Phone)
			}
			if x.Kind != "TOWNSHIP" && len(x.Children) > 0 {
				t.Errorf("%s: %s department %q has children", d.Code, x.Kind, x.Name)
			}
			if x.Kind == "TOWNSHIP" {
				if !strings.HasSuffix(x.Name, "街道") {
					t.Errorf("%s: township %q is not named ...街道", d.Code, x.Name)
				}
				if len(x.Children) != 2 {
					t.Errorf("%s: township %q has %d communities, want 2", d.Code, x.Name, len(x.Children))
				}
				for _, c := range x.Children {
					if c.Kind != "COMMUNITY" || !strings.HasSuffix(c.Name, "社区") || len(c.Children) != 0 {
						t.Errorf("%s: %q under %q must be a leaf COMMUNITY named ...社区", d.Code, c.Name, x.Name)
					}
					if !officeRE.MatchString(c.Phone) {
						t.Errorf("%s: department %q has phone %q", d.Code, c.Name, c.Phone)
					}
				}
			}
		}
		if n := count["FUNCTIONAL"]; n < 8 || n > 10 {
			t.Errorf("%s: %d functional departments, want 8-10", d.Code, n)
		}
		if n := count["TOWNSHIP"]; n < 4 || n > 6 {
			t.Errorf("%s: %d townships, want 4-6", d.Code, n)
		}
	}
}

func TestRegions(t *testing.T) {
	for _, d := range Districts {
		if len(d.Regions) != 1 {
			t.Fatalf("%s: %d region roots, want 1", d.Code, len(d.Regions))
		}
		root := d.Regions[0]
		if root.Name != d.Name || root.Level != "DISTRICT" {
			t.Errorf("%s: root region is %s %q, want DISTRICT %q", d.Code, root.Level, root.Name, d.Name)
		}
		grids := map[string]bool{}
		var walk func(p Place, depth int)
		walk = func(p Place, depth int) {
			if !levels[p.Level] || p.Level != []string{"DISTRICT", "STREET", "COMMUNITY", "GRID"}[depth] {
				t.Errorf("%s: region %q at depth %d has level %q", d.Code, p.Name, depth, p.Level)
			}
			if p.DivisionCode != d.DivisionCode || !divisionRE.MatchString(p.DivisionCode) {
				t.Errorf("%s: region %q has division code %q", d.Code, p.Name, p.DivisionCode)
			}
			if p.Level == "GRID" {
				if !gridRE.MatchString(p.GridNumber) || !strings.HasPrefix(p.GridNumber, d.DivisionCode+"-") {
					t.Errorf("%s: grid %q has number %q", d.Code, p.Name, p.GridNumber)
				}
				if grids[p.GridNumber] {
					t.Errorf("%s: grid number %q appears twice", d.Code, p.GridNumber)
				}
				grids[p.GridNumber] = true
				if !strings.HasSuffix(p.Name, "网格") || len(p.Children) != 0 {
					t.Errorf("%s: grid %q must be a leaf named ...网格", d.Code, p.Name)
				}
				return
			}
			if p.GridNumber != "" {
				t.Errorf("%s: %s region %q has grid number %q", d.Code, p.Level, p.Name, p.GridNumber)
			}
			if depth > 0 && len(p.Children) != 2 {
				t.Errorf("%s: region %q has %d children, want 2", d.Code, p.Name, len(p.Children))
			}
			for _, c := range p.Children {
				walk(c, depth+1)
			}
		}
		walk(root, 0)

		// Streets and communities mirror the township and community departments.
		var townships []Dept
		for _, x := range d.Departments {
			if x.Kind == "TOWNSHIP" {
				townships = append(townships, x)
			}
		}
		if len(root.Children) != len(townships) {
			t.Fatalf("%s: %d streets, %d townships", d.Code, len(root.Children), len(townships))
		}
		for i, s := range root.Children {
			if s.Name != townships[i].Name {
				t.Errorf("%s: street %d is %q, township is %q", d.Code, i, s.Name, townships[i].Name)
			}
			for j, c := range s.Children {
				if j < len(townships[i].Children) && c.Name != townships[i].Children[j].Name {
					t.Errorf("%s: community %q under %q, department is %q", d.Code, c.Name, s.Name, townships[i].Children[j].Name)
				}
			}
		}
	}
}

func TestCategories(t *testing.T) {
	for _, d := range Districts {
		catIndex(t, d)
		if n := len(d.Categories); n < 8 || n > 11 {
			t.Errorf("%s: %d level-1 categories, want 8-11", d.Code, n)
		}
		var walk func(parent string, cs []Cat, depth int)
		walk = func(parent string, cs []Cat, depth int) {
			for i, c := range cs {
				want := parent
				if want != "" {
					want += "."
				}
				want += fmt.Sprintf("%02d", i+1)
				if c.Code != want || !codeRE.MatchString(c.Code) {
					t.Errorf("%s: category %q has code %q, want %q", d.Code, c.Name, c.Code, want)
				}
				if c.Name == "" {
					t.Errorf("%s: category %s has no name", d.Code, c.Code)
				}
				days, ok := deadlines[c.Type]
				if !ok {
					t.Errorf("%s: category %s has type %q", d.Code, c.Code, c.Type)
				} else if c.DeadlineDays != days {
					t.Errorf("%s: category %s (%s) has deadline %d, want %d", d.Code, c.Code, c.Type, c.DeadlineDays, days)
				}
				if n := len(c.Keywords); n < 3 || n > 8 {
					t.Errorf("%s: category %s has %d keywords, want 3-8", d.Code, c.Code, n)
				}
				seen := map[string]bool{}
				for _, k := range c.Keywords {
					if k == "" || seen[k] {
						t.Errorf("%s: category %s has empty or repeated keyword %q", d.Code, c.Code, k)
					}
					seen[k] = true
				}
				if depth < 3 {
					if n := len(c.Children); n < 2 || n > 4 {
						t.Errorf("%s: category %s has %d children, want 2-4", d.Code, c.Code, n)
					}
				} else if len(c.Children) != 0 {
					t.Errorf("%s: level-3 category %s has children", d.Code, c.Code)
				}
				walk(c.Code, c.Children, depth+1)
			}
		}
		walk("", d.Categories, 1)
	}
}

func TestTickets(t *testing.T) {
	for _, d := range Districts {
		depts := deptIndex(t, d)
		cats := catIndex(t, d)
		regions := map[string]string{}
		var walk func(Place)
		walk = func(p Place) {
			regions[p.Name] = p.Level
			for _, c := range p.Children {
				walk(c)
			}
		}
		for _, r := range d.Regions {
			walk(r)
		}

		if n := len(d.Tickets); n < 23 || n > 27 {
			t.Errorf("%s: %d tickets, want about 25", d.Code, n)
		}
		anonymous := 0
		usedChannels := map[string]bool{}
		byID := map[string]SampleCitizen{}
		uses := map[string]int{}
		phones := map[string]string{}
		for i, tk := range d.Tickets {
			where := fmt.Sprintf("%s ticket %d %q", d.Code, i, tk.Title)
			if tk.Title == "" || tk.Body == "" || tk.Place == "" {
				t.Errorf("%s: empty title, body or place", where)
			}
			if n := strings.Count(tk.Body, "。") + strings.Count(tk.Body, "？") + strings.Count(tk.Body, "！"); n < 2 || n > 5 {
				t.Errorf("%s: body has %d sentences, want 2-5", where, n)
			}
			usedChannels[tk.Channel] = true
			if !slices.Contains(channels, tk.Channel) {
				t.Errorf("%s: channel %q", where, tk.Channel)
			}
			if depth, ok := cats[tk.CategoryCode]; !ok || depth != 3 {
				t.Errorf("%s: category %q is not a level-3 category", where, tk.CategoryCode)
			}
			if _, ok := depts[tk.Department]; !ok {
				t.Errorf("%s: department %q does not exist", where, tk.Department)
			}
			if lv := regions[tk.RegionName]; lv != "STREET" && lv != "COMMUNITY" {
				t.Errorf("%s: region %q is not a street or community", where, tk.RegionName)
			}
			if tk.Anonymous {
				anonymous++
				if tk.Citizen != nil {
					t.Errorf("%s: anonymous ticket has a citizen", where)
				}
				continue
			}
			c := tk.Citizen
			if c == nil {
				t.Errorf("%s: ticket without citizen is not anonymous", where)
				continue
			}
			if c.Name == "" || c.Ethnicity == "" || c.Address == "" {
				t.Errorf("%s: citizen %+v lacks name, ethnicity or address", where, *c)
			}
			birth, male := checkID(t, c.IDNumber)
			if birth != c.BirthDate {
				t.Errorf("%s: birth date %s, ID says %s", where, c.BirthDate, birth)
			}
			if b, err := time.Parse("2006-01-02", c.BirthDate); err != nil {
				t.Errorf("%s: birth date %q: %v", where, c.BirthDate, err)
			} else if b.Year() < 1950 || b.Year() > 2004 {
				t.Errorf("%s: birth date %s outside 1950-2004", where, c.BirthDate)
			}
			if (c.Sex == "MALE") != male || (c.Sex != "MALE" && c.Sex != "FEMALE") {
				t.Errorf("%s: sex %q does not match ID %s", where, c.Sex, c.IDNumber)
			}
			if !mobileRE.MatchString(c.Phone) {
				t.Errorf("%s: phone %q is not a mobile number", where, c.Phone)
			}
			if prev, ok := byID[c.IDNumber]; ok && prev != *c {
				t.Errorf("%s: ID %s belongs to two different citizens", where, c.IDNumber)
			}
			if id, ok := phones[c.Phone]; ok && id != c.IDNumber {
				t.Errorf("%s: phone %s belongs to two different citizens", where, c.Phone)
			}
			byID[c.IDNumber] = *c
			phones[c.Phone] = c.IDNumber
			uses[c.IDNumber]++
		}
		if anonymous < 3 || anonymous > 4 {
			t.Errorf("%s: %d anonymous tickets, want 3-4", d.Code, anonymous)
		}
		for _, ch := range channels {
			if !usedChannels[ch] {
				t.Errorf("%s: no ticket from channel %s", d.Code, ch)
			}
		}
		repeaters := 0
		for _, n := range uses {
			if n > 1 {
				repeaters++
			}
		}
		if repeaters < 2 || repeaters > 3 {
			t.Errorf("%s: %d repeat complainants, want 2-3", d.Code, repeaters)
		}
	}
}

// TestText checks that every string is ASCII or Chinese text.
func TestText(t *testing.T) {
	const punct = "，。；：、？！（）“”"
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			for _, r := range v.String() {
				if r > unicode.MaxASCII && !unicode.Is(unicode.Han, r) && !strings.ContainsRune(punct, r) {
					t.Errorf("%q contains %q (U+%04X)", v.String(), r, r)
				}
				if r < ' ' || r == 0x7f {
					t.Errorf("%q contains a control character", v.String())
				}
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(Districts))
}
