package org.zoneplan.parcels;

import java.time.LocalDate;

/**
 * The land-supply record of a parcel (供地).
 *
 * @param supplyDate 供地日期, null when unknown (the parcel then belongs to the land of every year)
 * @param supplyMethod 供地方式 (划拨, 出让, 租赁, 作价出资, 授权经营, 其他), null when unknown
 * @param supplied 供地状态: 已供 (true) or 未供 (false)
 * @param built 建成
 * @param completionDate 竣工日期, null when not built or unknown
 * @param floorAreaM2 建筑面积 (m²), null when unknown
 * @param footprintM2 建筑基底面积 (m²), null when unknown
 * @param idle 闲置 (认定为闲置土地)
 * @param idleSince the date it was found idle, null when not idle or unknown
 */
public record ParcelSupply(
    long parcelId,
    LocalDate supplyDate,
    String supplyMethod,
    boolean supplied,
    boolean built,
    LocalDate completionDate,
    Double floorAreaM2,
    Double footprintM2,
    boolean idle,
    LocalDate idleSince) {

  /** The 供地方式 names accepted. */
  public static final java.util.List<String> METHODS =
      java.util.List.of("划拨", "出让", "租赁", "作价出资", "授权经营", "其他");

  /**
   * Whether the parcel belongs to the land of {@code year}: supplied by the end of that year, or
   * always when the supply date is unknown.
   */
  public boolean existsIn(int year) {
    return supplyDate == null || supplyDate.getYear() <= year;
  }
}
