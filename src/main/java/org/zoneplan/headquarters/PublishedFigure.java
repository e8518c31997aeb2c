package org.zoneplan.headquarters;

/**
 * A total as published: the value as its text (so 1700 stays 1700), unit, the source's phrase and
 * where it comes from.
 *
 * @param item e.g. {@code firms}, {@code projects}, {@code star_reward}, {@code
 *     star_reward_district}
 * @param period a year or a range, as published
 */
public record PublishedFigure(
    String divisionCode,
    String item,
    String period,
    String value,
    String unit,
    String sourcePhrase,
    String source) {}
