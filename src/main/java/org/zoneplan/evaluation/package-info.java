/**
 * The 亩均效益综合评价: rule sets as data (populations, indicators with benchmark and weight, missing-data
 * rule, exemptions, grading) and a Spring-free engine; results of the stored enterprises by
 * division and year, grade tiles and .xlsx. Owns {@code evaluation_rule_set}.
 */
package org.zoneplan.evaluation;
