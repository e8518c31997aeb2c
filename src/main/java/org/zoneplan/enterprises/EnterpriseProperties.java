package org.zoneplan.enterprises;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the enterprise tables ({@code zoneplan.enterprises.*}). The upload size limit is
 * Spring's {@code spring.servlet.multipart.max-file-size}.
 *
 * @param maxImportRows most rows of one imported table, header included (default 1,000,000)
 */
@ConfigurationProperties("zoneplan.enterprises")
public record EnterpriseProperties(Long maxImportRows) {
  public EnterpriseProperties {
    maxImportRows = maxImportRows == null ? 1_000_000L : maxImportRows;
  }
}
