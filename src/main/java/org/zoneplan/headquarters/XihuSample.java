package org.zoneplan.headquarters;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.sample.IllustrativeLayout;

/**
 * The Xihu sample as data (Spring-free, deterministic): the platforms of "三城一谷六小镇" with where each
 * name comes from, their illustrative rectangles inside 西湖区's outline, the headquarters lists (120
 * firms and 5 projects, as published; each firm illustrative), the 2023 星级培育奖励 adding up exactly to
 * the published 1,700万元 (850万元 of it the district's), and the indicator system (6 categories, 30
 * indicators: illustrative names, none found published) with illustrative targets and values. See
 * {@code docs/xihu.md}.
 */
final class XihuSample {
  static final String DIVISION = "330106";
  static final String PLAN = "xihu-platforms";
  static final String PROGRAMME = "xihu-3c1g6t";
  static final String PROGRAMME_NAME = "西湖区\"三城一谷六小镇\"";
  static final String ILLUSTRATIVE_NOTE = "示意边界, 非真实范围 (illustrative boundary, not surveyed)";
  static final double CELL_LON = 0.02;
  static final double CELL_LAT = 0.016;

  /** Published totals (issue 14 point 8, as relayed there: the document itself was not found). */
  static final String SOURCE = "issue 14 第8点 (转述西湖区总部经济工作材料; 原文件未在检索资料中找到)";

  static final String LIST_PHRASE = "动员, 培育, 招引 — 120 firms and 5 projects";
  static final String REWARD_PHRASE = "2023: 1,700万元 of 星级培育奖励, 850万元 from the district";

  /**
   * A platform of the programme.
   *
   * @param category 城, 谷 or 小镇
   * @param nameSource where the name is found, or "未核实" when it is a placeholder
   * @param verified whether the name is found in a public source
   */
  record Platform(String code, String name, String category, String nameSource, boolean verified) {}

  static final List<Platform> PLATFORMS =
      List.of(
          new Platform(
              "XH-01",
              "紫金港科技城",
              "城",
              "o571.com 2019-04-02 (西湖区2019年全面建设紫金港科技城、之江新城); 西湖区开发区(园区)整合提升方案 2021",
              true),
          new Platform("XH-02", "之江新城", "城", "o571.com 2019-04-02 (两座新城)", true),
          new Platform("XH-03", "第三城(名称未核实)", "城", "未核实: 检索资料未给出第三城的名称", false),
          new Platform("XH-04", "西溪谷", "谷", "5sw.com 2019 (西溪谷核心区 3.1 平方公里); issue 14 brief", true),
          new Platform("XH-05", "云栖小镇", "小镇", "浙江在线 2018 (第二批省级特色小镇命名: 西湖云栖小镇)", true),
          new Platform("XH-06", "龙坞茶镇", "小镇", "浙江在线 2017-10-27 (龙坞茶镇)", true),
          new Platform("XH-07", "艺创小镇", "小镇", "浙江在线 2017-10-27 (之江板块的艺创小镇)", true),
          new Platform("XH-08", "紫金众创小镇", "小镇", "5sw.com 2019 (省级特色小镇创建对象考核)", true),
          new Platform("XH-09", "云谷小镇", "小镇", "5sw.com 2019 (省级特色小镇培育对象: 云谷小镇)", true),
          new Platform("XH-10", "第六小镇(名称未核实)", "小镇", "未核实: 检索资料未给出第六个小镇的名称", false));

  /** 西湖区's towns and streets (2 镇, 10 街道, as of 2024). */
  static final List<String> TOWNS =
      List.of(
          "北山街道", "西溪街道", "灵隐街道", "翠苑街道", "文新街道", "古荡街道", "转塘街道", "留下街道", "蒋村街道", "西湖街道", "三墩镇",
          "双浦镇");

  /** Category code, name, lead department, then five indicators: name, unit, better, reviews. */
  static final Object[][] SYSTEM = {
    {
      "C1",
      "外贸稳量提质",
      "区商务局",
      new String[][] {
        {"货物进出口总额", "亿元", "HIGHER", "WEEKLY,MONTHLY,QUARTERLY,YEARLY"},
        {"出口额", "亿元", "HIGHER", "MONTHLY,QUARTERLY,YEARLY"},
        {"服务贸易额", "亿元", "HIGHER", "QUARTERLY,YEARLY"},
        {"数字贸易额", "亿元", "HIGHER", "QUARTERLY,YEARLY"},
        {"跨境电商交易额", "亿元", "HIGHER", "MONTHLY,QUARTERLY,YEARLY"}
      }
    },
    {
      "C2",
      "外资招引提质",
      "区投资促进局",
      new String[][] {
        {"实际使用外资", "亿美元", "HIGHER", "WEEKLY,MONTHLY,QUARTERLY,YEARLY"},
        {"新设外资企业数", "家", "HIGHER", "MONTHLY,QUARTERLY,YEARLY"},
        {"世界500强投资项目数", "个", "HIGHER", "QUARTERLY,YEARLY"},
        {"外资总部企业认定数", "家", "HIGHER", "YEARLY"},
        {"外资项目到资率", "%", "HIGHER", "QUARTERLY,YEARLY"}
      }
    },
    {
      "C3",
      "企业走出去(地瓜经济)",
      "区商务局",
      new String[][] {
        {"境外投资备案额", "亿美元", "HIGHER", "MONTHLY,QUARTERLY,YEARLY"},
        {"境外投资企业数", "家", "HIGHER", "QUARTERLY,YEARLY"},
        {"境外经贸合作项目数", "个", "HIGHER", "QUARTERLY,YEARLY"},
        {"对外承包工程营业额", "亿美元", "HIGHER", "QUARTERLY,YEARLY"},
        {"出口信用保险覆盖率", "%", "HIGHER", "QUARTERLY,YEARLY"}
      }
    },
    {
      "C4",
      "总部经济",
      "区发改经信局",
      new String[][] {
        {"新认定总部企业数", "家", "HIGHER", "QUARTERLY,YEARLY"},
        {"星级总部企业数", "家", "HIGHER", "YEARLY"},
        {"总部企业税收", "亿元", "HIGHER", "MONTHLY,QUARTERLY,YEARLY"},
        {"招引总部项目数", "个", "HIGHER", "WEEKLY,MONTHLY,QUARTERLY,YEARLY"},
        {"总部企业外迁数", "家", "LOWER", "MONTHLY,QUARTERLY,YEARLY"}
      }
    },
    {
      "C5",
      "开放平台与科创飞地",
      "区科技局",
      new String[][] {
        {"科创飞地入驻企业数", "家", "HIGHER", "QUARTERLY,YEARLY"},
        {"国际合作园区数", "个", "HIGHER", "YEARLY"},
        {"外籍人才引进数", "人", "HIGHER", "QUARTERLY,YEARLY"},
        {"国际性会议展会场次", "场", "HIGHER", "QUARTERLY,YEARLY"},
        {"国际科技合作项目数", "个", "HIGHER", "QUARTERLY,YEARLY"}
      }
    },
    {
      "C6",
      "开放型营商环境",
      "区市场监管局",
      new String[][] {
        {"涉外企业开办时间", "天", "LOWER", "MONTHLY,QUARTERLY,YEARLY"},
        {"涉外企业诉求办结率", "%", "HIGHER", "MONTHLY,QUARTERLY,YEARLY"},
        {"进出口通关时间压缩率", "%", "HIGHER", "QUARTERLY,YEARLY"},
        {"涉外法律服务机构数", "个", "HIGHER", "YEARLY"},
        {"外资企业满意度", "分", "HIGHER", "YEARLY"}
      }
    }
  };

  /** Base targets per indicator (in order), before a unit's scale. */
  private static final double[] BASE_TARGET = {
    40, 25, 8, 6, 5, 0.8, 12, 1, 2, 90, 1.5, 6, 3, 1.2, 60, 3, 8, 5, 3, 2, 15, 1, 20, 4, 3, 3, 95,
    30, 2, 90
  };

  static final List<OpenReview> REVIEWS =
      List.of(
          new OpenReview("WEEKLY", "周例会", "MONTH", "每周例会看当月累计进度 (weekly: the month so far)"),
          new OpenReview("MONTHLY", "月调度", "MONTH", "每月调度 (monthly)"),
          new OpenReview("QUARTERLY", "季分析", "QUARTER", "每季分析 (quarterly)"),
          new OpenReview("YEARLY", "年总结", "YEAR", "年度总结 (yearly)"));

  /** 分级约谈 thresholds: illustrative, none published. */
  static final List<TalkGrade> GRADES =
      List.of(
          new TalkGrade(1, "一级约谈", "区政府主要领导约谈", new BigDecimal("0.6"), true),
          new TalkGrade(2, "二级约谈", "区政府分管领导约谈", new BigDecimal("0.8"), true),
          new TalkGrade(3, "三级约谈", "牵头部门主要负责人约谈", new BigDecimal("0.9"), true),
          new TalkGrade(4, "通报提醒", "书面通报提醒", new BigDecimal("1"), true));

  static final List<String> PERIODS = List.of("2024", "2025-Q1");

  private XihuSample() {}

  static List<OpenIndicator> indicators() {
    List<OpenIndicator> out = new ArrayList<>();
    int n = 0;
    for (Object[] c : SYSTEM) {
      for (String[] i : (String[][]) c[3]) {
        n++;
        out.add(
            new OpenIndicator(
                String.format("K%02d", n),
                (String) c[0],
                i[0],
                i[1],
                OpenIndicator.Better.valueOf(i[2]),
                (String) c[2],
                List.of(i[3].split(",")),
                true));
      }
    }
    return out;
  }

  static List<OpenUnit> units() {
    List<OpenUnit> out = new ArrayList<>();
    for (int i = 0; i < TOWNS.size(); i++) {
      out.add(
          new OpenUnit(
              String.format("T%02d", i + 1), TOWNS.get(i), OpenUnit.TOWN, DIVISION, null, null));
    }
    for (int i = 0; i < PLATFORMS.size(); i++) {
      Platform p = PLATFORMS.get(i);
      out.add(
          new OpenUnit(
              String.format("P%02d", i + 1),
              p.name(),
              OpenUnit.PLATFORM,
              DIVISION,
              PLAN,
              p.code()));
    }
    return out;
  }

  /**
   * Illustrative targets and values: about three in four (unit, indicator) pairs per period; the
   * target scaled by the unit, the value 55–130 % of it (for LOWER indicators the inverse).
   */
  static List<OpenValue> values() {
    List<OpenIndicator> indicators = indicators();
    List<OpenUnit> units = units();
    List<OpenValue> out = new ArrayList<>();
    Random random = new Random(20_250_401L);
    for (String period : PERIODS) {
      double part = period.contains("-Q") ? 0.25 : 1.0;
      for (int u = 0; u < units.size(); u++) {
        for (int k = 0; k < indicators.size(); k++) {
          double factor = 0.55 + random.nextDouble() * 0.75;
          if (random.nextInt(4) == 0) {
            continue;
          }
          OpenIndicator ind = indicators.get(k);
          boolean rate = ind.unit().equals("%") || ind.unit().equals("分") || ind.unit().equals("天");
          double target = BASE_TARGET[k] * (rate ? 1 : part * (0.6 + 0.1 * (u % 7)));
          double actual =
              ind.better() == OpenIndicator.Better.HIGHER ? target * factor : target / factor;
          out.add(
              new OpenValue(
                  ind.code(), units.get(u).code(), period, round(target), round(actual), true));
        }
      }
    }
    return out;
  }

  private static BigDecimal round(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * Illustrative rectangles inside the outline, one per platform and then {@code extra} more (the
   * enclave), each inside its own grid cell (so none overlaps another), taken evenly through the
   * cells that lie wholly inside the outline.
   */
  static List<Polygon> layout(MultiPolygon outline, int n) {
    return IllustrativeLayout.rectangles(outline, n, CELL_LON, CELL_LAT, 0.15, "西湖区 shapes");
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /** A point strictly inside the rectangle, deterministic per {@code random}. */
  static Point pointIn(Polygon rect, Random random) {
    Envelope e = rect.getEnvelopeInternal();
    double x = e.getMinX() + e.getWidth() * (0.1 + 0.8 * random.nextDouble());
    double y = e.getMinY() + e.getHeight() * (0.1 + 0.8 * random.nextDouble());
    return Cgcs2000.GEOMETRY_FACTORY.createPoint(new Coordinate(round6(x), round6(y)));
  }

  /** A list's kind, id, name, firms, projects. */
  record ListSpec(String id, String kind, String name, int firms, int projects, String note) {}

  /**
   * The published 120 firms and 5 projects split over the three lists: the split is illustrative
   * (not published).
   */
  static final List<ListSpec> LISTS =
      List.of(
          new ListSpec(
              "xihu-hq-mobilise", "动员", "总部企业动员名单", 40, 0, "名单划分为示意 (the split is illustrative)"),
          new ListSpec(
              "xihu-hq-cultivate", "培育", "总部企业培育名单", 50, 0, "名单划分为示意 (the split is illustrative)"),
          new ListSpec(
              "xihu-hq-attract", "招引", "总部企业招引名单", 30, 5, "名单划分为示意 (the split is illustrative)"));

  /**
   * The 2023 星级培育奖励 per star level of the 培育 list (万元 per firm: total, district part), and how many
   * firms hold each level: 5×80 + 10×50 + 15×30 + 10×20 + 10×15 = 1,700, half of each the
   * district's (850). Amounts per star are illustrative; the totals are the published ones.
   */
  static final int[][] CULTIVATE_STARS = {{5, 5}, {4, 10}, {3, 15}, {2, 10}, {1, 10}};

  static BigDecimal rewardWan(int star) {
    return switch (star) {
      case 5 -> new BigDecimal("80");
      case 4 -> new BigDecimal("50");
      case 3 -> new BigDecimal("30");
      case 2 -> new BigDecimal("20");
      default -> new BigDecimal("15");
    };
  }
}
