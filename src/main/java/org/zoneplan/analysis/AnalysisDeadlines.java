package org.zoneplan.analysis;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.zoneplan.system.Deadline;
import org.zoneplan.system.LimitsProperties;

/**
 * Every request handled by a controller of this package (and of {@code indicators}) runs under a
 * {@link Deadline} of {@code zoneplan.limits.analysis-timeout} (default 30 s): the engine's loops
 * check it, and a request past it is answered 503 (problem {@code analysis-timeout}) and its work
 * abandoned. Set here, around the handler, so that the analysis services need not know about it.
 */
@Configuration(proxyBeanMethods = false)
class AnalysisDeadlines implements WebMvcConfigurer {
  static final String PROPERTY = "zoneplan.limits.analysis-timeout";

  /** The packages whose controllers run under the deadline: this one and the yearly indicators. */
  static final java.util.Set<String> PACKAGES =
      java.util.Set.of(AnalysisDeadlines.class.getPackageName(), "org.zoneplan.indicators");

  private final LimitsProperties limits;

  AnalysisDeadlines(LimitsProperties limits) {
    this.limits = limits;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(
        new HandlerInterceptor() {
          @Override
          public boolean preHandle(
              HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (handler instanceof HandlerMethod method
                && PACKAGES.contains(method.getBeanType().getPackageName())) {
              Deadline.start(limits.analysisTimeout(), PROPERTY);
            }
            return true;
          }

          @Override
          public void afterCompletion(
              HttpServletRequest request,
              HttpServletResponse response,
              Object handler,
              Exception ex) {
            Deadline.clear();
          }
        });
  }
}
