package org.zoneplan.ogcapi;

/**
 * The OpenAPI 3.0 definition served at {@code /ogc/api} (the landing page's {@code service-desc}):
 * the paths and parameters of this OGC API – Features server.
 */
final class OgcOpenApi {
  private OgcOpenApi() {}

  static String document(String base) {
    String param = "{\"name\":\"%s\",\"in\":\"%s\",\"required\":%s,\"schema\":{\"type\":\"%s\"}}";
    String collectionId = String.format(param, "collectionId", "path", "true", "string");
    String featureId = String.format(param, "featureId", "path", "true", "string");
    String itemParameters = collectionId + "," + featureId;
    String query =
        String.join(
            ",",
            String.format(param, "bbox", "query", "false", "string"),
            String.format(param, "bbox-crs", "query", "false", "string"),
            String.format(param, "crs", "query", "false", "string"),
            String.format(param, "limit", "query", "false", "integer"),
            String.format(param, "offset", "query", "false", "integer"),
            String.format(param, "datetime", "query", "false", "string"),
            String.format(param, "f", "query", "false", "string"));
    String ok = "{\"200\":{\"description\":\"OK\"}}";
    return "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"zoneplan OGC API – Features\","
        + "\"version\":\"1.0\"},\"servers\":[{\"url\":\""
        + base
        + "\"}],\"paths\":{"
        + "\"/\":{\"get\":{\"summary\":\"landing page\",\"responses\":"
        + ok
        + "}},"
        + "\"/conformance\":{\"get\":{\"summary\":\"conformance classes\",\"responses\":"
        + ok
        + "}},"
        + "\"/collections\":{\"get\":{\"summary\":\"collections\",\"responses\":"
        + ok
        + "}},"
        + "\"/collections/{collectionId}\":{\"get\":{\"summary\":\"a collection\",\"parameters\":["
        + collectionId
        + "],\"responses\":"
        + ok
        + "}},"
        + "\"/collections/{collectionId}/items\":{\"get\":{\"summary\":\"features\",\"parameters\":["
        + collectionId
        + ","
        + query
        + "],\"responses\":"
        + ok
        + "},"
        + "\"post\":{\"summary\":\"create a zone\",\"parameters\":["
        + collectionId
        + "],\"responses\":{\"201\":{\"description\":\"Created\"}}}},"
        + "\"/collections/{collectionId}/items/{featureId}\":{\"get\":{\"summary\":\"a feature\","
        + "\"parameters\":["
        + itemParameters
        + "],\"responses\":"
        + ok
        + "},"
        + "\"put\":{\"summary\":\"replace a zone (If-Match)\",\"parameters\":["
        + itemParameters
        + "],\"responses\":"
        + ok
        + "},"
        + "\"delete\":{\"summary\":\"delete a zone (If-Match)\",\"parameters\":["
        + itemParameters
        + "],\"responses\":{\"204\":{\"description\":\"Deleted\"}}}}}}";
  }
}
