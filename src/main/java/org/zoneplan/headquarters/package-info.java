/**
 * Xihu's (西湖区) headquarters economy and its open-economy indicator system (issue 14 point 8):
 * enterprise lists (动员, 培育, 招引) with each firm's star level, location and yearly rewards beside the
 * published totals; the 一号开放工程 indicators (categories, lead departments, which way is better,
 * review cadences) with targets and values per town/street (镇街) and platform, and the ranking of
 * those lagging their targets graded for 分级约谈 ({@link org.zoneplan.headquarters.LaggingRanking},
 * Spring-free). Sample: {@link org.zoneplan.headquarters.XihuSampleLoader}. Format in {@code
 * docs/xihu.md}.
 */
package org.zoneplan.headquarters;
