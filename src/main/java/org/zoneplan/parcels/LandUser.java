package org.zoneplan.parcels;

/**
 * An enterprise using a parcel, read from {@code enterprise_land} and {@code enterprise}.
 *
 * @param creditCode 统一社会信用代码
 * @param name 企业名称
 * @param role {@code OWNER} (权属) or {@code TENANT} (租用)
 * @param share the part of the parcel it uses, 0 &lt; share ≤ 1
 */
public record LandUser(String creditCode, String name, String role, double share) {}
