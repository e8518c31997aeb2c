package org.zoneplan.replicas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Envelope;
import org.zoneplan.divisions.DivisionsChangedEvent;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.evaluation.RuleSetsChangedEvent;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.security.UsersChangedEvent;
import org.zoneplan.zones.ZonesChangedEvent;

/**
 * The change-log rows read in one go, turned into the application events that zoneplan's own
 * writers publish, so that every cache reacts to a change from another process or from the database
 * exactly as to its own: a zone row becomes a {@link ZonesChangedEvent} with its old and new
 * bounding boxes, a parcel row a {@link ParcelsChangedEvent} for each of them (tiles meeting either
 * box are dropped, not those meeting only their union), and so on.
 *
 * <p>Zone, parcel and division rows written by this process ({@code origin}) are skipped: every
 * writer of those tables in zoneplan ({@code ZoneService}, {@code ParcelService}, {@code
 * DivisionService}) publishes its event after the commit. Other tables' rows are not skipped (they
 * only clear caches whole).
 *
 * <p>Bounded: beyond {@link #MAX_BOXES} boxes of one table (or plan version), the boxes of that
 * table collapse into their union (an import of thousands of parcels drops the tiles over the
 * imported area, as the import's own event does). Not thread-safe; one per read. Spring-free.
 */
final class ChangeBatch {
  static final int MAX_BOXES = 512;

  /** Meets every tile: for a truncated table. */
  static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

  static final Set<String> ENTERPRISE_TABLES =
      Set.of(
          "enterprise",
          "enterprise_land",
          "enterprise_stat",
          "enterprise_stat_quarter",
          "zone_stat",
          "parcel_supply");

  static final Set<String> TARGET_TABLES = Set.of("city_target", "zone_target");

  private final String ownOrigin;
  private final Map<String, Boxes> zones = new LinkedHashMap<>();
  private final Boxes parcels = new Boxes();
  private final Map<String, Boxes> divisions = new LinkedHashMap<>();
  private final Set<String> users = new LinkedHashSet<>();
  private boolean zonesTruncated;
  private boolean divisionsTruncated;
  private boolean usersAll;
  private boolean enterprises;
  private boolean ruleSets;
  private boolean targets;
  private int rows;

  ChangeBatch(String ownOrigin) {
    this.ownOrigin = ownOrigin;
  }

  /** A batch that drops everything (after the log could not be read for too long). */
  static ChangeBatch everything() {
    ChangeBatch all = new ChangeBatch(null);
    all.zonesTruncated = true;
    all.parcels.all = true;
    all.divisionsTruncated = true;
    all.usersAll = true;
    all.enterprises = true;
    all.ruleSets = true;
    all.targets = true;
    return all;
  }

  void add(ChangeRow row) {
    rows++;
    boolean own = ownOrigin != null && ownOrigin.equals(row.origin());
    boolean truncate = "TRUNCATE".equals(row.op());
    switch (row.table()) {
      case "zone" -> {
        if (own) {
          return;
        }
        if (truncate) {
          zonesTruncated = true;
        } else {
          zones
              .computeIfAbsent(row.planId(), k -> new Boxes())
              .add(row.key(), row.oldExtent(), row.newExtent());
        }
      }
      case "parcel" -> {
        if (own) {
          return;
        }
        if (truncate) {
          parcels.all = true;
        } else {
          parcels.add(row.key(), row.oldExtent(), row.newExtent());
        }
      }
      case "division" -> {
        if (own) {
          return;
        }
        if (truncate) {
          divisionsTruncated = true;
        } else {
          divisions
              .computeIfAbsent(row.key(), k -> new Boxes())
              .add(row.key(), row.oldExtent(), row.newExtent());
        }
      }
      case "app_user", "user_scope" -> users.add(row.key());
      case "evaluation_rule_set" -> ruleSets = true;
      default -> {
        if (ENTERPRISE_TABLES.contains(row.table())) {
          enterprises = true;
        } else if (TARGET_TABLES.contains(row.table())) {
          targets = true;
        }
      }
    }
  }

  int rows() {
    return rows;
  }

  /** Whether targets changed (the indicators' cache has a hook instead of a public event). */
  boolean targetsChanged() {
    return targets;
  }

  /**
   * The events to publish, in the order zones, parcels, divisions, enterprises, rule sets, users.
   *
   * @param planIds every plan version (asked only when the zone table was truncated)
   * @param usernames every user (asked only when all users must be taken as changed)
   * @param divisionCodes every division (asked only when the division table was truncated)
   */
  List<Object> events(
      Supplier<List<String>> planIds,
      Supplier<List<String>> usernames,
      Supplier<List<String>> divisionCodes) {
    List<Object> events = new ArrayList<>();
    if (zonesTruncated) {
      for (String plan : planIds.get()) {
        events.add(new ZonesChangedEvent(plan, null, WORLD, WORLD));
      }
    }
    zones.forEach(
        (plan, boxes) -> {
          if (boxes.all) {
            events.add(new ZonesChangedEvent(plan, null, WORLD, WORLD));
          } else if (boxes.union != null) {
            events.add(new ZonesChangedEvent(plan, null, boxes.union, null));
          } else {
            for (Change c : boxes.changes) {
              events.add(new ZonesChangedEvent(plan, c.key(), c.oldExtent(), c.newExtent()));
            }
          }
        });
    if (parcels.all) {
      events.add(new ParcelsChangedEvent(null));
    } else if (parcels.union != null) {
      events.add(new ParcelsChangedEvent(parcels.union));
    } else {
      for (Change c : parcels.changes) {
        // Two events, not one with the union: a tile meeting neither box keeps its ETag.
        if (c.oldExtent() != null) {
          events.add(new ParcelsChangedEvent(c.oldExtent()));
        }
        if (c.newExtent() != null && !c.newExtent().equals(c.oldExtent())) {
          events.add(new ParcelsChangedEvent(c.newExtent()));
        }
      }
    }
    if (divisionsTruncated) {
      for (String code : divisionCodes.get()) {
        events.add(new DivisionsChangedEvent(code, WORLD, WORLD));
      }
    }
    divisions.forEach(
        (code, boxes) -> {
          for (Change c : boxes.changes) {
            events.add(new DivisionsChangedEvent(code, c.oldExtent(), c.newExtent()));
          }
          if (boxes.union != null || boxes.all) {
            events.add(new DivisionsChangedEvent(code, WORLD, WORLD));
          }
        });
    if (enterprises) {
      events.add(new EnterprisesChangedEvent());
    }
    if (ruleSets) {
      // The id is not known here; the listeners do not use it.
      events.add(new RuleSetsChangedEvent(0));
    }
    Set<String> changedUsers = new LinkedHashSet<>(users);
    if (usersAll) {
      changedUsers.addAll(usernames.get());
    }
    for (String user : changedUsers) {
      events.add(new UsersChangedEvent(user));
    }
    return events;
  }

  private record Change(String key, Envelope oldExtent, Envelope newExtent) {}

  /** The changed rows of one table (or plan version), or their union once there are too many. */
  private static final class Boxes {
    final List<Change> changes = new ArrayList<>();
    Envelope union;
    boolean all;

    void add(String key, Envelope oldExtent, Envelope newExtent) {
      if (all) {
        return;
      }
      if (union == null && changes.size() < MAX_BOXES) {
        changes.add(new Change(key, oldExtent, newExtent));
        return;
      }
      if (union == null) {
        union = new Envelope();
        for (Change c : changes) {
          expand(c.oldExtent());
          expand(c.newExtent());
        }
        changes.clear();
      }
      expand(oldExtent);
      expand(newExtent);
    }

    private void expand(Envelope e) {
      if (e != null) {
        union.expandToInclude(e);
      }
    }
  }
}
