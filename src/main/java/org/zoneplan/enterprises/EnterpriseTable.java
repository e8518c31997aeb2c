package org.zoneplan.enterprises;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tables that are imported and exported (one sheet or CSV file each), their columns and the
 * header names each column is recognised by: the Chinese header written on export first, then the
 * names officials' sheets use, the API's own key and the field names of the shapefile import.
 * Headers are compared after Unicode NFKC (full-width brackets and digits become ASCII, ㎡ and m²
 * become m2), without spaces and case.
 */
public enum EnterpriseTable {
  ENTERPRISES(
      "enterprises",
      "企业",
      List.of(
          col("creditCode", "统一社会信用代码", "信用代码", "社会信用代码", "TYSHXYDM", "CREDITCODE", "credit_code"),
          col("name", "企业名称", "名称", "单位名称", "单位详细名称", "QYMC", "ENTERPRISE"),
          col("industryCode", "行业代码", "行业小类代码", "国民经济行业代码", "行业分类代码", "所属行业代码", "HYDM"),
          col("sizeClass", "规模", "企业规模", "规上规下", "是否规上", "规模类别"),
          col("foundedYear", "成立年份", "成立年度", "成立时间"),
          col("closedYear", "关闭年份", "注销年份", "关停年份"))),
  SUPPLY(
      "supply",
      "供地",
      List.of(
          col("parcelId", "地块编号", "地块ID", "地块id", "parcel_id", "DKID"),
          col("supplyDate", "供地日期", "供地时间"),
          col("supplyMethod", "供地方式"),
          col("supplied", "供地状态", "是否已供"),
          col("built", "建成", "是否建成"),
          col("completionDate", "竣工日期", "竣工时间"),
          col("floorAreaM2", "建筑面积(m²)", "建筑面积(平方米)", "建筑面积"),
          col("footprintM2", "建筑基底面积(m²)", "建筑基底面积(平方米)", "建筑基底面积", "基底面积"),
          col("idle", "闲置", "是否闲置"),
          col("idleSince", "闲置日期", "认定闲置日期"))),
  LAND(
      "land",
      "用地",
      List.of(
          col("creditCode", "统一社会信用代码", "信用代码", "社会信用代码", "TYSHXYDM", "CREDITCODE", "credit_code"),
          col("parcelId", "地块编号", "地块ID", "地块id", "parcel_id", "DKID"),
          col("role", "用地方式", "自有/租用", "权属", "角色"),
          col("share", "用地份额", "份额", "占比", "使用比例"))),
  STATISTICS(
      "statistics",
      "年度统计",
      List.of(
          col("creditCode", "统一社会信用代码", "信用代码", "社会信用代码", "TYSHXYDM", "CREDITCODE", "credit_code"),
          col("name", "企业名称", "名称", "单位名称", "单位详细名称", "QYMC", "ENTERPRISE"),
          col("year", "年度", "年份", "统计年度"),
          col(
              "taxWan",
              "税收(万元)",
              "评价税收(万元)",
              "税收",
              "评价税收",
              "实缴税金(万元)",
              "税收总额(万元)",
              "TAX_WAN",
              "SSZE"),
          col("valueAddedWan", "工业增加值(万元)", "增加值(万元)", "工业增加值", "VALUE_ADDED", "ZJZ"),
          col("revenueWan", "营业收入(万元)", "主营业务收入(万元)", "营业收入", "主营业务收入", "销售收入(万元)"),
          col("energyTce", "综合能耗(吨标准煤)", "综合能耗(吨标煤)", "能耗(吨标准煤)", "能耗(吨标煤)", "综合能耗"),
          col("emissionsTonnes", "主要污染物排放(吨)", "污染物排放(吨)", "排放量(吨)", "主要污染物排放量(吨)", "主要污染物排放"),
          col("rndWan", "R&D经费(万元)", "研发经费(万元)", "R&D经费支出(万元)", "研发投入(万元)", "R&D经费"),
          col("employees", "年平均职工人数", "职工人数", "年平均从业人员", "从业人员", "年平均从业人员数", "EMPLOYEES"),
          col("electricityWanKwh", "用电量(万kWh)", "用电量(万千瓦时)", "用电量(万度)", "用电量"),
          col("investmentWan", "固定资产投资(万元)", "固投(万元)", "固定资产投资"))),
  ZONE_STATISTICS(
      "zone-statistics",
      "园区统计",
      List.of(
          col("plan", "规划版本", "规划", "planId"),
          col("zoneCode", "园区代码", "开发区代码", "园区编码", "开发区编码"),
          col("year", "年度", "年份", "统计年度"),
          col("indicator", "指标", "指标代码"),
          col("value", "数值", "值", "指标值"),
          col("unit", "单位"),
          col("source", "来源", "数据来源")));

  /** A column: its key (the API's name), the header written on export, and the other names read. */
  public record Column(String key, String header, List<String> names) {}

  private final String key;
  private final String nameZh;
  private final List<Column> columns;

  EnterpriseTable(String key, String nameZh, List<Column> columns) {
    this.key = key;
    this.nameZh = nameZh;
    this.columns = columns;
  }

  private static Column col(String key, String header, String... aliases) {
    List<String> names = new ArrayList<>();
    names.add(normalise(header));
    names.add(normalise(key));
    for (String a : aliases) {
      names.add(normalise(a));
    }
    return new Column(key, header, List.copyOf(names));
  }

  public String key() {
    return key;
  }

  /** The sheet name on export, and a name the import recognises. */
  public String nameZh() {
    return nameZh;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> headers() {
    return columns.stream().map(Column::header).toList();
  }

  /** The column a header names, if any. */
  public Optional<Column> column(String header) {
    String h = normalise(header);
    return columns.stream().filter(c -> c.names().contains(h)).findFirst();
  }

  /** The table a parameter or sheet name means: its key, its Chinese name, any case. */
  public static Optional<EnterpriseTable> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = normalise(name);
    for (EnterpriseTable t : values()) {
      if (n.equals(normalise(t.key))
          || n.equals(normalise(t.nameZh))
          || n.equals(normalise(t.name()))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** NFKC, no whitespace, lower case. */
  static String normalise(String header) {
    return Normalizer.normalize(header, Normalizer.Form.NFKC)
        .replaceAll("\\s+", "")
        .replace("（", "(")
        .replace("）", ")")
        .toLowerCase(Locale.ROOT);
  }
}
