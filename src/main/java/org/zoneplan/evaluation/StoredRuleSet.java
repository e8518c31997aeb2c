package org.zoneplan.evaluation;

import java.time.OffsetDateTime;

/** One stored version of a rule set: the row of {@code evaluation_rule_set}. */
public record StoredRuleSet(
    long id,
    String divisionCode,
    int year,
    int version,
    String name,
    String json,
    String createdBy,
    OffsetDateTime createdAt) {}
