package org.zoneplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.zoneplan.system.BasemapProperties;

class ContentSecurityPolicyTest {
  @Test
  void tileTemplatesBecomeSources() {
    assertThat(ContentSecurityPolicy.source("https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
        .isEqualTo("https://tile.openstreetmap.org");
    assertThat(ContentSecurityPolicy.source("https://{s}.tile.example.cn:8443/{z}/{x}/{y}.png"))
        .isEqualTo("https://*.tile.example.cn:8443");
    assertThat(
            ContentSecurityPolicy.source(
                "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}"))
        .isEqualTo("https://*.is.autonavi.com");
    assertThat(ContentSecurityPolicy.source("")).isNull();
    assertThat(ContentSecurityPolicy.source("tiles/{z}/{x}/{y}.png")).isNull();
    assertThat(ContentSecurityPolicy.source("https://{s}/{z}.png")).isNull();
  }

  @Test
  void policyAllowsOnlyZoneplanScriptsAndTheConfiguredBasemaps() {
    String offline = ContentSecurityPolicy.of(new BasemapProperties("", "", ""));
    assertThat(offline)
        .contains("script-src 'self';", "img-src 'self' data: blob:;", "frame-ancestors 'none'")
        .doesNotContain("unsafe-eval")
        .doesNotContain("tianditu");
    String online =
        ContentSecurityPolicy.of(
            new BasemapProperties("key", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", null));
    assertThat(online)
        .contains(
            "img-src 'self' data: blob: https://*.tianditu.gov.cn https://tile.openstreetmap.org;");
  }
}
