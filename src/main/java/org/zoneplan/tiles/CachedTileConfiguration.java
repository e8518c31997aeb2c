package org.zoneplan.tiles;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.zoneplan.security.CachedBasicAccess;

/**
 * Registers {@link CachedTileFilter} on {@code /tiles/*}: in front of Spring Security and after it.
 */
@Configuration(proxyBeanMethods = false)
class CachedTileConfiguration {
  @Bean
  FilterRegistrationBean<CachedTileFilter> cachedTileFilter(TileService tiles) {
    FilterRegistrationBean<CachedTileFilter> registration =
        new FilterRegistrationBean<>(new CachedTileFilter(tiles));
    registration.addUrlPatterns("/tiles/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    // After the security filter chain (its order, -100 unless spring.security.filter.order says
    // otherwise): a request reaches the cache only once it is authenticated and authorized.
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /**
   * The same answers in front of Spring Security, for HTTP Basic reads {@link CachedBasicAccess}
   * grants without the chain; first of all filters, before the request-time metrics' ({@code
   * ServerHttpObservationFilter}, at the highest precedence + 1): it times its answers itself under
   * the same meter ({@link TileRequestTimers}).
   */
  @Bean
  FilterRegistrationBean<CachedTileFilter> cachedTileFrontFilter(
      TileService tiles, CachedBasicAccess access, MeterRegistry meters) {
    FilterRegistrationBean<CachedTileFilter> registration =
        new FilterRegistrationBean<>(
            new CachedTileFilter(tiles, access, new TileRequestTimers(meters)));
    registration.addUrlPatterns("/tiles/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
