package org.zoneplan.headquarters;

import java.math.BigDecimal;

/**
 * A grade of 分级约谈 (graded talks with lagging towns and platforms): a lagging unit whose completion
 * ratio is below {@code belowRatio} takes this grade, unless an earlier one (lower position)
 * already applies.
 *
 * @param grade e.g. 一级约谈
 * @param action who talks to whom, e.g. 区主要领导约谈
 * @param illustrative the thresholds are made up (none published)
 */
public record TalkGrade(
    int position, String grade, String action, BigDecimal belowRatio, boolean illustrative) {}
