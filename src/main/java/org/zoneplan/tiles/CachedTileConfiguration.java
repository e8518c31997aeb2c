package org.zoneplan.tiles;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link CachedTileFilter} on {@code /tiles/*}, right after Spring Security. */
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
}
