package org.zoneplan.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * A bean that loads sample data: present only while {@code zoneplan.sample-data.enabled} is true
 * (the default), so that a production store never receives illustrative data. The one place that
 * names the property for the loaders.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(
    name = "zoneplan.sample-data.enabled",
    havingValue = "true",
    matchIfMissing = true)
public @interface SampleDataEnabled {}
