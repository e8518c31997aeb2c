package org.zoneplan.analysis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.ReportParts.Feature;
import org.zoneplan.analysis.ReportParts.ProblemProperties;
import org.zoneplan.system.ApiProblem;

/**
 * Overlaps, children outside their parents, gaps and slivers of a plan version ({@link
 * OverlapFinder}), as a GeoJSON FeatureCollection; cached per plan version and tolerance.
 */
@Service
public class OverlapReport {
  private static final double MAX_TOLERANCE_M = 1000;

  private final AnalysisInputs inputs;
  private final OverlapFinder defaultFinder;

  OverlapReport(AnalysisInputs inputs) {
    this.inputs = inputs;
    this.defaultFinder = inputs.properties().overlapFinder();
  }

  /**
   * The report.
   *
   * @param type "FeatureCollection"
   * @param toleranceM gap and sliver tolerance used, metres
   * @param minAreaM2 problems smaller than this are left out, m²
   * @param counts number of problems per kind (every kind, zero included)
   * @param features one per problem, its geometry where the problem is
   */
  public record Result(
      String type,
      String planId,
      double toleranceM,
      double minAreaM2,
      Map<SpatialProblem.Kind, Long> counts,
      List<Feature<ProblemProperties>> features) {}

  /**
   * @param toleranceM gap and sliver tolerance, metres (0–1000), or null for {@code
   *     zoneplan.analysis.gap-tolerance-m}; otherwise 422 invalid-tolerance
   */
  public Result overlaps(String planId, Double toleranceM) {
    OverlapFinder f = finder(toleranceM);
    List<SpatialProblem> problems = problems(planId, f);
    Map<SpatialProblem.Kind, Long> counts = new EnumMap<>(SpatialProblem.Kind.class);
    for (SpatialProblem.Kind kind : SpatialProblem.Kind.values()) {
      counts.put(kind, problems.stream().filter(p -> p.kind() == kind).count());
    }
    return new Result(
        "FeatureCollection",
        planId,
        f.toleranceM(),
        inputs.properties().minProblemAreaM2(),
        counts,
        problems.stream().map(ProblemProperties::feature).toList());
  }

  /**
   * The spatial problems of a plan version, as {@link #overlaps} lists them (cached, in the same
   * order): for exports and other callers that want the objects rather than GeoJSON.
   *
   * @param toleranceM gap and sliver tolerance, or null for {@code
   *     zoneplan.analysis.gap-tolerance-m}
   */
  public List<SpatialProblem> problems(String planId, Double toleranceM) {
    return problems(planId, finder(toleranceM));
  }

  private List<SpatialProblem> problems(String planId, OverlapFinder f) {
    AnalysisInputs.PlanData plan = inputs.planData(planId);
    return inputs
        .cache()
        .plan(planId, "overlaps", List.of(f.toleranceM()), () -> f.find(plan.geometry()));
  }

  private OverlapFinder finder(Double toleranceM) {
    if (toleranceM == null) {
      return defaultFinder;
    }
    if (!(toleranceM >= 0 && toleranceM <= MAX_TOLERANCE_M)) {
      throw ApiProblem.invalid(
              "invalid-tolerance",
              "tolerance must be 0–" + (int) MAX_TOLERANCE_M + " metres, was " + toleranceM)
          .with("tolerance", toleranceM);
    }
    return new OverlapFinder(toleranceM, inputs.properties().minProblemAreaM2());
  }
}
