package org.zoneplan.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.zoneplan.system.ClientConfigPart;
import org.zoneplan.zones.ZoneRepository;

/**
 * {@code sampleData} in {@code /api/config}: whether the store holds the generated Pujiang sample
 * (its plan version {@value EnterpriseGenerator#PLAN} exists), whose enterprises, figures and dates
 * are all invented; the page shows the notice while it does.
 */
@Component
class SampleDataNotice implements ClientConfigPart {
  static final String NOTE_EN =
      "Illustrative sample data: every enterprise, figure and date is invented; zone boundaries"
          + " are drawn to the published areas, not surveyed.";
  static final String NOTE_ZH = "示例数据（虚构）：企业名称、信用代码、各项数字与日期均为生成的示例，区块边界按公布面积示意绘制，并非实测。";

  private final ZoneRepository zones;

  SampleDataNotice(ZoneRepository zones) {
    this.zones = zones;
  }

  @Override
  public String key() {
    return "sampleData";
  }

  @Override
  public Object value() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("illustrative", zones.findPlan(EnterpriseGenerator.PLAN).isPresent());
    value.put("note", NOTE_ZH);
    value.put("noteEn", NOTE_EN);
    return value;
  }
}
