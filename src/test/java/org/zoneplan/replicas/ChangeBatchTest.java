package org.zoneplan.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.zoneplan.divisions.DivisionsChangedEvent;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.security.UsersChangedEvent;
import org.zoneplan.zones.ZonesChangedEvent;

/** How change-log rows become events (Spring-free). */
class ChangeBatchTest {
  static final Envelope OLD = new Envelope(119.80, 119.81, 29.40, 29.41);
  static final Envelope NEW = new Envelope(119.90, 119.91, 29.40, 29.41);

  static List<Object> events(ChangeBatch batch) {
    return batch.events(
        () -> List.of("p1", "p2"), () -> List.of("admin", "viewer"), () -> List.of("330726"));
  }

  @Test
  void aMovedParcelDropsTilesAtItsOldAndItsNewPlaceNotTheirUnion() {
    ChangeBatch batch = new ChangeBatch("me");
    batch.add(new ChangeRow("parcel", "UPDATE", null, null, "7", OLD, NEW));
    assertThat(events(batch))
        .containsExactly(new ParcelsChangedEvent(OLD), new ParcelsChangedEvent(NEW));
  }

  @Test
  void ownZoneParcelAndDivisionRowsAreSkippedOthersNot() {
    ChangeBatch batch = new ChangeBatch("me");
    batch.add(new ChangeRow("parcel", "INSERT", "me", null, "7", null, NEW));
    batch.add(new ChangeRow("zone", "UPDATE", "me", "p1", "Z", OLD, NEW));
    batch.add(new ChangeRow("zone", "UPDATE", "other", "p1", "Y", OLD, NEW));
    batch.add(new ChangeRow("division", "UPDATE", "me", null, "330726", OLD, OLD));
    batch.add(new ChangeRow("division", "UPDATE", null, null, "330727", OLD, NEW));
    batch.add(new ChangeRow("enterprise_land", "WRITE", "me", null, null, null, null));
    batch.add(new ChangeRow("app_user", "UPDATE", "me", null, "viewer", null, null));
    assertThat(events(batch))
        .containsExactly(
            new ZonesChangedEvent("p1", "Y", OLD, NEW),
            new DivisionsChangedEvent("330727", OLD, NEW),
            new EnterprisesChangedEvent(),
            new UsersChangedEvent("viewer"));
    assertThat(batch.targetsChanged()).isFalse();
  }

  @Test
  void manyParcelsCollapseIntoTheirUnion() {
    ChangeBatch batch = new ChangeBatch(null);
    for (int i = 0; i <= ChangeBatch.MAX_BOXES; i++) {
      double x = 119 + i * 0.001;
      batch.add(
          new ChangeRow(
              "parcel", "INSERT", null, null, "" + i, null, new Envelope(x, x, 29, 29.5)));
    }
    assertThat(events(batch))
        .containsExactly(
            new ParcelsChangedEvent(
                new Envelope(119, 119 + ChangeBatch.MAX_BOXES * 0.001, 29, 29.5)));
  }

  @Test
  void aTruncatedZoneTableDropsEveryPlansZoneTiles() {
    ChangeBatch batch = new ChangeBatch("me");
    batch.add(new ChangeRow("zone", "TRUNCATE", null, null, null, null, null));
    batch.add(new ChangeRow("zone_target", "WRITE", null, null, null, null, null));
    assertThat(events(batch))
        .containsExactly(
            new ZonesChangedEvent("p1", null, ChangeBatch.WORLD, ChangeBatch.WORLD),
            new ZonesChangedEvent("p2", null, ChangeBatch.WORLD, ChangeBatch.WORLD));
    assertThat(batch.targetsChanged()).isTrue();
  }

  @Test
  void everythingDropsEveryCache() {
    List<Object> events = events(ChangeBatch.everything());
    assertThat(events)
        .contains(
            new ParcelsChangedEvent(null),
            new ZonesChangedEvent("p2", null, ChangeBatch.WORLD, ChangeBatch.WORLD),
            new DivisionsChangedEvent("330726", ChangeBatch.WORLD, ChangeBatch.WORLD),
            new EnterprisesChangedEvent(),
            new UsersChangedEvent("admin"),
            new UsersChangedEvent("viewer"));
    assertThat(ChangeBatch.everything().targetsChanged()).isTrue();
  }
}
