package org.zoneplan.quota;

import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;

/**
 * The published quota grant of the sample data, written by {@code system} when the ledger is empty
 * (on the first start of an empty store), like the other sample data only when {@code
 * zoneplan.sample-data.enabled}: the 116 亩 of new construction land quota of 2024 granted to
 * 高新区(滨江) for the projects of the 滨富 and 滨萧 cooperation parks, with the published phrase as its
 * reason (kept as published, in traditional characters). The source gives no allocation to single
 * projects, so none is recorded.
 */
@Component
@SampleDataEnabled
class QuotaSampleLoader implements SmartInitializingSingleton {
  static final String BODY = "高新区(滨江)";
  static final int YEAR = 2024;
  static final BigDecimal AREA_MU = new BigDecimal("116");
  static final String PHRASE = "將今年下達高新區(濱江)的116畝新增建設用地指標合理分配到兩個特別合作園的具體項目中";
  static final String SOURCE =
      "滨富、滨萧特别合作园(区)工作情况 (figures to 2024-06; shared/domain/hangzhou-cooperation-parks.csv)";

  private static final Logger log = LoggerFactory.getLogger(QuotaSampleLoader.class);

  private final QuotaRepository ledger;
  private final QuotaService service;
  private final TransactionTemplate transaction;

  QuotaSampleLoader(QuotaRepository ledger, QuotaService service, TransactionTemplate transaction) {
    this.ledger = ledger;
    this.service = service;
    this.transaction = transaction;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!ledger.isEmpty()) {
      return;
    }
    Actors.runAs(
        Actors.SYSTEM,
        () ->
            transaction.executeWithoutResult(
                status ->
                    service.grant(
                        new QuotaService.Request(
                            BODY, YEAR, AREA_MU, null, null, null, PHRASE, SOURCE))));
    log.info("Loaded the sample land quota: {} 亩 for {} in {}", AREA_MU, BODY, YEAR);
  }
}
