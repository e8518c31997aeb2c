package org.zoneplan.bench;

import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.zoneplan.parcels.Parcel;

/**
 * A source of many parcels for benchmarks. {@link GridCounty} is the stand-in until the sample
 * parcel generator ({@code org.zoneplan.sample.ParcelGenerator}) is merged; swap it in here.
 */
interface SyntheticCounty {
  /** Short description printed with the figures. */
  String description();

  /** Bounding box of all parcels, EPSG:4490. */
  Envelope extent();

  /** Hands every parcel (id 0, area computed) to {@code sink}, deterministically. */
  void generate(Consumer<Parcel> sink);
}
