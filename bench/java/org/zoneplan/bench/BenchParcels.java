package org.zoneplan.bench;

import java.util.List;
import org.zoneplan.parcels.Parcel;

/**
 * Where the benchmark's parcels come from. {@link GridParcels} until the sample parcel generator
 * ({@code org.zoneplan.sample.ParcelGenerator}) is on this branch; then an implementation that
 * calls it replaces this one line in {@link ExportBenchmark}.
 */
interface BenchParcels {
  /** {@code count} parcels in EPSG:4490 with their ellipsoidal areas, ids unset. */
  List<Parcel> generate(int count);
}
