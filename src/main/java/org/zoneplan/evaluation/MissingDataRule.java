package org.zoneplan.evaluation;

/** What an item scores when the firm lacks a figure it needs. */
public enum MissingDataRule {
  /** The item scores 0. */
  ZERO,
  /**
   * The item scores the average of that item's scores over the firms of the same population that
   * have the figure (not exempt); 0 when none has it. 黄岩 2023: a firm without emissions data.
   */
  POPULATION_AVERAGE
}
