package org.zoneplan.indicators;

/** Published when targets were written; {@link IndicatorsCache} drops its results on commit. */
record TargetsChangedEvent(String planId) {}
