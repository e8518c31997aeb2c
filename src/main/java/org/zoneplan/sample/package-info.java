/**
 * Sample data: the Pujiang plan versions from {@code data/shapefiles} and generated, illustrative
 * parcels and enterprises (Spring-free, deterministic generators), loaded on the first start of an
 * empty store.
 */
package org.zoneplan.sample;
