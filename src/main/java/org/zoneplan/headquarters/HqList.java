package org.zoneplan.headquarters;

/**
 * An enterprise list of a district's headquarters economy.
 *
 * @param kind 动员 (mobilise: firms asked to set up or upgrade headquarters), 培育 (cultivate: rated by
 *     stars and rewarded), 招引 (attract: firms and projects being brought in)
 */
public record HqList(String id, String divisionCode, String kind, String name, String note) {}
