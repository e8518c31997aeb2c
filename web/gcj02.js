// GCJ-02 ("Mars coordinates") display shift, for basemaps served in GCJ-02 (AMap/Gaode).
// Written here because no webjar carries it; it is the widely published public formula.
// zoneplan stores CGCS2000 (≈ WGS84 at map scale) only: this shifts the *display* so that
// CGCS2000 data lies right on a GCJ-02 basemap, and a drawn vertex is shifted back before
// anything is sent to the server (the map CRS below does both ways).
'use strict';

const Gcj02 = (() => {
  const A = 6378245.0;
  const EE = 0.00669342162296594323;

  function outOfChina(lng, lat) { return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271; }

  function dLat(x, y) {
    let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
    r += (20 * Math.sin(y * Math.PI) + 40 * Math.sin(y / 3 * Math.PI)) * 2 / 3;
    r += (160 * Math.sin(y / 12 * Math.PI) + 320 * Math.sin(y * Math.PI / 30)) * 2 / 3;
    return r;
  }

  function dLng(x, y) {
    let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
    r += (20 * Math.sin(x * Math.PI) + 40 * Math.sin(x / 3 * Math.PI)) * 2 / 3;
    r += (150 * Math.sin(x / 12 * Math.PI) + 300 * Math.sin(x / 30 * Math.PI)) * 2 / 3;
    return r;
  }

  /** WGS84/CGCS2000 → GCJ-02. */
  function toGcj(latlng) {
    if (outOfChina(latlng.lng, latlng.lat)) return L.latLng(latlng.lat, latlng.lng);
    const radLat = latlng.lat / 180 * Math.PI;
    let magic = Math.sin(radLat);
    magic = 1 - EE * magic * magic;
    const sqrtMagic = Math.sqrt(magic);
    const lat = dLat(latlng.lng - 105, latlng.lat - 35) * 180 / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
    const lng = dLng(latlng.lng - 105, latlng.lat - 35) * 180 / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
    return L.latLng(latlng.lat + lat, latlng.lng + lng);
  }

  /** GCJ-02 → WGS84/CGCS2000, by fixed-point iteration (better than 1e-7° after a few steps). */
  function fromGcj(latlng) {
    let lat = latlng.lat;
    let lng = latlng.lng;
    for (let i = 0; i < 5; i++) {
      const shifted = toGcj(L.latLng(lat, lng));
      lat -= shifted.lat - latlng.lat;
      lng -= shifted.lng - latlng.lng;
    }
    return L.latLng(lat, lng);
  }

  const mercator = L.Projection.SphericalMercator;
  /** Web Mercator whose projection applies the shift: overlays in CGCS2000 land on GCJ-02 tiles. */
  const crs = L.extend({}, L.CRS.EPSG3857, {
    code: 'GCJ02',
    projection: {
      R: mercator.R,
      bounds: mercator.bounds,
      project: latlng => mercator.project(toGcj(latlng)),
      unproject: point => fromGcj(mercator.unproject(point)),
    },
  });

  return { toGcj, fromGcj, crs };
})();
