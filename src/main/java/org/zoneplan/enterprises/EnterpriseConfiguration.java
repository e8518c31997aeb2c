package org.zoneplan.enterprises;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link EnterpriseProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnterpriseProperties.class)
class EnterpriseConfiguration {}
