package org.zoneplan.proposals;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Estimates what a proposal's changes would do to a plan version (the what-if), without saving
 * anything. Frozen into the proposal at submission, computed again at the decision.
 */
public interface ProposalEffects {
  JsonNode estimate(String planId, List<ProposedChange> changes);
}
