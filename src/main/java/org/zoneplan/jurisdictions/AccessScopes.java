package org.zoneplan.jurisdictions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneVisibility;
import org.zoneplan.zones.ZonesChangedEvent;

/**
 * The signed-in user's scope and what it lets them see (the one {@link ZoneVisibility}). A zone is
 * visible when a ZONE scope names it or one of its ancestors in its plan, or when its interior
 * point lies in a DIVISION scope's division (or under it). Results are cached per scope key and
 * plan; a zone change or a scope change in this process clears them at once, and everything expires
 * after {@link #TTL} (division outlines, and scopes changed by another replica, are seen within
 * it).
 */
@Component
public class AccessScopes implements ZoneVisibility {
  static final Duration TTL = Duration.ofSeconds(30);

  private final ScopeRepository scopes;
  private final ZoneRepository zones;
  private final DivisionRepository divisions;
  private final Cache<String, UserScope> byUser =
      Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();
  private final Cache<List<String>, Object> derived =
      Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();
  private final Cache<String, DivisionTree> tree =
      Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1).build();

  /**
   * Moves on with every change that drops {@link #derived}: a result computed across it is not
   * kept.
   */
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  AccessScopes(ScopeRepository scopes, ZoneRepository zones, DivisionRepository divisions) {
    this.scopes = scopes;
    this.zones = zones;
    this.divisions = divisions;
  }

  /** The current request's scope: unrestricted without a signed-in user. */
  public UserScope current() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return UserScope.UNRESTRICTED;
    }
    return byUser.get(a.getName(), scopes::find);
  }

  /** The scope stored for a user (not cached). */
  UserScope of(String username) {
    return scopes.find(username);
  }

  DivisionTree tree() {
    return tree.get("tree", k -> new DivisionTree(divisions.findAll(true)));
  }

  /** Forgets every cached scope and result (a scope or the divisions changed). */
  void forget() {
    generation.incrementAndGet();
    byUser.invalidateAll();
    derived.invalidateAll();
    tree.invalidateAll();
  }

  /**
   * A derived result, computed outside the cache's own lock: the results nest (visible divisions
   * need visible codes, which need where zones lie), and Caffeine forbids computing one entry of a
   * cache inside the computation of another. Two requests may compute the same entry once each.
   */
  @SuppressWarnings("unchecked")
  private <T> T cached(List<String> key, java.util.function.Supplier<T> compute) {
    Object found = derived.getIfPresent(key);
    if (found != null) {
      return (T) found;
    }
    long at = generation.get();
    T value = compute.get();
    if (at == generation.get()) {
      derived.put(key, value);
    }
    return value;
  }

  /**
   * Where each zone of the plan lies: zone code → the deepest division holding its interior point
   * (absent when none). The same for every scope, so computed once per plan and zone change.
   */
  Map<String, String> located(String planId) {
    return cached(
        List.of("located", planId),
        () -> {
          DivisionTree t = tree();
          Map<String, String> out = new HashMap<>();
          for (Zone z : zones.findZones(planId)) {
            String at = t.locate(z.geometry());
            if (at != null) {
              out.put(z.code(), at);
            }
          }
          return Map.copyOf(out);
        });
  }

  @EventListener
  void zonesChanged(ZonesChangedEvent event) {
    generation.incrementAndGet();
    derived.invalidateAll();
  }

  /** A user or a user's scope changed (here, or in another process: {@code replicas}). */
  @EventListener
  void usersChanged(org.zoneplan.security.UsersChangedEvent event) {
    forget();
  }

  @EventListener
  void divisionsChanged(org.zoneplan.divisions.DivisionsChangedEvent event) {
    forget();
  }

  /**
   * Forgets again once the writer's transaction has committed, before any other listener: a result
   * computed between the event and the commit read the old rows, and the tile cache, dropping
   * scoped tiles after the commit, must not see them redrawn from it.
   */
  @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
  void divisionsCommitted(org.zoneplan.divisions.DivisionsChangedEvent event) {
    forget();
  }

  /** As {@link #divisionsCommitted}, for zones (where they lie, their parents, their land). */
  @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
  void zonesCommitted(ZonesChangedEvent event) {
    generation.incrementAndGet();
    derived.invalidateAll();
  }

  @Override
  public String scopeKey() {
    return current().key();
  }

  @Override
  public Set<String> visibleCodes(String planId) {
    UserScope s = current();
    return s.unrestricted() ? null : visibleCodes(s, planId);
  }

  Set<String> visibleCodes(UserScope s, String planId) {
    return cached(List.of("codes", s.key(), planId), () -> computeCodes(s, planId));
  }

  private Set<String> computeCodes(UserScope s, String planId) {
    List<Zone> planZones = zones.findZones(planId);
    Map<String, Zone> byCode = new HashMap<>();
    planZones.forEach(z -> byCode.put(z.code(), z));
    Map<String, String> located = located(planId);
    DivisionTree t = tree();
    Set<String> out = new LinkedHashSet<>();
    for (Zone z : planZones) {
      if (byZone(s, z.code(), byCode) || inScopeDivision(s, t, located.get(z.code()))) {
        out.add(z.code());
      }
    }
    return Set.copyOf(out);
  }

  /** Whether a ZONE scope names the zone or one of its ancestors. */
  private static boolean byZone(UserScope s, String code, Map<String, Zone> byCode) {
    if (s.zones().isEmpty()) {
      return false;
    }
    Set<String> seen = new java.util.HashSet<>();
    String c = code;
    while (c != null && seen.add(c)) {
      if (s.zones().contains(c)) {
        return true;
      }
      Zone z = byCode.get(c);
      c = z == null ? null : z.parentCode();
    }
    return false;
  }

  private static boolean byDivision(UserScope s, DivisionTree t, Geometry g) {
    return !s.divisions().isEmpty() && inScopeDivision(s, t, t.locate(g));
  }

  /**
   * Whether the division a zone lies in ({@code at}, may be null) is a scope division or under one.
   */
  private static boolean inScopeDivision(UserScope s, DivisionTree t, String at) {
    if (at == null || s.divisions().isEmpty()) {
      return false;
    }
    for (String d : t.ancestry(at)) {
      if (s.divisions().contains(d)) {
        return true;
      }
    }
    return false;
  }

  /** {@inheritDoc} With a null plan: the visible zones of every plan version. */
  @Override
  public Predicate<Geometry> landFilter(String planId) {
    UserScope s = current();
    if (s.unrestricted()) {
      return null;
    }
    PreparedGeometry region =
        cached(List.of("land", s.key(), String.valueOf(planId)), () -> region(s, planId));
    return g -> g != null && !g.isEmpty() && region.contains(g.getInteriorPoint());
  }

  private PreparedGeometry region(UserScope s, String planId) {
    DivisionTree t = tree();
    List<Geometry> parts = new ArrayList<>();
    for (String d : s.divisions()) {
      Division own = t.division(d);
      if (own != null && own.geometry() != null) {
        parts.add(own.geometry());
      } else {
        // no outline of its own: the outlines of the divisions under it
        t.subtree(d).stream()
            .map(t::division)
            .filter(x -> x != null && x.geometry() != null)
            .forEach(x -> parts.add(x.geometry()));
      }
    }
    if (!s.zones().isEmpty()) {
      // with no plan (parcels asked for on their own): the visible zones of every plan version
      List<String> plans =
          planId != null
              ? List.of(planId)
              : zones.findPlans().stream().map(PlanVersion::id).toList();
      for (String plan : plans) {
        Set<String> codes = visibleCodes(s, plan);
        zones.findZones(plan).stream()
            .filter(z -> codes.contains(z.code()))
            .forEach(z -> parts.add(z.geometry()));
      }
    }
    Geometry union =
        parts.isEmpty()
            ? new GeometryFactory().createGeometryCollection()
            : UnaryUnionOp.union(parts);
    return PreparedGeometryFactory.prepare(union);
  }

  @Override
  public boolean mayHold(String planId, String code, String parentCode, Geometry geometry) {
    UserScope s = current();
    if (s.unrestricted() || s.zones().contains(code)) {
      return true;
    }
    if (parentCode != null && !s.zones().isEmpty()) {
      Map<String, Zone> byCode = new HashMap<>();
      zones.findZones(planId).forEach(z -> byCode.put(z.code(), z));
      if (byZone(s, parentCode, byCode)) {
        return true;
      }
    }
    return byDivision(s, tree(), geometry);
  }

  @Override
  public boolean divisionVisible(String divisionCode) {
    UserScope s = current();
    return s.unrestricted() || visibleDivisions(s).contains(divisionCode);
  }

  /**
   * The divisions whose figures the scope may read: its divisions and those under them, and the
   * divisions its ZONE scopes' zones lie in (the most detailed one with an outline: in the sample
   * data Pujiang's towns have none, so a town planner reads the county's concentration of land,
   * which is what measures their zone).
   */
  Set<String> visibleDivisions(UserScope s) {
    return cached(
        List.of("divisions", s.key()),
        () -> {
          DivisionTree t = tree();
          Set<String> out = new LinkedHashSet<>();
          s.divisions().forEach(d -> out.addAll(t.subtree(d)));
          if (!s.zones().isEmpty()) {
            for (PlanVersion p : zones.findPlans()) {
              Set<String> codes = visibleCodes(s, p.id());
              located(p.id())
                  .forEach(
                      (code, at) -> {
                        if (codes.contains(code)) {
                          out.add(at);
                        }
                      });
            }
          }
          return Set.copyOf(out);
        });
  }

  /**
   * Whether the user may open the jurisdiction: everyone unrestricted; a scoped user, a division
   * whose figures they may read ({@link #visibleDivisions}) or one under it.
   */
  boolean jurisdictionVisible(String code) {
    UserScope s = current();
    if (s.unrestricted()) {
      return true;
    }
    Set<String> visible = visibleDivisions(s);
    return tree().ancestry(code).stream().anyMatch(visible::contains);
  }
}
