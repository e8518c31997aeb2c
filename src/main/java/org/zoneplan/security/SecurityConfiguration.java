package org.zoneplan.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.zoneplan.system.BasemapProperties;

/**
 * Who may do what, in one place. Everything needs a signed-in user except the login form and the
 * page's static files. Roles (with {@link #roleHierarchy()}):
 *
 * <ul>
 *   <li>any signed-in user (VIEWER and up): maps, tiles, zones, indicators, analysis, history, the
 *       亩均 evaluation results (list, .xlsx, grade tiles), proposals (read), the OGC API (read),
 *       {@code POST /api/measure} and the what-if (they compute, they write nothing);
 *   <li>PLANNER: zone writes (API and OGC API Part 4), restore, drafting and submitting proposals,
 *       programmes and their carriers ({@code /api/programmes});
 *   <li>APPROVER: approving and rejecting proposals;
 *   <li>LAND_BUREAU: export, import, parcel writes, projects (writes, import, export) and the
 *       land-quota ledger (grants, allocations, consumptions, reversals);
 *   <li>ADMIN: users, the audit log, cooperation parks, the open-economy indicators' values ({@code
 *       PUT /api/open-indicators/values}), and every write not listed above (deny by default).
 * </ul>
 *
 * The page signs in with the login form (a session cookie; every write then needs the CSRF token,
 * which {@code /api/me} hands to the page); API clients send HTTP Basic credentials with each
 * request (no session, no CSRF token: a browser never adds them by itself, see {@link
 * SecurityProblems}).
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties(AccountProperties.class)
class SecurityConfiguration {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(Role.ADMIN.name())
        .implies(Role.PLANNER.name(), Role.APPROVER.name(), Role.LAND_BUREAU.name())
        .role(Role.PLANNER.name())
        .implies(Role.VIEWER.name())
        .role(Role.APPROVER.name())
        .implies(Role.VIEWER.name())
        .role(Role.LAND_BUREAU.name())
        .implies(Role.VIEWER.name())
        .build();
  }

  /**
   * No Micrometer observation around each filter of the security chains, each authentication and
   * each authorization: they registered and updated several meters per request (about a third of a
   * cached tile's time, issue 16) and no metric of the operations endpoints uses them; request
   * times per endpoint come from Spring MVC's {@code http.server.requests}.
   */
  @Bean
  static SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /** Page sessions by user, so that {@link SessionExpiry} can end them. */
  @Bean
  SessionRegistry sessionRegistry() {
    return new SessionRegistryImpl();
  }

  /** Tells the session registry about sessions that end (time-out, sign-out). */
  @Bean
  HttpSessionEventPublisher httpSessionEventPublisher() {
    return new HttpSessionEventPublisher();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    // {bcrypt} by default, and a stored hash names its own algorithm.
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Users from the store; not a bean, as only {@link #authenticationProvider} uses it. */
  static UserDetailsService userDetailsService(UserRepository users) {
    return username ->
        users
            .find(username)
            .map(
                stored ->
                    User.withUsername(stored.account().username())
                        .password(stored.passwordHash())
                        .roles(
                            stored.account().roles().stream()
                                .map(Role::name)
                                .toArray(String[]::new))
                        .disabled(!stored.account().enabled())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  @Bean
  CachingAuthenticationProvider authenticationProvider(
      UserRepository users, PasswordEncoder encoder, LoginThrottle throttle) {
    DaoAuthenticationProvider dao = new DaoAuthenticationProvider(userDetailsService(users));
    dao.setPasswordEncoder(encoder);
    return new CachingAuthenticationProvider(dao, Duration.ofMinutes(5), throttle);
  }

  /**
   * Requests carrying an {@code Authorization} header (API clients with HTTP Basic): stateless, so
   * they never create a session, and never read one either (a session cookie sent beside the header
   * does not authenticate, so it cannot write without a CSRF token). No CSRF token: a browser does
   * not add Basic credentials by itself (see {@link SecurityProblems}).
   */
  @Bean
  @Order(1)
  SecurityFilterChain apiFilterChain(
      HttpSecurity http,
      CachingAuthenticationProvider authenticationProvider,
      BasemapProperties basemaps)
      throws Exception {
    SecurityProblems problems = new SecurityProblems();
    http.securityMatcher(r -> r.getHeader("Authorization") != null)
        .authenticationManager(new ProviderManager(authenticationProvider))
        .authorizeHttpRequests(SecurityConfiguration::rules)
        .httpBasic(b -> b.realmName("zoneplan").authenticationEntryPoint(problems))
        .csrf(c -> c.disable())
        .requestCache(c -> c.requestCache(new NullRequestCache()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(h -> headers(h, basemaps))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }

  /**
   * The page (form login, session cookie, CSRF token) and anonymous requests. Only a successful
   * sign-in creates a session: an anonymous request is not remembered for after the login (it would
   * need a session per stranger), a failed login keeps no message in a session, and the login
   * form's CSRF token lives in a cookie until then ({@link LoginCsrfTokenRepository}).
   */
  @Bean
  @Order(2)
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      CachingAuthenticationProvider authenticationProvider,
      BasemapProperties basemaps,
      SessionRegistry sessionRegistry,
      AccountProperties accounts)
      throws Exception {
    SecurityProblems problems = new SecurityProblems();
    HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    // A page visit is remembered for after the login only in an existing session; no API call is.
    requestCache.setCreateSessionAllowed(false);
    requestCache.setRequestMatcher(
        r -> "GET".equals(r.getMethod()) && !SecurityProblems.isApiRequest(r));
    http.authenticationManager(new ProviderManager(authenticationProvider))
        .authorizeHttpRequests(SecurityConfiguration::rules)
        .formLogin(f -> f.loginPage("/login").failureHandler(loginFailures()).permitAll())
        .logout(l -> l.logoutSuccessUrl("/login?logout"))
        .csrf(
            c ->
                c.csrfTokenRepository(new LoginCsrfTokenRepository())
                    .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken))
        .requestCache(c -> c.requestCache(requestCache))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .sessionManagement(
            s ->
                s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                    .maximumSessions(accounts.maxSessionsPerUser())
                    .sessionRegistry(sessionRegistry)
                    .expiredSessionStrategy(
                        event ->
                            problems.commence(
                                event.getRequest(),
                                event.getResponse(),
                                new org.springframework.security.authentication
                                    .CredentialsExpiredException("the session was ended"))))
        .headers(h -> headers(h, basemaps));
    return http.build();
  }

  /**
   * The read-through for HTTP Basic requests whose password check is cached ({@link
   * CachedBasicAccess}): the API chain's own URL rules and the chains' header writers.
   */
  @Bean
  CachedBasicAccess cachedBasicAccess(
      CachingAuthenticationProvider authenticationProvider,
      @Qualifier("apiFilterChain") SecurityFilterChain apiFilterChain,
      BasemapProperties basemaps) {
    AuthorizationManager<HttpServletRequest> rules =
        apiFilterChain.getFilters().stream()
            .filter(AuthorizationFilter.class::isInstance)
            .map(f -> ((AuthorizationFilter) f).getAuthorizationManager())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the API chain has no URL rules"));
    return new CachedBasicAccess(authenticationProvider, rules, headerWriters(basemaps));
  }

  /**
   * The response headers of both chains: Spring Security's defaults (X-Content-Type-Options, the
   * XSS filter off, cache headers unless the response has its own, HSTS on HTTPS, X-Frame-Options
   * DENY) and the page's Content-Security-Policy. Listed here rather than left to the defaults so
   * that {@link CachedBasicAccess} writes exactly the same ones.
   */
  static List<HeaderWriter> headerWriters(BasemapProperties basemaps) {
    return List.of(
        new XContentTypeOptionsHeaderWriter(),
        new XXssProtectionHeaderWriter(),
        new CacheControlHeadersWriter(),
        new HstsHeaderWriter(),
        new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY),
        new ContentSecurityPolicyHeaderWriter(ContentSecurityPolicy.of(basemaps)));
  }

  private static void headers(HeadersConfigurer<HttpSecurity> headers, BasemapProperties basemaps) {
    headers.defaultsDisabled();
    headerWriters(basemaps).forEach(headers::addHeaderWriter);
  }

  /** Every URL rule, the same for both chains. */
  private static void rules(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
    a.requestMatchers("/login", "/error", "/favicon.ico", "/*.css", "/*.js", "/webjars/**")
        .permitAll()
        // Health (status only, no details) for load balancers and orchestrators; the other
        // operational endpoints (metrics, the OpenAPI document) fall under the GET rule below.
        .requestMatchers(read("/actuator/health"))
        .permitAll()
        .requestMatchers(read("/actuator/health/**"))
        .permitAll()
        // Tiles: reads for anyone signed in, as under the GET rule at the end; decided here, before
        // some fifty matchers that cannot match them (a cached tile's busiest cost, issue 16)
        .requestMatchers(read("/tiles/**"))
        .authenticated()
        // ADMIN
        .requestMatchers("/api/users", "/api/users/**", "/api/audit")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(POST, "/api/plans")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(PUT, "/api/plans/*")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(DELETE, "/api/plans/*")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(POST, "/api/evaluation/rule-sets")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(PUT, "/api/indicators/city-targets", "/api/plans/*/indicators/targets")
        .hasRole(Role.ADMIN.name())
        // ADMIN: cooperation parks (特别合作园); reading them is for anyone signed in
        .requestMatchers(POST, "/api/parks")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(PUT, "/api/parks/*", "/api/parks/*/figures")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(DELETE, "/api/parks/*")
        .hasRole(Role.ADMIN.name())
        // ADMIN: targets and values of the open-economy indicators (一号开放工程); reads for anyone
        // signed in
        .requestMatchers(PUT, "/api/open-indicators/values")
        .hasRole(Role.ADMIN.name())
        // LAND_BUREAU
        .requestMatchers(read("/api/plans/*/export"))
        .hasRole(Role.LAND_BUREAU.name())
        .requestMatchers(POST, "/api/import", "/api/parcels")
        .hasRole(Role.LAND_BUREAU.name())
        .requestMatchers(DELETE, "/api/parcels/*")
        .hasRole(Role.LAND_BUREAU.name())
        .requestMatchers(POST, "/api/enterprises/import")
        .hasRole(Role.LAND_BUREAU.name())
        .requestMatchers(PUT, "/api/enterprises/*", "/api/enterprises/*/land")
        .hasRole(Role.LAND_BUREAU.name())
        // LAND_BUREAU: projects, and the land-quota ledger (append-only: nothing under /api/quota
        // changes or removes an entry)
        .requestMatchers(
            POST,
            "/api/projects",
            "/api/projects/import",
            "/api/quota/grants",
            "/api/quota/allocations",
            "/api/quota/consumptions",
            "/api/quota/reversals")
        .hasRole(Role.LAND_BUREAU.name())
        .requestMatchers(PUT, "/api/projects/*")
        .hasRole(Role.LAND_BUREAU.name())
        .requestMatchers(read("/api/projects/export"))
        .hasRole(Role.LAND_BUREAU.name())
        // PLANNER (and ADMIN): programmes and their carriers
        .requestMatchers(POST, "/api/programmes", "/api/programmes/*/members")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(PUT, "/api/programmes/*", "/api/programmes/*/members/*/*")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(DELETE, "/api/programmes/*", "/api/programmes/*/members/*/*")
        .hasRole(Role.PLANNER.name())
        // computations that write nothing: anyone signed in
        .requestMatchers(
            POST, "/api/measure", "/api/plans/*/zones/*/what-if", "/api/evaluation/run")
        .authenticated()
        .requestMatchers(POST, "/api/me/password")
        .authenticated()
        // PLANNER
        .requestMatchers(POST, "/api/plans/*/zones/*", "/api/plans/*/zones/*/restore")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(PUT, "/api/plans/*/zones/*")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(DELETE, "/api/plans/*/zones/*")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(POST, "/ogc/collections/*/items")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(PUT, "/ogc/collections/*/items/*")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(DELETE, "/ogc/collections/*/items/*")
        .hasRole(Role.PLANNER.name())
        .requestMatchers(
            POST, "/api/proposals", "/api/proposals/*/submit", "/api/proposals/*/withdraw")
        .hasRole(Role.PLANNER.name())
        // the 报盘 coordinate file's import (a dry run, a zone's geometry, a draft proposal)
        .requestMatchers(POST, "/api/plans/*/zones/*/baopan", "/api/plans/*/baopan")
        .hasRole(Role.PLANNER.name())
        // APPROVER
        .requestMatchers(POST, "/api/proposals/*/approve", "/api/proposals/*/reject")
        .hasRole(Role.APPROVER.name())
        // the page's tables as .xlsx (issue 15): reads, VIEWER and up
        .requestMatchers(
            read(
                "/api/plans/*/overlaps.xlsx",
                "/api/plans/*/scattered.xlsx",
                "/api/plans/*/attribution.xlsx",
                "/api/compare.xlsx",
                "/api/plans/*/tree.xlsx",
                "/api/plans/*/indicators/yearly.xlsx",
                "/api/plans/*/zones/*/indicators/series.xlsx",
                "/api/evaluation/results.xlsx",
                "/api/evaluation/results/zones.xlsx"))
        .hasRole(Role.VIEWER.name())
        // the PDF report of a zone and the atlas of a plan (issue 11): reads, VIEWER and up
        .requestMatchers(read("/api/plans/*/zones/*/report.pdf", "/api/plans/*/atlas.pdf"))
        .hasRole(Role.VIEWER.name())
        // reading: anyone signed in
        .requestMatchers(GET, "/**")
        .authenticated()
        .requestMatchers(HEAD, "/**")
        .authenticated()
        // any other method (writes, OPTIONS, TRACE, ...): ADMIN only, so a new endpoint is closed
        // until listed
        .anyRequest()
        .hasRole(Role.ADMIN.name());
  }

  /**
   * GET and HEAD of a path. Spring MVC answers HEAD with the GET handler (running it, without
   * sending the body), so every rule for a GET must hold for HEAD too (issue 13: a viewer's HEAD
   * ran the export).
   */
  private static RequestMatcher read(String... patterns) {
    List<RequestMatcher> matchers = new ArrayList<>();
    for (String pattern : patterns) {
      matchers.add(PathPatternRequestMatcher.pathPattern(GET, pattern));
      matchers.add(PathPatternRequestMatcher.pathPattern(HEAD, pattern));
    }
    return new OrRequestMatcher(matchers);
  }

  /** A wrong password back to the form with ?error; a throttled address with ?locked. */
  private static ExceptionMappingAuthenticationFailureHandler loginFailures() {
    ExceptionMappingAuthenticationFailureHandler failures =
        new ExceptionMappingAuthenticationFailureHandler();
    failures.setDefaultFailureUrl("/login?error");
    failures.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
    // The form shows its message from ?error / ?locked: nothing to keep in a new session.
    failures.setAllowSessionCreation(false);
    return failures;
  }

  /**
   * A CSRF token is required on every unsafe request a browser could make with the page's session
   * cookie, and on the login form itself; not on requests without a session (they carry no
   * credentials a browser adds by itself and are answered 401). HTTP Basic requests never get here:
   * they go through {@link #apiFilterChain}.
   */
  static boolean needsCsrfToken(HttpServletRequest request) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return false;
    }
    return request.getRequestedSessionId() != null
        || SecurityProblems.path(request).equals("/login");
  }
}
