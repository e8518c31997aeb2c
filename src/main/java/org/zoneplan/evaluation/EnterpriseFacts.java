package org.zoneplan.evaluation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the evaluation needs of one enterprise in one year: built from the store by {@link
 * EvaluationResults}, or given by the caller of the what-if evaluation.
 *
 * @param creditCode 统一社会信用代码, the key
 * @param industryCode GB/T 4754-2017 class (4 digits), or null when unknown
 * @param foundedYear year founded (投产), or null when unknown (then never exempt as new)
 * @param tenantWithoutOwnLand a tenant (租赁企业) holding no land of its own
 * @param landlordCreditCode the credit code of the owner of the land a tenant uses, or null
 * @param landMu the land it uses, 亩 (ellipsoidal area of its parcels times its shares)
 * @param figures the year's statistics in the units of {@link Figure}; a figure not present is
 *     missing data (not zero)
 */
public record EnterpriseFacts(
    String creditCode,
    String name,
    String industryCode,
    SizeClass size,
    Integer foundedYear,
    boolean tenantWithoutOwnLand,
    String landlordCreditCode,
    double landMu,
    Map<Figure, Double> figures) {

  public EnterpriseFacts {
    Objects.requireNonNull(creditCode, "creditCode");
    Objects.requireNonNull(size, "size");
    if (!(landMu >= 0) || Double.isInfinite(landMu)) {
      throw new IllegalArgumentException("landMu must be finite and 0 or more: " + landMu);
    }
    EnumMap<Figure, Double> copy = new EnumMap<>(Figure.class);
    if (figures != null) {
      figures.forEach(
          (figure, value) -> {
            if (value != null) {
              if (!Double.isFinite(value) || value < 0) {
                throw new IllegalArgumentException(
                    figure + " must be finite and 0 or more: " + value);
              }
              copy.put(figure, value);
            }
          });
    }
    figures = Collections.unmodifiableMap(copy);
  }
}
