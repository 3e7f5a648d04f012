package io.cardops.tools.generate;

import java.util.List;
import java.util.SplittableRandom;

import io.cardops.domain.reference.TravelMode;

/**
 * The lines, stations and stops taps happen at, with the operator that runs each line
 * (and therefore receives its tap files). A metro journey may end on another operator's
 * line, so one card's taps of a day are spread over several operators' files.
 */
final class Network {

	static final String SUBWAY = "BJSUBWAY";

	static final String MTR = "BJMTR";

	static final String BUS = "BJBUS";

	/** The operators, in the order their tap files are opened. */
	static final List<String> OPERATORS = List.of(SUBWAY, MTR, BUS);

	static final List<Line> METRO_LINES = List.of(
			new Line(SUBWAY, TravelMode.METRO, "1号线", "L01",
					new String[] { "苹果园", "古城", "八宝山", "玉泉路", "五棵松", "万寿路", "公主坟", "军事博物馆", "木樨地", "南礼士路", "复兴门", "西单",
							"天安门西", "天安门东", "王府井", "东单", "建国门", "永安里", "国贸", "大望路", "四惠" }),
			new Line(SUBWAY, TravelMode.METRO, "2号线", "L02",
					new String[] { "西直门", "积水潭", "鼓楼大街", "安定门", "雍和宫", "东直门", "东四十条", "朝阳门", "建国门", "北京站", "崇文门", "前门",
							"和平门", "宣武门", "长椿街", "复兴门", "阜成门", "车公庄" }),
			new Line(SUBWAY, TravelMode.METRO, "10号线", "L10",
					new String[] { "巴沟", "苏州街", "海淀黄庄", "知春里", "知春路", "西土城", "牡丹园", "健德门", "北土城", "安贞门", "惠新西街南口",
							"芍药居", "太阳宫", "三元桥", "亮马桥", "农业展览馆", "团结湖", "呼家楼", "金台夕照", "国贸" }),
			new Line(SUBWAY, TravelMode.METRO, "13号线", "L13",
					new String[] { "西直门", "大钟寺", "知春路", "五道口", "上地", "西二旗", "龙泽", "回龙观", "霍营", "立水桥", "北苑", "望京西",
							"芍药居", "光熙门", "柳芳", "东直门" }),
			new Line(SUBWAY, TravelMode.METRO, "15号线", "L15",
					new String[] { "清华东路西口", "六道口", "北沙滩", "奥林匹克公园", "安立路", "大屯路东", "关庄", "望京西", "望京", "望京东", "崔各庄",
							"马泉营", "孙河", "国展", "花梨坎", "后沙峪", "南法信", "石门", "顺义", "俸伯" }),
			new Line(MTR, TravelMode.METRO, "4号线", "L04",
					new String[] { "安河桥北", "北宫门", "西苑", "圆明园", "北京大学东门", "中关村", "海淀黄庄", "人民大学", "魏公村", "国家图书馆", "动物园",
							"西直门", "新街口", "平安里", "西四", "灵境胡同", "西单", "宣武门", "菜市口", "陶然亭", "北京南站" }),
			new Line(MTR, TravelMode.METRO, "14号线", "L14",
					new String[] { "善各庄", "望京", "阜通", "望京南", "将台", "东风北桥", "枣营", "朝阳公园", "金台路", "大望路", "九龙山", "平乐园",
							"北工大西门", "蒲黄榆", "景泰", "永定门外", "北京南站" }),
			new Line(MTR, TravelMode.METRO, "16号线", "L16", new String[] { "北安河", "温阳路", "稻香湖路", "屯佃", "永丰", "永丰南",
					"西北旺", "马连洼", "农大南路", "西苑", "万泉河桥", "苏州街", "苏州桥", "万寿寺", "国家图书馆" }));

	static final List<Line> BUS_LINES = List.of(
			new Line(BUS, TravelMode.BUS, "916快", "B916",
					new String[] { "东直门枢纽", "三元桥", "望京花园", "顺义城区", "怀柔城区", "怀柔北大街", "雁栖湖", "中国科学院大学" }),
			new Line(BUS, TravelMode.BUS, "运通110", "Y110",
					new String[] { "中关村南", "海淀黄庄", "北京大学西门", "颐和园", "玉泉路口西", "五棵松桥东" }),
			new Line(BUS, TravelMode.BUS, "319路", "B319",
					new String[] { "玉泉路口西", "中国科学院大学玉泉路校区", "田村", "五路居", "西苑", "中关村一街" }),
			new Line(BUS, TravelMode.BUS, "特8", "T008", new String[] { "奥林匹克公园", "北辰桥", "安贞桥", "中关村东", "北京科技大学" }),
			new Line(BUS, TravelMode.BUS, "快速直达专线41", "K041",
					new String[] { "奥林匹克公园东", "中关村一街", "中国科学院大学", "上地", "西二旗" }));

	private Network() {
	}

	static Line metroLine(SplittableRandom random) {
		return METRO_LINES.get(random.nextInt(METRO_LINES.size()));
	}

	static Line busLine(SplittableRandom random) {
		return BUS_LINES.get(random.nextInt(BUS_LINES.size()));
	}

	/**
	 * A line of the network.
	 *
	 * @param operator the operator whose files its taps go to
	 * @param mode metro or bus
	 * @param name the line as operators name it in the {@code line} column
	 * @param code a short code used in device ids
	 * @param stations its stations or stops
	 */
	record Line(String operator, TravelMode mode, String name, String code, String[] stations) {

		String device(int station, int gate) {
			return this.operator + "-" + this.code + "-" + Rng.pad(station, 2) + "-" + Rng.pad(gate, 2);
		}

	}

}
