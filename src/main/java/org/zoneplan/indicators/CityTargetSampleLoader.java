package org.zoneplan.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ResourceLoader;
import org.zoneplan.codecs.CsvTableReader;
import org.zoneplan.codecs.TableLimits;
import org.zoneplan.indicators.Indicator.Direction;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;

/**
 * Stores Hangzhou's 2025 targets for its development zones ({@code
 * indicators/hangzhou-2025-targets.csv}, the published figures and source phrases unchanged) as
 * city targets when the store holds none; like the sample data, only when {@code
 * zoneplan.sample-data.enabled}. The CSV's indicator names are mapped to zoneplan's indicators here
 * ({@link #KEYS}); the others are kept with no key. Every target reads "以上" (≥) but the one on
 * scattered land ("不再新增": at most 0 new).
 */
@org.springframework.stereotype.Component
@SampleDataEnabled
class CityTargetSampleLoader implements SmartInitializingSingleton {
  static final String RESOURCE = "classpath:indicators/hangzhou-2025-targets.csv";
  static final int YEAR = 2025;

  /** Published indicator name → zoneplan indicator (units as published match the indicator's). */
  static final Map<String, Indicator> KEYS =
      Map.of(
          "主导产业占比", Indicator.LEADING_INDUSTRY_SHARE,
          "规上企业研发经费支出占生产总值比重", Indicator.RND_SHARE,
          "平均税收", Indicator.TAX_PER_MU,
          "固定资产投资年均增长", Indicator.INVESTMENT_GROWTH,
          "工业用地集聚度", Indicator.CONCENTRATION);

  private static final Logger log = LoggerFactory.getLogger(CityTargetSampleLoader.class);

  private final ResourceLoader resources;
  private final TargetService service;

  CityTargetSampleLoader(ResourceLoader resources, TargetService service) {
    this.resources = resources;
    this.service = service;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!service.noCityTargets()) {
      return;
    }
    List<Target> targets = read();
    Actors.runAs(Actors.SYSTEM, () -> service.storeCityTargets(targets));
    log.info("Loaded {} sample city targets (Hangzhou {})", targets.size(), YEAR);
  }

  /** The shipped targets; columns indicator, target, unit, scope, source_phrase. */
  static List<Target> read(InputStream in) throws IOException {
    List<Target> out = new ArrayList<>();
    new CsvTableReader(TableLimits.DEFAULT)
        .read(
            in,
            StandardCharsets.UTF_8,
            (row, cells) -> {
              if (row == 1) {
                return; // header
              }
              String name = cells.get(0);
              Indicator key = KEYS.get(name);
              out.add(
                  new Target(
                      null,
                      null,
                      YEAR,
                      name,
                      key == null ? null : key.key(),
                      Double.parseDouble(cells.get(1)),
                      cells.get(2),
                      name.equals("零星工业用地") ? Direction.LE : Direction.GE,
                      cells.get(3),
                      cells.get(4)));
            });
    return out;
  }

  private List<Target> read() {
    try (InputStream in = resources.getResource(RESOURCE).getInputStream()) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
