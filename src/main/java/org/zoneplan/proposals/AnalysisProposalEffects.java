package org.zoneplan.proposals;

import java.util.List;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.AnalysisService;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A proposal's effect with the analysis what-if: each change's area delta and overlaps created
 * (from {@link ZoneGeometryEffects}), and for every changed existing zone the analysis what-if —
 * industrial-land concentration before and after, parcels gained and lost.
 */
@Component
@Primary
class AnalysisProposalEffects implements ProposalEffects {
  private final ZoneGeometryEffects geometry;
  private final AnalysisService analysis;

  AnalysisProposalEffects(ZoneGeometryEffects geometry, AnalysisService analysis) {
    this.geometry = geometry;
    this.analysis = analysis;
  }

  @Override
  public JsonNode estimate(String planId, List<ProposedChange> changes) {
    ObjectNode effect = (ObjectNode) geometry.estimate(planId, changes);
    JsonNode items = effect.get("changes");
    for (int i = 0; i < changes.size(); i++) {
      ProposedChange c = changes.get(i);
      if (c.operation() != ProposedChange.Operation.UPDATE) {
        continue;
      }
      ObjectNode item = (ObjectNode) items.get(i);
      try {
        ObjectNode whatIf =
            analysis.whatIf(planId, c.code(), GeoJson.write(c.draft().geometry()), null, null);
        item.set("concentration", whatIf.get("concentration"));
        item.set("parcelsGained", whatIf.get("parcelsGained"));
        item.set("parcelsLost", whatIf.get("parcelsLost"));
        item.set("overlapsWhatIf", whatIf.get("overlaps"));
      } catch (ApiProblem e) {
        // E.g. no county outline holds the plan's zones: the geometric effect still stands.
        item.put("whatIfUnavailable", e.getMessage());
      }
    }
    return effect;
  }
}
