package org.zoneplan.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the sample rule sets shipped under {@code evaluation/} (黄岩 2023; 淮安 2024 with illustrative
 * benchmarks) when the store holds no rule set yet, as version 1 by {@code system}, in one
 * transaction; like the sample data, only when {@code zoneplan.sample-data.enabled}.
 */
@Component
@SampleDataEnabled
class EvaluationSampleLoader implements SmartInitializingSingleton {
  static final List<String> SAMPLES = List.of("huangyan-2023.json", "huaian-2024.json");
  private static final Logger log = LoggerFactory.getLogger(EvaluationSampleLoader.class);

  private final ResourceLoader resources;
  private final RuleSetRepository repository;
  private final RuleSetService service;
  private final TransactionTemplate transaction;
  private final JsonMapper json;

  EvaluationSampleLoader(
      ResourceLoader resources,
      RuleSetRepository repository,
      RuleSetService service,
      TransactionTemplate transaction,
      JsonMapper json) {
    this.resources = resources;
    this.repository = repository;
    this.service = service;
    this.transaction = transaction;
    this.json = json;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!repository.isEmpty()) {
      return;
    }
    Actors.runAs(
        Actors.SYSTEM,
        () ->
            transaction.executeWithoutResult(
                status -> SAMPLES.forEach(name -> service.create(read(name)))));
    log.info("Loaded sample evaluation rule sets: {}", SAMPLES);
  }

  private JsonNode read(String name) {
    Resource resource = resources.getResource("classpath:evaluation/" + name);
    try (InputStream in = resource.getInputStream()) {
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample rule set evaluation/" + name, e);
    }
  }
}
