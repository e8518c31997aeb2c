/**
 * Operating zoneplan like any Spring Boot service: health with liveness and readiness (readiness
 * waits for the store and the analysis warm-up), Prometheus metrics (request times per endpoint,
 * the tile cache, the connection pool), the OpenAPI document of the REST API; all behind the rules
 * of {@code security.SecurityConfiguration} (health open, the rest for signed-in users).
 */
package org.zoneplan.operations;
