package insight

// heldout is a second phrase bank, written apart from issues: for each leaf,
// new ways of saying the complaint that use none of the leaf's keywords and
// repeat none of the first bank's phrases. The learned suggester is never
// taught or tuned on it; docs/accuracy.md reports it separately. It covers
// 17 leaves: TestHeldoutIsNew checks that fewer than half of a phrase's
// character pairs occur in the first bank's phrases of its leaf, and
// phrases written for other leaves that failed that were dropped. Phrases
// are separated by " | ".
var heldout = map[string]string{
	"城乡建设 › 物业管理 › 物业服务质量":     "楼道里的灯坏了半年，管理处一直拖着不换 | 草坪长得比人还高，管理公司的人影都见不到",
	"城乡建设 › 物业管理 › 电梯故障":       "坐升降梯的时候突然往下掉了一截，门也打不开 | 直梯的按钮全失灵了，我们每天只能爬十几层",
	"城乡建设 › 物业管理 › 物业收费争议":     "今年的管理费一下子多了一半，账目一笔都不公布 | 楼道照明分摊的钱每户多算了几百块",
	"城乡建设 › 物业管理 › 业委会及维修资金咨询": "我们想召集全体住户投票，把现在的管理公司换掉",
	"城乡建设 › 房屋与住房保障 › 房屋漏水开裂":  "天花板一直往下淌水，墙皮都鼓起来了 | 客厅的墙上出现一道很长的裂纹，越看越害怕",
	"城乡建设 › 房屋与住房保障 › 老旧小区改造":  "这几栋楼住了几十年，水管锈得不行，盼着翻新",
	"城乡建设 › 房屋与住房保障 › 保障性住房咨询": "收入低的家庭能不能从政府手里租到便宜的房子 | 外地来打工，一家人挤在小屋里，有什么住房帮扶",
	"城乡建设 › 市政设施 › 路灯故障":       "这条街一到晚上就黑漆漆的，那几盏灯好久没亮过 | 桥下的灯全灭了，夜里走路全靠手机照",
	"城乡建设 › 城市管理 › 占道经营":       "烧烤店每天把桌椅摆到马路中间做生意",
	"城乡建设 › 城市管理 › 违章搭建":       "有户人家在楼顶用铁皮盖了间屋子，没有任何手续",
	"城乡建设 › 城市管理 › 施工扰民":       "凌晨两三点还在浇筑楼板，吵得孩子直哭",
	"市场监管 › 食品安全 › 餐饮卫生":       "在快餐店吃的盒饭里有一只虫子",
	"市场监管 › 消费维权 › 商品质量纠纷":     "刚买的手机屏幕自己裂了，商家不认账",
	"市场监管 › 消费维权 › 价格违法":       "同样的菜卖给外地人贵一倍",
	"市场监管 › 计量与特种设备 › 气瓶安全":    "饭馆后门堆了十几个燃气罐，风吹日晒没人管",
	"卫生健康 › 医疗服务 › 医疗服务态度":     "病房里按铃半天没人来，值班的在刷手机",
	"交通运输 › 停车管理 › 乱停乱放":       "小区通道被电动车和小汽车停得满满的",
}
