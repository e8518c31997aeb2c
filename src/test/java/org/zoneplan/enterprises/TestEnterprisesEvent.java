package org.zoneplan.enterprises;

/** An event of the enterprises package, as its writers publish them (tests only). */
public record TestEnterprisesEvent(String what) {}
