package org.zoneplan.codecs.gis;

import java.time.Duration;

/**
 * The bounds of reading an untrusted upload (set by {@code zoneplan.exchange.*}).
 *
 * @param maxZipEntries most entries a zip may have
 * @param maxUnzippedBytes most bytes a zip may expand to
 * @param maxCompressionRatio largest uncompressed ÷ compressed size of one entry
 * @param maxTextLength most characters of one attribute value read from a GeoPackage
 * @param maxGeometryBytes most bytes of one GeoPackage geometry blob
 * @param readTimeout longest time reading a GeoPackage may take
 */
public record ReadLimits(
    int maxZipEntries,
    long maxUnzippedBytes,
    int maxCompressionRatio,
    int maxTextLength,
    long maxGeometryBytes,
    Duration readTimeout) {}
