package org.zoneplan.quota;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One line of the land-quota ledger (新增建设用地指标台账). Never changed once written.
 *
 * @param body the body the quota belongs to (a managing body's name such as 高新区(滨江), or a division
 *     code)
 * @param year the quota's year
 * @param kind what the entry does
 * @param appliesTo the balance it moves: its own kind, or for a reversal the reversed entry's kind
 * @param areaMu the amount in 亩, positive
 * @param signedMu {@code areaMu}, negated for a reversal
 * @param projectId the project (allocations and consumptions, and their reversals), or null
 * @param parcelId the supplied parcel (consumptions and their reversals), or null
 * @param reversesId the entry a reversal undoes, or null
 * @param reason why, in the recorder's words (for sample data: the published phrase)
 * @param source where the figure comes from (a document), or null
 */
public record QuotaEntry(
    long id,
    String body,
    int year,
    QuotaKind kind,
    QuotaKind appliesTo,
    BigDecimal areaMu,
    BigDecimal signedMu,
    Long projectId,
    Long parcelId,
    Long reversesId,
    String reason,
    String source,
    String recordedBy,
    @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime recordedAt) {

  /** The kind's Chinese label, written beside its name ({@code kind}) in JSON. */
  @JsonProperty("kindName")
  public String kindName() {
    return kind.label();
  }
}
