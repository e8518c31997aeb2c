package org.zoneplan.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic credentials for test clients. {@link #ADMIN} exists on every test server: as a demo
 * account on the embedded store, and as the first admin on PostGIS (the test configuration sets
 * {@code zoneplan.security.initial-admin-password=demo}).
 */
public record Credentials(String username, String password) {
  public static final String DEMO_PASSWORD = "demo";
  public static final Credentials ADMIN = new Credentials("admin", DEMO_PASSWORD);

  /** The value of an {@code Authorization} header. */
  public String header() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code user:password}, as curl and GDAL ({@code GDAL_HTTP_USERPWD}) take it. */
  public String userPassword() {
    return username + ":" + password;
  }
}
