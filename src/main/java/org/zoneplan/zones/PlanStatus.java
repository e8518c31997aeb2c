package org.zoneplan.zones;

/** Life cycle of a plan version. */
public enum PlanStatus {
  DRAFT,
  APPROVED,
  SUPERSEDED
}
