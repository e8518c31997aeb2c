package org.zoneplan.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.zoneplan.geo.GeometryLimits;

/** The configured {@link GeometryLimits} as a bean, and the request body limit filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {
  @Bean
  GeometryLimits geometryLimits(LimitsProperties limits) {
    return limits.geometry();
  }

  /** Before Spring Security, so that an oversized body is refused before anything reads it. */
  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(LimitsProperties limits) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
