package org.zoneplan.ogcapi;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The HTML view of OGC API responses: the same document as the JSON, as a page a person can read
 * and follow (links as links, features as a table). No scripts.
 */
final class OgcHtml {
  private OgcHtml() {}

  static String page(String title, JsonNode body) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:")
        .append("collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;")
        .append("vertical-align:top}</style></head><body><h1>")
        .append(escape(title))
        .append("</h1>");
    if (body.has("description")) {
      b.append("<p>").append(escape(body.get("description").asString())).append("</p>");
    }
    if (body.has("links")) {
      b.append("<ul>");
      for (JsonNode link : body.get("links")) {
        b.append("<li><a href=\"")
            .append(escape(link.path("href").asString()))
            .append("\">")
            .append(escape(link.path("title").asString(link.path("rel").asString())))
            .append("</a> (")
            .append(escape(link.path("rel").asString()))
            .append(")</li>");
      }
      b.append("</ul>");
    }
    if (body.has("conformsTo")) {
      b.append("<ul>");
      body.get("conformsTo")
          .forEach(c -> b.append("<li>").append(escape(c.asString())).append("</li>"));
      b.append("</ul>");
    }
    if (body.has("collections")) {
      b.append("<table><tr><th>id</th><th>title</th><th>description</th></tr>");
      for (JsonNode c : body.get("collections")) {
        b.append("<tr><td><a href=\"collections/")
            .append(escape(c.get("id").asString()))
            .append("?f=html\">")
            .append(escape(c.get("id").asString()))
            .append("</a></td><td>")
            .append(escape(c.path("title").asString()))
            .append("</td><td>")
            .append(escape(c.path("description").asString()))
            .append("</td></tr>");
      }
      b.append("</table>");
    }
    if (body.has("features")) {
      b.append("<p>")
          .append(body.path("numberReturned").asLong())
          .append(" of ")
          .append(body.path("numberMatched").asLong())
          .append(" features</p><table>");
      boolean header = true;
      for (JsonNode f : body.get("features")) {
        if (header) {
          b.append("<tr><th>id</th>");
          for (Map.Entry<String, JsonNode> p : f.get("properties").properties()) {
            b.append("<th>").append(escape(p.getKey())).append("</th>");
          }
          b.append("</tr>");
          header = false;
        }
        b.append("<tr><td><a href=\"items/")
            .append(escape(f.get("id").asString()))
            .append("?f=html\">")
            .append(escape(f.get("id").asString()))
            .append("</a></td>");
        for (Map.Entry<String, JsonNode> p : f.get("properties").properties()) {
          b.append("<td>").append(escape(text(p.getValue()))).append("</td>");
        }
        b.append("</tr>");
      }
      b.append("</table>");
    } else if (body.has("properties")) {
      b.append("<table>");
      for (Map.Entry<String, JsonNode> p : body.get("properties").properties()) {
        b.append("<tr><th>")
            .append(escape(p.getKey()))
            .append("</th><td>")
            .append(escape(text(p.getValue())))
            .append("</td></tr>");
      }
      b.append("</table>");
    }
    return b.append("</body></html>").toString();
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString();
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
