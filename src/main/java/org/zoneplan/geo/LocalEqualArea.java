package org.zoneplan.geo;

/**
 * Lambert azimuthal equal-area projection of an ellipsoid (Snyder, <i>Map Projections: A Working
 * Manual</i>, 1987, eqs. 3-12, 24-16 to 24-19): latitudes go to authalic latitudes β on the sphere
 * of equal surface (radius R<sub>q</sub>), which is projected azimuthally about the centre and
 * scaled by D and 1/D so that the scale is true in every direction at the centre. Every region
 * keeps its area exactly; near the centre shapes are nearly kept too, so geodesics of a few tens of
 * metres are straight to far below a micrometre.
 *
 * <p>Used by {@link EllipsoidalArea} for small rings; coordinates are metres east and north of the
 * centre. The northing is formed as sin(β − β₀) + 2·sin β₀·cos β·sin²(Δλ/2), which equals Snyder's
 * cos β₀ sin β − sin β₀ cos β cos Δλ, and β − β₀ is found from q(φ) − q(φ₀) in closed form, so that
 * nothing subtracts nearly equal numbers (β itself carries an error of 1e-16 rad, 1e-9 m: too much
 * for a 10 m parcel at 1e-10). Immutable.
 */
final class LocalEqualArea {
  /**
   * What depends on the ellipsoid alone (e, e², q at the pole, R<sub>q</sub>), computed once per
   * ellipsoid rather than for every ring.
   */
  record Ellipsoid(double a, double e, double e2, double qp, double rq) {
    static Ellipsoid of(double a, double f) {
      double e2 = f * (2 - f);
      double e = Math.sqrt(e2);
      double qp = (1 - e2) * (1 / (1 - e2) + atanh(e) / e);
      return new Ellipsoid(a, e, e2, qp, a * Math.sqrt(qp / 2));
    }
  }

  private final double e;
  private final double e2;
  private final double qp;
  private final double lon0;
  private final double lat0;
  private final double phi0;
  private final double sinPhi0;
  private final double w0;
  private final double beta0;
  private final double sinBeta0;
  private final double cosBeta0;
  private final double rq;
  private final double d;

  /**
   * @param lon0 centre longitude, degrees
   * @param lat0 centre latitude, degrees
   */
  LocalEqualArea(Ellipsoid ellipsoid, double lon0, double lat0) {
    e2 = ellipsoid.e2();
    e = ellipsoid.e();
    qp = ellipsoid.qp();
    rq = ellipsoid.rq();
    this.lon0 = lon0;
    this.lat0 = lat0;
    phi0 = Math.toRadians(lat0);
    sinPhi0 = Math.sin(phi0);
    w0 = 1 - e2 * sinPhi0 * sinPhi0;
    double q0 = (1 - e2) * (sinPhi0 / w0 + atanh(e * sinPhi0) / e);
    beta0 = Math.asin(q0 / qp);
    sinBeta0 = Math.sin(beta0);
    cosBeta0 = Math.cos(beta0);
    d = ellipsoid.a() * Math.cos(phi0) / Math.sqrt(w0) / (rq * cosBeta0);
  }

  private static double atanh(double x) {
    return 0.5 * Math.log1p(2 * x / (1 - x));
  }

  /** Projects (longitude, latitude) in degrees into {@code out} = {easting, northing}, metres. */
  void project(double lon, double lat, double[] out) {
    project(lon, 0, lat, out);
  }

  /**
   * Projects the point at longitude {@code lon + dLon}, kept as two parts so that a small {@code
   * dLon} keeps its digits.
   */
  void project(double lon, double dLon, double lat, double[] out) {
    double dLambda = Math.toRadians((lon - lon0) + dLon);
    // q(φ) − q(φ₀) and sin β − sin β₀ as differences in closed form (no subtraction of nearly
    // equal numbers): with s = sin φ, q = (1 − e²)(s / (1 − e²s²) + atanh(e s) / e), so
    // q − q₀ = (1 − e²)(Δs (1 + e² s s₀) / (w w₀) + atanh(e Δs / (1 − e² s s₀)) / e).
    double phi = Math.toRadians(lat);
    double s = Math.sin(phi);
    double ds = 2 * Math.cos((phi + phi0) / 2) * Math.sin(Math.toRadians(lat - lat0) / 2);
    double w = 1 - e2 * s * s;
    double dq =
        (1 - e2)
            * (ds * (1 + e2 * s * sinPhi0) / (w * w0) + atanh(e * ds / (1 - e2 * s * sinPhi0)) / e);
    double dSinBeta = dq / qp;
    double sinBeta = sinBeta0 + dSinBeta;
    double cosBeta = Math.sqrt((1 - sinBeta) * (1 + sinBeta));
    double beta = Math.asin(sinBeta);
    double dBeta = 2 * Math.asin(dSinBeta / (2 * Math.cos((beta + beta0) / 2)));
    double cosDLambda = Math.cos(dLambda);
    double b = rq * Math.sqrt(2 / (1 + sinBeta0 * sinBeta + cosBeta0 * cosBeta * cosDLambda));
    double halfSin = Math.sin(dLambda / 2);
    out[0] = b * d * cosBeta * Math.sin(dLambda);
    out[1] = b / d * (Math.sin(dBeta) + 2 * sinBeta0 * cosBeta * halfSin * halfSin);
  }
}
