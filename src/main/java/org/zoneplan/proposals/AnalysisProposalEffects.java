package org.zoneplan.proposals;

import java.util.List;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.WhatIfReport;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A proposal's effect with the analysis what-if: each change's area delta and overlaps created
 * (from {@link ZoneGeometryEffects}), and for every changed existing zone the analysis what-if —
 * industrial-land concentration before and after, parcels gained and lost. The what-if's records
 * are put into the effect's JSON as the what-if endpoint writes them.
 */
@Component
@Primary
class AnalysisProposalEffects implements ProposalEffects {
  private final ZoneGeometryEffects geometry;
  private final WhatIfReport whatIf;
  private final JsonMapper json;

  AnalysisProposalEffects(ZoneGeometryEffects geometry, WhatIfReport whatIf, JsonMapper json) {
    this.geometry = geometry;
    this.whatIf = whatIf;
    this.json = json;
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
        WhatIfReport.Result w = whatIf.whatIf(planId, c.code(), c.draft().geometry(), null, null);
        item.set("concentration", json.valueToTree(w.concentration()));
        item.set("parcelsGained", json.valueToTree(w.parcelsGained()));
        item.set("parcelsLost", json.valueToTree(w.parcelsLost()));
        item.set("overlapsWhatIf", json.valueToTree(w.overlaps()));
      } catch (ApiProblem e) {
        // E.g. no county outline holds the plan's zones: the geometric effect still stands.
        item.put("whatIfUnavailable", e.getMessage());
      }
    }
    return effect;
  }
}
