package org.zoneplan.programmes;

import java.util.List;

/**
 * A zone as a carrier of a programme. The zone stays where it is in its plan's tree; a zone may be
 * a member of several programmes.
 *
 * @param planId the zone's plan version
 * @param zoneCode the zone's code in that plan
 * @param category one of the programme's categories
 * @param status one of the programme's statuses, or null when not assessed
 * @param statusPhrase the source's words for the status (e.g. "6大重点载体基本建设完成"), or null
 * @param industries leading industries, GB/T 4754-2017 codes (大类, 中类 or 小类), at most 3; empty when
 *     the source names none
 * @param note free text, or null
 */
public record Member(
    String programmeId,
    String planId,
    String zoneCode,
    String category,
    String status,
    String statusPhrase,
    List<String> industries,
    String note) {}
