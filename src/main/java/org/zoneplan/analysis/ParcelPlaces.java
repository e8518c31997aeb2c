package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.divisions.Division;
import org.zoneplan.zones.Zone;

/**
 * Where parcels lie, for figures that follow whole parcels (an enterprise's grade, its land): by
 * the parcel's interior point, as {@link ZoneMembership} decides, on the analysis's current parcel
 * snapshot (so these answers follow parcel edits as every analysis does). Results are kept in
 * {@link AnalysisCache} with the snapshot and plan they come from.
 */
@Component
public class ParcelPlaces {
  private final AnalysisInputs inputs;

  ParcelPlaces(AnalysisInputs inputs) {
    this.inputs = inputs;
  }

  /**
   * A zone of a plan version and the parcels that belong to it: those whose interior point lies in
   * the zone or in one of its descendants (the union of the zone's subtree: a roll-up never counts
   * a parcel twice).
   *
   * @param parcelIds parcel ids (every land use, not only industrial)
   */
  public record ZoneParcels(String code, String name, String parentCode, Set<Long> parcelIds) {}

  /**
   * Every zone of the plan version with its parcels, in plan order; 404 plan-not-found for an
   * unknown plan.
   */
  public List<ZoneParcels> zones(String planId) {
    Parcels parcels = inputs.parcels();
    PlanData plan = inputs.planData(planId);
    return inputs
        .cache()
        .derived(
            parcels,
            plan.id(),
            "parcel-places-zones",
            List.of(plan.geometry()),
            () -> zoneParcels(parcels.index(), plan));
  }

  private static List<ZoneParcels> zoneParcels(ParcelIndex index, PlanData plan) {
    ZoneMembership membership = ZoneMembership.of(plan.geometry(), index, i -> true);
    Map<String, List<String>> children = new HashMap<>();
    for (Zone z : plan.zones()) {
      if (z.parentCode() != null) {
        children.computeIfAbsent(z.parentCode(), k -> new ArrayList<>()).add(z.code());
      }
    }
    Map<String, ZoneParcels> out = new LinkedHashMap<>();
    for (Zone z : plan.zones()) {
      Set<Long> ids = new java.util.TreeSet<>();
      List<String> todo = new ArrayList<>(List.of(z.code()));
      Set<String> seen = new java.util.HashSet<>();
      while (!todo.isEmpty()) {
        String code = todo.remove(todo.size() - 1);
        if (!seen.add(code)) {
          continue;
        }
        for (int i : membership.members(code)) {
          ids.add(index.parcel(i).id());
        }
        todo.addAll(children.getOrDefault(code, List.of()));
      }
      out.put(z.code(), new ZoneParcels(z.code(), z.name(), z.parentCode(), Set.copyOf(ids)));
    }
    return List.copyOf(out.values());
  }

  /**
   * The ids of the parcels whose interior point lies in the division's outline (boundary included);
   * 404 division-not-found when unknown, 422 division-without-outline when it has no outline.
   */
  public Set<Long> parcelsIn(String divisionCode) {
    Parcels parcels = inputs.parcels();
    Division division = inputs.division(parcels, divisionCode);
    return inputs
        .cache()
        .derived(
            parcels,
            null,
            "parcel-places-division",
            List.of(divisionCode),
            () -> {
              ParcelIndex index = parcels.index();
              Region region = Region.of(division.geometry());
              Set<Long> ids = new java.util.HashSet<>();
              for (int i : index.candidates(region.envelope(), k -> true)) {
                if (region.coversPoint(index.interiorPoint(i))) {
                  ids.add(index.parcel(i).id());
                }
              }
              return Set.copyOf(ids);
            });
  }

  /** The division (404 / 422 as {@link #parcelsIn}). */
  public Division division(String divisionCode) {
    return inputs.division(inputs.parcels(), divisionCode);
  }
}
