package org.zoneplan.zones;

import java.time.LocalDate;

/**
 * A dated, named set of zone boundaries (e.g. before and after a merger).
 *
 * @param id slug, e.g. {@code pujiang-2021}
 * @param name Chinese name
 */
public record PlanVersion(String id, String name, LocalDate date, PlanStatus status) {}
