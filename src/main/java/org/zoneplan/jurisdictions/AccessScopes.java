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
    byUser.invalidateAll();
    derived.invalidateAll();
    tree.invalidateAll();
  }

  @EventListener
  void zonesChanged(ZonesChangedEvent event) {
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

  @Override
  public String scopeKey() {
    return current().key();
  }

  @Override
  public Set<String> visibleCodes(String planId) {
    UserScope s = current();
    return s.unrestricted() ? null : visibleCodes(s, planId);
  }

  @SuppressWarnings("unchecked")
  Set<String> visibleCodes(UserScope s, String planId) {
    return (Set<String>)
        derived.get(
            List.of("codes", s.key(), planId), k -> computeCodes(s, zones.findZones(planId)));
  }

  private Set<String> computeCodes(UserScope s, List<Zone> planZones) {
    Map<String, Zone> byCode = new HashMap<>();
    planZones.forEach(z -> byCode.put(z.code(), z));
    DivisionTree t = tree();
    Set<String> out = new LinkedHashSet<>();
    for (Zone z : planZones) {
      if (byZone(s, z.code(), byCode) || byDivision(s, t, z.geometry())) {
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
    if (s.divisions().isEmpty()) {
      return false;
    }
    String at = t.locate(g);
    if (at == null) {
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
        (PreparedGeometry)
            derived.get(List.of("land", s.key(), String.valueOf(planId)), k -> region(s, planId));
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
  @SuppressWarnings("unchecked")
  Set<String> visibleDivisions(UserScope s) {
    return (Set<String>)
        derived.get(
            List.of("divisions", s.key()),
            k -> {
              DivisionTree t = tree();
              Set<String> out = new LinkedHashSet<>();
              s.divisions().forEach(d -> out.addAll(t.subtree(d)));
              if (!s.zones().isEmpty()) {
                for (PlanVersion p : zones.findPlans()) {
                  Set<String> codes = visibleCodes(s, p.id());
                  for (Zone z : zones.findZones(p.id())) {
                    if (codes.contains(z.code())) {
                      String at = t.locate(z.geometry());
                      if (at != null) {
                        out.add(at);
                      }
                    }
                  }
                }
              }
              return Set.copyOf(out);
            });
  }
}
